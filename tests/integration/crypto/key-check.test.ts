/**
 * A start, or a CLI, with the wrong ENCRYPTION_KEY or HASH_KEY is refused with a message naming the
 * variable and what to do, a non-zero exit, and nothing written: not to the database, not to
 * DATA_DIR/secrets.json.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openWithKeys } from '../../../functions/boot.ts';
import { loadConfig } from '../../../functions/config/load-config.ts';
import { makeKeys } from '../../../functions/config/secrets.ts';
import { checkKeys, KeyCheckError, registerKeys } from '../../../functions/crypto/key-registry.ts';
import type { Database } from '../../../functions/db/database.ts';
import { openPglite } from '../../../functions/db/open-pglite.ts';
import { createLogger } from '../../../functions/http/logger.ts';
import { withBlankDatabase } from '../../helpers/blank-data-folder.ts';
import { CHILD_NODE_ARGS, childEnv } from '../../helpers/child-node.ts';
import { engines, type TestDatabase } from '../../helpers/databases.ts';

const key = () => randomBytes(32).toString('base64');
const ENCRYPTION_KEY = key();
const HASH_KEY = key();

/** Everything the key check, a migration or a first start could write. */
async function snapshot(db: Database) {
  const tables = [
    'schema_migrations',
    'master_keys',
    'key_checks',
    'record_keys',
    'audit_log',
    'staff_users',
  ];
  const out: Record<string, unknown> = {};
  for (const table of tables) out[table] = await db.query(`select * from ${table} order by 1`);
  return out;
}

function start(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...CHILD_NODE_ARGS, 'functions/server/start.ts'], {
      env: childEnv(env),
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

describe('the key check at start, on a PGlite data folder', () => {
  let dataDir: string;
  let before: Awaited<ReturnType<typeof snapshot>>;
  let secrets: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'waymark-key-check-'));
    await withBlankDatabase(dataDir);
    const { db } = await openWithKeys(
      loadConfig({ DATA_DIR: dataDir, ENCRYPTION_KEY, HASH_KEY }),
      createLogger('silent'),
    );
    before = await snapshot(db);
    await db.close();
    // The first start generated the simulator's webhook token (no Twilio account configured).
    secrets = await readFile(path.join(dataDir, 'secrets.json'), 'utf8');
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  async function unchanged() {
    const db = await openPglite(path.join(dataDir, 'pglite'));
    try {
      expect(await snapshot(db)).toEqual(before);
    } finally {
      await db.close();
    }
    expect(await readFile(path.join(dataDir, 'secrets.json'), 'utf8')).toBe(secrets);
  }

  it('accepts the keys it was set up with', async () => {
    const { db } = await openWithKeys(
      loadConfig({ DATA_DIR: dataDir, ENCRYPTION_KEY, HASH_KEY }),
      createLogger('silent'),
    );
    await db.close();
    await unchanged();
  });

  it('refuses a server start with another ENCRYPTION_KEY, saying what to do', async () => {
    const result = await start({ DATA_DIR: dataDir, ENCRYPTION_KEY: key(), HASH_KEY });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('ENCRYPTION_KEY');
    expect(result.stderr).toContain('is not the master key of this database');
    expect(result.stderr).toContain('Restore the right ENCRYPTION_KEY');
    expect(result.stderr).toContain('npm run keys:rotate');
    expect(result.stderr).toContain('Nothing was written.');
    expect(result.stderr).not.toContain('    at ');
    await unchanged();
  });

  it('refuses a server start with another HASH_KEY', async () => {
    const result = await start({ DATA_DIR: dataDir, ENCRYPTION_KEY, HASH_KEY: key() });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('HASH_KEY');
    expect(result.stderr).toContain('Restore the original HASH_KEY');
    await unchanged();
  });

  it('refuses a start whose keys would be generated, because secrets.json went missing', async () => {
    const file = path.join(dataDir, 'secrets.json');
    await rename(file, `${file}.aside`);
    try {
      const result = await start({ DATA_DIR: dataDir });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/ENCRYPTION_KEY|HASH_KEY/);
      expect(await readdir(dataDir)).not.toContain('secrets.json');
    } finally {
      await rename(`${file}.aside`, file);
    }
    await unchanged();
  });

  it('refuses the admin CLI with another HASH_KEY, creating no account', async () => {
    const result = spawnSync(
      process.execPath,
      [
        ...CHILD_NODE_ARGS,
        'functions/staff/admin-cli.ts',
        'create-user',
        '--email',
        'ana@example.org',
        '--role',
        'operator',
      ],
      {
        env: childEnv({ DATA_DIR: dataDir, ENCRYPTION_KEY, HASH_KEY: key() }),
        encoding: 'utf8',
      },
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('HASH_KEY');
    expect(result.stdout).not.toContain('set-up link');
    await unchanged();
  });

  it('refuses the retention CLI with another ENCRYPTION_KEY', () => {
    const result = spawnSync(process.execPath, [...CHILD_NODE_ARGS, 'functions/retention/purge-cli.ts'], {
      env: childEnv({ DATA_DIR: dataDir, ENCRYPTION_KEY: key(), HASH_KEY }),
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('ENCRYPTION_KEY');
    expect(result.stdout).toBe('');
  });
});

describe.each(engines)('the key check on $name', (engine) => {
  let t: TestDatabase;
  const keys = makeKeys({
    encryptionKey: randomBytes(32),
    hashKey: randomBytes(32),
    twilioAuthToken: 'f'.repeat(32),
  });
  beforeEach(async () => {
    t = await engine.create();
  });
  afterEach(() => t.dispose());

  it('registers the keys once, then names the variable that is wrong', async () => {
    expect((await checkKeys(t.db, keys)).needsRegistration).toBe(true);
    await registerKeys(t.db, keys);
    expect(await checkKeys(t.db, keys)).toEqual({ needsRegistration: false, warnings: [] });
    const other = (change: 'encryptionKey' | 'hashKey') =>
      makeKeys({
        encryptionKey: change === 'encryptionKey' ? randomBytes(32) : keys.master.key,
        hashKey: change === 'hashKey' ? randomBytes(32) : keys.hashKey,
        twilioAuthToken: 'f'.repeat(32),
      });
    await expect(checkKeys(t.db, other('encryptionKey'))).rejects.toMatchObject({
      variable: 'ENCRYPTION_KEY',
    });
    await expect(checkKeys(t.db, other('hashKey'))).rejects.toMatchObject({ variable: 'HASH_KEY' });
    await expect(registerKeys(t.db, other('encryptionKey'))).rejects.toBeInstanceOf(KeyCheckError);
    expect((await t.db.query('select id from master_keys')).length).toBe(1);
  });

  it('accepts a new key only beside the current one, and refuses an unknown previous key', async () => {
    await registerKeys(t.db, keys);
    const next = makeKeys({
      encryptionKey: randomBytes(32),
      previousEncryptionKey: keys.master.key,
      hashKey: keys.hashKey,
      twilioAuthToken: 'f'.repeat(32),
    });
    expect((await checkKeys(t.db, next)).needsRegistration).toBe(true);
    const stranger = makeKeys({
      encryptionKey: randomBytes(32),
      previousEncryptionKey: randomBytes(32),
      hashKey: keys.hashKey,
      twilioAuthToken: 'f'.repeat(32),
    });
    await expect(checkKeys(t.db, stranger)).rejects.toMatchObject({ variable: 'ENCRYPTION_KEY_PREVIOUS' });
  });
});
