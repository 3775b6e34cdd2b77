/**
 * Search and archive of queue items, open or closed (closed items stay readable until the retention
 * purge removes them): by receipt code and by phone number, each through its keyed hash (nothing
 * is stored or searched in the clear), by date of arrival, status, priority and triage reason.
 * Every query is parameterised; a search is audited like opening a record, without its terms.
 */
import { z } from 'zod';
import { keyedHash } from '../crypto/keyed-hash.ts';
import type { Deps } from '../deps.ts';
import { PRIORITIES, type Priority } from '../queue/priority.ts';
import { normalizeReceipt, receiptHash } from '../reports/receipt.ts';
import { appendAudit } from '../staff/audit.ts';

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blank, schema.optional());

export const searchSchema = z.object({
  receipt: optional(z.string().trim().max(40)),
  phone: optional(z.string().trim().max(40)),
  from: optional(z.iso.date()),
  to: optional(z.iso.date()),
  status: optional(z.enum(['waiting', 'claimed', 'closed'])),
  priority: optional(z.enum(PRIORITIES)),
  reason: optional(z.string().trim().min(2).max(80)),
});
export type SearchInput = z.infer<typeof searchSchema>;

export interface SearchRow {
  id: string;
  source: 'report' | 'sms';
  priority: Priority;
  status: string;
  reasons: string[];
  createdAt: Date;
  closedAt: Date | null;
}

export const SEARCH_LIMIT = 200;

/** The forms a texter's number takes as Twilio sends it: E.164, and WhatsApp's prefixed form. */
function senderForms(phone: string): string[] {
  const digits = phone.replace(/^whatsapp:/i, '').replace(/[\s\-().]/g, '');
  const e164 = digits.startsWith('+')
    ? digits
    : digits.startsWith('00')
      ? `+${digits.slice(2)}`
      : `+${digits}`;
  return [e164, `whatsapp:${e164}`];
}

export function isEmpty(input: SearchInput): boolean {
  return Object.values(input).every((v) => v === undefined);
}

export async function searchItems(deps: Deps, staffId: string, input: SearchInput): Promise<SearchRow[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (input.receipt !== undefined) {
    const receipt = normalizeReceipt(input.receipt);
    const hash = receipt ? receiptHash(deps.keys.hashKey, receipt) : Buffer.alloc(0);
    // The report with this receipt, and any conversation that quoted it.
    where.push(
      `((q.source = 'report' and q.source_id in (select id from reports where receipt_hash = ${param(hash)}))
        or (q.source = 'sms' and q.source_id in (select c.id from conversations c join reports r on r.id = c.report_id where r.receipt_hash = ${param(hash)})))`,
    );
  }
  if (input.phone !== undefined) {
    const hashes = senderForms(input.phone).map((f) => param(keyedHash(deps.keys.hashKey, 'sender', f)));
    where.push(
      `q.source = 'sms' and q.source_id in (select id from conversations where sender_hash in (${hashes.join(', ')}))`,
    );
  }
  if (input.from !== undefined) where.push(`q.created_at >= ${param(new Date(`${input.from}T00:00:00Z`))}`);
  if (input.to !== undefined)
    where.push(`q.created_at < ${param(new Date(Date.parse(`${input.to}T00:00:00Z`) + 86_400_000))}`);
  if (input.status !== undefined) where.push(`q.status = ${param(input.status)}`);
  if (input.priority !== undefined) where.push(`q.priority = ${param(input.priority)}`);
  if (input.reason !== undefined)
    where.push(
      `exists (select 1 from unnest(q.reasons) r where r ilike ${param(`%${input.reason.replace(/[\\%_]/g, '\\$&')}%`)})`,
    );
  const rows = await deps.db.query<{
    id: string;
    source: 'report' | 'sms';
    priority: Priority;
    status: string;
    reasons: string[];
    created_at: Date;
    closed_at: Date | null;
  }>(
    `select q.id, q.source, q.priority, q.status, q.reasons, q.created_at, q.closed_at
     from queue_items q
     ${where.length ? `where ${where.join(' and ')}` : ''}
     order by q.created_at desc
     limit ${SEARCH_LIMIT}`,
    params,
  );
  await deps.db.transaction((tx) =>
    appendAudit(
      tx,
      deps.keys,
      {
        actorId: staffId,
        action: 'record.search',
        details: {
          filters: Object.keys(input)
            .filter((k) => input[k as keyof SearchInput] !== undefined)
            .join(','),
          results: rows.length,
        },
      },
      deps.now(),
    ),
  );
  return rows.map((r) => ({
    id: r.id,
    source: r.source,
    priority: r.priority,
    status: r.status,
    reasons: r.reasons,
    createdAt: r.created_at,
    closedAt: r.closed_at,
  }));
}

/**
 * "Contacted before": how often this item's person was here before (episodes closed and reopened
 * by a new message, linked reports and conversations), the last time, and where to read them.
 */
export async function contactsBefore(
  deps: Deps,
  item: { id: string; linkedItemId: string | null },
): Promise<{ count: number; lastAt: Date | null; links: string[] }> {
  const [closed] = await deps.db.query<{ n: number; last: Date | null }>(
    `select count(*)::int as n, max(at) as last from queue_events where item_id = $1 and kind = 'closed'`,
    [item.id],
  );
  let count = closed?.n ?? 0;
  let lastAt = closed?.last ?? null;
  const links: string[] = [];
  if (item.linkedItemId) {
    const [linked] = await deps.db.query<{ created_at: Date }>(
      'select created_at from queue_items where id = $1',
      [item.linkedItemId],
    );
    if (linked) {
      count += 1;
      links.push(item.linkedItemId);
      if (!lastAt || linked.created_at > lastAt) lastAt = linked.created_at;
    }
  }
  return { count, lastAt, links };
}
