/**
 * The published release shaped for counter-trafficking data collaboratives: one record per
 * published number, with its breakdown in the field names of IOM's Human Trafficking Case Data
 * Standard where it has them (`vic_TypeOfExploitation`, with the standard's values) and `wmk_`
 * fields where it does not, as referrals/export-referral.ts does for single referrals. Hidden
 * numbers are records with a null count and `wmk_Suppressed` true, so a collaborative can tell
 * "fewer than the threshold" from "nothing".
 */
import { type EXPLOITATION_TYPES, REPORT_EXPLOITATION_AS_HTCDS } from '../referrals/referral-schema.ts';
import type { Dimension } from './dimensions.ts';
import type { Release } from './release.ts';

type HtcdsExploitation = (typeof EXPLOITATION_TYPES)[number];

/** Waymark's report choices in HTCDS values; 'multiple' and 'not-stated' have none. */
const EXPLOITATION: Record<string, HtcdsExploitation | null> = {
  ...REPORT_EXPLOITATION_AS_HTCDS,
  multiple: null,
  'not-stated': null,
};

const FIELD: Record<Dimension, string> = {
  channel: 'wmk_Channel',
  priority: 'wmk_Priority',
  country: 'wmk_Country',
  exploitation: 'vic_TypeOfExploitation',
  children: 'wmk_ChildrenInvolved',
  firstResponse: 'wmk_TimeToFirstResponse',
  timeToClose: 'wmk_TimeToClose',
  service: 'wmk_ServiceNeeded',
  outcome: 'wmk_ReferralOutcome',
};

export type HtcdsRecord = Record<string, string | number | boolean | null>;

export interface HtcdsAggregate {
  standard: 'HTCDS';
  standardVersion: '2.0';
  wmk_Kind: 'aggregate';
  wmk_GeneratedAt: string;
  /** Counts below this are hidden, and so is any count that would reveal one. */
  wmk_Threshold: number;
  /** What one count counts: cases (a web report or a conversation) or referrals. */
  wmk_Units: { cases: string; referrals: string };
  records: HtcdsRecord[];
}

function htcdsFields(dimension: Dimension, category: string): HtcdsRecord {
  if (dimension !== 'exploitation') return { [FIELD[dimension]]: category };
  const mapped = EXPLOITATION[category] ?? null;
  return { vic_TypeOfExploitation: mapped, wmk_TypeOfExploitation: category };
}

export function releaseToHtcds(release: Release): HtcdsAggregate {
  const records: HtcdsRecord[] = [];
  const totals = new Set<string>();
  const record = (measure: string, period: string, count: number | null, fields: HtcdsRecord) => ({
    wmk_Measure: measure === 'items' ? 'cases' : 'referrals',
    [period.length === 4 ? 'wmk_Year' : 'wmk_Month']: period,
    ...fields,
    wmk_Count: count,
    wmk_Suppressed: count === null,
  });
  for (const t of release.tables) {
    if (!totals.has(`${t.measure}/${t.period}`)) {
      totals.add(`${t.measure}/${t.period}`);
      records.push(record(t.measure, t.period, t.total, {}));
    }
    for (const r of t.rows) {
      const fields = Object.assign({}, ...t.dimensions.map((d, i) => htcdsFields(d, r.category[i]!)));
      records.push(record(t.measure, t.period, r.value, fields));
    }
  }
  return {
    standard: 'HTCDS',
    standardVersion: '2.0',
    wmk_Kind: 'aggregate',
    wmk_GeneratedAt: release.generatedAt,
    wmk_Threshold: release.threshold,
    wmk_Units: {
      cases: 'a web report or an SMS/WhatsApp conversation that is not noise and not excluded by staff',
      referrals: 'a referral to a partner organisation, by the month it was made',
    },
    records,
  };
}
