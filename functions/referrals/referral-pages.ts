/**
 * Referral pages of the console's page table: the hotline's list and one referral (confirm an
 * exception, withdraw, answer a partner's question), and a partner's intake queue and one referral
 * (accept, decline with a reason, ask for information). The actions call the same workflow
 * commands as the API, with the same schemas.
 */
import { z } from 'zod';
import type { PageData, StaffPageContext } from '../console/page-table.ts';
import { staffPage } from '../console/page-table.ts';
import { HttpError } from '../http/http-error.ts';
import { can } from '../staff/roles.ts';
import { declineSchema, messageSchema } from './referral-schema.ts';
import { hotlineList, hotlineReferral, intakeList, intakeReferral } from './referral-views.ts';
import { confirmException, partnerDecides, provideInfo, withdrawReferral } from './referral-workflow.ts';

const referralId = (params: Record<string, string>) => {
  const id = params.id ?? '';
  if (!z.uuid().safeParse(id).success) throw new HttpError(404, 'not-found', 'There is no such referral.');
  return id;
};

export const referralsPage = staffPage({
  path: '/console/referrals',
  access: { permission: 'referral:create' },
  load: async ({ deps }: StaffPageContext) => ({ referrals: await hotlineList(deps.db, deps.now()) }),
});
export type ReferralsPageData = PageData<typeof referralsPage>;

export const referralPage = staffPage({
  path: '/console/referrals/:id',
  access: { permission: 'referral:create' },
  async load({ deps, session, params }: StaffPageContext) {
    const referral = await hotlineReferral(deps, session.user.id, referralId(params));
    return {
      referral,
      supervisor: can(session.user.role, 'referral:confirm'),
      open: !['accepted', 'withdrawn'].includes(referral.status),
    };
  },
  actions: {
    confirm: {
      permission: 'referral:confirm',
      async run({ deps, session, params }) {
        const id = referralId(params);
        await confirmException(deps, session.user.id, id);
        return `/console/referrals/${id}`;
      },
    },
    withdraw: {
      async run({ deps, session, params }) {
        const id = referralId(params);
        await withdrawReferral(
          deps,
          { id: session.user.id, mayOverride: can(session.user.role, 'referral:confirm') },
          id,
        );
        return `/console/referrals/${id}`;
      },
    },
    answer: {
      async run({ deps, session, params, t }, form) {
        const id = referralId(params);
        const parsed = messageSchema.safeParse({ message: String(form.get('message') ?? '') });
        if (!parsed.success) throw new HttpError(422, 'message-invalid', t('console.error.answerShort'));
        await provideInfo(deps, session.user.id, id, parsed.data.message);
        return `/console/referrals/${id}`;
      },
    },
  },
});
export type ReferralPageData = PageData<typeof referralPage>;

const caseworkerOf = ({ session }: StaffPageContext) => {
  const partnerId = session.user.partner_id;
  if (!partnerId) throw new HttpError(404, 'not-found', 'There is no such referral.');
  return { id: session.user.id, partnerId };
};

export const intakeQueuePage = staffPage({
  path: '/console/intake',
  access: { permission: 'referral:intake' },
  load: async ({ deps, session }: StaffPageContext) => ({
    referrals: session.user.partner_id ? await intakeList(deps.db, session.user.partner_id, deps.now()) : [],
  }),
});
export type IntakeQueuePageData = PageData<typeof intakeQueuePage>;

export const intakePage = staffPage({
  path: '/console/intake/:id',
  access: { permission: 'referral:intake' },
  async load(context: StaffPageContext) {
    const referral = await intakeReferral(context.deps, caseworkerOf(context), referralId(context.params));
    return {
      referral,
      answerable: referral.status === 'sent' || referral.status === 'info-requested',
    };
  },
  actions: {
    accept: {
      async run(context) {
        const id = referralId(context.params);
        await partnerDecides(context.deps, caseworkerOf(context), id, 'accept');
        return `/console/intake/${id}`;
      },
    },
    decline: {
      async run(context, form) {
        const id = referralId(context.params);
        const parsed = declineSchema.safeParse({ reason: String(form.get('reason') ?? '') });
        if (!parsed.success)
          throw new HttpError(422, 'reason-required', context.t('console.error.reasonShort'));
        await partnerDecides(context.deps, caseworkerOf(context), id, 'decline', parsed.data.reason);
        return `/console/intake/${id}`;
      },
    },
    ask: {
      async run(context, form) {
        const id = referralId(context.params);
        const parsed = messageSchema.safeParse({ message: String(form.get('message') ?? '') });
        if (!parsed.success)
          throw new HttpError(422, 'message-invalid', context.t('console.error.questionShort'));
        await partnerDecides(context.deps, caseworkerOf(context), id, 'request-info', parsed.data.message);
        return `/console/intake/${id}`;
      },
    },
  },
});
export type IntakePageData = PageData<typeof intakePage>;
