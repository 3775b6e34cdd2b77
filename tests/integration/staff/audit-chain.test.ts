/**
 * The keyed audit chain on both engines: several app nodes append to one chain safely, and each
 * node's checkpointer writes when the log grew by enough entries or enough time passed, and when
 * it stops.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendAudit, verifyAuditChain } from '../../../functions/staff/audit.ts';
import {
  CHECKPOINT_EVERY_ENTRIES,
  CHECKPOINT_EVERY_MINUTES,
  createCheckpointer,
  readCheckpoints,
} from '../../../functions/staff/audit-checkpoints.ts';
import { engines, type TestDatabase } from '../../helpers/databases.ts';
import { createTestDeps, type TestDeps } from '../../helpers/deps.ts';

describe.each(engines)('audit chain on $name', (engine) => {
  let t: TestDatabase;
  let deps: TestDeps;
  let dir: string;
  beforeEach(async () => {
    t = await engine.create();
    deps = createTestDeps(t.db);
    dir = await mkdtemp(path.join(tmpdir(), 'waymark-checkpoints-'));
  });
  afterEach(async () => {
    await t.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  const append = (n: number, db = t.db) =>
    db.transaction(async (tx) => {
      for (let i = 0; i < n; i++)
        await appendAudit(tx, deps.keys, { actorId: null, action: 'test.event' }, deps.now());
    });

  it.skipIf(engine.name !== 'postgres')(
    'keeps one intact chain while three nodes append at once',
    async () => {
      const nodes = [t.db, t.openPeer(), t.openPeer()];
      await Promise.all(
        nodes.flatMap((db) =>
          Array.from({ length: 10 }, () =>
            (async () => {
              for (let i = 0; i < 4; i++) await append(1, db);
            })(),
          ),
        ),
      );
      const report = await verifyAuditChain(t.db, deps.keys);
      expect(report.problem).toBeUndefined();
      expect(report.entries).toBe(120);
    },
  );

  it('checkpoints every so many entries or minutes, and when the node stops', async () => {
    const file = path.join(dir, 'nested', 'checkpoints.jsonl');
    const checkpoints = createCheckpointer({ db: t.db, keys: deps.keys, file, now: deps.now });
    await append(3);
    await checkpoints.tick();
    await append(CHECKPOINT_EVERY_ENTRIES - 1);
    await checkpoints.tick(); // not enough entries, not enough time
    expect((await readCheckpoints(deps.keys, file)).points.map((p) => p.entries)).toEqual([3]);
    await append(1);
    await checkpoints.tick();
    await append(1);
    deps.setNow(new Date(deps.now().getTime() + CHECKPOINT_EVERY_MINUTES * 60_000));
    await checkpoints.tick();
    await checkpoints.tick(); // nothing new
    await append(2);
    await checkpoints.flush();
    await checkpoints.flush();
    const read = await readCheckpoints(deps.keys, file);
    expect(read.rejected).toEqual([]);
    expect(read.points.map((p) => p.entries)).toEqual([3, 103, 104, 106]);
    const report = await verifyAuditChain(t.db, deps.keys, read.points);
    expect(report).toMatchObject({ entries: 106, checkpointsChecked: 4 });
    expect(report.problem).toBeUndefined();
    // A checkpoint MAC'd with another key (a forger without HASH_KEY) is rejected.
    const other = createTestDeps(t.db);
    other.keys = { ...other.keys, auditKey: Buffer.alloc(32, 9) };
    expect((await readCheckpoints(other.keys, file)).rejected).toEqual([1, 2, 3, 4]);
  });
});
