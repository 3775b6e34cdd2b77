/**
 * Puts the learned model's reading and the rules' findings together into one priority, safety
 * first (definitions: /work/shared/triage/README.md):
 * - a message the model or the rules cannot explain as a question, a greeting or thanks, or spam,
 *   and that carries any cue of distress, never lands below urgent;
 * - a bare plea for help ("help", "sa3douni pls", "বাঁচাও") is an emergency: whoever cannot write
 *   more may be the person in most danger;
 * - when the model cannot tell danger from its absence, the message is marked `unsure` and waits
 *   no longer than an urgent one;
 * - emergency is chosen as soon as its probability reaches a threshold set by cross-validation on
 *   the training authors, so errors fall on the side of answering too fast.
 * Whether an ordeal is happening now or is over, and whether a practice is asked about or lived,
 * is read by the model from tense and time words in every language, with the rules' `immediate`,
 * `hypothetical` and `negated-danger` cues among its features.
 */
import { BANDS, type Evidence, reasonsFor } from './decide.ts';
import type { ModelReading } from './model.ts';
import type { ModelHeader } from './model-file.ts';
import {
  EMERGENCY_SIGNALS,
  type LexiconKey,
  PRIORITIES,
  type Priority,
  REASON_CODES,
  type ReasonCode,
  STANDARD_SIGNALS,
  URGENT_SIGNALS,
} from './reason-codes.ts';

export type Thresholds = ModelHeader['thresholds'];

export interface ModelDecision {
  readonly priority: Priority;
  readonly score: number;
  readonly minor: boolean;
  readonly reasons: ReasonCode[];
  /** The class the model leaned towards and the runner-up, for explaining the decision. */
  readonly towards: Priority;
  readonly against: Priority;
}

const DISTRESS: readonly LexiconKey[] = [...EMERGENCY_SIGNALS, ...URGENT_SIGNALS, 'help-request'];
const NOISE_MARKERS: readonly LexiconKey[] = ['greeting-only', 'thanks', 'test', 'spam'];
// A message is short when it has a few words at most: a plea, a greeting, or a test.
const SHORT_WORDS = 4;
// Signs of exploitation alone need this many times the emergency threshold (unless the model sets
// its own `exploitation` threshold); thanks or a greeting
// with no sign at all needs at least this probability.
const URGENT_ONLY_FACTOR = 3;
const POLITE_EMERGENCY = 0.8;
const POLITE_WORDS = 8;
// Danger is a cue when the two danger classes together are at least this likely.
const DOUBTFUL_DANGER = 0.3;

const rank = (p: Priority) => PRIORITIES.length - PRIORITIES.indexOf(p);

/** What the message shows of itself besides its words. */
export interface Shape {
  /** Words in the normalised message. */
  readonly words: number;
  /** Links, phone numbers, shouting, "!!!": marks of advertising and phishing. */
  readonly spamMarks: number;
}

function asksSomething(e: Evidence): boolean {
  return e.questionMark || STANDARD_SIGNALS.some((k) => e.found.has(k)) || e.found.has('hypothetical');
}

function looksLikeNoise(e: Evidence, shape: Shape): boolean {
  return shape.words === 0 || e.spam || NOISE_MARKERS.some((k) => e.found.has(k)) || shape.spamMarks > 0;
}

/**
 * The rules' reading that a child is being exploited now (an emergency by definition): a child
 * and a sign of danger this minute, or a child forced to work. Other signs about a child (wages,
 * debt, long hours, documents taken) are left to the model, as for an adult: the corpus's authors
 * sort most of them as urgent.
 */
function childInDangerNow(e: Evidence): boolean {
  if (!e.minor || e.found.has('hypothetical') || e.found.has('negated-danger')) return false;
  if (EMERGENCY_SIGNALS.some((k) => e.found.has(k))) return true;
  return e.found.has('forced-labour');
}

function saysSafeNow(e: Evidence): boolean {
  return e.found.has('negated-danger') && !e.found.has('rescue-plea') && !e.found.has('help-request');
}

function saysSafeAndAsks(e: Evidence): boolean {
  const safe = e.found.has('negated-danger') || EMERGENCY_SIGNALS.some((k) => e.negated.has(k));
  return (
    safe && asksSomething(e) && !e.found.has('immediate') && !EMERGENCY_SIGNALS.some((k) => e.found.has(k))
  );
}

function isBarePlea(e: Evidence, shape: Shape): boolean {
  if (!e.found.has('help-request') && !e.found.has('rescue-plea')) return false;
  return shape.words <= SHORT_WORDS && !asksSomething(e) && !e.spam;
}

