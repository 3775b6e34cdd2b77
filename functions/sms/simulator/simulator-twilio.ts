/**
 * `POST /api/simulator/twilio/2010-04-01/Accounts/{sid}/Messages.json`: in simulator mode (no
 * Twilio account configured) the outbox's Twilio client is pointed here, so replies take the same
 * path as in production and land in the simulator's phones instead of a carrier. The route table
 * mounts it only in that mode.
 */
import { randomUUID } from 'node:crypto';
import { encryptField, newDataKey, wrapDataKey } from '../../crypto/envelope.ts';
import { keyedHash } from '../../crypto/keyed-hash.ts';
import type { RouteContext } from '../../http/route.ts';
import { createMessagesApi } from './messages-api.ts';

const PREFIX = '/api/simulator/twilio';

export async function simulatorTwilio(request: Request, { deps }: RouteContext): Promise<Response> {
  const api = createMessagesApi({
    accountSid: deps.config.twilio.accountSid,
    authToken: deps.keys.twilioAuthToken,
    async onMessage(message) {
      const id = randomUUID();
      const dataKey = newDataKey();
      await deps.db.query(
        `insert into simulator_messages (id, sid, recipient_hash, wrapped_key, body, created_at) values ($1, $2, $3, $4, $5, $6)`,
        [
          id,
          message.sid,
          keyedHash(deps.keys.hashKey, 'sender', message.to),
          await wrapDataKey(deps.keys.encryptionKey, dataKey, `simulator:${id}`),
          await encryptField(dataKey, message.body, `simulator:${id}:body`),
          deps.now(),
        ],
      );
    },
  });
  return api(request, new URL(request.url).pathname.slice(PREFIX.length));
}
