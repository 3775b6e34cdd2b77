/**
 * `npm run keys:rotate` in embedded mode, as an operator runs it: refused while the server holds the
 * PGlite folder, then a new key in secrets.json, the old one gone from it, and every record readable
 * with the new key alone. With configured keys it explains what to set first.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWithKeys } from '../../../functions/boot.ts';
import { loadConfig } from '../../../functions/config/load-config.ts';
import { makeKeys } from '../../../functions/config/secrets.ts';
import { decryptText, encryptField } from '../../../functions/crypto/envelope.ts';
import { createRecordKey, findRecordKey } from '../../../functions/crypto/record-keys.ts';
import { openPglite } from '../../../functions/db/open-pglite.ts';
import { createLogger } from '../../../functions/http/logger.ts';
import { withBlankDatabase } from '../../helpers/blank-data-folder.ts';
import { CHILD_NODE_ARGS, childEnv } from '../../helpers/child-node.ts';

const rotate = (env: Record<string, string>) =>
  spawnSync(process.execPath, [...CHILD_NODE_ARGS, 'functions/crypto/rotate-cli.ts'], {
    env: childEnv(env),
    encoding: 'utf8',
  });

describe('npm run keys:rotate with embedded keys', () => {
  let dataDir: string;
  let sealed: Buffer;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'waymark-rotate-'));
    await withBlankDatabase(dataDir);
    const { db, keys } = await openWithKeys(loadConfig({ DATA_DIR: dataDir }), createLogger('silent'));
    const key = await createRecordKey(db, keys, 'note:1');
    sealed = await encryptField(key, 'Call back after 9 pm only', 'note:1:body');
    await db.close();
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  const secrets = async () => JSON.parse(await readFile(path.join(dataDir, 'secrets.json'), 'utf8'));

  it('is refused while the server holds the embedded database', async () => {
    const before = await secrets();
    const running = await openPglite(path.join(dataDir, 'pglite'));
    try {
      const result = rotate({ DATA_DIR: dataDir });
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(`in use by process ${process.pid}`);
    } finally {
      await running.close();
    }
    expect(await secrets()).toEqual(before);
  });

  it('replaces the key in secrets.json and leaves every record readable with it alone', async () => {
    const before = await secrets();
    const result = rotate({ DATA_DIR: dataDir });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/Rotated the master key from [0-9a-f]{16} to [0-9a-f]{16}/);
    expect(result.stdout).toContain('Destroy every other copy of it');
    const after = await secrets();
    expect(after.encryptionKey).not.toBe(before.encryptionKey);
    expect(after.previousEncryptionKey).toBeUndefined();
    expect(after.hashKey).toBe(before.hashKey);

    const db = await openPglite(path.join(dataDir, 'pglite'));
    try {
      const keys = makeKeys({
        encryptionKey: Buffer.from(after.encryptionKey, 'base64'),
        hashKey: Buffer.from(after.hashKey, 'base64'),
        twilioAuthToken: after.simulatorAuthToken,
      });
      const key = (await findRecordKey(db, keys, 'note:1'))!;
      expect(await decryptText(key, sealed, 'note:1:body')).toBe('Call back after 9 pm only');
      const retired = await db.query<{ retired_at: Date | null }>(
        'select retired_at from master_keys order by created_at',
      );
      expect(retired.map((r) => r.retired_at !== null)).toEqual([true, false]);
    } finally {
      await db.close();
    }
  });

  it('asks for ENCRYPTION_KEY_PREVIOUS when the key is configured', () => {
    const result = rotate({ DATA_DIR: dataDir, ENCRYPTION_KEY: randomBytes(32).toString('base64') });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('ENCRYPTION_KEY_PREVIOUS to the current one');
  });
});
