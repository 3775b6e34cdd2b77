/**
 * Working the queue. Claiming is atomic: "next" takes the most urgent, oldest waiting item with
 * FOR UPDATE SKIP LOCKED, so concurrent operators (on any number of app nodes sharing one
 * PostgreSQL) each get a different item; claiming a chosen item succeeds for exactly one of them.
 * Every change is recorded as a queue event and in the audit log, in the same transaction.
 */

import type { Queryable } from '../db/database.ts';
import type { Deps } from '../deps.ts';
import { HttpError } from '../http/http-error.ts';
import { appendAudit } from '../staff/audit.ts';
import { channelOf } from '../threads/channels.ts';
import { recordCorrection } from '../triage/corrections-store.ts';
import { type Priority, priorityRank } from './priority.ts';

export interface ClaimedItem {
  id: string;
  source: 'report' | 'sms';
  source_id: string;
  priority: Priority;
}

export const OUTCOMES = [
  'helped',
  'referred',
  'no-response',
  'not-trafficking',
  'duplicate',
  'spam',
] as const;
export type Outcome = (typeof OUTCOMES)[number];

async function record(
  tx: Queryable,
  deps: Pick<Deps, 'keys'>,
  itemId: string,
  actorId: string,
  kind: string,
  details: Record<string, string | number | boolean | null>,
  now: Date,
) {
  await tx.query(
    'insert into queue_events (item_id, at, actor_id, kind, details) values ($1, $2, $3, $4, $5)',
    [itemId, now, actorId, kind, JSON.stringify(details)],
  );
  await appendAudit(tx, deps.keys, { actorId, action: `queue.${kind}`, subject: itemId, details }, now);
}

export async function claimNext(
  deps: Pick<Deps, 'db' | 'now' | 'keys'>,
  staffId: string,
): Promise<ClaimedItem | null> {
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const [item] = await tx.query<ClaimedItem>(
      `update queue_items set status = 'claimed', claimed_by = $1, claimed_at = $2, updated_at = $2
       where id = (
         select id from queue_items where status = 'waiting'
         order by priority_rank, created_at
         limit 1
         for update skip locked
       )
       returning id, source, source_id, priority`,
      [staffId, now],
    );
    if (item) await record(tx, deps, item.id, staffId, 'claimed', {}, now);
    return item ?? null;
  });
}

export async function claimItem(
  deps: Pick<Deps, 'db' | 'now' | 'keys'>,
  staffId: string,
  itemId: string,
): Promise<ClaimedItem> {
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const [item] = await tx.query<ClaimedItem>(
      `update queue_items set status = 'claimed', claimed_by = $1, claimed_at = $2, updated_at = $2
       where id = $3 and status = 'waiting'
       returning id, source, source_id, priority`,
      [staffId, now, itemId],
    );
    if (!item) throw new HttpError(409, 'already-claimed', 'Someone else has this item, or it is closed.');
    await record(tx, deps, item.id, staffId, 'claimed', {}, now);
    return item;
  });
}

interface ChangedItem {
  source: 'report' | 'sms';
  source_id: string;
  minor: boolean;
}

/** Changes an item the caller holds (or any item, for supervisors); returns nothing if none matched. */
async function change(
  deps: Pick<Deps, 'db' | 'now' | 'keys'>,
  actor: { id: string; mayOverride: boolean },
  itemId: string,
  set: string,
  params: unknown[],
  event: { kind: string; details: Record<string, string | number | boolean | null> },
  after?: (tx: Queryable, item: ChangedItem) => Promise<void>,
): Promise<void> {
  const now = deps.now();
  await deps.db.transaction(async (tx) => {
    const rows = await tx.query<ChangedItem>(
      `update queue_items set ${set}, updated_at = $3
       where id = $1 and status <> 'closed' and (claimed_by = $2 or $4)
       returning source, source_id, minor`,
      [itemId, actor.id, now, actor.mayOverride, ...params],
    );
    if (rows.length === 0)
      throw new HttpError(409, 'not-yours', 'You do not hold this item, or it is closed.');
    await record(tx, deps, itemId, actor.id, event.kind, event.details, now);
    await after?.(tx, rows[0]!);
  });
}

type Actor = { id: string; mayOverride: boolean };

export const release = (deps: Pick<Deps, 'db' | 'now' | 'keys'>, actor: Actor, itemId: string) =>
  change(deps, actor, itemId, `status = 'waiting', claimed_by = null, claimed_at = null`, [], {
    kind: 'released',
    details: {},
  });

export const escalate = (
  deps: Pick<Deps, 'db' | 'now' | 'keys'>,
  actor: Actor,
  itemId: string,
  reason: string,
) => change(deps, actor, itemId, 'escalated = true', [], { kind: 'escalated', details: { reason } });

export const closeItem = (
  deps: Pick<Deps, 'db' | 'now' | 'keys'>,
  actor: Actor,
  itemId: string,
  outcome: Outcome,
) =>
  change(deps, actor, itemId, `status = 'closed', outcome = $5, closed_at = $3`, [outcome], {
    kind: 'closed',
    details: { outcome },
  });

/** Gives an item to another hotline staff member (never to a partner's caseworker). */
export async function reassign(
  deps: Pick<Deps, 'db' | 'now' | 'keys'>,
  actor: Actor,
  itemId: string,
  toStaffId: string,
) {
  const [target] = await deps.db.query<{ role: string }>(
    'select role from staff_users where id = $1 and active',
    [toStaffId],
  );
  if (!target || target.role === 'partner-caseworker') {
    throw new HttpError(422, 'no-such-operator', 'Choose an active hotline staff member.');
  }
  await change(
    deps,
    { ...actor, mayOverride: true },
    itemId,
    `status = 'claimed', claimed_by = $5, claimed_at = $3`,
    [toStaffId],
    {
      kind: 'reassigned',
      details: { to: toStaffId },
    },
  );
}

/** A person may lower an emergency (unlike the triage engine); the reason is required and audited. */
export const changePriority = (
  deps: Pick<Deps, 'db' | 'now' | 'keys'>,
  actor: Actor,
  itemId: string,
  priority: Priority,
  reason: string,
) =>
  change(
    deps,
    actor,
    itemId,
    'priority = $5, priority_rank = $6',
    [priority, priorityRank(priority)],
    { kind: 'priority', details: { priority, reason } },
    async (tx, item) => {
      // The report or conversation keeps the person's decision: triage only ever raises it again.
      await channelOf(item.source).setPriority(tx, item.source_id, priority);
      // The person's label teaches the next local model (npm run triage:train).
      await recordCorrection(tx, deps.keys, { ...item, id: itemId }, priority, deps.now());
    },
  );
