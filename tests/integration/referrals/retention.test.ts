/** Retention: a dry run that deletes nothing, a real run that destroys records with their keys. */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findRecordKey } from '../../../functions/crypto/record-keys.ts';
import { migrate } from '../../../functions/db/migrate.ts';
import { openPglite } from '../../../functions/db/open-pglite.ts';
import { openPostgres } from '../../../functions/db/open-postgres.ts';
import { closeItem } from '../../../functions/queue/claims.ts';
import { openPacket, referralKey } from '../../../functions/referrals/packet-crypto.ts';
import { reportContext } from '../../../functions/reports/report-store.ts';
import { purge } from '../../../functions/retention/purge.ts';
import { blankCluster } from '../../helpers/blank-data-folder.ts';
import { engines, type TestDatabase } from '../../helpers/databases.ts';
import { createTestDeps, type TestDeps } from '../../helpers/deps.ts';
import { CONSENT, ORIGIN, PACKET, referralWorld } from '../../helpers/referrals.ts';

const DAY = 86_400_000;

describe.each(engines)('retention on $name', (engine) => {
  let t: TestDatabase;
  let deps: TestDeps;
  beforeEach(async () => {
    t = await engine.create();
    deps = createTestDeps(t.db, { PUBLIC_BASE_URL: ORIGIN, RETENTION_DAYS: 'noise:7,closed:90,referral:30' });
  });
  afterEach(() => t.dispose());

  const count = async (table: string) =>
    (await t.db.query<{ n: number }>(`select count(*)::int as n from ${table}`))[0]!.n;

  it('reports what is due in a dry run, then destroys exactly that and its keys', async () => {
    const world = await referralWorld(t.db, deps);
    const start = deps.now();
    // A closed item with a referral the partner declined, and an open item that must survive.
    const closedItem = await world.newItem();
    const { referral } = await (
      await world.operator.call('POST', `/api/console/queue/${closedItem}/referrals`, {
        partnerId: world.shelter.id,
        packet: PACKET,
        consent: CONSENT,
      })
    ).json();
    await world.shelterWorker.call('POST', `/api/intake/referrals/${referral.id}/decline`, {
      reason: 'Full.',
    });
    await closeItem(deps, { id: world.operator.id, mayOverride: false }, closedItem, 'referred');
    const openItem = await world.newItem();
    // A noise item, created by hand as triage would.
    await t.db.query(
      `insert into queue_items (id, source, source_id, priority, priority_rank, created_at, updated_at)
       values (gen_random_uuid(), 'sms', gen_random_uuid(), 'noise', 3, $1, $1)`,
      [start],
    );
    const [sealed] = await t.db.query<{ packet: Uint8Array }>('select packet from referrals where id = $1', [
      referral.id,
    ]);
    const [report] = await t.db.query<{ id: string }>(
      `select r.id from reports r join queue_items q on q.source_id = r.id where q.id = $1`,
      [closedItem],
    );
    const shelterKey = await referralKey(deps, t.db, world.shelter.id, referral.id);

    deps.setNow(new Date(start.getTime() + 8 * DAY));
    let dry = await purge(deps, { dryRun: true });
    expect(dry.due).toMatchObject({ noise: { count: 1 }, closed: { count: 0 }, referral: { count: 0 } });

    deps.setNow(new Date(start.getTime() + 91 * DAY));
    dry = await purge(deps, { dryRun: true });
    expect(dry.due).toMatchObject({ noise: { count: 1 }, closed: { count: 1 }, referral: { count: 1 } });
    expect(dry.reports).toBe(1);
    expect(await count('queue_items')).toBe(3);
    expect(await count('referrals')).toBe(1);

    const real = await purge(deps, { dryRun: false });
    expect(real.due).toEqual(dry.due);
    expect(await count('queue_items')).toBe(1);
    expect((await t.db.query<{ id: string }>('select id from queue_items'))[0]!.id).toBe(openItem);
    expect(await count('referrals')).toBe(0);
    expect(await count('referral_events')).toBe(0);
    expect(await t.db.query('select 1 from reports where id = $1', [report!.id])).toEqual([]);
    // The saved ciphertext cannot be opened with any key left in the database: the referral's and
    // the report's keys went with their rows, and every other key opens only its own record.
    expect(await t.db.query(`select 1 from record_keys where context like '%' || $1`, [referral.id])).toEqual(
      [],
    );
    expect(await t.db.query(`select 1 from record_keys where context like '%' || $1`, [report!.id])).toEqual(
      [],
    );
    expect(await findRecordKey(t.db, deps.keys, reportContext.key(report!.id))).toBeNull();
    const left = await t.db.query<{ context: string }>(
      'select context from record_keys where parent is null',
    );
    expect(left.length).toBeGreaterThan(0);
    for (const { context } of left) {
      const key = (await findRecordKey(t.db, deps.keys, context))!;
      await expect(openPacket(key, referral.id, sealed!.packet)).rejects.toThrow();
    }
    // A backup taken before the purge still holds that key: it stays readable there until the
    // master key of that day is rotated out and destroyed (tests/integration/crypto/rotation.test.ts).
    expect(await openPacket(shelterKey, referral.id, sealed!.packet)).toMatchObject({ sex: 'Feminine' });
    expect((await purge(deps, { dryRun: false })).due.closed.count).toBe(0);
    const [audit] = await t.db.query<{ details: Record<string, number> }>(
      `select details from audit_log where action = 'retention.purge'`,
    );
    expect(audit!.details).toMatchObject({ noise: 1, closed: 1, referrals: 1 });
  });

  it('keeps a referral as long as its partner agreed, and open referrals always', async () => {
    const world = await referralWorld(t.db, deps);
    await t.db.query('update partners set retention_days = 365 where id = $1', [world.shelter.id]);
    const made = [];
    for (const partnerId of [world.shelter.id, world.legal.id]) {
      const item = await world.newItem();
      const { referral } = await (
        await world.operator.call('POST', `/api/console/queue/${item}/referrals`, {
          partnerId,
          packet: PACKET,
          consent: CONSENT,
        })
      ).json();
      made.push(referral.id);
    }
    await world.shelterWorker.call('POST', `/api/intake/referrals/${made[0]}/accept`);
    await world.legalWorker.call('POST', `/api/intake/referrals/${made[1]}/accept`);
    const open = await world.newItem();
    await world.operator.call('POST', `/api/console/queue/${open}/referrals`, {
      partnerId: world.legal.id,
      packet: PACKET,
      consent: CONSENT,
    });
    deps.setNow(new Date(deps.now().getTime() + 31 * DAY));
    const report = await purge(deps, { dryRun: false });
    expect(report.due.referral.count).toBe(1);
    const left = await t.db.query<{ id: string; status: string }>('select id, status from referrals');
    expect(left.map((r) => r.id)).toContain(made[0]);
    expect(left.map((r) => r.id)).not.toContain(made[1]);
    expect(left.some((r) => r.status === 'sent')).toBe(true);
  });
});

