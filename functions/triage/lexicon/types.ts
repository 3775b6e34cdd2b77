/**
 * The shape of a per-language lexicon. Patterns are regular-expression sources written in the
 * normalised form of `normalize.ts` (lower case, accents optional, no apostrophes or hyphens).
 *
 * Conventions, applied by `compile-lexicons.ts`:
 * - a pattern starting with `!` carries its own negation ("won't let me out", "no food"): no
 *   negation window is applied to it;
 * - in Latin-script lexicons every pattern is anchored at a word start, and `\w` means an ASCII
 *   letter or digit (normalised Latin text is ASCII);
 * - in native-script lexicons `\w` means any character of a word and `\b` a word edge;
 * - groups must be non-capturing `(?:…)`; capturing groups are rewritten.
 */
import type { LexiconKey } from '../reason-codes.ts';

export type LexiconCode =
  | 'en'
  | 'fr'
  | 'es'
  | 'ar'
  | 'ar-latn'
  | 'ru'
  | 'zh'
  | 'bn'
  | 'bn-latn'
  | 'ne'
  | 'vi'
  | 'tl'
  | 'id'
  | 'ro';

export interface Lexicon {
  readonly code: LexiconCode;
  readonly script: 'latin' | 'native';
  /** For native-script lexicons: the Unicode range of the script, so other texts skip them. */
  readonly scriptRange?: string;
  /** Words that negate a signal shortly after them, whatever the message's language. */
  readonly negators?: readonly string[];
  /** Negators too ambiguous across languages ("no", "ko", "di", "ma"): used only when detected. */
  readonly localNegators?: readonly string[];
  /** Negators that follow the verb they negate (Bengali "না", Nepali "छैन"). */
  readonly postNegators?: readonly string[];
  /** Word endings that negate the word (Bengali "রাখেনি"). */
  readonly postNegatorSuffixes?: readonly string[];
  /** Particles that do not count towards the negation window ("hindi naman po ako sinasaktan"). */
  readonly particles?: readonly string[];
  /** Conjunctions that end a clause, so a negation before them does not reach past them. */
  readonly clauseBreaks?: readonly string[];
  readonly signals: Partial<Record<LexiconKey, readonly string[]>>;
}
