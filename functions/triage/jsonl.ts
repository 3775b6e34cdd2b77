/**
 * Reads JSON Lines for the triage CLI and the evaluation: one record per non-blank line, each
 * with its 1-based line number, and a readable error instead of an exception for a bad line.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { z } from 'zod';

export type JsonlRecord<T> = { line: number; value: T } | { line: number; error: string };

function explain(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || 'record'}: ${i.message}`).join('; ');
}

/** Parses and validates one line; `null` for a blank line. */
export function parseLine<T>(text: string, line: number, schema: z.ZodType<T>): JsonlRecord<T> | null {
  if (text.trim() === '') return null;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { line, error: 'not valid JSON' };
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? { line, value: parsed.data } : { line, error: explain(parsed.error) };
}

/** Streams the records of a file, or of standard input for `-`. */
export async function* readJsonl<T>(path: string, schema: z.ZodType<T>): AsyncGenerator<JsonlRecord<T>> {
  const input = path === '-' ? process.stdin : createReadStream(path, { encoding: 'utf8' });
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let line = 0;
  for await (const text of lines) {
    line++;
    const record = parseLine(text, line, schema);
    if (record) yield record;
  }
}
