/**
 * The triage model as bytes: a small JSON header (what the model was trained on, its classes,
 * thresholds and feature layout) and int8 weights with one scale per class, so the three heads
 * (priority, minor, language) fit in about 2.5 MB. The version is a hash of everything else, so
 * the same corpus gives the same version, and a file that was cut short or altered is refused.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { VARIETIES } from './corpus.ts';
import { LANGUAGE_BUCKETS, PRIORITY_FEATURES, RULE_FEATURES, TEXT_BITS } from './features.ts';
import { PRIORITIES } from './reason-codes.ts';
import type { SoftmaxWeights } from './train-softmax.ts';

const MAGIC = 'WMTRIAGE';
export const MODEL_FORMAT = 1;
const VERSION_CHARS = 16;

const headSchema = z.object({
  classes: z.array(z.string()).min(2),
  dimensions: z.number().int().positive(),
  scales: z.array(z.number().nonnegative()),
  biases: z.array(z.number()),
});

export const modelHeaderSchema = z.object({
  format: z.literal(MODEL_FORMAT),
  textBits: z.literal(TEXT_BITS),
  ruleFeatures: z.array(z.string()),
  /** Decision thresholds chosen on the training authors by cross-validation. */
  thresholds: z.object({
    /** Emergency when its probability reaches this, whatever the most likely class. */
    emergency: z.number().min(0).max(1),
    /** Below this probability of its best class, the model is unsure. */
    unsure: z.number().min(0).max(1),
    /** Minor when the minor head's probability reaches this. */
    minor: z.number().min(0).max(1),
    /** Below this, the language is unknown and the sender gets a language menu. */
    language: z.number().min(0).max(1),
    /**
     * When the model's most likely class is noise at this probability or more, and the rules see
     * no sign of danger, a lean towards emergency does not count (spam written in alarming words).
     * 1: never. Files written before it existed read as 1.
     */
    noise: z.number().min(0).max(1).default(1),
    /**
     * Emergency's probability that signs of exploitation without danger this minute (documents
     * taken, wages withheld, debt) need before they count as an emergency. Files written before it
     * existed read as three times the emergency threshold, at most 0.5.
     */
    exploitation: z.number().min(0).max(1).optional(),
  }),
  trainedOn: z.object({
    corpusLines: z.number().int().nonnegative(),
    corrections: z.number().int().nonnegative(),
    /** SHA-256 of the training lines, in training order. */
    digest: z.string(),
  }),
  heads: z.object({ priority: headSchema, minor: headSchema, language: headSchema }),
});
export type ModelHeader = z.infer<typeof modelHeaderSchema>;

export interface QuantisedHead {
  readonly classes: readonly string[];
  readonly dimensions: number;
  readonly scales: readonly number[];
  readonly biases: readonly number[];
  readonly weights: Int8Array;
}

export interface TriageModel {
  readonly version: string;
  readonly header: ModelHeader;
  readonly priority: QuantisedHead;
  readonly minor: QuantisedHead;
  readonly language: QuantisedHead;
}

/**
 * Rounds trained weights to int8, one scale per class. They are stored feature by feature (the
 * weights of all classes for feature i at i·classes…), so reading a message touches one cache line
 * per feature instead of one per feature and class.
 */
export function quantise(classes: readonly string[], trained: SoftmaxWeights): QuantisedHead {
  const { dimensions: d } = trained;
  const k = classes.length;
  const weights = new Int8Array(k * d);
  const scales: number[] = [];
  const biases: number[] = [];
  for (let c = 0; c < k; c++) {
    let max = 0;
    for (let i = 0; i < d; i++) max = Math.max(max, Math.abs(trained.w[c * d + i]!));
    const scale = max / 127;
    scales.push(scale);
    for (let i = 0; i < d; i++)
      weights[i * k + c] = scale === 0 ? 0 : Math.round(trained.w[c * d + i]! / scale);
    biases.push(trained.w[k * d + c]!);
  }
  return { classes, dimensions: d, scales, biases, weights };
}

function headHeader(h: QuantisedHead) {
  return { classes: [...h.classes], dimensions: h.dimensions, scales: [...h.scales], biases: [...h.biases] };
}

function digest(header: Uint8Array, weights: readonly Int8Array[]): string {
  const hash = createHash('sha256').update(header);
  for (const w of weights) hash.update(new Uint8Array(w.buffer, w.byteOffset, w.byteLength));
  return hash.digest('hex').slice(0, VERSION_CHARS);
}

export function encodeModel(
  m: Omit<TriageModel, 'version' | 'header'> & { header: Omit<ModelHeader, 'heads'> },
) {
  const header: ModelHeader = {
    ...m.header,
    heads: { priority: headHeader(m.priority), minor: headHeader(m.minor), language: headHeader(m.language) },
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const weights = [m.priority.weights, m.minor.weights, m.language.weights];
  const version = digest(json, weights);
  const length = Buffer.alloc(4);
  length.writeUInt32LE(json.length);
  const raw = weights.map((w) => new Uint8Array(w.buffer, w.byteOffset, w.byteLength));
  const bytes = Buffer.concat([Buffer.from(MAGIC + version, 'latin1'), length, json, ...raw]);
  return { version, bytes };
}

function expectedShape(header: ModelHeader): string | null {
  const { priority, minor, language } = header.heads;
  if (priority.classes.join() !== PRIORITIES.join()) return 'priority classes differ';
  if (priority.dimensions !== PRIORITY_FEATURES || minor.dimensions !== PRIORITY_FEATURES)
    return 'feature layout differs';
  if (header.ruleFeatures.join() !== RULE_FEATURES.join()) return 'rule features differ';
  if (minor.classes.join() !== 'no,yes') return 'minor classes differ';
  if (language.dimensions !== LANGUAGE_BUCKETS || language.classes.join() !== VARIETIES.join())
    return 'language head differs';
  for (const h of [priority, minor, language]) {
    if (h.scales.length !== h.classes.length || h.biases.length !== h.classes.length) return 'bad head';
  }
  return null;
}

/** Reads and checks a model file; throws with the reason when it cannot be used by this code. */
export function decodeModel(bytes: Uint8Array): TriageModel {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const prefix = MAGIC.length + VERSION_CHARS;
  if (buffer.length < prefix + 4 || buffer.toString('latin1', 0, MAGIC.length) !== MAGIC)
    throw new Error('not a triage model file');
  const version = buffer.toString('latin1', MAGIC.length, prefix);
  const length = buffer.readUInt32LE(prefix);
  const json = buffer.subarray(prefix + 4, prefix + 4 + length);
  const header = modelHeaderSchema.parse(JSON.parse(new TextDecoder().decode(json)));
  const problem = expectedShape(header);
  if (problem) throw new Error(`model does not fit this code: ${problem}`);
  let offset = prefix + 4 + length;
  const heads = (['priority', 'minor', 'language'] as const).map((name): QuantisedHead => {
    const h = header.heads[name];
    const size = h.classes.length * h.dimensions;
    if (offset + size > buffer.length) throw new Error('model file is cut short');
    const weights = new Int8Array(buffer.buffer, buffer.byteOffset + offset, size);
    offset += size;
    return { ...h, weights };
  });
  if (offset !== buffer.length) throw new Error('model file has trailing bytes');
  const [priority, minor, language] = heads as [QuantisedHead, QuantisedHead, QuantisedHead];
  if (digest(json, [priority.weights, minor.weights, language.weights]) !== version)
    throw new Error('model file does not match its version hash');
  return { version, header, priority, minor, language };
}
