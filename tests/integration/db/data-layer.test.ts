import { afterEach, describe, expect, it } from 'vitest';
import { migrate, migrationCount, readMigrations } from '../../../functions/db/migrate.ts';
import { engines, type TestDatabase } from '../../helpers/databases.ts';

describe.each(engines)('data layer on $name', (engine) => {
  let t: TestDatabase | undefined;
  afterEach(async () => {
    await t?.dispose();
    t = undefined;
  });

  it('applies every migration once, in order, and is idempotent', async () => {
    t = await engine.create({ migrate: false });
    const all = await readMigrations();
    const expected = all.length;
    const first = await migrate(t.db);
    expect(first.applied).toEqual(all.map((m) => m.version));
    expect(first.applied).toEqual([...first.applied].sort((a, b) => a - b));
    const second = await migrate(t.db);
    expect(second.applied).toEqual([]);
    expect(await migrationCount(t.db)).toBe(expected);
  });

  it('passes parameters as values, never as SQL', async () => {
    t = await engine.create();
    const hostile = "x'); drop table schema_migrations; --";
    const rows = await t.db.query<{ v: string }>('select $1::text as v', [hostile]);
    expect(rows[0]?.v).toBe(hostile);
    expect(await migrationCount(t.db)).toBeGreaterThan(0);
  });

  it('commits a transaction that resolves and rolls back one that throws', async () => {
    t = await engine.create();
    await t.db.query('create table items (id int primary key, label text not null)');
    await t.db.transaction(async (tx) => {
      await tx.query('insert into items values ($1, $2)', [1, 'kept']);
    });
    await expect(
      t.db.transaction(async (tx) => {
        await tx.query('insert into items values ($1, $2)', [2, 'discarded']);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    const rows = await t.db.query<{ id: number }>('select id from items order by id');
    expect(rows.map((r) => r.id)).toEqual([1]);
  });

  it('returns counts and big integers as numbers on every engine', async () => {
    t = await engine.create();
    const [row] = await t.db.query<{ n: number; big: number }>(
      'select count(*) as n, 9007199254740991::bigint as big',
    );
    expect(row).toEqual({ n: 1, big: 9007199254740991 });
  });

  it.skipIf(engine.name !== 'postgres')(
    'lets several app nodes migrate at once without applying twice',
    async () => {
      t = await engine.create({ migrate: false });
      const peers = [t.db, t.openPeer(), t.openPeer()];
      const results = await Promise.all(peers.map((db) => migrate(db)));
      const applied = results.flatMap((r) => r.applied).sort((a, b) => a - b);
      expect(applied).toEqual((await readMigrations()).map((m) => m.version));
    },
  );
});