export function decideWithModel(
  e: Evidence,
  reading: ModelReading,
  thresholds: Thresholds,
  shape: Shape,
): ModelDecision {
  const p = reading.priority;
  const order = [0, 1, 2, 3].sort((a, b) => p[b]! - p[a]! || a - b);
  const towards = PRIORITIES[order[0]!]!;
  const against = PRIORITIES[order[1]!]!;
  const confident = p[order[0]!]! >= thresholds.unsure;
  const extra = new Set<ReasonCode>(['model']);
  const emergencySign = EMERGENCY_SIGNALS.some((k) => e.found.has(k));
  // Signs of exploitation without danger this minute need stronger evidence of an emergency.
  const urgentOnly = !emergencySign && URGENT_SIGNALS.some((k) => e.found.has(k));
  const emergencyAt = urgentOnly
    ? (thresholds.exploitation ?? Math.min(0.5, URGENT_ONLY_FACTOR * thresholds.emergency))
    : thresholds.emergency;
  // A third party's suspicion ("I think they are not allowed to leave") is urgent, not more,
  // unless the model itself reads an emergency.
  const suspicionOnly =
    e.found.has('uncertain') &&
    e.found.has('third-party-report') &&
    !e.found.has('immediate') &&
    !e.found.has('rescue-plea');
  const signs = [...EMERGENCY_SIGNALS, ...URGENT_SIGNALS].some((k) => e.found.has(k));
  // Thanks or a greeting with no sign of danger ("thank you for your help yesterday") is noise
  // unless the model is sure of an emergency.
  const politeOnly = !signs && shape.words <= POLITE_WORDS && looksLikeNoise(e, shape);
  // Spam in alarming words ("URGENT: your account is blocked"): the model reads it as noise with
  // confidence and the rules see no sign of danger.
  const readAsNoise =
    towards === 'noise' && (looksLikeNoise(e, shape) || (p[3]! >= thresholds.noise && !emergencySign));
  const leansEmergency =
    p[0]! >= (politeOnly ? Math.max(POLITE_EMERGENCY, emergencyAt) : emergencyAt) && !readAsNoise;
  let priority: Priority = towards;
  if (leansEmergency && !saysSafeAndAsks(e)) priority = 'emergency';
  else if (priority === 'emergency' && politeOnly) priority = PRIORITIES[order[1]!]!;
  if (suspicionOnly && priority === 'emergency' && towards !== 'emergency') priority = 'urgent';
  if (childInDangerNow(e)) priority = 'emergency';
  // Whoever says they are safe now is not in danger this minute: what they tell is urgent at most.
  if (priority === 'emergency' && saysSafeNow(e)) priority = 'urgent';
  if (saysSafeAndAsks(e) && !signs) priority = 'standard';

  const ruleDistress = politeOnly ? signs : DISTRESS.some((k) => e.found.has(k));
  const distress = ruleDistress || p[0]! + p[1]! >= DOUBTFUL_DANGER;
  // The model's "standard" or "noise" stands only when the message shows why: a question, or a
  // greeting, thanks, test or advertisement. Otherwise a cue of distress keeps it urgent at least.
  const explained =
    saysSafeAndAsks(e) ||
    (priority === 'standard' && confident && asksSomething(e)) ||
    (priority === 'noise' && (confident || looksLikeNoise(e, shape)));
  if (isBarePlea(e, shape)) {
    priority = 'emergency';
  } else if (rank(priority) < rank('urgent') && !explained) {
    if (distress || (priority === 'noise' && shape.words > SHORT_WORDS)) {
      priority = 'urgent';
      if (!ruleDistress || !confident) extra.add('unsure');
    } else if (priority === 'noise') {
      priority = 'standard';
    }
  } else if (
    rank(priority) < rank('urgent') &&
    !confident &&
    !saysSafeAndAsks(e) &&
    p[0]! + p[1]! >= DOUBTFUL_DANGER
  ) {
    priority = 'urgent';
    extra.add('unsure');
  }

  // A sign of danger now that the rules found ("locked in", "beating us") is never set aside for the
  // look of the message (a code, a number or a link beside it): urgent at least, unless the writer
  // asks about it, says they are safe, or it is advertising by the rules' own reading.
  if (rank(priority) < rank('urgent') && emergencySign && !asksSomething(e) && !e.spam && !saysSafeNow(e)) {
    priority = 'urgent';
    extra.add('unsure');
  }

  const minor = e.minor || reading.minor >= thresholds.minor;
  const reasons = new Set<ReasonCode>([...reasonsFor({ ...e, minor }, priority), ...extra]);
  const band = BANDS[priority];
  const certainty = priority === towards ? p[order[0]!]! : p[PRIORITIES.indexOf(priority)]!;
  const score = Math.round(band.base + (band.max - band.base) * certainty);
  return {
    priority,
    score,
    minor,
    reasons: REASON_CODES.filter((c) => reasons.has(c)),
    towards: priority,
    against: priority === towards ? against : towards,
  };
}
