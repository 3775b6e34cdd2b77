/**
 * Command-line triage: `node functions/triage/cli.ts <file.jsonl | ->`.
 *
 * Reads JSON Lines with at least {"text": "..."} (other fields are ignored; "history", an array of
 * earlier messages, is used when present) and writes one JSON line per record, in order, on
 * stdout. A bad record is reported on stderr with its line number and gets an
 * {"line": n, "error": "..."} line on stdout, so output lines stay aligned with input records; the
 * process then exits with status 1 after processing the rest. Blank lines are skipped. A text
 * longer than the engine reads (MAX_TEXT_LENGTH) is triaged on its beginning, and its line says so
 * with "truncated": true.
 */
import { z } from 'zod';
import { readJsonl } from './jsonl.ts';
import { MAX_TEXT_LENGTH, triage } from './triage.ts';

const recordSchema = z.object({ text: z.string(), history: z.array(z.string()).optional() });

const USAGE = 'usage: node functions/triage/cli.ts <file.jsonl | ->';
const FLUSH_EVERY = 256;

async function main(args: readonly string[]): Promise<number> {
  const [path] = args;
  if (!path || args.length > 1) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  let failed = 0;
  let buffer: string[] = [];
  const flush = () => {
    if (buffer.length > 0) process.stdout.write(`${buffer.join('\n')}\n`);
    buffer = [];
  };
  try {
    for await (const record of readJsonl(path, recordSchema)) {
      if ('error' in record) {
        failed++;
        process.stderr.write(`${path}:${record.line}: ${record.error}\n`);
        buffer.push(JSON.stringify({ line: record.line, error: record.error }));
      } else {
        const result = triage(record.value);
        const truncated = record.value.text.length > MAX_TEXT_LENGTH;
        buffer.push(JSON.stringify(truncated ? { ...result, truncated } : result));
      }
      if (buffer.length >= FLUSH_EVERY) flush();
    }
  } catch (error) {
    flush();
    process.stderr.write(`${path}: ${(error as Error).message}\n`);
    return 2;
  }
  flush();
  if (failed > 0) process.stderr.write(`${failed} bad record(s)\n`);
  return failed > 0 ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
