/**
 * Reading referrals. A partner's caseworker reads only its organisation's referrals (the partner id
 * is part of every query, so another partner's referral is "not found"); hotline staff see every
 * referral and the whole exchange. Opening a packet is a view of a sensitive record: audited.
 */
import type { Queryable } from '../db/database.ts';
import type { Deps } from '../deps.ts';
import { HttpError } from '../http/http-error.ts';
import { appendAudit } from '../staff/audit.ts';
import { findReferralKey, openPacket, unseal } from './packet-crypto.ts';
import type { Packet, ReferralStatus } from './referral-schema.ts';

export interface ReferralSummary {
  id: string;
  itemId: string | null;
  partnerId: string;
  partnerName: string;
  status: ReferralStatus;
  fields: string[];
  consentBasis: 'consent' | 'emergency-exception';
  createdBy: string | null;
  createdAt: Date;
  sentAt: Date | null;
  ackDueAt: Date | null;
  acknowledgedAt: Date | null;
  escalatedAt: Date | null;
  /** Sent, not acknowledged, and past its acknowledgement deadline. */
  overdue: boolean;
}

export interface ReferralEvent {
  at: Date;
  side: 'hotline' | 'partner' | 'system';
  kind: string;
  actor: string | null;
  message: string | null;
}

export interface ReferralDetail extends ReferralSummary {
  /** Null once the referral was withdrawn (its packet is destroyed). */
  packet: Packet | null;
  consent: {
    givenBy: string | null;
    method: string | null;
    at: Date | null;
    scope: { partnerName: string; fields: string[]; purpose: string };
    confirmedBy: string | null;
    confirmedAt: Date | null;
    /** The emergency justification; hotline staff only. */
    justification?: string;
  };
  events: ReferralEvent[];
}

interface Row {
  id: string;
  item_id: string | null;
  partner_id: string;
  partner_name: string;
  status: ReferralStatus;
  fields: string[];
  consent_basis: 'consent' | 'emergency-exception';
  created_by_email: string | null;
  created_at: Date;
  sent_at: Date | null;
  ack_due_at: Date | null;
  acknowledged_at: Date | null;
  escalated_at: Date | null;
}

const SUMMARY_COLUMNS = `r.id, r.item_id, r.partner_id, p.name as partner_name, r.status, r.fields, r.consent_basis,
  s.email as created_by_email, r.created_at, r.sent_at, r.ack_due_at, r.acknowledged_at, r.escalated_at`;
const FROM = `from referrals r join partners p on p.id = r.partner_id left join staff_users s on s.id = r.created_by`;
const SELECT = `select ${SUMMARY_COLUMNS} ${FROM}`;

const toSummary = (r: Row, now: Date): ReferralSummary => ({
  id: r.id,
  itemId: r.item_id,
  partnerId: r.partner_id,
  partnerName: r.partner_name,
  status: r.status,
  fields: r.fields,
  consentBasis: r.consent_basis,
  createdBy: r.created_by_email,
  createdAt: r.created_at,
  sentAt: r.sent_at,
  ackDueAt: r.ack_due_at,
  acknowledgedAt: r.acknowledged_at,
  escalatedAt: r.escalated_at,
  overdue: r.status === 'sent' && !r.acknowledged_at && !!r.ack_due_at && r.ack_due_at <= now,
});

/** The partner's intake queue: its referrals, unanswered first, oldest first. */
export async function intakeList(db: Queryable, partnerId: string, now: Date): Promise<ReferralSummary[]> {
  const rows = await db.query<Row>(
    `${SELECT} where r.partner_id = $1 and r.status <> 'awaiting-confirmation'
     order by (r.status in ('sent', 'info-requested')) desc, r.sent_at`,
    [partnerId],
  );
  // The partner does not need to know which hotline operator made it.
  return rows.map((r) => ({ ...toSummary(r, now), createdBy: null, itemId: null }));
}

