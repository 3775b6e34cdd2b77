/**
 * Sends SMS through Twilio's official SDK. TWILIO_API_BASE moves its REST calls to another origin
 * (a regional edge, a gateway, or Waymark's own simulator), with nothing else changed.
 */
import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient.js';
import type { Config } from '../config/load-config.ts';
import type { SmsSender } from './outbox.ts';

class OriginRewritingClient extends twilio.RequestClient {
  readonly #base: URL;
  constructor(base: string) {
    super({ timeout: 10_000 });
    this.#base = new URL(base.endsWith('/') ? base : `${base}/`);
  }
  override request<TData>(opts: RequestClient.RequestOptions<TData>) {
    const original = new URL(opts.uri);
    const uri = new URL(original.pathname.replace(/^\//, '') + original.search, this.#base).href;
    return super.request<TData>({ ...opts, uri });
  }
}

export function createTwilioSender(config: Config, authToken: string): SmsSender {
  const { accountSid, from, apiBase } = config.twilio;
  const client = twilio(
    accountSid,
    authToken,
    apiBase ? { httpClient: new OriginRewritingClient(apiBase) } : {},
  );
  const statusCallback = new URL('/api/sms/status', config.publicBaseUrl).href;
  return {
    async send(to, body, template) {
      const sender = from.startsWith('MG') ? { messagingServiceSid: from } : { from };
      // A WhatsApp template is named by its Content SID; Twilio fills in its approved text.
      const content = template
        ? {
            contentSid: template.contentSid,
            ...(template.variables ? { contentVariables: JSON.stringify(template.variables) } : {}),
          }
        : { body };
      const message = await client.messages.create({ to, statusCallback, ...content, ...sender });
      return { sid: message.sid };
    },
  };
}
