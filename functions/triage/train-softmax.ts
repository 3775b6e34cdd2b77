/**
 * Multinomial logistic regression on sparse features, fitted with L-BFGS over the whole training
 * set at once. Nothing is random and every sum runs in the same order, so the same examples give
 * the same weights, bit for bit, on the same Node version: a model can be rebuilt and compared.
 */
import type { SparseVector } from './features.ts';

export interface TrainingSet {
  readonly x: readonly SparseVector[];
  /** Class index of each example. */
  readonly y: readonly number[];
  /** Optional weight of each example (1 by default). */
  readonly weight?: readonly number[];
}

export interface SoftmaxOptions {
  readonly classes: number;
  readonly dimensions: number;
  /** L2 penalty on the weights (not on the biases). */
  readonly l2: number;
  readonly iterations: number;
}

/** Weights as `classes` rows of `dimensions`, then one bias per class. */
export interface SoftmaxWeights {
  readonly classes: number;
  readonly dimensions: number;
  readonly w: Float64Array;
}

function scores(w: Float64Array, x: SparseVector, k: number, d: number, out: Float64Array): void {
  for (let c = 0; c < k; c++) {
    const row = c * d;
    let s = w[k * d + c]!;
    for (let j = 0; j < x.indices.length; j++) s += w[row + x.indices[j]!]! * x.values[j]!;
    out[c] = s;
  }
}

export function softmaxInPlace(z: Float64Array | number[]): void {
  let max = Number.NEGATIVE_INFINITY;
  for (const v of z) max = Math.max(max, v);
  let sum = 0;
  for (let c = 0; c < z.length; c++) {
    z[c] = Math.exp(z[c]! - max);
    sum += z[c]!;
  }
  for (let c = 0; c < z.length; c++) z[c]! /= sum;
}

