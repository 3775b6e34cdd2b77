import { readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../../functions/triage/build-model.ts';
import { loadCorpus, VARIETIES } from '../../../functions/triage/corpus.ts';
import { asExample } from '../../../functions/triage/measure-model.ts';
import { SHIPPED_MODEL } from '../../../functions/triage/model.ts';
import { decodeModel } from '../../../functions/triage/model-file.ts';

const THRESHOLDS = { emergency: 0.3, unsure: 0.5, minor: 0.4, language: 0.5, noise: 1 };
// A few lines of every variety: enough to train every head, small enough to train in seconds.
const sample = loadCorpus()
  .rows.filter((_, i) => i % 50 === 0)
  .map(asExample);

describe('the triage model file', () => {
  it('ships a valid model of at most 5 MB whose version is the hash of its contents', () => {
    expect(statSync(SHIPPED_MODEL).size).toBeLessThanOrEqual(5 * 1024 * 1024);
    const model = decodeModel(readFileSync(SHIPPED_MODEL));
    expect(model.version).toMatch(/^[0-9a-f]{16}$/);
    expect(model.header.heads.language.classes).toEqual([...VARIETIES]);
    expect(model.header.trainedOn.corpusLines).toBe(16500);
  });

  it('refuses a file that was altered or cut short', () => {
    const bytes = Buffer.from(readFileSync(SHIPPED_MODEL));
    const altered = Buffer.from(bytes);
    altered[altered.length - 100] = (altered[altered.length - 100]! + 1) % 256;
    expect(() => decodeModel(altered)).toThrow(/version hash/);
    expect(() => decodeModel(bytes.subarray(0, bytes.length - 10))).toThrow(/cut short/);
    expect(() => decodeModel(Buffer.from('not a model'))).toThrow(/not a triage model/);
  });

  it('gives the same bytes for the same examples, and another version for others', () => {
    const first = buildModel(sample, { thresholds: THRESHOLDS });
    const second = buildModel(sample, { thresholds: THRESHOLDS });
    expect(second.version).toBe(first.version);
    expect(Buffer.compare(first.bytes, second.bytes)).toBe(0);
    const relabelled = sample.map((e, i) => (i === 0 ? { ...e, priority: 'noise' as const } : e));
    expect(buildModel(relabelled, { thresholds: THRESHOLDS }).version).not.toBe(first.version);
  }, 120_000); // three trainings: seconds alone, longer beside other test files on two cores
});
