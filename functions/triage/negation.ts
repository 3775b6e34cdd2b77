/**
 * Decides whether a signal found in a message is negated ("I am not locked in", "আমাকে আটকে
 * রাখেনি", "我没有被关起来"). Negation is local: a negator counts only within a few words before the
 * signal (or, for Bengali and Nepali, right after it) and never across a clause boundary.
 */

export interface NegationRules {
  /** Negators that precede what they negate. */
  readonly pre: ReadonlySet<string>;
  /** Particles skipped when counting words back to a negator. */
  readonly particles: ReadonlySet<string>;
  /** Conjunctions that start a new clause. */
  readonly breaks: ReadonlySet<string>;
  /** Negators that follow the verb, for the lexicon that produced the hit. */
  readonly post: ReadonlySet<string>;
  readonly postSuffixes: readonly string[];
}

const WINDOW_WORDS = 3;
const WINDOW_HAN = 3;
const CLAUSE_PUNCTUATION = '.,;:!?';
const HAN = /[\u3400-\u9fff]/;
const HAN_NEGATORS = '不没未别无非';

function isSpace(c: string): boolean {
  return c === ' ';
}

function negatedBeforeHan(text: string, start: number): boolean {
  for (let i = start - 1, seen = 0; i >= 0 && seen < WINDOW_HAN; i--, seen++) {
    const c = text[i]!;
    if (CLAUSE_PUNCTUATION.includes(c)) return false;
    if (HAN_NEGATORS.includes(c)) return true;
  }
  return false;
}

/** True when one of the few words before `start` (within its clause) is a negator. */
export function negatedBefore(text: string, start: number, rules: NegationRules): boolean {
  if (start > 0 && HAN.test(text[start - 1]!)) return negatedBeforeHan(text, start);
  let i = start;
  for (let words = 0; words < WINDOW_WORDS && i > 0; words++) {
    while (i > 0 && isSpace(text[i - 1]!)) i--;
    if (i === 0 || CLAUSE_PUNCTUATION.includes(text[i - 1]!)) return false;
    const end = i;
    while (i > 0 && !isSpace(text[i - 1]!) && !CLAUSE_PUNCTUATION.includes(text[i - 1]!)) i--;
    const word = text.slice(i, end);
    if (rules.pre.has(word)) return true;
    if (rules.breaks.has(word)) return false;
    if (rules.particles.has(word)) words--;
  }
  return false;
}

/** True when the word ending the hit carries a negating suffix or a negator follows it. */
export function negatedAfter(text: string, end: number, rules: NegationRules): boolean {
  if (rules.post.size === 0 && rules.postSuffixes.length === 0) return false;
  let i = end;
  while (i < text.length && !isSpace(text[i]!) && !CLAUSE_PUNCTUATION.includes(text[i]!)) i++;
  const lastWord = text.slice(text.lastIndexOf(' ', end - 1) + 1, i);
  if (rules.postSuffixes.some((s) => lastWord.length > s.length && lastWord.endsWith(s))) return true;
  for (let words = 0; words < 2; words++) {
    while (i < text.length && isSpace(text[i]!)) i++;
    if (i >= text.length || CLAUSE_PUNCTUATION.includes(text[i]!)) return false;
    const from = i;
    while (i < text.length && !isSpace(text[i]!) && !CLAUSE_PUNCTUATION.includes(text[i]!)) i++;
    const word = text.slice(from, i);
    if (rules.post.has(word)) return true;
    if (rules.breaks.has(word)) return false;
  }
  return false;
}
