/**
 * Builds a triage model from labelled examples: the priority and minor heads on the text and rule
 * features, the language head on the corpus lines' varieties, and the decision thresholds by
 * cross-validation over the training authors (each author's lines judged by a model trained on
 * other authors only, in at most four folds), so a threshold is never chosen on the lines it is
 * then measured on. Every step is deterministic: the same examples in the same order give the
 * same model bytes.
 */
import { createHash } from 'node:crypto';
import { VARIETIES, type Variety } from './corpus.ts';
import { decideWithModel, type Thresholds } from './decide-with-model.ts';
import {
  LANGUAGE_BUCKETS,
  languageFeatures,
  PRIORITY_FEATURES,
  priorityFeatures,
  RULE_FEATURES,
  type SparseVector,
  TEXT_BITS,
} from './features.ts';
import { type ModelReading, readMessage } from './model.ts';
import { encodeModel, MODEL_FORMAT, type QuantisedHead, quantise, type TriageModel } from './model-file.ts';
import { PRIORITIES, type Priority } from './reason-codes.ts';
import { analyseRules, type RuleAnalysis } from './rule-analysis.ts';
import { trainSoftmax } from './train-softmax.ts';

export interface TrainingExample {
  readonly text: string;
  readonly priority: Priority;
  readonly minor: boolean;
  /** Set for corpus lines: the language head learns from them. */
  readonly variety?: Variety;
  /** The author, or `local` for staff corrections: cross-validation holds out one group at a time. */
  readonly group: string;
}

/**
 * The L2 penalty of the priority and minor heads, chosen on out-of-fold readings of the 30 training
 * authors, each setting with its own cross-validated thresholds (emergency recall 97.0-97.1%
 * for all): 2e-6 gave precision 82.8% and macro-F1 90.2%, 5e-6 81.7% and 89.6%, 2e-5 76.0% and
 * 87.0% (the last on 24 authors). 2^19 text buckets instead of 2^18 measured the same as 2^18.
 */
const PRIORITY_L2 = 2e-6;
const LANGUAGE_L2 = 1e-4;
/**
 * At most this many L-BFGS steps; training stops sooner once the loss no longer moves. Chosen by
 * cross-validation over the training authors: stopped at 60 steps the weights were far from the
 * optimum, and out-of-fold precision at 95% emergency recall rose from 87% to 90% once they got
 * there (with the weaker penalty above); at most 500 steps measured the same as 300.
 */
const ITERATIONS = 300;
const MIN_COUNT = 2;
/** Cross-validation folds for choosing thresholds: authors are dealt into this many at most. */
const CV_FOLDS = 4;
/**
 * What the cross-validated decision must reach before precision is considered. The hotline aims
 * for 0.95 on messages by people the model has never read; the threshold is chosen at the edge of
 * this goal on the very readings it is chosen on, so it lands a little optimistic, and on fresh
 * authors recall comes out a couple of points lower (trained on 24 authors: 97.4% out of fold gave
 * 96.2% on the three held-out authors; 96.5% gave 94.4%). The goal carries that margin.
 */
export const EMERGENCY_RECALL_GOAL = 0.97;
/**
 * The same goal for every language variety on its own: the hotline serves each of them, and an
 * overall figure can hide one variety whose emergencies are missed. The hotline's floor is 0.85
 * for a variety; the goal keeps a wide margin over it. At 0.95 (the earlier goal), with 24
 * authors, one variety's last few out-of-fold misses forced the emergency threshold from 0.1 down
 * to 0.06 or lower, and out-of-fold precision from 80% to 77%, over every variety.
 */
export const VARIETY_RECALL_GOAL = 0.92;
export const MINOR_RECALL_GOAL = 0.92;
const DEFAULT_THRESHOLDS: Thresholds = { emergency: 0.35, unsure: 0.5, minor: 0.4, language: 0.5, noise: 1 };
/** Candidate noise thresholds (1: the model's reading of noise never outweighs a lean towards emergency). */
const NOISE_GRID = [1, 0.9, 0.8, 0.7, 0.6, 0.5];
/**
 * Candidate thresholds for signs of exploitation without danger this minute. Such signs are urgent
 * by the hotline's definitions: the model has to be fairly sure of danger to overrule them.
 */
