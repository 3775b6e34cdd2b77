/** `/api/health` through the whole server (headers, router, database) against bare `node:http`. */
import { runLoad } from '../lib/load.ts';
import { startBare, startWaymark } from '../lib/servers.ts';
import { formatTable } from '../lib/table.ts';

export async function healthThroughput(seconds: number): Promise<string> {
  const waymark = await startWaymark();
  const body = await (await fetch(`${waymark.url}/api/health`)).text();
  const bare = await startBare(body);
  try {
    const rows = [];
    for (const [name, url] of [
      ['bare node:http', `${bare.url}/`],
      ['Waymark /api/health (PGlite)', `${waymark.url}/api/health`],
    ] as const) {
      await runLoad({ url, seconds: 1, connections: 8 });
      const r = await runLoad({ url, seconds, connections: 16 });
      rows.push([name, Math.round(r.perSecond), r.p50.toFixed(2), r.p99.toFixed(2), r.errors]);
    }
    const ratio = (rows[1]![1] as number) / (rows[0]![1] as number);
    rows.push(['ratio Waymark / bare', ratio.toFixed(2), '', '', '']);
    return formatTable(
      '/api/health, 16 connections',
      ['server', 'requests/s', 'p50 ms', 'p99 ms', 'errors'],
      rows,
    );
  } finally {
    await Promise.all([waymark.stop(), bare.stop()]);
  }
}
