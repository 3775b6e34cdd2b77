/**
 * Reports per second and p99 through the whole server (validation, rate limit, encryption,
 * triage, one transaction), on PGlite and on PostgreSQL, beside bare node:http. It posts the plain
 * form (the no-JavaScript path), so that the bench measures the server rather than the client's
 * proof-of-work solving; checking a proof costs the server one hash and one insert more.
 */
import { runLoad } from '../lib/load.ts';
import { type Running, startBare, startWaymark, withScratchDatabase } from '../lib/servers.ts';
import { formatTable } from '../lib/table.ts';

async function measure(server: Running, seconds: number, connections: number) {
  let n = 0;
  return runLoad({
    url: `${server.url}/api/reports`,
    method: 'POST',
    connections,
    seconds,
    // A distinct client per request keeps the per-client rate limit out of the measurement.
    headers: () => ({
      'content-type': 'application/x-www-form-urlencoded',
      'x-forwarded-for': `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
    }),
    body: () => {
      n += 1;
      return new URLSearchParams({
        description: `Benchmark report ${n}: the agency kept our passports and we owe a debt`,
        locale: 'en',
        signs: 'documents-taken',
      }).toString();
    },
  });
}

export async function reportsThroughput(seconds: number, postgresUrl: string | undefined): Promise<string> {
  const rows = [];
  const bare = await startBare('{"receipt":"0000-0000-0000-0000","status":"received"}');
  try {
    const b = await runLoad({ url: bare.url, method: 'POST', body: '{}', seconds, connections: 8 });
    rows.push(['bare node:http', Math.round(b.perSecond), b.p50.toFixed(1), b.p99.toFixed(1), b.errors]);
  } finally {
    await bare.stop();
  }
  const run = async (name: string, env: Record<string, string>) => {
    const server = await startWaymark({ ...env, TRUST_PROXY: '1' });
    try {
      const r = await measure(server, seconds, 8);
      rows.push([
        `Waymark POST /api/reports (${name})`,
        Math.round(r.perSecond),
        r.p50.toFixed(1),
        r.p99.toFixed(1),
        r.errors,
      ]);
    } finally {
      await server.stop();
    }
  };
  await run('PGlite', {});
  if (postgresUrl) await withScratchDatabase(postgresUrl, (url) => run('PostgreSQL', { DATABASE_URL: url }));
  return formatTable('Reports, 8 connections', ['server', 'reports/s', 'p50 ms', 'p99 ms', 'non-2xx'], rows);
}
