/**
 * Two app nodes on one PostgreSQL, 1,000 concurrent "take the next item" requests from operators
 * spread over both: every item is claimed by exactly one operator, none twice.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import postgres from 'postgres';
import { type Running, startWaymark } from '../../bench/lib/servers.ts';
import { openPostgres } from '../../functions/db/open-postgres.ts';
import { createSession, sessionCookie } from '../../functions/staff/sessions.ts';

const PUBLIC = 'http://hotline.test';
const ITEMS = 400;
const CLAIMS = 1000;
const OPERATORS = 20;

test('1,000 concurrent claims over two nodes: no item is claimed twice', async () => {
  test.skip(!process.env.TEST_DATABASE_URL, 'TEST_DATABASE_URL is not set');
  test.setTimeout(180_000);
  const admin = postgres(process.env.TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
  const name = `waymark_claims_${Date.now()}`;
  await admin.unsafe(`create database ${name}`);
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/${name}`;
  const dataDir = await mkdtemp(path.join(tmpdir(), 'waymark-claims-'));
  const nodes: Running[] = [];
  const db = openPostgres(url.href, { poolSize: 4 });
  try {
    // Both nodes share the keys, as every deployment must: a node with other keys is refused at start.
    const env = {
      DATABASE_URL: url.href,
      DATA_DIR: dataDir,
      ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      HASH_KEY: randomBytes(32).toString('base64'),
    };
    nodes.push(await startWaymark({ ...env, PUBLIC_BASE_URL: PUBLIC }));
    nodes.push(await startWaymark({ ...env, DATA_DIR: `${dataDir}-b`, PUBLIC_BASE_URL: PUBLIC }));
    const now = new Date();
    const operators: { id: string; cookie: string; csrf: string }[] = [];
    for (let i = 0; i < OPERATORS; i++) {
      const id = randomUUID();
      await db.query(`insert into staff_users (id, email, role, active) values ($1, $2, 'operator', true)`, [
        id,
        `op${i}@example.org`,
      ]);
      const { token, csrfToken } = await createSession(db, id, 'full', now);
      operators.push({ id, cookie: sessionCookie({ https: false }, token).split(';')[0]!, csrf: csrfToken });
    }
    for (let i = 0; i < ITEMS; i++) {
      await db.query(
        `insert into queue_items (id, source, source_id, priority, priority_rank, created_at, updated_at) values ($1, 'sms', $2, 'urgent', 1, $3, $3)`,
        [randomUUID(), randomUUID(), new Date(now.getTime() - i * 1000)],
      );
    }
    const claims = await Promise.all(
      Array.from({ length: CLAIMS }, async (_, i) => {
        const operator = operators[i % OPERATORS]!;
        const response = await fetch(`${nodes[i % 2]!.url}/api/console/queue/next`, {
          method: 'POST',
          headers: { cookie: operator.cookie, 'x-csrf-token': operator.csrf, origin: PUBLIC },
        });
        expect(response.status).toBe(200);
        return ((await response.json()) as { item: { id: string } | null }).item?.id ?? null;
      }),
    );
    const claimed = claims.filter((id): id is string => id !== null);
    expect(claimed).toHaveLength(ITEMS);
    expect(new Set(claimed).size).toBe(ITEMS);
    const [row] = await db.query<{ claimed: number; events: number }>(
      `select (select count(*)::int from queue_items where status = 'claimed') as claimed,
              (select count(*)::int from queue_events where kind = 'claimed') as events`,
    );
    expect(row).toEqual({ claimed: ITEMS, events: ITEMS });
  } finally {
    await Promise.all(nodes.map((n) => n.stop()));
    await db.close();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
    await rm(dataDir, { recursive: true, force: true, maxRetries: 5 });
    await rm(`${dataDir}-b`, { recursive: true, force: true });
  }
});
