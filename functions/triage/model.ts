/**
 * The learned triage model in use, and what it says about one message. The shipped model lives in
 * the repository; a deployment that retrained on its own corrections (`npm run triage:train`) has
 * its model in DATA_DIR, which the server loads instead when it is present and valid. Loading is
 * synchronous and happens once: triage stays a plain function call.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { VARIETIES, type Variety } from './corpus.ts';
import {
  forEachWordCharGram,
  languageFeatures,
  type SparseVector,
  TEXT_BUCKETS,
  wordBucket,
} from './features.ts';
import { decodeModel, type QuantisedHead, type TriageModel } from './model-file.ts';
import { PRIORITIES, type Priority } from './reason-codes.ts';
import { softmaxInPlace } from './train-softmax.ts';
import { words } from './words.ts';

export const SHIPPED_MODEL = join(import.meta.dirname, 'model', 'triage-model.bin');
export const LOCAL_MODEL_NAME = 'triage-model.bin';

// The server's Astro bundle carries its own copy of this module (with its own paths), so the model
// in use lives in one process-wide slot: the model the server chose at start is the one every copy
// of triage uses.
const SLOT = Symbol.for('waymark.triage.model');
const shared = globalThis as { [SLOT]?: TriageModel | null };
// Scratch for strongestWords: zero everywhere between calls (triage is synchronous).
const VALUES = new Float32Array(TEXT_BUCKETS);

/** The model triage uses: the installed one, else the shipped one, else none (rules alone). */
export function activeModel(): TriageModel | null {
  if (shared[SLOT] === undefined) shared[SLOT] = existsSync(SHIPPED_MODEL) ? readModel(SHIPPED_MODEL) : null;
  return shared[SLOT];
}

export function readModel(path: string): TriageModel {
  return decodeModel(readFileSync(path));
}

/** Makes triage use this model (or the rules alone, with `null`) from now on. */
export function useModel(model: TriageModel | null): void {
  shared[SLOT] = model;
}

/**
 * Uses DATA_DIR's retrained model when there is one and it can be read; otherwise keeps the
 * shipped one. Returns what happened, for the start-up log.
 */
export function useLocalModel(dataDir: string): {
  source: 'local' | 'shipped';
  version: string | null;
  problem?: string;
} {
  const path = join(dataDir, LOCAL_MODEL_NAME);
  if (existsSync(path)) {
    try {
      const model = readModel(path);
      useModel(model);
      return { source: 'local', version: model.version };
    } catch (error) {
      return {
        source: 'shipped',
        version: activeModel()?.version ?? null,
        problem: (error as Error).message,
      };
    }
  }
  return { source: 'shipped', version: activeModel()?.version ?? null };
}

function headScores(head: QuantisedHead, x: SparseVector): Float64Array {
  const k = head.classes.length;
  const sums = new Float64Array(k);
  const { weights } = head;
  for (let j = 0; j < x.indices.length; j++) {
    const at = x.indices[j]! * k;
    const v = x.values[j]!;
    for (let c = 0; c < k; c++) sums[c]! += weights[at + c]! * v;
  }
  for (let c = 0; c < k; c++) sums[c] = head.biases[c]! + head.scales[c]! * sums[c]!;
  return sums;
}

export function headProbabilities(head: QuantisedHead, x: SparseVector): Float64Array {
  const p = headScores(head, x);
  softmaxInPlace(p);
  return p;
}

export interface ModelReading {
  /** Probability of each priority, in PRIORITIES order. */
  readonly priority: Float64Array;
  /** Probability that a child is involved. */
  readonly minor: number;
}

// The priority and minor heads read the same features: their weights are interleaved once per
// model (six a feature), so a message costs one cache miss per feature for both.
const JOINED = new WeakMap<TriageModel, QuantisedHead>();

function joinedHead(model: TriageModel): QuantisedHead {
  let joined = JOINED.get(model);
  if (!joined) {
    const { priority: p, minor: m } = model;
    const kp = p.classes.length;
    const km = m.classes.length;
    const k = kp + km;
    const weights = new Int8Array(p.dimensions * k);
    for (let i = 0; i < p.dimensions; i++) {
      for (let c = 0; c < kp; c++) weights[i * k + c] = p.weights[i * kp + c]!;
      for (let c = 0; c < km; c++) weights[i * k + kp + c] = m.weights[i * km + c]!;
    }
    joined = {
      classes: [...p.classes, ...m.classes],
      dimensions: p.dimensions,
      scales: [...p.scales, ...m.scales],
      biases: [...p.biases, ...m.biases],
      weights,
    };
    JOINED.set(model, joined);
  }
  return joined;
}

export function readMessage(model: TriageModel, x: SparseVector): ModelReading {
  const kp = model.priority.classes.length;
  const scores = headScores(joinedHead(model), x);
  const priority = scores.slice(0, kp);
  const minor = scores.slice(kp);
  softmaxInPlace(priority);
  softmaxInPlace(minor);
  return { priority, minor: minor[1]! };
}

export interface LanguageReading {
  readonly variety: Variety;
  readonly probability: number;
}

export function readLanguage(model: TriageModel, text: string): LanguageReading {
  const p = headProbabilities(model.language, languageFeatures(text));
  let best = 0;
  for (let c = 1; c < p.length; c++) if (p[c]! > p[best]!) best = c;
  return { variety: VARIETIES[best]!, probability: p[best]! };
}

/**
 * The words that moved the decision most from `against` towards `towards`: each word's own
 * character n-grams and its unigram, weighed as they occur in the message. Shown to operators,
 * so a decision can be understood and questioned.
 */
export function strongestWords(
  model: TriageModel,
  x: SparseVector,
  normalised: string,
  towards: Priority,
  against: Priority,
  count = 2,
): string[] {
  const head = model.priority;
  const k = head.classes.length;
  const c = PRIORITIES.indexOf(towards);
  const r = PRIORITIES.indexOf(against);
  const sc = head.scales[PRIORITIES.indexOf(towards)]!;
  const sr = head.scales[PRIORITIES.indexOf(against)]!;
  // The message's value of each text bucket, looked up in a scratch array filled for this call.
  for (let j = 0; j < x.indices.length && x.indices[j]! < TEXT_BUCKETS; j++)
    VALUES[x.indices[j]!] = x.values[j]!;
  const pull = (bucket: number) =>
    VALUES[bucket]! * (sc * head.weights[bucket * k + c]! - sr * head.weights[bucket * k + r]!);
  const scored = new Map<string, number>();
  for (const word of words(normalised)) {
    if (scored.has(word) || word.length < 2) continue;
    let total = pull(wordBucket(word));
    forEachWordCharGram(word, (bucket) => {
      total += pull(bucket);
    });
    scored.set(word, total);
  }
  for (let j = 0; j < x.indices.length && x.indices[j]! < TEXT_BUCKETS; j++) VALUES[x.indices[j]!] = 0;
  return [...scored]
    .filter(([, v]) => v > 0)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, count)
    .map(([w]) => w);
}