const EXPLOITATION_GRID = [0.3, 0.4, 0.5, 0.6];
const GRID = [0.6, 0.55, 0.5, 0.45, 0.4, 0.35, 0.3, 0.25, 0.2, 0.18, 0.16, 0.14, 0.12, 0.1, 0.08, 0.06, 0.04];

export interface Prepared {
  readonly rules: RuleAnalysis;
  readonly x: SparseVector;
}

export function prepare(examples: readonly TrainingExample[]): Prepared[] {
  return examples.map((e) => {
    const rules = analyseRules(e.text);
    return { rules, x: priorityFeatures(rules) };
  });
}

/** The priority and minor heads, trained on the examples at the indices `only`. */
export function trainTextHeads(
  examples: readonly TrainingExample[],
  prepared: readonly Prepared[],
  only: readonly number[],
): Pick<TriageModel, 'priority' | 'minor'> {
  const x = only.map((i) => prepared[i]!.x);
  const options = {
    dimensions: PRIORITY_FEATURES,
    l2: PRIORITY_L2,
    iterations: ITERATIONS,
    minCount: MIN_COUNT,
  };
  const priority = trainSoftmax(
    { x, y: only.map((i) => PRIORITIES.indexOf(examples[i]!.priority)) },
    { ...options, classes: PRIORITIES.length },
  );
  const minor = trainSoftmax(
    { x, y: only.map((i) => (examples[i]!.minor ? 1 : 0)) },
    { ...options, classes: 2 },
  );
  return { priority: quantise(PRIORITIES, priority), minor: quantise(['no', 'yes'], minor) };
}

function macroF1(confusion: number[][]): number {
  let sum = 0;
  for (let k = 0; k < confusion.length; k++) {
    const tp = confusion[k]![k]!;
    const predicted = confusion.reduce((s, row) => s + row[k]!, 0);
    const support = confusion[k]!.reduce((s, v) => s + v, 0);
    const f1 = tp === 0 ? 0 : (2 * tp) / (predicted + support);
    sum += f1;
  }
  return sum / confusion.length;
}

/**
 * The cross-validation folds: the authors in order, dealt round-robin into at most CV_FOLDS folds,
 * so one author's lines are always judged together by heads that never saw that author.
 */
export function foldsOf(examples: readonly TrainingExample[]): Map<string, number> {
  const groups = [...new Set(examples.map((e) => e.group))].filter((g) => g !== 'local').sort();
  return new Map(groups.map((g, k) => [g, k % CV_FOLDS]));
}

/** Out-of-fold readings: each fold's examples read by heads trained without that fold's authors. */
export function outOfFold(
  examples: readonly TrainingExample[],
  prepared: readonly Prepared[],
): ModelReading[] {
  const folds = foldsOf(examples);
  const readings: ModelReading[] = new Array(examples.length);
  for (const fold of new Set(folds.values())) {
    const inFold = (e: TrainingExample) => folds.get(e.group) === fold;
    const train = examples.flatMap((e, i) => (inFold(e) ? [] : [i]));
    const heads = trainTextHeads(examples, prepared, train) as TriageModel;
    examples.forEach((e, i) => {
      if (inFold(e)) readings[i] = readMessage(heads, prepared[i]!.x);
    });
  }
  return readings;
}

