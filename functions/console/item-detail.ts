/**
 * One queue item in full, for the operator who opens it: the whole thread decrypted, the triage
 * reasons, and its history. Opening it is a view of a sensitive record, so it is audited.
 */
import { decryptText } from '../crypto/envelope.ts';
import type { Deps } from '../deps.ts';
import { HttpError } from '../http/http-error.ts';
import type { Priority } from '../queue/priority.ts';
import type { StoredReport } from '../reports/report-schema.ts';
import { openReportKey, reportContext } from '../reports/report-store.ts';
import { conversationContext, openConversationKey } from '../sms/conversation-store.ts';
import { appendAudit } from '../staff/audit.ts';
import { listNotes } from './notes.ts';
import { dueAt } from './queue-view.ts';

export interface ThreadEntry {
  direction: 'in' | 'out';
  text: string;
  at: Date;
  status?: string;
  reasons?: string[];
}

export interface ItemDetail {
  id: string;
  source: 'report' | 'sms';
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
  dueAt: Date;
  lang: string | null;
  optedOut: boolean;
  /** The other side of a linked pair: the report's queue item for a conversation, and back. */
  linkedItemId: string | null;
  report?: StoredReport;
  thread: ThreadEntry[];
  notes: { author: string | null; at: Date; text: string }[];
  events: { at: Date; kind: string; actor: string | null; details: Record<string, unknown> }[];
}

export async function itemDetail(deps: Deps, staffId: string, itemId: string): Promise<ItemDetail> {
  const [item] = await deps.db.query<{
    id: string;
    source: 'report' | 'sms';
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
  }>(
    `select q.id, q.source, q.source_id, q.priority, q.minor, q.reasons, q.triage_model, q.status, q.escalated, q.claimed_by, s.email, q.created_at
     from queue_items q left join staff_users s on s.id = q.claimed_by where q.id = $1`,
    [itemId],
  );
  if (!item) throw new HttpError(404, 'not-found', 'There is no such item.');
  const thread: ThreadEntry[] = [];
  let report: StoredReport | undefined;
  let lang: string | null = null;
  let optedOut = false;
  let linkedItemId: string | null = null;
  if (item.source === 'sms') {
    const [c] = await deps.db.query<{
      id: string;
      lang: string | null;
      opted_out: boolean;
      linked: string | null;
    }>(
      `select c.id, c.lang, c.opted_out, q.id as linked
       from conversations c left join queue_items q on q.source = 'report' and q.source_id = c.report_id
       where c.id = $1`,
      [item.source_id],
    );
    if (c) {
      linkedItemId = c.linked;
      lang = c.lang;
      optedOut = c.opted_out;
      const key = await openConversationKey(deps.db, deps.keys, c.id);
      const rows = await deps.db.query<{
        direction: 'in' | 'out';
        body: Uint8Array;
        created_at: Date;
        status: string;
        reasons: string[];
      }>(
        'select direction, body, created_at, status, reasons from sms_messages where conversation_id = $1 order by created_at, direction',
        [c.id],
      );
      for (const m of rows) {
        thread.push({
          direction: m.direction,
          text: await decryptText(key, m.body, conversationContext.message(c.id)),
          at: m.created_at,
          status: m.status,
          reasons: m.reasons,
        });
      }
    }
  } else {
    const [r] = await deps.db.query<{
      id: string;
      payload: Uint8Array;
      locale: string;
      created_at: Date;
    }>('select id, payload, locale, created_at from reports where id = $1', [item.source_id]);
    if (r) {
      lang = r.locale;
      const [linked] = await deps.db.query<{ id: string }>(
        `select q.id from conversations c join queue_items q on q.source = 'sms' and q.source_id = c.id where c.report_id = $1 limit 1`,
        [r.id],
      );
      linkedItemId = linked?.id ?? null;
      const key = await openReportKey(deps.db, deps.keys, r.id);
      report = JSON.parse(await decryptText(key, r.payload, reportContext.payload(r.id))) as StoredReport;
      thread.push({ direction: 'in', text: report.description, at: r.created_at });
      const messages = await deps.db.query<{ author: string; body: Uint8Array; created_at: Date }>(
        'select author, body, created_at from report_messages where report_id = $1 order by id',
        [r.id],
      );
      for (const m of messages) {
        thread.push({
          direction: m.author === 'staff' ? 'out' : 'in',
          text: await decryptText(key, m.body, reportContext.message(r.id)),
          at: m.created_at,
        });
      }
    }
  }
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
    priority: item.priority,
    minor: item.minor,
    reasons: item.reasons,
    triageModel: item.triage_model,
    status: item.status,
    escalated: item.escalated,
    claimedBy: item.email,
    claimedByMe: item.claimed_by === staffId,
    createdAt: item.created_at,
    dueAt: dueAt(deps.config, item.priority, item.created_at),
    lang,
    optedOut,
    linkedItemId,
    report,
    thread,
    notes: await listNotes(deps.db, deps, itemId),
    events: events.map((e) => ({
      at: e.at,
      kind: e.kind,
      actor: e.email,
      details: typeof e.details === 'string' ? JSON.parse(e.details) : e.details,
    })),
  };
}
