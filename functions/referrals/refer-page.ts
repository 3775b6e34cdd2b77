/**
 * The referral form of the page table: choose the partner (filtered by need, country and language),
 * tick exactly the fields to share, record consent, preview exactly what the partner will see, then
 * send. What the form starts with comes from what is known: the previous referral's packet when a
 * supervisor re-routes, else the item (country, language, the kinds of exploitation a report named).
 */

import { itemDetail } from '../console/item-detail.ts';
import type { PageData, StaffPageContext } from '../console/page-table.ts';
import { staffPage } from '../console/page-table.ts';
import { validItemId } from '../console/queue-commands.ts';
import { HttpError } from '../http/http-error.ts';
import { can } from '../staff/roles.ts';
import { channelOf } from '../threads/channels.ts';
import { createReferral } from './create-referral.ts';
import { getPartner, listPartners } from './partners.ts';
import { formEntries, referralFromForm, rerouteParam } from './referral-form.ts';
import {
  AGE_RANGES,
  CONSENT_GIVERS,
  CONSENT_METHODS,
  CONTACT_METHODS,
  type CreateReferral,
  EXPLOITATION_TYPES,
  PARTNER_SERVICES,
  type Packet,
  SEXES,
} from './referral-schema.ts';
import { hotlineReferral } from './referral-views.ts';

const rerouteOf = (context: StaffPageContext) => {
  const value = context.form
    ? String(context.form.get('rerouteFrom') ?? '')
    : (context.url.searchParams.get('from') ?? '');
  return can(context.session.user.role, 'referral:confirm') && rerouteParam.safeParse(value).success
    ? value
    : undefined;
};

async function loadRefer(context: StaffPageContext, state?: Record<string, unknown>) {
  const { deps, session, form, url } = context;
  const item = await itemDetail(deps, session.user.id, validItemId(context.params.id));
  const rerouteFrom = rerouteOf(context);
  let previous: Packet | null = null;
  if (rerouteFrom && !form) {
    try {
      previous = (await hotlineReferral(deps, session.user.id, rerouteFrom)).packet;
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
    }
  }
  const facts = item.loaded ? channelOf(item.source).known(item.loaded) : { exploitationTypes: [] };
  const known = facts.exploitationTypes;
  const defaults: Record<string, string> = {
    languages: previous?.languages?.join(', ') ?? item.lang ?? '',
    locationCountry: previous?.currentLocation?.country ?? facts.country ?? '',
    locationArea: previous?.currentLocation?.area ?? facts.area ?? '',
    nationality: previous?.nationality?.join(', ') ?? '',
    sex: previous?.sex ?? 'NonSpecifiedUnknown',
    ageRange: previous?.ageRange ?? 'unknown',
    contactMethod: previous?.safeContact?.method ?? 'through-hotline',
    contactValue: previous?.safeContact?.value ?? '',
    contactTimes: previous?.safeContact?.times ?? '',
    summary: previous?.summary ?? '',
    basis: 'consent',
    givenBy: 'person',
    consentMethod: 'verbal-call',
  };
  const need = PARTNER_SERVICES.find((s) => s === url.searchParams.get('need'));
  const values: Record<string, string> = form ? Object.fromEntries(formEntries(form)) : defaults;
  const multi: Record<string, string[]> = {
    needs: form ? form.getAll('needs').map(String) : (previous?.needs ?? (need ? [need] : [])),
    exploitationTypes: form
      ? form.getAll('exploitationTypes').map(String)
      : (previous?.exploitationTypes ?? known),
  };
  const sharedFields: (keyof Packet)[] = [
    'sex',
    'ageRange',
    'nationality',
    'languages',
    'exploitationTypes',
    'currentLocation',
    'safeContact',
    'summary',
  ];
  const shared = Object.fromEntries(
    sharedFields.map((f) => [
      f,
      form
        ? form.get(`share_${f}`) === 'on'
        : previous
          ? previous[f] !== undefined
          : // What the item already tells is offered for sharing; the operator can untick it.
            (f === 'exploitationTypes' && known.length > 0) ||
            (f === 'currentLocation' && Boolean(defaults.locationCountry)),
    ]),
  ) as Record<string, boolean>;
  const region = (url.searchParams.get('region') ?? facts.country ?? '').toUpperCase();
  const partners = await listPartners(deps.db, {
    need,
    region: /^[A-Z]{2}$/.test(region) ? region : undefined,
    language: item.lang ?? undefined,
  });
  return {
    item,
    rerouteFrom,
    preview: state?.preview as { referral: CreateReferral; partnerName: string } | undefined,
    hidden: form ? formEntries(form) : [],
    values,
    multi,
    shared,
    consentConfirmed: form?.get('consentConfirmed') === 'on',
    need,
    region,
    partners,
    choices: {
      services: PARTNER_SERVICES,
      sexes: SEXES,
      ageRanges: AGE_RANGES,
      exploitationTypes: EXPLOITATION_TYPES,
      contactMethods: CONTACT_METHODS,
      consentGivers: CONSENT_GIVERS,
      consentMethods: CONSENT_METHODS,
    },
  };
}

const parsed = (context: StaffPageContext, form: FormData) => {
  const result = referralFromForm(form, context.deps.now());
  if (!result.ok)
    throw new HttpError(422, 'referral-invalid', context.t('console.error.referralInvalid'), {
      fields: result.problems,
    });
  return result.value;
};

export const referPage = staffPage({
  path: '/console/items/:id/refer',
  access: { permission: 'referral:create' },
  load: loadRefer,
  actions: {
    preview: {
      async run(context, form) {
        const referral = parsed(context, form);
        const partner = await getPartner(context.deps.db, referral.partnerId);
        return { state: { preview: { referral, partnerName: partner?.name ?? '' } } };
      },
    },
    edit: { run: async () => ({ state: {} }) },
    send: {
      async run(context, form) {
        const referral = parsed(context, form);
        const created = await createReferral(
          context.deps,
          { id: context.session.user.id, mayOverride: can(context.session.user.role, 'referral:confirm') },
          validItemId(context.params.id),
          referral,
          { rerouteFrom: rerouteOf(context) },
        );
        return `/console/referrals/${created.id}`;
      },
    },
  },
});
export type ReferPageData = PageData<typeof referPage>;
