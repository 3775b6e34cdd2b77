/**
 * `npm run audit:verify` against a PGlite data folder, as an operator runs it: an untouched log is
 * intact; a cut tail, an edited entry, a deleted middle entry and a chain re-computed without the
 * audit key are each named; it still works after a master key rotation; a wrong HASH_KEY is refused.
 */
import { spawnSync } from 'node:child_process';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWithKeys } from '../../../functions/boot.ts';
import { loadConfig } from '../../../functions/config/load-config.ts';
import { openPglite } from '../../../functions/db/open-pglite.ts';
import { createLogger } from '../../../functions/http/logger.ts';
import { appendAudit } from '../../../functions/staff/audit.ts';
import { writeCheckpoint } from '../../../functions/staff/audit-checkpoints.ts';
import { withBlankDatabase } from '../../helpers/blank-data-folder.ts';
import { CHILD_NODE_ARGS, childEnv } from '../../helpers/child-node.ts';

const ENCRYPTION_KEY = randomBytes(32).toString('base64');
const HASH_KEY = randomBytes(32).toString('base64');
const ENTRIES = 1000;

function run(script: string, dataDir: string, env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [...CHILD_NODE_ARGS, script], {
    env: childEnv({ DATA_DIR: dataDir, ENCRYPTION_KEY, HASH_KEY, ...env }),
    encoding: 'utf8',
  });
}
const verify = (dataDir: string, env?: Record<string, string>) =>
  run('functions/staff/audit-verify-cli.ts', dataDir, env);

describe('npm run audit:verify', () => {
  let base: string;
  const scratch: string[] = [];
  beforeAll(async () => {
    base = await mkdtemp(path.join(tmpdir(), 'waymark-audit-'));
    await withBlankDatabase(base);
    const config = loadConfig({ DATA_DIR: base, ENCRYPTION_KEY, HASH_KEY });
    const { db, keys } = await openWithKeys(config, createLogger('silent'));
    const at = new Date('2026-11-01T00:00:00Z');
    for (let done = 0; done < ENTRIES; done += 100) {
      await db.transaction(async (tx) => {
        for (let i = done; i < done + 100; i++)
          await appendAudit(tx, keys, { actorId: null, action: 'test.event', subject: `s${i}` }, at);
      });
      // As the server does: a checkpoint at least every 100 entries.
      await writeCheckpoint(db, keys, config.auditCheckpointFile, at);
    }
    await db.close();
  });
  afterAll(async () => {
    await Promise.all([base, ...scratch].map((d) => rm(d, { recursive: true, force: true })));
  });

  /** A copy of the data folder, changed by `tamper` while no process has it open. */
  async function tampered(tamper: (db: Awaited<ReturnType<typeof openPglite>>) => Promise<void>) {
    const dir = await mkdtemp(path.join(tmpdir(), 'waymark-audit-copy-'));
    scratch.push(dir);
    await cp(base, dir, { recursive: true });
    const db = await openPglite(path.join(dir, 'pglite'));
    await tamper(db);
    await db.close();
    return dir;
  }

  it('says intact on an untouched log, with every checkpoint matched', () => {
    const ok = verify(base);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toContain(`intact: ${ENTRIES} entries`);
    expect(ok.stdout).toContain('10 of 10 checkpoint(s) matched');
  });

  it('detects the last 460 entries deleted, which leave a valid chain behind', async () => {
    const dir = await tampered(async (db) => {
      await db.query('delete from audit_log where seq > (select max(seq) - 460 from audit_log)');
    });
    const cut = verify(dir);
    expect(cut.status).toBe(2);
    expect(cut.stderr).toContain('tail was cut');
    expect(cut.stderr).toContain(`recorded ${ENTRIES} entries`);
    expect(cut.stderr).toContain(`with ${ENTRIES - 460}`);
  });

  it('names an edited entry', async () => {
    const dir = await tampered(async (db) => {
      await db.query(`update audit_log set subject = 'changed' where subject = 's500'`);
    });
    const result = verify(dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/BROKEN at entry 501: its content does not match its MAC/);
  });

  it('names the entry after a deleted middle entry', async () => {
    const dir = await tampered(async (db) => {
      await db.query(`delete from audit_log where subject = 's300'`);
    });
    const result = verify(dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/BROKEN at entry 302: its link to the previous entry does not match/);
  });

  it('detects a chain re-computed without the audit key, keyed or as plain hashes', async () => {
    const recompute = (mac: (prev: Buffer, content: string) => Buffer, keyed: boolean) =>
      tampered(async (db) => {
        const rows = await db.query<{ seq: number; at: Date; action: string; subject: string }>(
          'select seq, at, action, subject from audit_log order by seq',
        );
        let prev: Buffer = Buffer.alloc(32);
        for (const row of rows) {
          const subject = row.subject === 's10' ? 'rewritten' : row.subject;
          const content = JSON.stringify({
            action: row.action,
            actor: null,
            at: row.at.toISOString(),
            details: {},
            subject,
          });
          const hash = mac(prev, content);
          await db.query(
            'update audit_log set subject = $2, prev_hash = $3, hash = $4, keyed = $5 where seq = $1',
            [row.seq, subject, prev, hash, keyed],
          );
          prev = hash;
        }
      });
    const guessedKey = randomBytes(32);
    const withGuess = verify(
      await recompute(
        (prev, content) =>
          createHmac('sha256', guessedKey)
            .update('waymark audit entry\0')
            .update(prev)
            .update(content)
            .digest(),
        true,
      ),
    );
    expect(withGuess.status).toBe(2);
    expect(withGuess.stderr).toMatch(/BROKEN at entry 1: its content does not match its MAC/);

    // Passed off as entries from before the keyed chain: a valid SHA-256 chain, but the checkpoints
    // kept outside the database recorded other heads.
    const asLegacy = verify(
      await recompute((prev, content) => createHash('sha256').update(prev).update(content).digest(), false),
    );
    expect(asLegacy.status).toBe(2);
    expect(asLegacy.stderr).toContain('recorded entry 100 as entry number 100 with another head');
  });

  it('still verifies after the master key is rotated, and refuses a wrong HASH_KEY', async () => {
    const dir = await tampered(async () => {});
    const next = randomBytes(32).toString('base64');
    const rotate = run('functions/crypto/rotate-cli.ts', dir, {
      ENCRYPTION_KEY: next,
      ENCRYPTION_KEY_PREVIOUS: ENCRYPTION_KEY,
    });
    expect(rotate.status, rotate.stderr).toBe(0);
    const after = verify(dir, { ENCRYPTION_KEY: next });
    expect(after.status, after.stderr).toBe(0);
    expect(after.stdout).toContain(`intact: ${ENTRIES + 1} entries`);
    expect(after.stdout).toContain('11 of 11 checkpoint(s) matched');

    const wrong = verify(dir, { ENCRYPTION_KEY: next, HASH_KEY: randomBytes(32).toString('base64') });
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toContain('HASH_KEY');
    expect(wrong.stderr).toContain('Restore the original HASH_KEY');
  });
});
