/**
 * One queue item in full, for the operator who opens it: the whole thread decrypted (through its
 * channel: functions/threads/), the triage reasons, and its history. Opening it is a view of a
 * sensitive record, so it is audited.
 */
import type { Deps } from '../deps.ts';
import { HttpError } from '../http/http-error.ts';
import type { Priority } from '../queue/priority.ts';
import { appendAudit } from '../staff/audit.ts';
import { type ChannelKind, channelOf } from '../threads/channels.ts';
import type { LoadedThread, ReplyTools, ThreadEntry } from '../threads/thread-channel.ts';
import { listNotes } from './notes.ts';
import { type SlaClocks, slaClocks } from './sla.ts';

export type { ThreadEntry };

export interface ItemDetail {
  id: string;
  source: ChannelKind;
  sourceId: string;
  priority: Priority;
  minor: boolean;
  reasons: string[];
  /** Version of the triage model that last sorted the item (null: the rules alone). */
  triageModel: string | null;
  status: string;
  escalated: boolean;
  claimedBy: string | null;
  claimedByMe: boolean;
  createdAt: Date;
  /** Both SLA clocks: first response, and time to close. */
  sla: SlaClocks;
  lang: string | null;
  optedOut: boolean;
  /** The other side of a linked pair: the report's queue item for a conversation, and back. */
  linkedItemId: string | null;
  /** The thread as its channel loaded it (null when the report or conversation is gone). */
  loaded: LoadedThread | null;
  tools: ReplyTools;
  thread: ThreadEntry[];
  notes: { author: string | null; at: Date; text: string }[];
  events: { at: Date; kind: string; actor: string | null; details: Record<string, unknown> }[];
}

export async function itemDetail(deps: Deps, staffId: string, itemId: string): Promise<ItemDetail> {
  const [item] = await deps.db.query<{
    id: string;
    source: ChannelKind;
    source_id: string;
    priority: Priority;
    minor: boolean;
    reasons: string[];
    triage_model: string | null;
    status: string;
    escalated: boolean;
    claimed_by: string | null;
    email: string | null;
    created_at: Date;
    first_response_at: Date | null;
    closed_at: Date | null;
  }>(
    `select q.id, q.source, q.source_id, q.priority, q.minor, q.reasons, q.triage_model, q.status, q.escalated, q.claimed_by, s.email, q.created_at, q.first_response_at, q.closed_at
     from queue_items q left join staff_users s on s.id = q.claimed_by where q.id = $1`,
    [itemId],
  );
  if (!item) throw new HttpError(404, 'not-found', 'There is no such item.');
  const channel = channelOf(item.source);
  const loaded = await channel.load(deps, item.source_id);
  const events = await deps.db.query<{
    at: Date;
    kind: string;
    email: string | null;
    details: Record<string, unknown>;
  }>(
    'select e.at, e.kind, s.email, e.details from queue_events e left join staff_users s on s.id = e.actor_id where e.item_id = $1 order by e.id',
    [itemId],
  );
  await deps.db.transaction((tx) =>
    appendAudit(tx, deps.keys, { actorId: staffId, action: 'record.view', subject: itemId }, deps.now()),
  );
  return {
    id: item.id,
    source: item.source,
    sourceId: item.source_id,
    priority: item.priority,
    minor: item.minor,
    reasons: item.reasons,
    triageModel: item.triage_model,
    status: item.status,
    escalated: item.escalated,
    claimedBy: item.email,
    claimedByMe: item.claimed_by === staffId,
    createdAt: item.created_at,
    sla: slaClocks(
      deps.config,
      {
        priority: item.priority,
        createdAt: item.created_at,
        firstResponseAt: item.first_response_at,
        closedAt: item.closed_at,
      },
      deps.now(),
    ),
    lang: loaded?.lang ?? null,
    optedOut: loaded?.optedOut ?? false,
    linkedItemId: loaded?.linkedItemId ?? null,
    loaded,
    tools: channel.tools,
    thread: loaded?.thread ?? [],
    notes: await listNotes(deps.db, deps, itemId),
    events: events.map((e) => ({
      at: e.at,
      kind: e.kind,
      actor: e.email,
      details: typeof e.details === 'string' ? JSON.parse(e.details) : e.details,
    })),
  };
}
