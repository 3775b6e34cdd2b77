/**
 * The SMS webhook: signed Twilio posts (each a new message from a new sender, so every request
 * opens a conversation, triages, queues and answers with TwiML), at a fixed 50 requests/s for the
 * latency target and flat out for throughput, beside bare node:http doing the same.
 */
import { randomBytes } from 'node:crypto';
import twilio from 'twilio';
import { runLoad } from '../lib/load.ts';
import { startBare, startWaymark } from '../lib/servers.ts';
import { formatTable } from '../lib/table.ts';

const TOKEN = 'c'.repeat(32);
const ACCOUNT = `AC${'d'.repeat(32)}`;
const MESSAGES = [
  'please help they locked us in the warehouse',
  'the agency took my passport and says I owe 4000',
  'hello how can I check if a recruitment agency is licensed',
  'Bonjour, mon patron garde mon passeport',
  'ayuda nos tienen encerrados',
];

function signedBody(baseUrl: string, n: number) {
  const params = {
    MessageSid: `SM${randomBytes(16).toString('hex')}`,
    AccountSid: ACCOUNT,
    From: `+97798${String(n).padStart(8, '0')}`,
    To: '+15005550006',
    Body: MESSAGES[n % MESSAGES.length]!,
    NumMedia: '0',
  };
  const signature = twilio.getExpectedTwilioSignature(TOKEN, `${baseUrl}/api/sms/inbound`, params);
  return { body: new URLSearchParams(params).toString(), signature };
}

export async function webhook(seconds: number): Promise<string> {
  const bare = await startBare(
    '<?xml version="1.0" encoding="UTF-8"?><Response><Message>ok</Message></Response>',
    'text/xml',
  );
  const waymark = await startWaymark({
    TWILIO_ACCOUNT_SID: ACCOUNT,
    TWILIO_AUTH_TOKEN: TOKEN,
    TWILIO_FROM: '+15005550006',
    TWILIO_API_BASE: bare.url,
  });
  try {
    const rows = [];
    for (const [name, url, rate] of [
      ['bare node:http, 50/s', `${bare.url}/api/sms/inbound`, 50],
      ['Waymark webhook, 50/s', `${waymark.url}/api/sms/inbound`, 50],
      ['bare node:http, flat out', `${bare.url}/api/sms/inbound`, undefined],
      ['Waymark webhook, flat out', `${waymark.url}/api/sms/inbound`, undefined],
    ] as const) {
      let n = Math.floor(Math.random() * 1e6);
      let pending = signedBody(waymark.url, n);
      const r = await runLoad({
        url,
        method: 'POST',
        seconds,
        connections: rate ? 4 : 16,
        rate,
        // The body is made first for each request; its signature goes into the headers.
        body: () => {
          pending = signedBody(waymark.url, n++);
          return pending.body;
        },
        headers: () => ({
          'content-type': 'application/x-www-form-urlencoded',
          'x-twilio-signature': pending.signature,
        }),
      });
      rows.push([name, Math.round(r.perSecond), r.p50.toFixed(1), r.p99.toFixed(1), r.errors]);
    }
    const ratio = (rows[3]![1] as number) / (rows[2]![1] as number);
    rows.push(['ratio Waymark / bare (flat out)', ratio.toFixed(2), '', '', '']);
    return formatTable(
      'SMS webhook (signed, new sender each request)',
      ['server', 'requests/s', 'p50 ms', 'p99 ms', 'errors'],
      rows,
    );
  } finally {
    await Promise.all([waymark.stop(), bare.stop()]);
  }
}
