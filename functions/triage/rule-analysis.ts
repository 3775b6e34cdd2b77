/**
 * What the hand-written rules see in one message: its language, the lexicon signals found or
 * negated, whether it reads as advertising, how much content is left once greetings are removed,
 * and the priority the rules alone would give. The learned model reads these as features, and the
 * safety rules read them to set floors and ceilings on its answer.
 */
import { decide, type Evidence } from './decide.ts';
import type { Shape } from './decide-with-model.ts';
import { type DetectedLanguage, detectLanguage } from './detect-language.ts';
import { countSignal, matchSignals, stripSignals } from './match-signals.ts';
import { mentionsMinorAge } from './minor.ts';
import { normalize } from './normalize.ts';
import {
  CONTEXT_SIGNALS,
  EMERGENCY_SIGNALS,
  type LexiconKey,
  type Priority,
  type ReasonCode,
  STANDARD_SIGNALS,
  URGENT_SIGNALS,
} from './reason-codes.ts';
import { words } from './words.ts';

export interface RuleAnalysis {
  readonly normalised: string;
  readonly language: DetectedLanguage;
  readonly evidence: Evidence;
  readonly shape: Shape;
  readonly priority: Priority;
  readonly score: number;
  readonly reasons: ReasonCode[];
}

const NOT_CONTENT = ['greeting-only', 'thanks', 'test', 'filler', 'spam', 'chain-letter'] as const;
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
export const LINK_PATTERN =
  /https?:\/\/|www\.|\.(?<=\b[a-z0-9-]+\.)(?:com|ly|net|org|io|me|info|top|xyz|site|online|click|link|shop|vip|biz)\b/i;
const SHOUTED_WORD = /\b[A-Z]{3,}\b/g;
const PHONE_NUMBER = /\+?\d[\d -]{6,}\d/;
const HAN_RUN = /^[\u3400-\u9fff]+$/;

function countContentWords(normalised: string): number {
  let words = 0;
  for (const token of stripSignals(normalised, NOT_CONTENT).split(/[\s.,;:!?]+/)) {
    if (!/\p{L}/u.test(token)) continue;
    words += HAN_RUN.test(token) ? Math.ceil(token.length / 2) : 1;
  }
  return words;
}

/** Marks of advertising and phishing beyond its words: links, phone numbers, shouting, "!!!". */
export function spamMarks(original: string): number {
  let marks = 0;
  if (/!{3,}/.test(original)) marks++;
  if (LINK_PATTERN.test(original)) marks++;
  if ((original.match(SHOUTED_WORD)?.length ?? 0) >= 1) marks++;
  if (PHONE_NUMBER.test(original)) marks++;
  return marks;
}

/** Advertising words with another word or mark of advertising, or a chain letter on its own. */
function looksLikeSpam(marks: number, normalised: string): boolean {
  if (countSignal(normalised, 'chain-letter') > 0) return true;
  const words = countSignal(normalised, 'spam');
  return words > 0 && words + marks >= 2;
}

export function analyseRules(text: string, fallbackLanguage?: DetectedLanguage): RuleAnalysis {
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
  const marks = spamMarks(text);
  const evidence: Evidence = {
    found,
    negated,
    minor: found.has('child') || mentionsMinorAge(normalised),
    spam: !dangerous && looksLikeSpam(marks, normalised),
    contentWords: settled ? Number.POSITIVE_INFINITY : countContentWords(normalised),
    questionMark: normalised.includes('?'),
  };
  const shape = { words: words(normalised).length, spamMarks: marks };
  return { normalised, language, evidence, shape, ...decide(evidence) };
}