/** Mean weighted cross-entropy plus the L2 penalty, and its gradient into `grad`. */
function lossAndGradient(set: TrainingSet, o: SoftmaxOptions, w: Float64Array, grad: Float64Array): number {
  const { classes: k, dimensions: d } = o;
  grad.fill(0);
  const p = new Float64Array(k);
  let total = 0;
  let weightSum = 0;
  for (let i = 0; i < set.x.length; i++) {
    const x = set.x[i]!;
    const s = set.weight?.[i] ?? 1;
    weightSum += s;
    scores(w, x, k, d, p);
    softmaxInPlace(p);
    const y = set.y[i]!;
    total -= s * Math.log(Math.max(p[y]!, 1e-300));
    for (let c = 0; c < k; c++) {
      const g = s * (p[c]! - (c === y ? 1 : 0));
      if (g === 0) continue;
      const row = c * d;
      for (let j = 0; j < x.indices.length; j++) grad[row + x.indices[j]!]! += g * x.values[j]!;
      grad[k * d + c]! += g;
    }
  }
  const n = weightSum || 1;
  let penalty = 0;
  for (let i = 0; i < k * d; i++) {
    grad[i] = grad[i]! / n + o.l2 * w[i]!;
    penalty += w[i]! * w[i]!;
  }
  for (let c = 0; c < k; c++) grad[k * d + c]! /= n;
  return total / n + 0.5 * o.l2 * penalty;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

const MEMORY = 8;

/**
 * Fits the weights. Only features seen in at least `minCount` examples are fitted (the others keep
 * weight zero, which the L2 penalty would nearly give them anyway): fewer dimensions, faster steps.
 */
export function trainSoftmax(set: TrainingSet, o: SoftmaxOptions & { minCount?: number }): SoftmaxWeights {
  const seen = new Map<number, number>();
  for (const x of set.x) for (const i of x.indices) seen.set(i, (seen.get(i) ?? 0) + 1);
  const kept = [...seen]
    .filter(([, n]) => n >= (o.minCount ?? 1))
    .map(([i]) => i)
    .sort((a, b) => a - b);
  const compact = new Map(kept.map((i, k) => [i, k]));
  const x = set.x.map((v) => {
    const indices: number[] = [];
    const values: number[] = [];
    v.indices.forEach((i, j) => {
      const k = compact.get(i);
      if (k === undefined) return;
      indices.push(k);
      values.push(v.values[j]!);
    });
    return { indices: Int32Array.from(indices), values: Float32Array.from(values) };
  });
  const small = lbfgs({ ...set, x }, { ...o, dimensions: kept.length });
  const w = new Float64Array(o.classes * o.dimensions + o.classes);
  for (let c = 0; c < o.classes; c++) {
    kept.forEach((i, k) => {
      w[c * o.dimensions + i] = small.w[c * kept.length + k]!;
    });
    w[o.classes * o.dimensions + c] = small.w[o.classes * kept.length + c]!;
  }
  return { classes: o.classes, dimensions: o.dimensions, w };
}

/** L-BFGS (two-loop recursion, backtracking line search) over the full batch. */
function lbfgs(set: TrainingSet, o: SoftmaxOptions): SoftmaxWeights {
  const size = o.classes * o.dimensions + o.classes;
  let w = new Float64Array(size);
  let grad = new Float64Array(size);
  let loss = lossAndGradient(set, o, w, grad);
  const sHistory: Float64Array[] = [];
  const yHistory: Float64Array[] = [];
  const rho: number[] = [];
  const direction = new Float64Array(size);
  const next = new Float64Array(size);
  const nextGrad = new Float64Array(size);
  for (let iteration = 0; iteration < o.iterations; iteration++) {
    // Two-loop recursion: direction = -H·grad.
    direction.set(grad);
    const alpha: number[] = [];
    for (let m = sHistory.length - 1; m >= 0; m--) {
      const a = rho[m]! * dot(sHistory[m]!, direction);
      alpha[m] = a;
      const y = yHistory[m]!;
      for (let i = 0; i < size; i++) direction[i]! -= a * y[i]!;
    }
    if (sHistory.length > 0) {
      const last = sHistory.length - 1;
      const gamma = dot(sHistory[last]!, yHistory[last]!) / dot(yHistory[last]!, yHistory[last]!);
      for (let i = 0; i < size; i++) direction[i]! *= gamma;
    }
    for (let m = 0; m < sHistory.length; m++) {
      const b = rho[m]! * dot(yHistory[m]!, direction);
      const s = sHistory[m]!;
      for (let i = 0; i < size; i++) direction[i]! += s[i]! * (alpha[m]! - b);
    }
    for (let i = 0; i < size; i++) direction[i] = -direction[i]!;
    let slope = dot(grad, direction);
    if (slope >= 0) {
      // Not a descent direction: start again from the gradient.
      sHistory.length = 0;
      yHistory.length = 0;
      rho.length = 0;
      for (let i = 0; i < size; i++) direction[i] = -grad[i]!;
      slope = dot(grad, direction);
    }
    let step = sHistory.length === 0 ? 1 / Math.max(1, Math.sqrt(dot(grad, grad))) : 1;
    let nextLoss = Number.POSITIVE_INFINITY;
    for (let tries = 0; tries < 30; tries++) {
      for (let i = 0; i < size; i++) next[i] = w[i]! + step * direction[i]!;
      nextLoss = lossAndGradient(set, o, next, nextGrad);
      if (nextLoss <= loss + 1e-4 * step * slope) break;
      step /= 2;
    }
    if (!(nextLoss < loss)) break;
    const s = new Float64Array(size);
    const y = new Float64Array(size);
    for (let i = 0; i < size; i++) {
      s[i] = next[i]! - w[i]!;
      y[i] = nextGrad[i]! - grad[i]!;
    }
    const sy = dot(s, y);
    if (sy > 1e-12) {
      sHistory.push(s);
      yHistory.push(y);
      rho.push(1 / sy);
      if (sHistory.length > MEMORY) {
        sHistory.shift();
        yHistory.shift();
        rho.shift();
      }
    }
    const improvement = loss - nextLoss;
    [w, grad] = [Float64Array.from(next), Float64Array.from(nextGrad)];
    loss = nextLoss;
    if (improvement < 1e-7 * Math.max(1, Math.abs(loss))) break;
  }
  return { classes: o.classes, dimensions: o.dimensions, w };
}

/** Class probabilities for one example. */
export function predictSoftmax(model: SoftmaxWeights, x: SparseVector): Float64Array {
  const p = new Float64Array(model.classes);
  scores(model.w, x, model.classes, model.dimensions, p);
  softmaxInPlace(p);
  return p;
}