describe('referral packets at rest', () => {
  const needles = ['Achrafieh', 'passport held by employer', '9613123456', 'after 21:00'];
  const containsAny = (haystack: Buffer) =>
    needles.find(
      (n) => haystack.includes(Buffer.from(n, 'utf8')) || haystack.includes(Buffer.from(n, 'utf16le')),
    );

  it('PGlite’s data files hold no packet plaintext', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'waymark-referral-dump-'));
    try {
      await blankCluster(dir);
      const db = await openPglite(dir);
      await migrate(db);
      const deps = createTestDeps(db, { PUBLIC_BASE_URL: ORIGIN });
      const world = await referralWorld(db, deps);
      const item = await world.newItem();
      const response = await world.operator.call('POST', `/api/console/queue/${item}/referrals`, {
        partnerId: world.shelter.id,
        packet: PACKET,
        consent: CONSENT,
      });
      expect(response.status).toBe(201);
      const { referral } = await response.json();
      await world.shelterWorker.call('POST', `/api/intake/referrals/${referral.id}/request-info`, {
        message: 'Is Achrafieh still safe for her?',
      });
      await db.query('checkpoint');
      await db.close();
      const entries = await readdir(dir, { withFileTypes: true, recursive: true });
      const files = entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
      expect(files.length).toBeGreaterThan(10);
      for (const file of files) expect(containsAny(await readFile(file)), file).toBeUndefined();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(!process.env.TEST_DATABASE_URL)('pg_dump holds no packet plaintext either', async () => {
    const url = process.env.TEST_DATABASE_URL!;
    const schema = `referral_dump_${Date.now()}`;
    const admin = openPostgres(url, { poolSize: 1 });
    await admin.query(`create schema ${schema}`);
    const db = openPostgres(url, { poolSize: 2, searchPath: schema });
    try {
      await migrate(db);
      const deps = createTestDeps(db, { PUBLIC_BASE_URL: ORIGIN });
      const world = await referralWorld(db, deps);
      const item = await world.newItem();
      const response = await world.operator.call('POST', `/api/console/queue/${item}/referrals`, {
        partnerId: world.shelter.id,
        packet: PACKET,
        consent: CONSENT,
      });
      expect(response.status).toBe(201);
      const dump = execFileSync('pg_dump', ['--data-only', `--schema=${schema}`, url], {
        maxBuffer: 64 * 1024 * 1024,
      });
      expect(dump.includes(Buffer.from('Safe House Beirut'))).toBe(true);
      expect(containsAny(dump)).toBeUndefined();
    } finally {
      await db.close();
      await admin.query(`drop schema ${schema} cascade`);
      await admin.close();
    }
  });
});