/** Every referral, for hotline staff: waiting for a supervisor and overdue ones first. */
export async function hotlineList(db: Queryable, now: Date, itemId?: string): Promise<ReferralSummary[]> {
  const rows = await db.query<Row>(
    `${SELECT} where ($1::uuid is null or r.item_id = $1)
     order by (r.status = 'awaiting-confirmation') desc,
              (r.escalated_at is not null and r.acknowledged_at is null and r.status = 'sent') desc,
              r.created_at desc
     limit 500`,
    [itemId ?? null],
  );
  return rows.map((r) => toSummary(r, now));
}

/** Exceptions waiting for confirmation, and referrals past their acknowledgement deadline. */
export async function referralsNeedingSupervisor(db: Queryable, now: Date): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    `select count(*)::int as n from referrals
     where status = 'awaiting-confirmation'
        or (status = 'sent' and acknowledged_at is null and ack_due_at <= $1)`,
    [now],
  );
  return row?.n ?? 0;
}

async function detail(
  deps: Pick<Deps, 'db' | 'keys' | 'now'>,
  where: { referralId: string; partnerId?: string },
  viewer: { id: string; side: 'hotline' | 'partner' },
): Promise<ReferralDetail> {
  const now = deps.now();
  const [row] = await deps.db.query<
    Row & {
      packet: Uint8Array;
      justification: Uint8Array | null;
      consent_given_by: string | null;
      consent_method: string | null;
      consent_at: Date | null;
      consent_scope: { partnerName: string; fields: string[]; purpose: string };
      confirmed_by_email: string | null;
      confirmed_at: Date | null;
    }
  >(
    `select ${SUMMARY_COLUMNS}, r.packet, r.justification, r.consent_given_by,
       r.consent_method, r.consent_at, r.consent_scope, c.email as confirmed_by_email, r.confirmed_at
     ${FROM} left join staff_users c on c.id = r.confirmed_by
     where r.id = $1 and ($2::uuid is null or (r.partner_id = $2 and r.status <> 'awaiting-confirmation'))`,
    [where.referralId, where.partnerId ?? null],
  );
  if (!row) throw new HttpError(404, 'not-found', 'There is no such referral.');
  const key = await findReferralKey(deps, deps.db, row.partner_id, row.id);
  const events = await deps.db.query<{
    at: Date;
    side: 'hotline' | 'partner' | 'system';
    kind: string;
    email: string | null;
    message: Uint8Array | null;
  }>(
    `select e.at, e.side, e.kind, s.email, e.message from referral_events e
     left join staff_users s on s.id = e.actor_id where e.referral_id = $1 order by e.id`,
    [row.id],
  );
  const partnerView = viewer.side === 'partner';
  const result: ReferralDetail = {
    ...toSummary(row, now),
    ...(partnerView ? { createdBy: null, itemId: null } : {}),
    packet: key ? await openPacket(key, row.id, row.packet) : null,
    consent: {
      givenBy: row.consent_given_by,
      method: row.consent_method,
      at: row.consent_at,
      scope: row.consent_scope,
      confirmedBy: partnerView ? null : row.confirmed_by_email,
      confirmedAt: row.confirmed_at,
      ...(!partnerView && key && row.justification
        ? { justification: await unseal(key, row.id, 'justification', row.justification) }
        : {}),
    },
    events: await Promise.all(
      events.map(async (e) => ({
        at: e.at,
        side: e.side,
        kind: e.kind,
        // Each side sees its own people by address and the other side's only as an organisation.
        actor: partnerView === (e.side === 'partner') ? e.email : null,
        message: key && e.message ? await unseal(key, row.id, 'message', e.message) : null,
      })),
    ),
  };
  if (key) {
    await deps.db.transaction((tx) =>
      appendAudit(tx, deps.keys, { actorId: viewer.id, action: 'referral.view', subject: row.id }, now),
    );
  }
  return result;
}

export const intakeReferral = (
  deps: Pick<Deps, 'db' | 'keys' | 'now'>,
  caseworker: { id: string; partnerId: string },
  referralId: string,
) => detail(deps, { referralId, partnerId: caseworker.partnerId }, { id: caseworker.id, side: 'partner' });

export const hotlineReferral = (
  deps: Pick<Deps, 'db' | 'keys' | 'now'>,
  staffId: string,
  referralId: string,
) => detail(deps, { referralId }, { id: staffId, side: 'hotline' });
