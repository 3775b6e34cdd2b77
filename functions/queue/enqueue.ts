/** Puts a report or conversation in the one queue that operators work from, or raises its priority. */
import { randomUUID } from 'node:crypto';
import type { Queryable } from '../db/database.ts';
import { type Priority, priorityRank } from './priority.ts';

export interface QueueEntry {
  source: 'report' | 'sms';
  sourceId: string;
  priority: Priority;
  minor: boolean;
  score: number;
  reasons: string[];
  /** Version of the triage model that sorted it (null: the rules alone). */
  model: string | null;
}

/**
 * Inserts the item, or updates it when the source already has one: priority only ever rises here
 * (an emergency stays an emergency until a person changes it), reasons accumulate.
 */
export async function enqueue(db: Queryable, entry: QueueEntry, now: Date): Promise<{ id: string }> {
  const rows = await db.query<{ id: string }>(
    `insert into queue_items (id, source, source_id, priority, priority_rank, minor, score, reasons, triage_model, created_at, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $10, $9, $9)
     on conflict (source, source_id) do update set
       priority = case when excluded.priority_rank < queue_items.priority_rank then excluded.priority else queue_items.priority end,
       priority_rank = least(queue_items.priority_rank, excluded.priority_rank),
       minor = queue_items.minor or excluded.minor,
       score = greatest(queue_items.score, excluded.score),
       reasons = array(select distinct unnest(queue_items.reasons || excluded.reasons) order by 1),
       status = case when queue_items.status = 'closed' then 'waiting' else queue_items.status end,
       triage_model = coalesce(excluded.triage_model, queue_items.triage_model),
       updated_at = excluded.updated_at
     returning id`,
    [
      randomUUID(),
      entry.source,
      entry.sourceId,
      entry.priority,
      priorityRank(entry.priority),
      entry.minor,
      Math.round(entry.score),
      entry.reasons,
      now,
      entry.model,
    ],
  );
  return { id: rows[0]!.id };
}
