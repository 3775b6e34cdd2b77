/** When the database goes away, the API says so clearly and keeps answering; it never crashes. */
import { describe, expect, it } from 'vitest';
import { openPostgres } from '../../functions/db/open-postgres.ts';
import { handleApi } from '../../functions/routes.ts';
import { pglite } from '../helpers/databases.ts';
import { createTestDeps } from '../helpers/deps.ts';

describe('database down', () => {
  it('health answers 503 problem+json with Retry-After when PGlite is closed', async () => {
    const { db } = await pglite.create({ migrate: false });
    await db.close();
    const response = await handleApi(new Request('http://test/api/health'), createTestDeps(db));
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect((await response.json()).code).toBe('database-unavailable');
  });

  it('health answers 503 when the PostgreSQL server is unreachable', async () => {
    const db = openPostgres('postgres://nobody@127.0.0.1:1/none', { poolSize: 1 });
    const response = await handleApi(new Request('http://test/api/health'), createTestDeps(db));
    expect(response.status).toBe(503);
    await db.close();
  });
});
