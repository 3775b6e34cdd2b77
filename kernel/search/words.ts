/**
 * The words of a text as the search index keeps them, and as a reader's query is read: the same
 * function runs where the index is built and in the reader's browser, so a word is found however
 * it was typed. Words are lower-cased in the text's language, and Latin and Cyrillic letters lose
 * their accents (a reader on a phone without the keyboard types "pasaporte", "ho chieu", "romania"),
 * while the vowel signs of Bengali and Devanagari stay: they are letters, not accents. Arabic
 * loses its short-vowel marks and tatweel, its alef, yeh and teh marbuta forms are made one, and
 * a word loses the article in front (الجواز, بالجواز: جواز), as readers type it either way; the
 * index also finds a word under its form without a one-letter preposition (arabicStem).
 * Chinese, written without spaces, is cut into words by the platform's dictionary segmenter.
 */

/** Letters, digits and their combining marks: one word of a spaced script, or a run of Chinese. */
const NOT_WORD = /[^\p{L}\p{N}\p{M}]+/u;
/**
 * The separators most texts use (spaces, ASCII and Latin-1 punctuation, general and CJK
 * punctuation): splitting on these first is four times quicker than on NOT_WORD, which then only
 * looks inside the pieces with other characters.
 */
const SEPARATORS =
  /[\s!-/:-@[-`{-~\u00a0-\u00bf\u00d7\u00f7\u2000-\u206f\u3000-\u303f\uff00-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]+/;
export const HAN = /\p{Script=Han}/u;
/** The combining accents of Latin, Greek and Cyrillic letters once decomposed (U+0300 to U+036F). */
const ACCENTS = /[\u0300-\u036f]/g;

let segmenter: Intl.Segmenter | undefined | null;

function chineseWords(run: string): string[] {
  // A browser too old for Intl.Segmenter cuts a query into characters: each is then found as the
  // beginning of a word (kernel/search/query.ts).
  if (segmenter === undefined)
    segmenter =
      typeof Intl.Segmenter === 'function' ? new Intl.Segmenter('zh', { granularity: 'word' }) : null;
  if (!segmenter) return [...run];
  const words: string[] = [];
  for (const s of segmenter.segment(run)) if (s.isWordLike) words.push(s.segment);
  return words;
}

const NOT_ASCII = /[^\0-\x7f]/;
const ARABIC = /[\u0600-\u06ff]/;
/** Arabic short vowels, shadda, sukun, superscript alef, and tatweel. */
const ARABIC_MARKS = /[\u064b-\u065f\u0670\u0640]/g;
/** The article, with the conjunctions and prepositions written onto it, longest first. */
const ARABIC_ARTICLE = ['وال', 'بال', 'كال', 'فال', 'لل', 'ال'];

function arabicWord(word: string): string {
  const plain = word
    .replace(ARABIC_MARKS, '')
    .replace(/[أإآٱ]/g, 'ا')
    .replace(/ى/g, 'ي')
    .replace(/ة/g, 'ه');
  for (const article of ARABIC_ARTICLE)
    if (plain.startsWith(article) && plain.length - article.length >= 2) return plain.slice(article.length);
  return plain;
}

/** An already lower-cased word without its accents. */
function unaccented(word: string): string {
  // Most words have nothing to take off: skip the two normalizations for them.
  if (!NOT_ASCII.test(word)) return word;
  if (ARABIC.test(word)) return arabicWord(word);
  return word.normalize('NFD').replace(ACCENTS, '').normalize('NFC');
}

export function normalizeWord(word: string, locale: string): string {
  return unaccented(word.toLocaleLowerCase(locale));
}

/** A conjunction or preposition of one letter, written onto the word it comes before. */
const ARABIC_PROCLITIC = /^[وفبلك]/;

/**
 * The form of an indexed Arabic word without a one-letter conjunction or preposition in front
 * (بجواز: جواز), for words long enough that the rest is a word of four letters or more; undefined
 * for others. Only pages get it, not queries: a reader's "جواز" then finds "بجواز", and "بجواز"
 * stays a word of its own.
 */
export function arabicStem(word: string): string | undefined {
  return word.length >= 5 && ARABIC_PROCLITIC.test(word) && ARABIC.test(word) ? word.slice(1) : undefined;
}

/** The words of `text`, in order, normalized (a word may repeat). */
export function searchWords(text: string, locale: string): string[] {
  // Lower-cased once for the whole text, in the text's language.
  const lower = text.toLocaleLowerCase(locale);
  const hasHan = HAN.test(lower);
  const words: string[] = [];
  for (const piece of lower.split(SEPARATORS)) {
    if (piece === '') continue;
    // Between the common separators, an ASCII piece is one word already.
    if (!NOT_ASCII.test(piece)) {
      words.push(piece);
      continue;
    }
    for (const run of piece.split(NOT_WORD)) {
      if (run === '') continue;
      if (hasHan && HAN.test(run)) for (const w of chineseWords(run)) words.push(unaccented(w));
      else words.push(unaccented(run));
    }
  }
  return words;
}
