/**
 * The console on PostgreSQL: claims per second ("take the next item", FOR UPDATE SKIP LOCKED, with
 * its audit entry) and the time from a text's arrival to the moment an operator can claim it,
 * beside bare node:http answering the same shape of request.
 */
import { randomUUID } from 'node:crypto';
import twilio from 'twilio';
import { openPostgres } from '../../functions/db/open-postgres.ts';
import { createSession, sessionCookie } from '../../functions/staff/sessions.ts';
import { runLoad } from '../lib/load.ts';
import { startBare, startWaymark, withScratchDatabase } from '../lib/servers.ts';
import { formatTable } from '../lib/table.ts';

const TOKEN = 'e'.repeat(32);
const ACCOUNT = `AC${'f'.repeat(32)}`;

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

export async function claimsBench(seconds: number, postgresUrl: string | undefined): Promise<string> {
  if (!postgresUrl)
    return '\n### Claims\n\nskipped: set BENCH_DATABASE_URL or TEST_DATABASE_URL to a PostgreSQL server\n';
  return withScratchDatabase(postgresUrl, async (url) => {
    const server = await startWaymark({
      DATABASE_URL: url,
      TWILIO_ACCOUNT_SID: ACCOUNT,
      TWILIO_AUTH_TOKEN: TOKEN,
      TWILIO_FROM: '+15005550006',
    });
    const bare = await startBare('{"item":null}');
    const db = openPostgres(url, { poolSize: 2 });
    try {
      const id = randomUUID();
      await db.query(
        `insert into staff_users (id, email, role, active) values ($1, 'bench@example.org', 'operator', true)`,
        [id],
      );
      const { token, csrfToken } = await createSession(db, id, 'full', new Date());
      const headers = {
        cookie: sessionCookie({ https: false }, token).split(';')[0]!,
        'x-csrf-token': csrfToken,
        origin: server.url,
      };

      // Arrival to claimable: a signed text comes in, then the operator takes the next item.
      const latencies: number[] = [];
      for (let i = 0; i < 200; i++) {
        const params = {
          MessageSid: `SM${randomUUID().replaceAll('-', '')}`,
          AccountSid: ACCOUNT,
          From: `+97798${String(i).padStart(8, '0')}`,
          To: '+15005550006',
          Body: 'they took my passport and I cannot leave the factory',
        };
        const started = performance.now();
        await fetch(`${server.url}/api/sms/inbound`, {
          method: 'POST',
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            'x-twilio-signature': twilio.getExpectedTwilioSignature(
              TOKEN,
              `${server.url}/api/sms/inbound`,
              params,
            ),
          },
          body: new URLSearchParams(params).toString(),
        });
        const claim = (await (
          await fetch(`${server.url}/api/console/queue/next`, { method: 'POST', headers })
        ).json()) as {
          item: unknown;
        };
        if (claim.item) latencies.push(performance.now() - started);
      }
      latencies.sort((a, b) => a - b);

      // Claims per second against a deep queue.
      const now = new Date();
      await db.query(
        `insert into queue_items (id, source, source_id, priority, priority_rank, created_at, updated_at)
         select gen_random_uuid(), 'sms', gen_random_uuid(), 'urgent', 1, $1, $1 from generate_series(1, $2)`,
        [now, Math.ceil(seconds * 3000)],
      );
      const claims = await runLoad({
        url: `${server.url}/api/console/queue/next`,
        method: 'POST',
        headers,
        seconds,
        connections: 8,
      });
      const baseline = await runLoad({ url: `${bare.url}/`, method: 'POST', seconds, connections: 8 });
      return formatTable(
        'Console on PostgreSQL',
        ['measure', 'value', 'baseline (bare node:http)'],
        [
          [
            'claims/s (take next, 8 connections)',
            Math.round(claims.perSecond),
            Math.round(baseline.perSecond),
          ],
          ['claim p99 ms', claims.p99.toFixed(1), baseline.p99.toFixed(1)],
          ['arrival → claimed, p50 ms (200 texts)', percentile(latencies, 50).toFixed(1), ''],
          ['arrival → claimed, p99 ms', percentile(latencies, 99).toFixed(1), ''],
          ['errors', claims.errors, baseline.errors],
        ],
      );
    } finally {
      await db.close();
      await Promise.all([server.stop(), bare.stop()]);
    }
  });
}
