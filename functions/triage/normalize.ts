/**
 * Puts text (and lexicon patterns) into one comparable form, so a pattern written once matches the
 * message with or without accents, with stretched letters ("heeelp"), Arabic letter variants,
 * traditional Chinese or non-ASCII digits. Messages and patterns go through the same steps, which
 * is why even doubled letters in ordinary words ("passport" → "pasport") are harmless.
 */
import { HAN_SIMPLIFY } from './han-simplify.ts';

const CHAR_MAP: Record<string, string> = {
  đ: 'd',
  ð: 'd',
  ł: 'l',
  ø: 'o',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ı: 'i',
  '’': "'",
  '‘': "'",
  '`': "'",
  '´': "'",
  ʼ: "'",
  '“': '"',
  '”': '"',
  // Arabic: one letter per sound, whatever the keyboard produced.
  ة: 'ه',
  ى: 'ي',
  ی: 'ي',
  ک: 'ك',
  ٱ: 'ا',
  '،': ',',
  '؟': '?',
  '؛': ';',
  // Devanagari danda and CJK punctuation NFKD leaves alone.
  '।': '.',
  '॥': '.',
  '。': '.',
  '、': ',',
  '」': ' ',
  '「': ' ',
};

// Combining marks of Latin/Cyrillic letters (NFKD puts accents here), Arabic vowel marks and tatweel.
// Bengali and Devanagari vowel signs are letters' own parts and are kept.
const STRIP = /[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed\u0640]/g;

const DIGIT_BLOCKS = [0x0660, 0x06f0, 0x0966, 0x09e6];
const NON_ASCII_DIGIT = /[\u0660-\u0669\u06f0-\u06f9\u0966-\u096f\u09e6-\u09ef]/g;

function asciiDigit(d: string): string {
  const code = d.charCodeAt(0);
  for (const base of DIGIT_BLOCKS) {
    if (code >= base && code <= base + 9) return String(code - base);
  }
  return d;
}

const ASCII = /^\p{ASCII}*$/u;
const MAPPED = new RegExp(`[${Object.keys(CHAR_MAP).join('')}]`, 'g');
const HAN = /[\u3400-\u9fff]/g;
// Stretched letters collapse to one; digits stay (a 15-year-old is not a 1-year-old). The
// look-behind keeps regex escapes such as \bb intact when a pattern is normalised.
const REPEATS = /(?<!\\)(\p{L})\1+/gu;

function simplifyHan(s: string): string {
  return s.replace(HAN, (c) => HAN_SIMPLIFY.get(c) ?? c);
}

/** Normalises a message for matching. Punctuation that ends clauses ( . , ; : ! ? ) is kept. */
export function normalize(text: string): string {
  let s: string;
  if (ASCII.test(text)) {
    // Most SMS are plain ASCII: nothing to decompose, map or simplify.
    s = text.toLowerCase().replace(/`/g, "'");
  } else {
    s = text.normalize('NFKD').toLowerCase().replace(STRIP, '');
    s = s.replace(MAPPED, (c) => CHAR_MAP[c] ?? c).replace(NON_ASCII_DIGIT, asciiDigit);
    s = simplifyHan(s);
  }
  // English contractions become one token ("don't" → "dont", "i'm" → "im"), other apostrophes
  // split words (French elision: "l'usine" → "l usine").
  s = s.replace(/n't\b/g, 'nt').replace(/([a-z])'(m|s|re|ve|ll|d)\b/g, '$1$2');
  s = s.replace(/[^\p{L}\p{M}\p{N}\s.,;:!?%$]/gu, ' ');
  s = s.replace(REPEATS, '$1');
  return s.replace(/\s+/g, ' ').trim();
}

/**
 * Normalises a lexicon pattern the same way as messages, leaving regex syntax alone: patterns are
 * written in lower case without apostrophes, so only accents, letter variants and repeats change.
 */
export function normalizePattern(pattern: string): string {
  let s = pattern.normalize('NFKD').replace(STRIP, '');
  s = s.replace(MAPPED, (c) => CHAR_MAP[c] ?? c).replace(NON_ASCII_DIGIT, asciiDigit);
  return simplifyHan(s).replace(REPEATS, '$1');
}
