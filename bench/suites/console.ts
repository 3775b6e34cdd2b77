/**
 * The console's pages with a busy database: the queue page, search and an open item, timed from
 * request to last byte, first with 10 items in the database, then with 10,000 items and 100,000
 * messages, beside bare node:http answering the same number of requests. PostgreSQL only: the
 * filling is done from a second connection while the server runs.
 */
import { randomUUID } from 'node:crypto';
import twilio from 'twilio';
import { openPostgres } from '../../functions/db/open-postgres.ts';
import { createSession, sessionCookie } from '../../functions/staff/sessions.ts';
import { startBare, startWaymark, withScratchDatabase } from '../lib/servers.ts';
import { formatTable } from '../lib/table.ts';

const TOKEN = 'e'.repeat(32);
const ACCOUNT = `AC${'f'.repeat(32)}`;
const SAMPLES = 60;

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function timed(
  url: string,
  headers: Record<string, string>,
): Promise<{ p50: number; p95: number; bad: number }> {
  const times: number[] = [];
  let bad = 0;
  for (let i = 0; i < SAMPLES; i++) {
    const started = performance.now();
    const response = await fetch(url, { headers });
    await response.arrayBuffer();
    if (!response.ok) bad += 1;
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), bad };
}

export async function consoleBench(postgresUrl: string | undefined): Promise<string> {
  if (!postgresUrl)
    return '\n### Console pages\n\nskipped: set BENCH_DATABASE_URL or TEST_DATABASE_URL to a PostgreSQL server\n';
  return withScratchDatabase(postgresUrl, async (url) => {
    const server = await startWaymark({
      DATABASE_URL: url,
      TWILIO_ACCOUNT_SID: ACCOUNT,
      TWILIO_AUTH_TOKEN: TOKEN,
      TWILIO_FROM: '+15005550006',
    });
    const bare = await startBare('<!doctype html><title>bare</title>', 'text/html');
    const db = openPostgres(url, { poolSize: 2 });
    try {
      const id = randomUUID();
      await db.query(
        `insert into staff_users (id, email, role, active) values ($1, 'bench@example.org', 'supervisor', true)`,
        [id],
      );
      const { token } = await createSession(db, id, 'full', new Date());
      const headers = {
        cookie: sessionCookie({ https: false }, token).split(';')[0]!,
        'accept-language': 'en',
      };
      // Ten real conversations (through the signed webhook), one of them with ten texts: the open item.
      const text = async (from: string, body: string) => {
        const params = {
          MessageSid: `SM${randomUUID().replaceAll('-', '')}`,
          AccountSid: ACCOUNT,
          From: from,
          To: '+15005550006',
          Body: body,
        };
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
      };
      for (let i = 0; i < 10; i++)
        await text(`+97798${String(i).padStart(8, '0')}`, 'they took my passport and I cannot leave');
      for (let i = 0; i < 9; i++) await text('+9779800000000', `message ${i}: we are still in the factory`);
      const [open] = await db.query<{ id: string }>(
        `select q.id from queue_items q join conversations c on c.id = q.source_id order by q.created_at limit 1`,
      );
      const pages = {
        'queue page': `${server.url}/console/`,
        'search (status + priority)': `${server.url}/console/search?status=closed&priority=urgent`,
        'search (phone, keyed hash)': `${server.url}/console/search?phone=%2B9779800000000`,
        'open item (10 texts)': `${server.url}/console/items/${open!.id}`,
      };
      const small: Record<string, Awaited<ReturnType<typeof timed>>> = {};
      for (const [name, page] of Object.entries(pages)) small[name] = await timed(page, headers);

      // 10,000 items (most closed, as an archive is) with 100,000 messages, 10 a conversation.
      await db.query(
        `insert into conversations (id, sender_hash, channel, sender, country, created_at, updated_at)
         select gen_random_uuid(), decode(md5(random()::text || g::text), 'hex'), 'sms', '\\x00', 'ZZ',
                now() - (g || ' minutes')::interval, now()
         from generate_series(1, 10000) g`,
      );
      await db.query(
        `insert into queue_items (id, source, source_id, priority, priority_rank, reasons, status, closed_at, created_at, updated_at)
         select gen_random_uuid(), 'sms', c.id, (array['emergency','urgent','standard','noise'])[1 + (n % 4)], n % 4,
                array['keyword: passport'], case when n % 20 = 0 then 'waiting' else 'closed' end,
                case when n % 20 = 0 then null else c.created_at + interval '1 hour' end, c.created_at, c.created_at
         from (select id, created_at, row_number() over () as n from conversations
               where id not in (select source_id from queue_items)) c`,
      );
      await db.query(
        `insert into sms_messages (id, conversation_id, direction, body, status, created_at)
         select gen_random_uuid(), c.id, case when k % 2 = 0 then 'in' else 'out' end, '\\x00', 'received',
                c.created_at + (k || ' seconds')::interval
         from (select id, created_at from conversations where country = 'ZZ') c, generate_series(1, 10) k`,
      );
      await db.query('analyze');
      const bareTimes = await timed(`${bare.url}/`, {});
      const rows: (string | number)[][] = [];
      for (const [name, page] of Object.entries(pages)) {
        const big = await timed(page, headers);
        rows.push([
          name,
          small[name]!.p95.toFixed(1),
          big.p50.toFixed(1),
          big.p95.toFixed(1),
          bareTimes.p95.toFixed(1),
          small[name]!.bad + big.bad,
        ]);
      }
      return formatTable(
        `Console pages on PostgreSQL (${SAMPLES} requests each, one at a time; targets p95 ≤ 200 ms pages, ≤ 300 ms search)`,
        [
          'page',
          'p95 ms, 10 items',
          'p50 ms, 10,000 items + 100,000 messages',
          'p95 ms, same',
          'p95 ms, bare node:http',
          'non-2xx',
        ],
        rows,
      );
    } finally {
      await db.close();
      await Promise.all([server.stop(), bare.stop()]);
    }
  });
}
