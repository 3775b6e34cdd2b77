/**
 * Turns the signals found in one message into a priority and score, following the hotline's
 * definitions (/work/shared/triage/README.md):
 * - emergency: danger now or cannot leave, or a child being exploited;
 * - urgent: signs of trafficking or forced labour without danger this minute, including a third
 *   party who only suspects something ("I think the girls are not allowed to leave");
 * - standard: questions, including "I'm not in danger, I have a question";
 * - noise: greetings, thanks, tests and advertising with nothing else in them.
 */
import {
  EMERGENCY_SIGNALS,
  type LexiconKey,
  NOISE_SIGNALS,
  type Priority,
  REASON_CODES,
  type ReasonCode,
  STANDARD_SIGNALS,
  URGENT_SIGNALS,
} from './reason-codes.ts';

export interface Evidence {
  readonly found: ReadonlySet<LexiconKey>;
  readonly negated: ReadonlySet<LexiconKey>;
  readonly minor: boolean;
  readonly spam: boolean;
  /** Words left once greetings, thanks, tests and polite filler are removed. */
  readonly contentWords: number;
  readonly questionMark: boolean;
}

export interface Decision {
  readonly priority: Priority;
  readonly score: number;
  readonly reasons: ReasonCode[];
}

// Documents taken or a false promise concern a child too, but are not themselves the child being
// exploited now; every other sign is.
const NOT_EXPLOITATION_OF_CHILD = new Set<LexiconKey>(['documents-taken', 'deception']);
const NOISE_ONLY = new Set<string>(NOISE_SIGNALS);

export const BANDS: Record<Priority, { base: number; step: number; max: number }> = {
  emergency: { base: 75, step: 5, max: 100 },
  urgent: { base: 45, step: 5, max: 69 },
  standard: { base: 20, step: 3, max: 39 },
  noise: { base: 5, step: 2, max: 14 },
};

function score(priority: Priority, strength: number): number {
  const band = BANDS[priority];
  return Math.min(band.max, band.base + band.step * Math.max(0, strength - 1));
}

function choosePriority(e: Evidence): { priority: Priority; strength: number } {
  const has = (k: LexiconKey) => e.found.has(k);
  const emergency = EMERGENCY_SIGNALS.filter(has);
  const urgent = URGENT_SIGNALS.filter(has);
  const standard = STANDARD_SIGNALS.filter(has).length + (e.questionMark ? 1 : 0);
  const hypothetical = has('hypothetical') && !has('immediate');
  const pressing = has('immediate') || has('rescue-plea');
  const saysSafe = has('negated-danger') || e.negated.has('danger-now');

  const childExploited =
    [...emergency, ...urgent].some((k) => !NOT_EXPLOITATION_OF_CHILD.has(k)) ||
    (has('work') && has('immediate') && !e.questionMark);
  if (e.minor && childExploited && !hypothetical) {
    return { priority: 'emergency', strength: emergency.length + urgent.length + 1 };
  }
  if (emergency.length > 0) {
    if (hypothetical) return { priority: 'standard', strength: standard };
    const suspicionOnly = has('uncertain') && has('third-party-report') && !pressing;
    if (suspicionOnly || (saysSafe && !pressing)) {
      return { priority: 'urgent', strength: emergency.length + urgent.length + 1 };
    }
    return { priority: 'emergency', strength: emergency.length + (pressing ? 1 : 0) };
  }
  if (urgent.length > 0) {
    return hypothetical
      ? { priority: 'standard', strength: standard }
      : { priority: 'urgent', strength: urgent.length };
  }
  if (e.spam) return { priority: 'noise', strength: 0 };
  const noiseSignal = has('greeting-only') || has('thanks') || has('test');
  if (noiseSignal && e.contentWords <= 1) return { priority: 'noise', strength: 1 };
  // A bare plea: "help me now" reads as danger now, "please help" as someone to call back soon.
  if (has('help-request') && standard === 0) {
    return has('immediate') ? { priority: 'emergency', strength: 1 } : { priority: 'urgent', strength: 1 };
  }
  if (standard > 0 || e.contentWords >= 2 || e.negated.size > 0)
    return { priority: 'standard', strength: standard };
  return { priority: 'noise', strength: 1 };
}

/** The reason codes the evidence supports for a message sorted as `priority`. */
export function reasonsFor(e: Evidence, priority: Priority): ReasonCode[] {
  const reported = new Set<ReasonCode>();
  for (const key of e.found) {
    if (key === 'filler' || key === 'work' || key === 'chain-letter') continue;
    if (NOISE_ONLY.has(key) && priority !== 'noise') continue;
    reported.add(key);
  }
  if (e.questionMark && priority !== 'noise') reported.add('question');
  if (e.spam && priority === 'noise') reported.add('spam');
  if (e.minor) reported.add('child');
  if (EMERGENCY_SIGNALS.some((k) => e.negated.has(k))) reported.add('negated-danger');
  return REASON_CODES.filter((code) => reported.has(code));
}

export function decide(e: Evidence): Decision {
  const { priority, strength } = choosePriority(e);
  return { priority, score: score(priority, strength), reasons: reasonsFor(e, priority) };
}
