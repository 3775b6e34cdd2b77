/**
 * The stable machine codes the triage engine reports. The operator console translates them, the
 * lexicons are keyed by them and the priority rules group them, so this list is the single place a
 * new signal is added.
 */

/** Signals that mean someone is in danger now or cannot leave. */
export const EMERGENCY_SIGNALS = [
  'confinement',
  'threat-to-kill',
  'violence',
  'weapon',
  'sexual-exploitation',
  'being-sold',
  'moving-now',
  'no-food',
  'hiding',
  'danger-now',
  'rescue-plea',
] as const;

/** Signs of trafficking or forced labour without danger this minute. */
export const URGENT_SIGNALS = [
  'documents-taken',
  'debt-bondage',
  'wages-withheld',
  'deception',
  'forced-overtime',
  'forced-labour',
  'isolation',
  'threat',
] as const;

/** Context that shapes the priority without being a sign of exploitation on its own. */
export const CONTEXT_SIGNALS = [
  'child',
  'immediate',
  'third-party-report',
  'uncertain',
  'help-request',
  'negated-danger',
  'hypothetical',
  'history',
] as const;

/** What questions and information requests are about. */
export const STANDARD_SIGNALS = [
  'question',
  'info-request',
  'visa',
  'rights',
  'agency-check',
  'job-offer',
  'hotline-info',
] as const;

/** Messages without content for a case worker. */
export const NOISE_SIGNALS = ['greeting-only', 'thanks', 'test', 'spam'] as const;

/**
 * What the learned model adds: `model` (it moved the decision; the triage result spells out the
 * words, as `model:'lock'+'door'→emergency`), and `unsure` (neither it nor the rules could tell
 * danger from its absence, so the message waits no longer than an urgent one).
 */
export const MODEL_REASONS = ['model', 'unsure'] as const;

export const REASON_CODES = [
  ...EMERGENCY_SIGNALS,
  ...URGENT_SIGNALS,
  ...CONTEXT_SIGNALS,
  ...STANDARD_SIGNALS,
  ...NOISE_SIGNALS,
  ...MODEL_REASONS,
] as const;

export type ReasonCode = (typeof REASON_CODES)[number];
export type EmergencySignal = (typeof EMERGENCY_SIGNALS)[number];
export type UrgentSignal = (typeof URGENT_SIGNALS)[number];

/**
 * Keys a lexicon may fill: every reason except those the engine derives itself, plus three that are
 * never reported: `filler` (polite words that do not count as content when deciding whether a
 * message is only a greeting), `work` (someone is working, which matters when a child is) and
 * `chain-letter` ("forward this to 10 people", spam by itself, reported as `spam`).
 */
export type LexiconKey =
  | Exclude<ReasonCode, 'history' | (typeof MODEL_REASONS)[number]>
  | 'filler'
  | 'work'
  | 'chain-letter';

export const PRIORITIES = ['emergency', 'urgent', 'standard', 'noise'] as const;
export type Priority = (typeof PRIORITIES)[number];
