/**
 * The training simulator's phone: a trainer "texts" the hotline and reads the answers. The text
 * goes to the real webhook handler as a request signed exactly as Twilio signs it, so nothing in
 * the product path knows it is a simulation.
 */
import { randomBytes } from 'node:crypto';
import twilio from 'twilio';
import { decryptText } from '../../crypto/envelope.ts';
import { keyedHash } from '../../crypto/keyed-hash.ts';
import type { Deps } from '../../deps.ts';
import type { ApiHandler } from '../../http/router.ts';
import { conversationContext, openConversationKey } from '../conversation-store.ts';
import { openSimulatorMessage } from './simulator-twilio.ts';

export interface PhoneMessage {
  direction: 'in' | 'out';
  text: string;
  at: Date;
}

export async function textAsPhone(
  deps: Deps,
  handleApi: ApiHandler,
  message: { from: string; body: string; country?: string },
): Promise<Response> {
  const url = new URL('/api/sms/inbound', deps.config.publicBaseUrl).href;
  const params: Record<string, string> = {
    MessageSid: `SM${randomBytes(16).toString('hex')}`,
    AccountSid: deps.config.twilio.accountSid,
    From: message.from,
    To: deps.config.twilio.from,
    Body: message.body,
    NumMedia: '0',
    ...(message.country ? { FromCountry: message.country } : {}),
  };
  const signature = twilio.getExpectedTwilioSignature(deps.keys.twilioAuthToken, url, params);
  return handleApi(
    new Request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
      body: new URLSearchParams(params).toString(),
    }),
    deps,
  );
}

/** What the simulated phone shows: its messages and every answer, automatic or from an operator. */
export async function phoneThread(deps: Deps, from: string): Promise<PhoneMessage[]> {
  const senderHash = keyedHash(deps.keys.hashKey, 'sender', from);
  const [conversation] = await deps.db.query<{ id: string }>(
    'select id from conversations where sender_hash = $1',
    [senderHash],
  );
  const thread: PhoneMessage[] = [];
  if (conversation) {
    const key = await openConversationKey(deps.db, deps.keys, conversation.id);
    const rows = await deps.db.query<{
      direction: 'in' | 'out';
      body: Uint8Array;
      created_at: Date;
      status: string;
    }>(
      `select direction, body, created_at, status from sms_messages where conversation_id = $1 and (direction = 'in' or status = 'twiml')`,
      [conversation.id],
    );
    for (const row of rows) {
      thread.push({
        direction: row.direction,
        text: await decryptText(key, row.body, conversationContext.message(conversation.id)),
        at: row.created_at,
      });
    }
  }
  const sent = await deps.db.query<{
    id: string;
    body: Uint8Array;
    created_at: Date;
  }>('select id, body, created_at from simulator_messages where recipient_hash = $1', [senderHash]);
  for (const row of sent) {
    thread.push({
      direction: 'out',
      text: await openSimulatorMessage(deps.db, deps.keys, row),
      at: row.created_at,
    });
  }
  return thread.sort((a, b) => a.at.getTime() - b.at.getTime() || (a.direction === 'in' ? -1 : 1));
}
