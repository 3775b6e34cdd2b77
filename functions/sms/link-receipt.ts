/**
 * When a texter sends a receipt code from the report form, their conversation and their web
 * report belong together: the operator then sees both. The code is matched by its keyed hash,
 * exactly as the follow-up page does; an unknown code links nothing and says nothing.
 */
import type { Queryable } from '../db/database.ts';
import type { Deps } from '../deps.ts';
import { normalizeReceipt, receiptHash } from '../reports/receipt.ts';
import { appendAudit } from '../staff/audit.ts';

const RECEIPT_IN_TEXT = /(?<!\d)(\d{4}[\s-]?\d{4}[\s-]?\d{4}[\s-]?\d{4})(?!\d)/;

export async function linkReceipt(
  tx: Queryable,
  deps: Pick<Deps, 'keys'>,
  conversationId: string,
  text: string,
  now: Date,
): Promise<string | null> {
  const found = RECEIPT_IN_TEXT.exec(text)?.[1];
  const receipt = found ? normalizeReceipt(found) : null;
  if (!receipt) return null;
  const [report] = await tx.query<{ id: string }>('select id from reports where receipt_hash = $1', [
    receiptHash(deps.keys.hashKey, receipt),
  ]);
  if (!report) return null;
  await tx.query('update conversations set report_id = $2 where id = $1', [conversationId, report.id]);
  await appendAudit(
    tx,
    deps.keys,
    {
      actorId: null,
      action: 'conversation.linked-report',
      subject: conversationId,
      details: { report: report.id },
    },
    now,
  );
  return report.id;
}
