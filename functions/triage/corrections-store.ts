/**
 * Staff corrections as local training examples (table `triage_corrections`, owned here). When a
 * person changes an item's priority, the text that was triaged and the corrected label are kept,
 * encrypted under the example's own data key (`triage-correction:<id>`), one example per item (the
 * latest correction wins). They are read back, decrypted in memory only, by `npm run triage:train`,
 * and deleted with their queue item by retention: nothing here outlives the case it came from.
 */
import { randomUUID } from 'node:crypto';
import type { Keys } from '../config/secrets.ts';
import { decryptText, encryptField } from '../crypto/envelope.ts';
import { createRecordKey, findRecordKey, openRecordKey } from '../crypto/record-keys.ts';
import type { Queryable } from '../db/database.ts';
import { openReportKey, reportContext } from '../reports/report-store.ts';
import { conversationContext, openConversationKey } from '../sms/conversation-store.ts';
import type { Priority } from './reason-codes.ts';

// A conversation is judged on its last few messages, as triage itself does.
const CONVERSATION_MESSAGES = 3;

const correctionContext = {
  key: (id: string) => `triage-correction:${id}`,
  text: (id: string) => `triage-correction:${id}:text`,
};

interface QueueSource {
  readonly source: 'report' | 'sms';
  readonly source_id: string;
}

/** The text triage read for an item: a report's description, or a conversation's last messages. */
async function triagedText(db: Queryable, keys: Keys, item: QueueSource): Promise<string | null> {
  if (item.source === 'report') {
    const [r] = await db.query<{ payload: Uint8Array }>('select payload from reports where id = $1', [
      item.source_id,
    ]);
    if (!r) return null;
    const key = await openReportKey(db, keys, item.source_id);
    const payload = JSON.parse(await decryptText(key, r.payload, reportContext.payload(item.source_id)));
    return typeof payload.description === 'string' ? payload.description : null;
  }
  const [c] = await db.query<{ id: string }>('select id from conversations where id = $1', [item.source_id]);
  if (!c) return null;
  const key = await openConversationKey(db, keys, item.source_id);
  const rows = await db.query<{ body: Uint8Array }>(
    `select body from sms_messages where conversation_id = $1 and direction = 'in'
     order by created_at desc, id desc limit $2`,
    [item.source_id, CONVERSATION_MESSAGES],
  );
  const texts = await Promise.all(
    rows.reverse().map((m) => decryptText(key, m.body, conversationContext.message(item.source_id))),
  );
  return texts.length > 0 ? texts.join('\n') : null;
}

/** Keeps (or replaces) the item's training example with the corrected label. */
export async function recordCorrection(
  db: Queryable,
  keys: Keys,
  item: QueueSource & { id: string; minor: boolean },
  priority: Priority,
  now: Date,
): Promise<boolean> {
  const text = await triagedText(db, keys, item);
  if (text === null) return false;
  // One example per item: a later correction replaces the text and label under the same key.
  const [existing] = await db.query<{ id: string }>('select id from triage_corrections where item_id = $1', [
    item.id,
  ]);
  const id = existing?.id ?? randomUUID();
  const dataKey =
    (await findRecordKey(db, keys, correctionContext.key(id))) ??
    (await createRecordKey(db, keys, correctionContext.key(id)));
  await db.query(
    `insert into triage_corrections (id, item_id, body, priority, minor, created_at, updated_at)
     values ($1, $2, $3, $4, $5, $6, $6)
     on conflict (item_id) do update set
       body = excluded.body, priority = excluded.priority, minor = excluded.minor,
       updated_at = excluded.updated_at`,
    [id, item.id, await encryptField(dataKey, text, correctionContext.text(id)), priority, item.minor, now],
  );
  return true;
}

export interface Correction {
  readonly text: string;
  readonly priority: Priority;
  readonly minor: boolean;
}

/** Every correction, decrypted, oldest first (a fixed order: the same examples train the same model). */
export async function readCorrections(db: Queryable, keys: Keys): Promise<Correction[]> {
  const rows = await db.query<{
    id: string;
    body: Uint8Array;
    priority: Priority;
    minor: boolean;
  }>('select id, body, priority, minor from triage_corrections order by created_at, id');
  return Promise.all(
    rows.map(async (r) => {
      const key = await openRecordKey(db, keys, correctionContext.key(r.id));
      return {
        text: await decryptText(key, r.body, correctionContext.text(r.id)),
        priority: r.priority,
        minor: r.minor,
      };
    }),
  );
}
