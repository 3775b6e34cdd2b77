/** Signed Twilio webhooks, and a local server that speaks Twilio's Messages API. */
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import twilio from 'twilio';
import { handleApi } from '../../functions/routes.ts';
import { createMessagesApi, type SimulatedMessage } from '../../functions/sms/simulator/messages-api.ts';
import type { TestDeps } from './deps.ts';

export const PUBLIC_URL = 'https://hotline.example.org';
export const ACCOUNT_SID = `AC${'a1'.repeat(16)}`;

export function messageSid(): string {
  return `SM${randomBytes(16).toString('hex')}`;
}

export function inboundParams(body: string, from = '+9779812345678', extra: Record<string, string> = {}) {
  return {
    MessageSid: messageSid(),
    AccountSid: ACCOUNT_SID,
    From: from,
    To: '+15005550006',
    Body: body,
    NumMedia: '0',
    ...extra,
  };
}

export function signedRequest(
  deps: TestDeps,
  path: string,
  params: Record<string, string>,
  signature = twilio.getExpectedTwilioSignature(deps.keys.twilioAuthToken, `${PUBLIC_URL}${path}`, params),
): Request {
  return new Request(`http://internal:4321${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(signature ? { 'x-twilio-signature': signature } : {}),
    },
    body: new URLSearchParams(params).toString(),
  });
}

export async function textHotline(
  deps: TestDeps,
  body: string,
  from?: string,
  extra?: Record<string, string>,
) {
  const params = inboundParams(body, from, extra);
  const response = await handleApi(signedRequest(deps, '/api/sms/inbound', params), deps);
  return { response, params, twiml: await response.text() };
}

export function replyOf(twiml: string): string | undefined {
  const match = /<Message>([\s\S]*?)<\/Message>/.exec(twiml);
  return match?.[1]
    ?.replace(/&apos;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
}

export interface TwilioStandIn {
  url: string;
  messages: SimulatedMessage[];
  failures: number[];
  close(): Promise<void>;
}

/** Twilio's Messages API on a local port, built from the simulator's own stand-in. */
export async function startTwilioStandIn(
  authToken: string,
  accountSid = ACCOUNT_SID,
): Promise<TwilioStandIn> {
  const messages: SimulatedMessage[] = [];
  const failures: number[] = [];
  const api = createMessagesApi({
    accountSid,
    authToken,
    onMessage: (m) => void messages.push(m),
    failNext: () => failures.shift(),
  });
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const request = new Request(`http://127.0.0.1${req.url}`, {
      method: req.method,
      headers: req.headers as Record<string, string>,
      body: req.method === 'POST' ? Buffer.concat(chunks) : undefined,
    });
    const response = await api(request, new URL(request.url).pathname);
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    messages,
    failures,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
