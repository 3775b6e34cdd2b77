/**
 * Turns a message into the numbers the learned model reads. Character n-grams (1 to 5, across word
 * boundaries, on the normalised text) survive typos, missing accents and romanization, which a
 * list of words cannot; word unigrams and bigrams add whole words; the rules' findings are added
 * as named features, so the model learns how far to trust each of them. Text features are hashed
 * into a fixed number of buckets (no vocabulary to ship), counted on a log scale and scaled to unit
 * length, so long and short messages weigh alike.
 */

import {
  EMERGENCY_SIGNALS,
  MODEL_REASONS,
  PRIORITIES,
  REASON_CODES,
  URGENT_SIGNALS,
} from './reason-codes.ts';
import type { RuleAnalysis } from './rule-analysis.ts';
import { words } from './words.ts';

export const TEXT_BITS = 18;
export const TEXT_BUCKETS = 1 << TEXT_BITS;
export const LANGUAGE_BITS = 16;
export const LANGUAGE_BUCKETS = 1 << LANGUAGE_BITS;
const MAX_CHAR_GRAM = 5;
const MAX_LANGUAGE_GRAM = 4;

/** The rules' findings, each with its own feature slot after the hashed text buckets. */
export const RULE_FEATURES: readonly string[] = [
  ...REASON_CODES.filter((c) => c !== 'history' && !(MODEL_REASONS as readonly string[]).includes(c)).map(
    (c) => `found:${c}`,
  ),
  'found:work',
  ...[...EMERGENCY_SIGNALS, ...URGENT_SIGNALS, 'child'].map((c) => `negated:${c}`),
  ...PRIORITIES.map((p) => `rules:${p}`),
  'rules:minor',
  'rules:spam',
  'rules:question-mark',
  'content:0',
  'content:1',
  'content:2-3',
  'content:4+',
];
const RULE_INDEX = new Map(RULE_FEATURES.map((name, i) => [name, TEXT_BUCKETS + i]));
export const PRIORITY_FEATURES = TEXT_BUCKETS + RULE_FEATURES.length;

export interface SparseVector {
  /** Feature indices, ascending and distinct. */
  readonly indices: Int32Array;
  readonly values: Float32Array;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const WORD_SEED = 0x9e3779b1;
const BIGRAM_SEED = 0x85ebca6b;
const LANGUAGE_SEED = 0xc2b2ae35;

function fnv(text: string, seed: number): number {
  let h = (FNV_OFFSET ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h >>> 0;
}

function addCharGrams(
  counts: Map<number, number>,
  text: string,
  maxN: number,
  seed: number,
  mask: number,
): void {
  const padded = ` ${text} `;
  for (let i = 0; i < padded.length; i++) {
    let h = (FNV_OFFSET ^ seed) >>> 0;
    for (let n = 1; n <= maxN && i + n <= padded.length; n++) {
      h = Math.imul(h ^ padded.charCodeAt(i + n - 1), FNV_PRIME);
      // Mixing in n keeps "ab" and "ab " apart from grams of other lengths that hash alike.
      const bucket = (Math.imul(h ^ n, FNV_PRIME) >>> 0) & mask;
      counts.set(bucket, (counts.get(bucket) ?? 0) + 1);
    }
  }
}

export function wordBucket(word: string): number {
  return fnv(word, WORD_SEED) & (TEXT_BUCKETS - 1);
}

export function bigramBucket(a: string, b: string): number {
  return fnv(`${a} ${b}`, BIGRAM_SEED) & (TEXT_BUCKETS - 1);
}

/** The character n-gram buckets of one word with its boundaries, as they occur in a message. */
export function wordCharBuckets(word: string): number[] {
  const counts = new Map<number, number>();
  addCharGrams(counts, word, MAX_CHAR_GRAM, 0, TEXT_BUCKETS - 1);
  return [...counts.keys()];
}

function toSparse(counts: Map<number, number>, extra: readonly number[] = []): SparseVector {
  const indices = [...counts.keys()].sort((a, b) => a - b);
  let norm = 0;
  const weights = indices.map((i) => {
    const v = 1 + Math.log(counts.get(i)!);
    norm += v * v;
    return v;
  });
  norm = Math.sqrt(norm) || 1;
  const all = new Int32Array(indices.length + extra.length);
  const values = new Float32Array(all.length);
  indices.forEach((index, k) => {
    all[k] = index;
    values[k] = weights[k]! / norm;
  });
  extra.forEach((index, k) => {
    all[indices.length + k] = index;
    values[indices.length + k] = 1;
  });
  return { indices: all, values };
}

function contentBucket(n: number): string {
  if (n === 0) return 'content:0';
  if (n === 1) return 'content:1';
  return n <= 3 ? 'content:2-3' : 'content:4+';
}

function ruleFeatureIndices(rules: RuleAnalysis): number[] {
  const names = new Set<string>();
  for (const key of rules.evidence.found) names.add(`found:${key}`);
  for (const key of rules.evidence.negated) names.add(`negated:${key}`);
  names.add(`rules:${rules.priority}`);
  if (rules.evidence.minor) names.add('rules:minor');
  if (rules.evidence.spam) names.add('rules:spam');
  if (rules.evidence.questionMark) names.add('rules:question-mark');
  names.add(contentBucket(rules.evidence.contentWords));
  return [...names]
    .map((n) => RULE_INDEX.get(n))
    .filter((i): i is number => i !== undefined)
    .sort((a, b) => a - b);
}

/** Features of the priority and minor heads: hashed text, then the rules' findings. */
export function priorityFeatures(rules: RuleAnalysis): SparseVector {
  const counts = new Map<number, number>();
  addCharGrams(counts, rules.normalised, MAX_CHAR_GRAM, 0, TEXT_BUCKETS - 1);
  const ws = words(rules.normalised);
  for (let i = 0; i < ws.length; i++) {
    const w = wordBucket(ws[i]!);
    counts.set(w, (counts.get(w) ?? 0) + 1);
    if (i > 0) {
      const b = bigramBucket(ws[i - 1]!, ws[i]!);
      counts.set(b, (counts.get(b) ?? 0) + 1);
    }
  }
  return toSparse(counts, ruleFeatureIndices(rules));
}

/**
 * Features of the language head: character n-grams of the text as written (lower case, accents
 * kept), because "ă", "ư" or "ñ" say more about a language than about danger.
 */
export function languageFeatures(text: string): SparseVector {
  const counts = new Map<number, number>();
  const cleaned = text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}']+/gu, ' ')
    .trim();
  addCharGrams(counts, cleaned, MAX_LANGUAGE_GRAM, LANGUAGE_SEED, LANGUAGE_BUCKETS - 1);
  return toSparse(counts);
}
