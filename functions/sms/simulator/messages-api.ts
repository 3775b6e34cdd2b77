/**
 * A stand-in for the one part of Twilio's REST API the hotline uses: creating a Message
 * (`POST /2010-04-01/Accounts/{AccountSid}/Messages.json`, form-encoded, Basic auth). It answers as
 * Twilio does (201 with the message resource, or Twilio's error shape), so the official SDK talks
 * to it unchanged. The simulator and the tests put it behind TWILIO_API_BASE.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';

export interface SimulatedMessage {
  sid: string;
  to: string;
  from: string;
  body: string;
  statusCallback?: string;
}

export interface StandInOptions {
  accountSid: string;
  authToken: string;
  onMessage(message: SimulatedMessage): Promise<void> | void;
  /** Make the next N calls fail with this HTTP status (retry tests). */
  failNext?: () => number | undefined;
}

function twilioError(status: number, code: number, message: string): Response {
  return new Response(
    JSON.stringify({ code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status }),
    {
      status,
      headers: { 'content-type': 'application/json' },
    },
  );
}

function authorized(header: string | null, accountSid: string, authToken: string): boolean {
  if (!header?.startsWith('Basic ')) return false;
  const given = Buffer.from(header.slice(6), 'base64');
  const expected = Buffer.from(`${accountSid}:${authToken}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function createMessagesApi(options: StandInOptions) {
  const path = `/2010-04-01/Accounts/${options.accountSid}/Messages.json`;
  return async function handle(request: Request, pathname: string): Promise<Response> {
    if (request.method !== 'POST' || pathname !== path)
      return twilioError(404, 20404, 'The requested resource was not found');
    if (!authorized(request.headers.get('authorization'), options.accountSid, options.authToken)) {
      return twilioError(401, 20003, 'Authenticate');
    }
    const failure = options.failNext?.();
    if (failure) return twilioError(failure, failure === 429 ? 20429 : 20500, 'Simulated failure');
    const form = new URLSearchParams(await request.text());
    const to = form.get('To') ?? '';
    const contentSid = form.get('ContentSid');
    // A WhatsApp template: the stand-in shows which one was sent, and with what values.
    const body =
      form.get('Body') ??
      (contentSid ? `[template ${contentSid}] ${form.get('ContentVariables') ?? ''}`.trim() : '');
    const from = form.get('From') ?? form.get('MessagingServiceSid') ?? '';
    if (!to) return twilioError(400, 21604, "A 'To' phone number is required.");
    if (!body) return twilioError(400, 21602, 'Message body is required.');
    if (contentSid && !/^HX[0-9a-fA-F]{32}$/.test(contentSid))
      return twilioError(400, 21655, 'The ContentSid is invalid.');
    const message: SimulatedMessage = {
      sid: `SM${randomBytes(16).toString('hex')}`,
      to,
      from,
      body,
      statusCallback: form.get('StatusCallback') ?? undefined,
    };
    await options.onMessage(message);
    const now = new Date().toUTCString();
    return new Response(
      JSON.stringify({
        sid: message.sid,
        account_sid: options.accountSid,
        to,
        from,
        body,
        status: 'queued',
        num_segments: '1',
        direction: 'outbound-api',
        date_created: now,
        date_updated: now,
        api_version: '2010-04-01',
        uri: `${path.replace('.json', '')}/${message.sid}.json`,
      }),
      { status: 201, headers: { 'content-type': 'application/json' } },
    );
  };
}
