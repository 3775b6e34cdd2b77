/** A referral's history and deadline: what every change of a referral writes, in one place. */

import type { Config } from '../config/load-config.ts';
import type { Queryable } from '../db/database.ts';
import type { Partner } from './partners.ts';

export async function recordEvent(
  tx: Queryable,
  e: {
    referralId: string;
    at: Date;
    actorId: string | null;
    side: 'hotline' | 'partner' | 'system';
    kind: string;
  },
  message?: Buffer,
): Promise<void> {
  await tx.query(
    'insert into referral_events (referral_id, at, actor_id, side, kind, message) values ($1, $2, $3, $4, $5, $6)',
    [e.referralId, e.at, e.actorId, e.side, e.kind, message ?? null],
  );
}

/** When a referral sent now must be acknowledged: the partner's agreement, else the hotline's default. */
export function ackDueAt(
  partner: Pick<Partner, 'ackHours'> | null,
  config: Pick<Config, 'referralAckHours'>,
  now: Date,
): Date {
  return new Date(now.getTime() + (partner?.ackHours ?? config.referralAckHours) * 3_600_000);
}
