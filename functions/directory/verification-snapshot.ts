/**
 * The confirmations the site's build overlays on the help directory: a JSON file in the data
 * folder (DATA_DIR/directory-verifications.json), rewritten whole from the database after every
 * confirmation. The build runs as its own process, and the embedded database can be open in one
 * process only, so the build reads this file rather than the database.
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config/load-config.ts';
import type { Queryable } from '../db/database.ts';
import { listVerifications } from './verifications.ts';

export const SNAPSHOT_FILE = 'directory-verifications.json';

export function snapshotPath(config: Pick<Config, 'dataDir'>): string {
  return path.join(config.dataDir, SNAPSHOT_FILE);
}

export async function writeVerificationSnapshot(
  db: Queryable,
  config: Pick<Config, 'dataDir'>,
): Promise<string> {
  const file = snapshotPath(config);
  const records = (await listVerifications(db)).map((v) => v.record);
  await mkdir(path.dirname(file), { recursive: true });
  // Written beside and renamed into place, so a build never reads half a file.
  const partial = `${file}.${process.pid}.tmp`;
  await writeFile(partial, `${JSON.stringify(records, null, 1)}\n`, { mode: 0o600 });
  await rename(partial, file);
  return file;
}
