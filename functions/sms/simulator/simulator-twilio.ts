/**
 * `POST /api/simulator/twilio/2010-04-01/Accounts/{sid}/Messages.json`: in simulator mode (no
 * Twilio account configured) the outbox's Twilio client is pointed here, so replies take the same
 * path as in production and land in the simulator's phones instead of a carrier. The route table
 * mounts it only in that mode.
 */
import { randomUUID } from 'node:crypto';
import { decryptText, encryptField } from '../../crypto/envelope.ts';
import { keyedHash } from '../../crypto/keyed-hash.ts';
import { createRecordKey, openRecordKey } from '../../crypto/record-keys.ts';
import type { Queryable } from '../../db/database.ts';
import type { Deps } from '../../deps.ts';
import type { RouteContext } from '../../http/route.ts';
import { createMessagesApi } from './messages-api.ts';

const PREFIX = '/api/simulator/twilio';

/** A simulated phone's received message, as the simulator's phone view reads it. */
export async function openSimulatorMessage(
  db: Queryable,
  keys: Deps['keys'],
  row: { id: string; body: Uint8Array },
): Promise<string> {
  const key = await openRecordKey(db, keys, `simulator:${row.id}`);
  return decryptText(key, row.body, `simulator:${row.id}:body`);
}

export async function simulatorTwilio(request: Request, { deps }: RouteContext): Promise<Response> {
  const api = createMessagesApi({
    accountSid: deps.config.twilio.accountSid,
    authToken: deps.keys.twilioAuthToken,
    async onMessage(message) {
      const id = randomUUID();
      await deps.db.transaction(async (tx) => {
        const dataKey = await createRecordKey(tx, deps.keys, `simulator:${id}`);
        await tx.query(
          `insert into simulator_messages (id, sid, recipient_hash, body, created_at) values ($1, $2, $3, $4, $5)`,
          [
            id,
            message.sid,
            keyedHash(deps.keys.hashKey, 'sender', message.to),
            await encryptField(dataKey, message.body, `simulator:${id}:body`),
            deps.now(),
          ],
        );
      });
    },
  });
  return api(request, new URL(request.url).pathname.slice(PREFIX.length));
}
