import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { buildModel } from '../../../functions/triage/build-model.ts';
import { loadCorpus } from '../../../functions/triage/corpus.ts';
import { partition, readSplit } from '../../../functions/triage/corpus-split.ts';
import { installIfNoWorse } from '../../../functions/triage/install-model.ts';
import { asExample } from '../../../functions/triage/measure-model.ts';
import {
  activeModel,
  LOCAL_MODEL_NAME,
  readModel,
  SHIPPED_MODEL,
  useLocalModel,
  useModel,
} from '../../../functions/triage/model.ts';

const dir = mkdtempSync(join(tmpdir(), 'triage-install-'));
const shipped = readModel(SHIPPED_MODEL);
const { train, test } = partition(loadCorpus().rows, readSplit());
// Every tenth held-out line: all varieties and classes, measured in a few seconds.
const someTest = test.filter((_, i) => i % 10 === 0);
afterEach(() => useModel(shipped));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('installing a retrained model', () => {
  it('refuses a model that does worse than the current one, and leaves the file alone', () => {
    // Trained on a handful of lines, every emergency called noise: a model that learned the wrong thing.
    const wrong = train
      .filter((_, i) => i % 40 === 0)
      .map(asExample)
      .map((e) => (e.priority === 'emergency' ? { ...e, priority: 'noise' as const } : e));
    const bad = buildModel(wrong, {
      thresholds: { emergency: 0.9, unsure: 0.1, minor: 0.9, language: 0.5, noise: 1 },
    });
    const target = join(dir, LOCAL_MODEL_NAME);
    const outcome = installIfNoWorse(bad.bytes, target, shipped, someTest);
    expect(outcome.installed).toBe(false);
    expect(outcome.candidate.perClass.emergency.recall).toBeLessThan(
      outcome.current!.perClass.emergency.recall,
    );
    expect(existsSync(target)).toBe(false);
  });

  it('installs a model that does no worse, and the server then uses it from DATA_DIR', () => {
    const target = join(dir, LOCAL_MODEL_NAME);
    const outcome = installIfNoWorse(readFileSync(SHIPPED_MODEL), target, null, someTest);
    expect(outcome.installed).toBe(true);
    expect(useLocalModel(dir)).toEqual({ source: 'local', version: shipped.version });
    expect(activeModel()!.version).toBe(shipped.version);
  });

  it('keeps the shipped model when the local file is damaged, and says why', () => {
    const folder = mkdtempSync(join(dir, 'e-'));
    writeFileSync(join(folder, LOCAL_MODEL_NAME), readFileSync(SHIPPED_MODEL).subarray(0, 5000));
    const result = useLocalModel(folder);
    expect(result.source).toBe('shipped');
    expect(result.problem).toMatch(/cut short|version/);
    expect(activeModel()!.version).toBe(shipped.version);
  });
});
