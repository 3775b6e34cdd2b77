/**
 * The hotline's triage engine: reads one incoming message (and optionally the earlier messages of
 * the conversation) and says how fast a case worker must answer, why, whether a child is involved
 * and which language to answer in. Pure and deterministic: no network, no clock, no randomness.
 */
import { decide, type Evidence } from './decide.ts';
import { type DetectedLanguage, detectLanguage } from './detect-language.ts';
import { countSignal, matchSignals, stripSignals } from './match-signals.ts';
import { mentionsMinorAge } from './minor.ts';
import { normalize } from './normalize.ts';
import {
  CONTEXT_SIGNALS,
  EMERGENCY_SIGNALS,
  type LexiconKey,
  PRIORITIES,
  type Priority,
  REASON_CODES,
  type ReasonCode,
  STANDARD_SIGNALS,
  URGENT_SIGNALS,
} from './reason-codes.ts';
import type { TriageInput, TriageResult } from './schema.ts';

export type { TriageInput, TriageResult };
export { REASON_CODES };

interface Analysis {
  readonly language: DetectedLanguage;
  readonly evidence: Evidence;
  readonly priority: Priority;
  readonly score: number;
  readonly reasons: ReasonCode[];
}

const NOT_CONTENT = ['greeting-only', 'thanks', 'test', 'filler', 'spam'] as const;
// Signs of danger and exploitation decide most messages; what a question is about, and whether a
// text is only a greeting, is looked at only when they are absent (or the message is hypothetical).
const DANGER_KEYS: readonly LexiconKey[] = [
  ...EMERGENCY_SIGNALS,
  ...URGENT_SIGNALS,
  ...CONTEXT_SIGNALS.filter((k) => k !== 'history'),
  'work',
];
const QUESTION_KEYS: readonly LexiconKey[] = [...STANDARD_SIGNALS, 'greeting-only', 'thanks', 'test'];
// A domain is found from its dot, looking back: tried from each word start, a long run of letters,
// digits and hyphens without a dot cost time squared in its length.
/** A link in a message (spam's mark). Linear: it looks back from each dot, never forward from each word. */
export const LINK_PATTERN = /https?:\/\/|www\.|\.(?<=\b[a-z0-9-]+\.)(?:com|ly|net|org|io|me)\b/i;
const SHOUTED_WORD = /\b[A-Z]{3,}\b/g;
const PHONE_NUMBER = /\+?\d[\d -]{6,}\d/;
const HAN_RUN = /^[\u3400-\u9fff]+$/;
// Older messages say less about now; a conversation is judged on its last few turns.
const HISTORY_LIMIT = 10;
/**
 * The longest text the engine reads, in UTF-16 units (a report's description may be this long);
 * the rest of a longer text is ignored, so no input costs more than this much work.
 */
export const MAX_TEXT_LENGTH = 10_000;

/** The first MAX_TEXT_LENGTH units, not cutting a character in two. */
export function capText(text: string): string {
  if (text.length <= MAX_TEXT_LENGTH) return text;
  const end = /[\uD800-\uDBFF]/.test(text[MAX_TEXT_LENGTH - 1]!) ? MAX_TEXT_LENGTH - 1 : MAX_TEXT_LENGTH;
  return text.slice(0, end);
}

function countContentWords(normalised: string): number {
  let words = 0;
  for (const token of stripSignals(normalised, NOT_CONTENT).split(/[\s.,;:!?]+/)) {
    if (!/\p{L}/u.test(token)) continue;
    words += HAN_RUN.test(token) ? Math.ceil(token.length / 2) : 1;
  }
  return words;
}

function looksLikeSpam(original: string, normalised: string): boolean {
  let evidence = countSignal(normalised, 'spam');
  if (evidence === 0) return false;
  if (/!{3,}/.test(original)) evidence++;
  if (LINK_PATTERN.test(original)) evidence++;
  if ((original.match(SHOUTED_WORD)?.length ?? 0) >= 1) evidence++;
  if (PHONE_NUMBER.test(original)) evidence++;
  return evidence >= 2;
}

function analyse(text: string, fallbackLanguage?: DetectedLanguage): Analysis {
  const normalised = normalize(text);
  let language = detectLanguage(text, normalised);
  if (fallbackLanguage && language.confidence < 0.3 && fallbackLanguage.confidence > language.confidence) {
    language = fallbackLanguage;
  }
  const hits = matchSignals(normalised, language.lexicon, DANGER_KEYS);
  const { found, negated } = hits;
  const dangerous = [...EMERGENCY_SIGNALS, ...URGENT_SIGNALS].some((k) => found.has(k));
  const settled = dangerous && !found.has('hypothetical');
  if (!settled) matchSignals(normalised, language.lexicon, QUESTION_KEYS, hits);
  const evidence: Evidence = {
    found,
    negated,
    minor: found.has('child') || mentionsMinorAge(normalised),
    spam: !dangerous && looksLikeSpam(text, normalised),
    contentWords: settled ? Number.POSITIVE_INFINITY : countContentWords(normalised),
    questionMark: normalised.includes('?'),
  };
  return { language, evidence, ...decide(evidence) };
}

const rank = (p: Priority) => PRIORITIES.length - PRIORITIES.indexOf(p);

/** What earlier turns add: a child mentioned before, and a floor one level below their worst. */
function applyHistory(current: Analysis, history: readonly string[]): Analysis {
  const earlier = history.slice(-HISTORY_LIMIT).map((h) => analyse(h));
  if (earlier.length === 0 || current.priority === 'noise') return current;
  const reasons = new Set(current.reasons);
  let priority: Priority = current.priority;
  let score = current.score;
  const childBefore = earlier.some((a) => a.evidence.minor);
  if (childBefore && !current.evidence.minor) {
    // The child of an earlier message is the subject of this one: re-judge with that knowledge.
    const rejudged = decide({ ...current.evidence, minor: true });
    if (rank(rejudged.priority) > rank(priority)) ({ priority, score } = rejudged);
    reasons.add('child');
    reasons.add('history');
  }
  const saysSafeNow = current.evidence.found.has('negated-danger');
  const worst = earlier.reduce((p, a) => (rank(a.priority) > rank(p) ? a.priority : p), 'noise' as Priority);
  const floor: Priority | null = worst === 'emergency' ? 'urgent' : worst === 'urgent' ? 'standard' : null;
  if (floor && !saysSafeNow && rank(floor) > rank(priority)) {
    priority = floor;
    score = floor === 'urgent' ? 45 : 20;
    reasons.add('history');
  }
  return {
    ...current,
    evidence: childBefore ? { ...current.evidence, minor: true } : current.evidence,
    priority,
    score,
    reasons: REASON_CODES.filter((c) => reasons.has(c)),
  };
}

export function triage(input: TriageInput): TriageResult {
  const history = (input.history ?? []).map(capText);
  const previous = history.length > 0 ? detectLanguage(history.join('\n')) : undefined;
  const current = applyHistory(analyse(capText(input.text), previous), history);
  return {
    priority: current.priority,
    score: current.score,
    minor: current.evidence.minor,
    lang: current.language.lang,
    script: current.language.script,
    langConfidence: current.language.confidence,
    reasons: current.reasons,
  };
}
