/**
 * The triage training corpus: messages written by independent authors, one file per author and
 * language variety (`corpus/<author>/<variety>.jsonl`). Every line is validated here, so a model is
 * never trained on a malformed or mislabelled record; a file counts only when it is complete
 * (100 valid lines), so a file an author is still writing is skipped, never half-used.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { prioritySchema } from './schema.ts';

export const VARIETIES = [
  'en',
  'fr',
  'es',
  'ar',
  'ar-latn',
  'ru',
  'zh',
  'bn',
  'bn-latn',
  'ne',
  'ne-latn',
  'vi',
  'tl',
  'id',
  'ro',
] as const;
export type Variety = (typeof VARIETIES)[number];

export const LINES_PER_FILE = 100;
export const CORPUS_DIR = join(import.meta.dirname, 'corpus');

export const corpusLineSchema = z
  .object({
    lang: z.enum(['en', 'fr', 'es', 'ar', 'ru', 'zh', 'bn', 'ne', 'vi', 'tl', 'id', 'ro']),
    script: z.literal('latn').optional(),
    priority: prioritySchema,
    minor: z.boolean(),
    text: z.string().trim().min(1).max(2000),
  })
  .strict();
export type CorpusLine = z.infer<typeof corpusLineSchema>;

export interface CorpusRow extends CorpusLine {
  readonly author: string;
  readonly variety: Variety;
}

const AUTHOR = /^a\d+$/;

function varietyOf(line: CorpusLine): Variety {
  return (line.script ? `${line.lang}-latn` : line.lang) as Variety;
}

/** Reads one author's file; `null` when it is not complete yet (fewer than 100 valid lines). */
export function readCorpusFile(path: string, author: string, variety: Variety): CorpusRow[] | null {
  const rows: CorpusRow[] = [];
  const lines = readFileSync(path, 'utf8').split('\n');
  for (const [i, text] of lines.entries()) {
    if (text.trim() === '') continue;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return null;
    }
    const parsed = corpusLineSchema.safeParse(json);
    if (!parsed.success) throw new Error(`${path}:${i + 1}: ${parsed.error.issues[0]?.message}`);
    if (varietyOf(parsed.data) !== variety) {
      throw new Error(`${path}:${i + 1}: a ${varietyOf(parsed.data)} line in the ${variety} file`);
    }
    rows.push({ ...parsed.data, author, variety });
  }
  return rows.length === LINES_PER_FILE ? rows : null;
}

export interface Corpus {
  readonly rows: readonly CorpusRow[];
  /** Per variety, the authors whose complete file was read, sorted. */
  readonly authors: ReadonlyMap<Variety, readonly string[]>;
}

/** Loads every complete file under `dir`, in a fixed order (author, then variety, then line). */
export function loadCorpus(dir: string = CORPUS_DIR): Corpus {
  const rows: CorpusRow[] = [];
  const authors = new Map<Variety, string[]>();
  if (!existsSync(dir)) return { rows, authors };
  for (const author of readdirSync(dir)
    .filter((a) => AUTHOR.test(a))
    .sort()) {
    for (const variety of VARIETIES) {
      const path = join(dir, author, `${variety}.jsonl`);
      if (!existsSync(path)) continue;
      const file = readCorpusFile(path, author, variety);
      if (!file) continue;
      rows.push(...file);
      authors.set(variety, [...(authors.get(variety) ?? []), author]);
    }
  }
  return { rows, authors };
}
