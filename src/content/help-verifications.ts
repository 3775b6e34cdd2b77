/**
 * Checks confirmed in the console, overlaid on the help directory at build time so readers see
 * the date: the server writes them to DATA_DIR/directory-verifications.json after every
 * confirmation (functions/directory/verification-snapshot.ts). No file: nothing to overlay. A file
 * that is not valid stops the build with what is wrong, like invalid content does.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { HelpEntry } from '#kernel/content/schemas.ts';
import {
  applyVerifications,
  type VerificationRecord,
  verificationRecordSchema,
} from '#kernel/content/verification.ts';

let records: VerificationRecord[] | undefined;

function consoleVerifications(): VerificationRecord[] {
  if (records) return records;
  const file = path.resolve(process.env.DATA_DIR || './data', 'directory-verifications.json');
  if (!existsSync(file)) {
    records = [];
    return records;
  }
  const parsed = z.array(verificationRecordSchema).safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success)
    throw new Error(
      `${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  records = parsed.data;
  return records;
}

export function withConsoleVerifications(entry: HelpEntry): HelpEntry {
  return applyVerifications(entry, consoleVerifications());
}
