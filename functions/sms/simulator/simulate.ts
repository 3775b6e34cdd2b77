/**
 * The training simulator's phone: an administrator "texts" the hotline and reads the answers. The
 * text goes to the real webhook handler as a request signed exactly as Twilio signs it, so nothing
 * in the product path knows it is a simulation.
 *
 * Signing with the hotline's secret is safe only while that secret is the simulator's own: with a
 * real Twilio account configured the simulator refuses to work at all (a forged STOP or emergency
 * would reach real people). Even without one, the database may hold real conversations from a time
 * the hotline was live, so the simulator only reads and writes conversations it started itself:
 * its message ids carry a keyed tag, and a conversation is the simulator's when its first message
 * has one. Every use is audited, without the number or the text.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import twilio from 'twilio';
import { decryptText } from '../../crypto/envelope.ts';
import { keyedHash } from '../../crypto/keyed-hash.ts';
import type { Deps } from '../../deps.ts';
import { HttpError } from '../../http/http-error.ts';
import type { ApiHandler } from '../../http/router.ts';
import { appendAudit } from '../../staff/audit.ts';
import { conversationContext, openConversationKey } from '../conversation-store.ts';
import { holdSimulatorMedia } from './simulator-media.ts';
import { openSimulatorMessage } from './simulator-twilio.ts';

export interface PhoneMessage {
  direction: 'in' | 'out';
  text: string;
  at: Date;
}

/** `SM` + 24 random hex digits + 16 hex digits of a keyed hash of them: Twilio's shape, our mark. */
function simulatorSid(hashKey: Uint8Array): string {
  const nonce = randomBytes(12).toString('hex');
  return `SM${nonce}${keyedHash(hashKey, 'simulator-sid', nonce).subarray(0, 8).toString('hex')}`;
}

function isSimulatorSid(hashKey: Uint8Array, sid: string): boolean {
  const match = /^SM([0-9a-f]{24})([0-9a-f]{16})$/.exec(sid);
  if (!match) return false;
  const expected = keyedHash(hashKey, 'simulator-sid', match[1]!).subarray(0, 8);
  return timingSafeEqual(expected, Buffer.from(match[2]!, 'hex'));
}

async function audit(deps: Deps, actorId: string, action: string): Promise<void> {
  await deps.db.transaction((tx) => appendAudit(tx, deps.keys, { actorId, action }, deps.now()));
}

/** Refuses (and records the attempt) when a real Twilio account is configured. */
export async function requireSimulatorMode(deps: Deps, actorId: string): Promise<void> {
  if (deps.config.twilio.simulated) return;
  await audit(deps, actorId, 'simulator.refused-live-account');
  throw new HttpError(
    403,
    'simulator-off',
    'The simulator is off: this server is connected to a real Twilio account.',
  );
}

type Ownership = 'none' | 'simulator' | 'other';

/** Whether a number's conversation exists, and if so whether the simulator started it. */
async function conversationOwner(deps: Deps, senderHash: Buffer): Promise<{ owner: Ownership; id?: string }> {
  const [first] = await deps.db.query<{ id: string; message_sid: string | null }>(
    `select c.id, m.message_sid from conversations c
       left join lateral (
         select message_sid from sms_messages
          where conversation_id = c.id and direction = 'in'
          order by created_at, id limit 1
       ) m on true
      where c.sender_hash = $1`,
    [senderHash],
  );
  if (!first) return { owner: 'none' };
  const mine = first.message_sid !== null && isSimulatorSid(deps.keys.hashKey, first.message_sid);
  return { owner: mine ? 'simulator' : 'other', id: first.id };
}

const notSimulated = () =>
  new HttpError(
    409,
    'not-a-simulated-phone',
    'This number has a conversation that the simulator did not start: choose another number.',
  );

export async function textAsPhone(
  deps: Deps,
  handleApi: ApiHandler,
  actorId: string,
  message: { from: string; body: string; country?: string; media?: Uint8Array[] },
): Promise<Response> {
  await requireSimulatorMode(deps, actorId);
  const senderHash = keyedHash(deps.keys.hashKey, 'sender', message.from);
  if ((await conversationOwner(deps, senderHash)).owner === 'other') {
    await audit(deps, actorId, 'simulator.refused-real-conversation');
    throw notSimulated();
  }
  await audit(deps, actorId, message.media?.length ? 'simulator.media' : 'simulator.text');
  const url = new URL('/api/sms/inbound', deps.config.publicBaseUrl).href;
  const messageSid = simulatorSid(deps.keys.hashKey);
  // Each file waits behind the simulator's stand-in of Twilio's Media resource, where the media
  // job fetches (and then deletes) it, as it would from Twilio.
  const media = await holdSimulatorMedia(deps, messageSid, message.media ?? []);
  const params: Record<string, string> = {
    MessageSid: messageSid,
    AccountSid: deps.config.twilio.accountSid,
    From: message.from,
    To: deps.config.twilio.from,
    Body: message.body,
    NumMedia: String(media.length),
    ...Object.fromEntries(
      media.flatMap((m, i) => [
        [`MediaUrl${i}`, m.url],
        [`MediaContentType${i}`, m.contentType],
      ]),
    ),
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

/**
 * What the simulated phone shows: its messages and every answer, automatic or from an operator.
 * Only for a conversation the simulator started; any other number shows an empty phone.
 */
export async function phoneThread(deps: Deps, actorId: string, from: string): Promise<PhoneMessage[]> {
  await requireSimulatorMode(deps, actorId);
  await audit(deps, actorId, 'simulator.view');
  const senderHash = keyedHash(deps.keys.hashKey, 'sender', from);
  const conversation = await conversationOwner(deps, senderHash);
  if (conversation.owner !== 'simulator') return [];
  const id = conversation.id!;
  const key = await openConversationKey(deps.db, deps.keys, id);
  const thread: PhoneMessage[] = [];
  const rows = await deps.db.query<{ direction: 'in' | 'out'; body: Uint8Array; created_at: Date }>(
    `select direction, body, created_at from sms_messages where conversation_id = $1 and (direction = 'in' or status = 'twiml')`,
    [id],
  );
  for (const row of rows) {
    thread.push({
      direction: row.direction,
      text: await decryptText(key, row.body, conversationContext.message(id)),
      at: row.created_at,
    });
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
