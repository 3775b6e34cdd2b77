/**
 * The statistics facts of an item or referral: the only module that writes statistics_items and
 * statistics_referrals. A trigger (migration 0020) gives every new queue item and referral its row;
 * intake fills in what only it has in clear: a report's country, type of exploitation and whether
 * children are involved, and a referral's need. Nothing else of a report is copied.
 */
import type { Queryable } from '../db/database.ts';
import { exploitationCategory, serviceCategory } from './dimensions.ts';

export interface ReportFacts {
  country?: string | undefined;
  exploitation?: readonly string[] | undefined;
  childrenInvolved?: string | undefined;
}

export async function recordReportFacts(db: Queryable, itemId: string, report: ReportFacts): Promise<void> {
  await db.query(
    `update statistics_items set country = $2, exploitation = $3, children = $4, pending = false
     where item_id = $1`,
    [
      itemId,
      report.country ?? null,
      exploitationCategory(report.exploitation ?? []),
      report.childrenInvolved ?? null,
    ],
  );
}

export async function recordReferralNeeds(
  db: Queryable,
  referralId: string,
  needs: readonly string[],
): Promise<void> {
  await db.query('update statistics_referrals set service = $2 where referral_id = $1', [
    referralId,
    serviceCategory(needs),
  ]);
}
