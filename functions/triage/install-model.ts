/**
 * Installs a retrained model only if it does no worse than the model in use on the shipped test
 * split: a deployment's corrections may teach the model its own floor's language, but may not cost
 * it what it already knew. The file is written beside its target and renamed, so a server reading
 * it never sees half a model.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { CorpusRow } from './corpus.ts';
import type { Evaluation } from './evaluate.ts';
import { answersWith, doesWorse, measure } from './measure-model.ts';
import { decodeModel, type TriageModel } from './model-file.ts';

export interface InstallOutcome {
  readonly installed: boolean;
  readonly candidate: Evaluation;
  /** The current model's figures, when there is one to compare with. */
  readonly current: Evaluation | null;
}

export function writeModel(path: string, bytes: Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(`${path}.tmp`, bytes, { mode: 0o600 });
  renameSync(`${path}.tmp`, path);
}

export function installIfNoWorse(
  bytes: Uint8Array,
  target: string,
  current: TriageModel | null,
  test: readonly CorpusRow[],
): InstallOutcome {
  const candidate = measure(test, answersWith(decodeModel(bytes), test)).evaluation;
  const before = current ? measure(test, answersWith(current, test)).evaluation : null;
  if (before && doesWorse(candidate, before)) return { installed: false, candidate, current: before };
  writeModel(target, bytes);
  return { installed: true, candidate, current: before };
}