/** The thresholds the cross-validated decisions call for (see EMERGENCY_RECALL_GOAL). */
export function chooseThresholds(
  examples: readonly TrainingExample[],
  prepared: readonly Prepared[],
  readings: readonly ModelReading[],
): Thresholds {
  const judged = examples.flatMap((_, i) => (readings[i] ? [i] : []));
  let best: { score: number; emergency: number; noise: number; exploitation: number } | null = null;
  for (const [noise, emergency, exploitation] of NOISE_GRID.flatMap((n) =>
    GRID.flatMap((e) => EXPLOITATION_GRID.filter((x) => x >= e).map((x) => [n, e, x] as const)),
  )) {
    const thresholds = { ...DEFAULT_THRESHOLDS, emergency, noise, exploitation };
    const confusion = PRIORITIES.map(() => PRIORITIES.map(() => 0));
    const emergencies = new Map<string, { found: number; all: number }>();
    for (const i of judged) {
      const p = prepared[i]!;
      const d = decideWithModel(p.rules.evidence, readings[i]!, thresholds, p.rules.shape);
      const { priority, variety } = examples[i]!;
      confusion[PRIORITIES.indexOf(priority)]![PRIORITIES.indexOf(d.priority)]!++;
      if (priority !== 'emergency' || !variety) continue;
      const counts = emergencies.get(variety) ?? { found: 0, all: 0 };
      counts.all++;
      if (d.priority === 'emergency') counts.found++;
      emergencies.set(variety, counts);
    }
    const recall =
      confusion[0]![0]! /
      Math.max(
        1,
        confusion[0]!.reduce((s, v) => s + v, 0),
      );
    const weakestVariety = Math.min(1, ...[...emergencies.values()].map((c) => c.found / c.all));
    // Meeting the recall goals comes first; among those that do, the best macro-F1. Short of them,
    // the closest to both.
    const meets = recall >= EMERGENCY_RECALL_GOAL && weakestVariety >= VARIETY_RECALL_GOAL;
    const score = meets
      ? 1 + macroF1(confusion)
      : Math.min(recall / EMERGENCY_RECALL_GOAL, weakestVariety / VARIETY_RECALL_GOAL);
    if (!best || score > best.score) best = { score, emergency, noise, exploitation };
  }
  let minor = GRID[GRID.length - 1]!;
  const children = judged.filter((i) => examples[i]!.minor);
  for (const t of GRID) {
    const found = children.filter((i) => prepared[i]!.rules.evidence.minor || readings[i]!.minor >= t).length;
    if (found >= MINOR_RECALL_GOAL * children.length) {
      minor = t;
      break;
    }
  }
  return {
    ...DEFAULT_THRESHOLDS,
    emergency: best?.emergency ?? DEFAULT_THRESHOLDS.emergency,
    noise: best?.noise ?? DEFAULT_THRESHOLDS.noise,
    ...(best ? { exploitation: best.exploitation } : {}),
    minor,
  };
}

function digestOf(examples: readonly TrainingExample[]): string {
  const hash = createHash('sha256');
  for (const e of examples)
    hash.update(`${JSON.stringify([e.group, e.variety ?? null, e.priority, e.minor, e.text])}\n`);
  return hash.digest('hex');
}

export interface BuildOptions {
  /** Choose thresholds by cross-validation over the groups (the default), or use these. */
  readonly thresholds?: Thresholds;
  /** Reuse this language head instead of training one (it does not affect priority or minor). */
  readonly language?: QuantisedHead;
}

export interface BuiltModel {
  readonly version: string;
  readonly bytes: Buffer;
}

export function buildModel(examples: readonly TrainingExample[], options: BuildOptions = {}): BuiltModel {
  const prepared = prepare(examples);
  const thresholds =
    options.thresholds ?? chooseThresholds(examples, prepared, outOfFold(examples, prepared));
  const heads = trainTextHeads(
    examples,
    prepared,
    examples.map((_, i) => i),
  );
  const corpus = examples.filter((e) => e.variety !== undefined);
  const language =
    options.language ??
    quantise(
      VARIETIES,
      trainSoftmax(
        {
          x: corpus.map((e) => languageFeatures(e.text)),
          y: corpus.map((e) => VARIETIES.indexOf(e.variety!)),
        },
        {
          classes: VARIETIES.length,
          dimensions: LANGUAGE_BUCKETS,
          l2: LANGUAGE_L2,
          iterations: ITERATIONS,
          minCount: 1,
        },
      ),
    );
  return encodeModel({
    header: {
      format: MODEL_FORMAT,
      textBits: TEXT_BITS,
      ruleFeatures: [...RULE_FEATURES],
      thresholds,
      trainedOn: {
        corpusLines: corpus.length,
        corrections: examples.length - corpus.length,
        digest: digestOf(examples),
      },
    },
    priority: heads.priority,
    minor: heads.minor,
    language,
  });
}
