/**
 * What Waymark counts and how it breaks the counts down: the one list the refresh SQL, the
 * published tables, the exports and the charts all follow. A dimension with a fixed list of
 * categories always publishes every category (zeros included); `country` lists the countries seen.
 */
import { SERVICE_KINDS } from '#kernel/content/schemas.ts';
import { EXPLOITATION_KINDS, YES_NO_UNSURE } from '../reports/report-schema.ts';

export const MEASURES = ['items', 'referrals'] as const;
export type Measure = (typeof MEASURES)[number];

/** Time to first response, in buckets: final for every item once its month is sealed. */
export const FIRST_RESPONSE_BUCKETS = [
  'under-5-minutes',
  '5-to-60-minutes',
  '1-to-24-hours',
  '1-to-7-days',
  'over-7-days-or-none',
] as const;

export const TIME_TO_CLOSE_BUCKETS = [
  'under-1-day',
  '1-to-7-days',
  '7-to-30-days',
  'over-30-days-or-open',
] as const;

export const REFERRAL_OUTCOMES = ['accepted', 'declined', 'withdrawn', 'pending'] as const;

/** null: categories are whatever the data holds (countries, and 'unknown'). */
export const DIMENSIONS = {
  channel: ['web', 'sms', 'whatsapp'],
  priority: ['emergency', 'urgent', 'standard'],
  country: null,
  exploitation: [...EXPLOITATION_KINDS, 'multiple', 'not-stated'],
  children: [...YES_NO_UNSURE, 'not-stated'],
  firstResponse: FIRST_RESPONSE_BUCKETS,
  timeToClose: TIME_TO_CLOSE_BUCKETS,
  service: [...SERVICE_KINDS, 'multiple', 'not-recorded'],
  outcome: REFERRAL_OUTCOMES,
} as const satisfies Record<string, readonly string[] | null>;
export type Dimension = keyof typeof DIMENSIONS;

/** Per measure: the breakdowns published per month and per year, and the cross-tabulations (per year). */
export const LAYOUT: Record<Measure, { oneWay: Dimension[]; twoWay: [Dimension, Dimension][] }> = {
  items: {
    oneWay: ['channel', 'priority', 'country', 'exploitation', 'children', 'firstResponse', 'timeToClose'],
    twoWay: [
      ['country', 'exploitation'],
      ['exploitation', 'children'],
      ['channel', 'priority'],
    ],
  },
  referrals: { oneWay: ['service', 'outcome'], twoWay: [['service', 'outcome']] },
};

/** Duration dimensions: their buckets are ordered, so a median bucket means something. */
export const ORDERED_DIMENSIONS: Partial<Record<Dimension, readonly string[]>> = {
  firstResponse: FIRST_RESPONSE_BUCKETS,
  timeToClose: TIME_TO_CLOSE_BUCKETS,
};

/** A dimension or a pair, as stored in statistics_cells.dimension ('' is the total). */
export const dimensionKey = (dimensions: readonly Dimension[]) => dimensions.join('|');

export const exploitationCategory = (kinds: readonly string[]) =>
  kinds.length === 0 ? 'not-stated' : kinds.length === 1 ? kinds[0]! : 'multiple';

export const serviceCategory = (needs: readonly string[]) =>
  needs.length === 1 ? needs[0]! : needs.length > 1 ? 'multiple' : 'not-recorded';
