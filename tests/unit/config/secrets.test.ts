import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../functions/config/load-config.ts';
import { loadKeys } from '../../../functions/config/secrets.ts';

describe('loadKeys', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'waymark-keys-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('generates missing keys once, owner-only, and reuses them', async () => {
    const config = loadConfig({ DATA_DIR: dir });
    const first = await loadKeys(config);
    expect(first.generated).toEqual(['encryptionKey', 'hashKey', 'simulatorAuthToken']);
    expect(first.keys.master.key).toHaveLength(32);
    expect(first.keys.master.key.equals(first.keys.hashKey)).toBe(false);
    const file = path.join(dir, 'secrets.json');
    // Nothing is written until the key check has accepted the keys (boot.ts).
    await expect(stat(file)).rejects.toThrow();
    await first.persist();
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const second = await loadKeys(config);
    expect(second.generated).toEqual([]);
    expect(second.keys.hashKey.equals(first.keys.hashKey)).toBe(true);
  });

  it('prefers configured keys and writes nothing when all are configured', async () => {
    const encryptionKey = randomBytes(32).toString('base64');
    const hashKey = randomBytes(32).toString('base64');
    const loaded = await loadKeys(
      loadConfig({
        DATA_DIR: dir,
        ENCRYPTION_KEY: encryptionKey,
        HASH_KEY: hashKey,
        TWILIO_ACCOUNT_SID: `AC${'1'.repeat(32)}`,
        TWILIO_AUTH_TOKEN: 'a'.repeat(32),
        TWILIO_FROM: '+447700900123',
      }),
    );
    expect(loaded.keys.master.key.toString('base64')).toBe(encryptionKey);
    await loaded.persist();
    await expect(readFile(path.join(dir, 'secrets.json'))).rejects.toThrow();
  });
});
