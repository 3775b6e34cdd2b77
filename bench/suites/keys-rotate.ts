/**
 * `npm run keys:rotate` throughput: record keys re-wrapped per second by a rotation (data keys in
 * batches, partner keys renewed with their referral keys), on PGlite and, when a server is named,
 * PostgreSQL. Baseline from the same run: unwrapping and re-wrapping the same number of keys with
 * AES-GCM in memory, which is the cryptographic floor of the work.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { makeKeys } from '../../functions/config/secrets.ts';
import { newDataKey, unwrapDataKey, wrapDataKey } from '../../functions/crypto/envelope.ts';
import { registerKeys } from '../../functions/crypto/key-registry.ts';
import { createChildKey, createRecordKey } from '../../functions/crypto/record-keys.ts';
import { rotateMasterKey } from '../../functions/crypto/rotate-master-key.ts';
import type { Database } from '../../functions/db/database.ts';
import { migrate } from '../../functions/db/migrate.ts';
import { openPglite } from '../../functions/db/open-pglite.ts';
import { openPostgres } from '../../functions/db/open-postgres.ts';
import { withScratchDatabase } from '../lib/servers.ts';
import { formatTable } from '../lib/table.ts';

const DATA_KEYS = 5_000;
const PARTNERS = 20;
const REFERRALS_EACH = 25;

async function fill(db: Database) {
  await migrate(db);
  const old = makeKeys({
    encryptionKey: randomBytes(32),
    hashKey: randomBytes(32),
    twilioAuthToken: 'f'.repeat(32),
  });
  await registerKeys(db, old);
  for (let done = 0; done < DATA_KEYS; done += 500) {
    await db.transaction(async (tx) => {
      for (let i = done; i < done + 500; i++) await createRecordKey(tx, old, `report:bench-${i}`);
    });
  }
  for (let p = 0; p < PARTNERS; p++) {
    await db.transaction(async (tx) => {
      await createRecordKey(tx, old, `partner:bench-${p}`, { wrapsKeys: true });
      for (let r = 0; r < REFERRALS_EACH; r++)
        await createChildKey(tx, old, `partner:bench-${p}`, `referral:bench-${p}-${r}`);
    });
  }
  const next = makeKeys({
    encryptionKey: randomBytes(32),
    previousEncryptionKey: old.master.key,
    hashKey: old.hashKey,
    twilioAuthToken: 'f'.repeat(32),
  });
  await registerKeys(db, next);
  return next;
}

async function timeRotation(db: Database): Promise<{ keys: number; ms: number }> {
  const next = await fill(db);
  const started = performance.now();
  const r = await rotateMasterKey(db, next);
  const ms = performance.now() - started;
  return { keys: r.dataKeys + r.wrappingKeys + r.childKeys, ms };
}

/** The same number of unwrap + wrap pairs, in memory. */
async function baseline(count: number): Promise<number> {
  const from = randomBytes(32);
  const to = randomBytes(32);
  const wrapped = await Promise.all(
    Array.from({ length: count }, (_, i) => wrapDataKey(from, newDataKey(), `report:bench-${i}`)),
  );
  const started = performance.now();
  for (const [i, w] of wrapped.entries()) {
    await wrapDataKey(to, await unwrapDataKey(from, w, `report:bench-${i}`), `report:bench-${i}`);
  }
  return performance.now() - started;
}

export async function keysRotateBench(postgresUrl: string | undefined): Promise<string> {
  const rows: (string | number)[][] = [];
  const add = async (engine: string, run: { keys: number; ms: number }) => {
    const memory = await baseline(run.keys);
    const perSecond = (run.keys / run.ms) * 1000;
    const basePerSecond = (run.keys / memory) * 1000;
    rows.push([
      engine,
      run.keys,
      perSecond,
      run.ms,
      basePerSecond,
      `${(perSecond / basePerSecond).toFixed(3)}x`,
    ]);
  };
  const dir = await mkdtemp(path.join(tmpdir(), 'waymark-bench-rotate-'));
  const db = await openPglite(path.join(dir, 'pglite'));
  try {
    await add('PGlite', await timeRotation(db));
  } finally {
    await db.close();
    await rm(dir, { recursive: true, force: true });
  }
  if (postgresUrl) {
    await withScratchDatabase(postgresUrl, async (url) => {
      const pg = openPostgres(url, { poolSize: 2 });
      try {
        await add('PostgreSQL', await timeRotation(pg));
      } finally {
        await pg.close();
      }
    });
  }
  return formatTable(
    `keys:rotate (${DATA_KEYS} data keys, ${PARTNERS} partner keys with ${REFERRALS_EACH} referral keys each)`,
    [
      'database',
      'keys re-wrapped',
      'keys per second',
      'total ms',
      'baseline: AES-GCM unwrap + wrap in memory, per second',
      'ratio',
    ],
    rows,
  );
}
