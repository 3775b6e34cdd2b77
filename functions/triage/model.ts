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
  languageFeatures,
  type SparseVector,
  TEXT_BUCKETS,
  wordBucket,
  wordCharBuckets,
} from './features.ts';
import { decodeModel, type QuantisedHead, type TriageModel } from './model-file.ts';
import { PRIORITIES, type Priority } from './reason-codes.ts';
import { softmaxInPlace } from './train-softmax.ts';
import { words } from './words.ts';

export const SHIPPED_MODEL = join(import.meta.dirname, 'model', 'triage-model.bin');
export const LOCAL_MODEL_NAME = 'triage-model.bin';

let active: TriageModel | null | undefined;

/** The model triage uses: the installed one, else the shipped one, else none (rules alone). */
export function activeModel(): TriageModel | null {
  if (active === undefined) active = existsSync(SHIPPED_MODEL) ? readModel(SHIPPED_MODEL) : null;
  return active;
}

export function readModel(path: string): TriageModel {
  return decodeModel(readFileSync(path));
}

/** Makes triage use this model (or the rules alone, with `null`) from now on. */
export function useModel(model: TriageModel | null): void {
  active = model;
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
  const out = new Float64Array(head.classes.length);
  const { dimensions: d, weights } = head;
  for (let c = 0; c < out.length; c++) {
    let s = 0;
    const row = c * d;
    for (let j = 0; j < x.indices.length; j++) s += weights[row + x.indices[j]!]! * x.values[j]!;
    out[c] = head.biases[c]! + head.scales[c]! * s;
  }
  return out;
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

export function readMessage(model: TriageModel, x: SparseVector): ModelReading {
  return { priority: headProbabilities(model.priority, x), minor: headProbabilities(model.minor, x)[1]! };
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
  const d = head.dimensions;
  const c = PRIORITIES.indexOf(towards) * d;
  const r = PRIORITIES.indexOf(against) * d;
  const sc = head.scales[PRIORITIES.indexOf(towards)]!;
  const sr = head.scales[PRIORITIES.indexOf(against)]!;
  const inMessage = new Map<number, number>();
  for (let j = 0; j < x.indices.length && x.indices[j]! < TEXT_BUCKETS; j++)
    inMessage.set(x.indices[j]!, x.values[j]!);
  const pull = (bucket: number) =>
    (inMessage.get(bucket) ?? 0) * (sc * head.weights[c + bucket]! - sr * head.weights[r + bucket]!);
  const scored = new Map<string, number>();
  for (const word of words(normalised)) {
    if (scored.has(word) || word.length < 2) continue;
    let total = pull(wordBucket(word));
    for (const bucket of wordCharBuckets(word)) total += pull(bucket);
    scored.set(word, total);
  }
  return [...scored]
    .filter(([, v]) => v > 0)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, count)
    .map(([w]) => w);
}
