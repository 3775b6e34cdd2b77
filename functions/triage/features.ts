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

/**
 * Counts buckets in a scratch array shared by every call (triage is synchronous), remembering which
 * were touched: far cheaper than a Map for the few hundred n-grams of a message.
 */
class BucketCounter {
  private readonly counts: Uint32Array;
  private touched = new Int32Array(1024);
  size = 0;
  constructor(buckets: number) {
    this.counts = new Uint32Array(buckets);
  }
  set(bucket: number): void {
    if (this.counts[bucket]!++ > 0) return;
    if (this.size === this.touched.length) {
      const grown = new Int32Array(this.size * 2);
      grown.set(this.touched);
      this.touched = grown;
    }
    this.touched[this.size++] = bucket;
  }
  /** The touched buckets in ascending order with their counts; the counter is empty again after. */
  drain(): { buckets: Int32Array; counts: Uint32Array } {
    const buckets = this.touched.slice(0, this.size).sort();
    const counts = new Uint32Array(buckets.length);
    for (let k = 0; k < buckets.length; k++) {
      counts[k] = this.counts[buckets[k]!]!;
      this.counts[buckets[k]!] = 0;
    }
    this.size = 0;
    return { buckets, counts };
  }
}

const TEXT_COUNTER = new BucketCounter(TEXT_BUCKETS);
const LANGUAGE_COUNTER = new BucketCounter(LANGUAGE_BUCKETS);

/** Calls `visit` with the bucket of every character n-gram (1 to maxN) of ` text `. */
function forEachCharGram(
  text: string,
  maxN: number,
  seed: number,
  mask: number,
  visit: (bucket: number) => void,
) {
  const padded = ` ${text} `;
  for (let i = 0; i < padded.length; i++) {
    let h = (FNV_OFFSET ^ seed) >>> 0;
    for (let n = 1; n <= maxN && i + n <= padded.length; n++) {
      h = Math.imul(h ^ padded.charCodeAt(i + n - 1), FNV_PRIME);
      // Mixing in n keeps "ab" and "ab " apart from grams of other lengths that hash alike.
      visit((Math.imul(h ^ n, FNV_PRIME) >>> 0) & mask);
    }
  }
}

function addCharGrams(counts: BucketCounter, text: string, maxN: number, seed: number, mask: number): void {
  forEachCharGram(text, maxN, seed, mask, (bucket) => counts.set(bucket));
}

export function wordBucket(word: string): number {
  return fnv(word, WORD_SEED) & (TEXT_BUCKETS - 1);
}

export function bigramBucket(a: string, b: string): number {
  return fnv(`${a} ${b}`, BIGRAM_SEED) & (TEXT_BUCKETS - 1);
}

/** Visits the character n-gram buckets of one word with its boundaries, as they occur in a message. */
export function forEachWordCharGram(word: string, visit: (bucket: number) => void): void {
  forEachCharGram(word, MAX_CHAR_GRAM, 0, TEXT_BUCKETS - 1, visit);
}

function toSparse(counter: BucketCounter, extra: readonly number[] = []): SparseVector {
  const { buckets, counts } = counter.drain();
  const n = buckets.length;
  const indices = new Int32Array(n + extra.length);
  const values = new Float32Array(indices.length);
  let norm = 0;
  const weights = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const v = 1 + Math.log(counts[k]!);
    weights[k] = v;
    norm += v * v;
  }
  norm = Math.sqrt(norm) || 1;
  for (let k = 0; k < n; k++) {
    indices[k] = buckets[k]!;
    values[k] = weights[k]! / norm;
  }
  extra.forEach((index, k) => {
    indices[n + k] = index;
    values[n + k] = 1;
  });
  return { indices, values };
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
  addCharGrams(TEXT_COUNTER, rules.normalised, MAX_CHAR_GRAM, 0, TEXT_BUCKETS - 1);
  const ws = words(rules.normalised);
  for (let i = 0; i < ws.length; i++) {
    TEXT_COUNTER.set(wordBucket(ws[i]!));
    if (i > 0) TEXT_COUNTER.set(bigramBucket(ws[i - 1]!, ws[i]!));
  }
  return toSparse(TEXT_COUNTER, ruleFeatureIndices(rules));
}

/**
 * Features of the language head: character n-grams of the text as written (lower case, accents
 * kept), because "ă", "ư" or "ñ" say more about a language than about danger.
 */
export function languageFeatures(text: string): SparseVector {
  const cleaned = text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}']+/gu, ' ')
    .trim();
  addCharGrams(LANGUAGE_COUNTER, cleaned, MAX_LANGUAGE_GRAM, LANGUAGE_SEED, LANGUAGE_BUCKETS - 1);
  return toSparse(LANGUAGE_COUNTER);
}
