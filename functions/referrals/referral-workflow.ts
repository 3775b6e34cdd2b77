/**
 * A referral's life after it is made. The partner accepts, declines (with a reason) or asks the
 * hotline for information; the hotline answers, withdraws or, under an emergency exception, has a
 * supervisor confirm it first. A partner's actions are scoped to its own referrals in the same
 * statement that changes them: another partner's id simply matches nothing (404, never 403).
 */
import type { Deps } from '../deps.ts';
import { HttpError } from '../http/http-error.ts';
import { appendAudit } from '../staff/audit.ts';
import { withdrawInTransaction } from './create-referral.ts';
import { referralKey, seal } from './packet-crypto.ts';
import { getPartner } from './partners.ts';
import { ackDueAt, recordEvent } from './referral-events.ts';

type D = Pick<Deps, 'db' | 'keys' | 'now' | 'config'>;

const notFound = () => new HttpError(404, 'not-found', 'There is no such referral.');

/** A supervisor other than the one who made it confirms an emergency-exception referral. */
export async function confirmException(deps: D, supervisorId: string, referralId: string): Promise<void> {
  const now = deps.now();
  await deps.db.transaction(async (tx) => {
    const [r] = await tx.query<{ status: string; created_by: string | null; partner_id: string }>(
      'select status, created_by, partner_id from referrals where id = $1 for update',
      [referralId],
    );
    if (!r) throw notFound();
    if (r.status !== 'awaiting-confirmation')
      throw new HttpError(409, 'not-awaiting', 'This referral is not waiting for confirmation.');
    if (r.created_by === supervisorId)
      throw new HttpError(409, 'four-eyes', 'Another supervisor must confirm an exception you made.');
    await tx.query(
      `update referrals set status = 'sent', confirmed_by = $2, confirmed_at = $3, sent_at = $3,
         ack_due_at = $4, updated_at = $3 where id = $1`,
      [referralId, supervisorId, now, ackDueAt(await getPartner(tx, r.partner_id), deps.config, now)],
    );
    await recordEvent(tx, { referralId, at: now, actorId: supervisorId, side: 'hotline', kind: 'confirmed' });
    await recordEvent(tx, { referralId, at: now, actorId: supervisorId, side: 'hotline', kind: 'sent' });
    await appendAudit(
      tx,
      deps.keys,
      { actorId: supervisorId, action: 'referral.confirm-exception', subject: referralId },
      now,
    );
  });
}

export async function withdrawReferral(
  deps: D,
  actor: { id: string; mayOverride: boolean },
  referralId: string,
): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const [r] = await tx.query<{ created_by: string | null }>(
      'select created_by from referrals where id = $1 for update',
      [referralId],
    );
    if (!r) throw notFound();
    if (r.created_by !== actor.id && !actor.mayOverride)
      throw new HttpError(403, 'forbidden', 'Only the referring operator or a supervisor can withdraw it.');
    await withdrawInTransaction(tx, deps, actor.id, referralId, deps.now());
  });
}

type PartnerDecision = 'accept' | 'decline' | 'request-info';

const DECISIONS: Record<PartnerDecision, { status: string; kind: string; final: boolean }> = {
  accept: { status: 'accepted', kind: 'accepted', final: true },
  decline: { status: 'declined', kind: 'declined', final: true },
  'request-info': { status: 'info-requested', kind: 'info-requested', final: false },
};

/** The partner's answer. `text` is the decline reason or the question, sealed for this referral. */
export async function partnerDecides(
  deps: D,
  caseworker: { id: string; partnerId: string },
  referralId: string,
  decision: PartnerDecision,
  text?: string,
): Promise<void> {
  const now = deps.now();
  const d = DECISIONS[decision];
  await deps.db.transaction(async (tx) => {
    const [r] = await tx.query<{ status: string }>(
      `select status from referrals
       where id = $1 and partner_id = $2 and status <> 'awaiting-confirmation' for update`,
      [referralId, caseworker.partnerId],
    );
    if (!r) throw notFound();
    if (r.status !== 'sent' && r.status !== 'info-requested')
      throw new HttpError(409, 'referral-final', `This referral is already ${r.status}.`);
    await tx.query(
      `update referrals set status = $2, acknowledged_at = coalesce(acknowledged_at, $3),
         decided_at = case when $4::boolean then $3 else decided_at end, updated_at = $3
       where id = $1`,
      [referralId, d.status, now, d.final],
    );
    const message = text
      ? await seal(await referralKey(deps, tx, caseworker.partnerId, referralId), referralId, 'message', text)
      : undefined;
    await recordEvent(
      tx,
      { referralId, at: now, actorId: caseworker.id, side: 'partner', kind: d.kind },
      message,
    );
    await appendAudit(
      tx,
      deps.keys,
      { actorId: caseworker.id, action: `referral.${d.kind}`, subject: referralId },
      now,
    );
  });
}

/** The hotline answers a partner's question; the referral goes back to the partner. */
export async function provideInfo(deps: D, staffId: string, referralId: string, text: string): Promise<void> {
  const now = deps.now();
  await deps.db.transaction(async (tx) => {
    const [r] = await tx.query<{ status: string; partner_id: string }>(
      'select status, partner_id from referrals where id = $1 for update',
      [referralId],
    );
    if (!r) throw notFound();
    if (r.status !== 'info-requested')
      throw new HttpError(409, 'no-question', 'The partner has not asked for information.');
    const key = await referralKey(deps, tx, r.partner_id, referralId);
    await tx.query(`update referrals set status = 'sent', updated_at = $2 where id = $1`, [referralId, now]);
    await recordEvent(
      tx,
      { referralId, at: now, actorId: staffId, side: 'hotline', kind: 'info-provided' },
      await seal(key, referralId, 'message', text),
    );
    await appendAudit(
      tx,
      deps.keys,
      { actorId: staffId, action: 'referral.info-provided', subject: referralId },
      now,
    );
  });
}

/**
 * Referrals nobody acknowledged in time go to the hotline's supervisors (the referrals page lists
 * them first), once each. Safe to run on every node at once: the update claims each row.
 */
export async function escalateOverdue(deps: Pick<Deps, 'db' | 'now' | 'keys'>): Promise<string[]> {
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const rows = await tx.query<{ id: string }>(
      `update referrals set escalated_at = $1, updated_at = $1
       where id in (
         select id from referrals
         where status = 'sent' and acknowledged_at is null and escalated_at is null and ack_due_at <= $1
         for update skip locked
       )
       returning id`,
      [now],
    );
    for (const { id } of rows) {
      await recordEvent(tx, { referralId: id, at: now, actorId: null, side: 'system', kind: 'escalated' });
      await appendAudit(tx, deps.keys, { actorId: null, action: 'referral.escalate', subject: id }, now);
    }
    return rows.map((r) => r.id);
  });
}
