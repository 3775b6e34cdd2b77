/**
 * The shipped test split: for every language variety, one of its authors' files is held out.
 * Held-out lines are never trained on, nor used to choose anything about the model: they only
 * measure it. `corpus/split.json` records which author, and why; it is decided before a model is
 * trained on a new author's files, so measuring cannot move lines between training and test.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { CORPUS_DIR, type CorpusRow, VARIETIES } from './corpus.ts';

export const SPLIT_FILE = join(CORPUS_DIR, 'split.json');

const splitSchema = z.object({
  rule: z.string(),
  heldOut: z.record(z.enum(VARIETIES), z.string().regex(/^a\d+$/)),
});
export type Split = z.infer<typeof splitSchema>;

export function readSplit(path: string = SPLIT_FILE): Split {
  return splitSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
}

export function isHeldOut(row: CorpusRow, split: Split): boolean {
  return split.heldOut[row.variety] === row.author;
}

export interface Partition {
  readonly train: CorpusRow[];
  readonly test: CorpusRow[];
}

export function partition(rows: readonly CorpusRow[], split: Split): Partition {
  const train: CorpusRow[] = [];
  const test: CorpusRow[] = [];
  for (const row of rows) (isHeldOut(row, split) ? test : train).push(row);
  return { train, test };
}
