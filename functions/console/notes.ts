/** Operators' notes on a queue item: encrypted at rest like the thread itself, and audited. */
import { decryptText, encryptField } from '../crypto/envelope.ts';
import { createRecordKey, openRecordKey } from '../crypto/record-keys.ts';
import type { Queryable } from '../db/database.ts';
import type { Deps } from '../deps.ts';
import { appendAudit } from '../staff/audit.ts';

export async function addNote(deps: Deps, staffId: string, itemId: string, text: string): Promise<void> {
  const now = deps.now();
  await deps.db.transaction(async (tx) => {
    const [row] = await tx.query<{ id: number }>(
      `insert into queue_notes (item_id, author_id, body, created_at) values ($1, $2, '\\x', $3) returning id`,
      [itemId, staffId, now],
    );
    const id = row!.id;
    const key = await createRecordKey(tx, deps.keys, `note:${id}`);
    await tx.query('update queue_notes set body = $2 where id = $1', [
      id,
      await encryptField(key, text, `note:${id}:body`),
    ]);
    await tx.query('insert into queue_events (item_id, at, actor_id, kind) values ($1, $2, $3, $4)', [
      itemId,
      now,
      staffId,
      'note',
    ]);
    await appendAudit(tx, deps.keys, { actorId: staffId, action: 'queue.note', subject: itemId }, now);
  });
}

export async function listNotes(db: Queryable, deps: Pick<Deps, 'keys'>, itemId: string) {
  const rows = await db.query<{
    id: number;
    email: string | null;
    body: Uint8Array;
    created_at: Date;
  }>(
    `select n.id, s.email, n.body, n.created_at from queue_notes n left join staff_users s on s.id = n.author_id
     where n.item_id = $1 order by n.id`,
    [itemId],
  );
  return Promise.all(
    rows.map(async (n) => {
      const key = await openRecordKey(db, deps.keys, `note:${n.id}`);
      return { author: n.email, at: n.created_at, text: await decryptText(key, n.body, `note:${n.id}:body`) };
    }),
  );
}
