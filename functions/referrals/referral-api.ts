/**
 * The referral API. Hotline routes live under /api/console (operators refer, supervisors confirm
 * exceptions and re-route, administrators manage partners); a partner's caseworkers use
 * /api/intake, where every query carries their organisation's id.
 */
import { z } from 'zod';
import { HttpError } from '../http/http-error.ts';
import { json } from '../http/json.ts';
import type { RouteContext } from '../http/route.ts';
import { can } from '../staff/roles.ts';
import { createReferral } from './create-referral.ts';
import { exportReferral } from './export-referral.ts';
import { createPartner, listPartners, partnerSchema, setPartnerActive } from './partners.ts';
import { createReferralSchema, declineSchema, messageSchema, PARTNER_SERVICES } from './referral-schema.ts';
import { hotlineList, hotlineReferral, intakeList, intakeReferral } from './referral-views.ts';
import { confirmException, partnerDecides, provideInfo, withdrawReferral } from './referral-workflow.ts';

const idParam = (context: RouteContext, what = 'referral') => {
  const id = context.params.id ?? '';
  if (!z.uuid().safeParse(id).success) throw new HttpError(404, 'not-found', `There is no such ${what}.`);
  return id;
};

const staff = (context: RouteContext) => {
  const user = context.session!.user;
  return { id: user.id, mayOverride: can(user.role, 'referral:confirm') };
};

/** A caseworker acts for exactly one partner organisation. */
const caseworker = (context: RouteContext) => {
  const user = context.session!.user;
  if (!user.partner_id) throw new HttpError(403, 'forbidden', 'Your account belongs to no partner.');
  return { id: user.id, partnerId: user.partner_id };
};

const noContent = () => new Response(null, { status: 204 });

// Hotline side.

const partnerQuery = z.object({
  need: z.enum(PARTNER_SERVICES).optional(),
  region: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .optional(),
  language: z
    .string()
    .regex(/^[a-z]{2,3}$/)
    .optional(),
});

export async function searchPartners(request: Request, context: RouteContext): Promise<Response> {
  const query = partnerQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success)
    throw new HttpError(
      400,
      'invalid-query',
      'need, region (ISO 3166 alpha-2) or language (ISO 639) is invalid.',
    );
  return json({ partners: await listPartners(context.deps.db, query.data) });
}

export async function addPartner(_request: Request, context: RouteContext): Promise<Response> {
  const { data } = await context.readBody(partnerSchema);
  return json(
    { partner: await createPartner(context.deps, context.session!.user.id, data) },
    { status: 201 },
  );
}

/** Deactivating a partner signs its caseworkers out and keeps them out until it is reactivated. */
export async function deactivatePartner(_request: Request, context: RouteContext): Promise<Response> {
  const id = idParam(context, 'partner');
  return json(await setPartnerActive(context.deps, context.session!.user.id, id, false));
}

export async function reactivatePartner(_request: Request, context: RouteContext): Promise<Response> {
  await setPartnerActive(context.deps, context.session!.user.id, idParam(context, 'partner'), true);
  return noContent();
}

export async function referItem(_request: Request, context: RouteContext): Promise<Response> {
  const { data } = await context.readBody(createReferralSchema.extend({ rerouteFrom: z.uuid().optional() }));
  const { rerouteFrom, ...input } = data;
  const referral = await createReferral(context.deps, staff(context), idParam(context, 'item'), input, {
    rerouteFrom,
  });
  return json({ referral }, { status: 201 });
}

export async function listReferrals(request: Request, context: RouteContext): Promise<Response> {
  const item = new URL(request.url).searchParams.get('item');
  if (item !== null && !z.uuid().safeParse(item).success)
    throw new HttpError(400, 'invalid-query', 'item must be a queue item id.');
  return json({ referrals: await hotlineList(context.deps.db, context.deps.now(), item ?? undefined) });
}

export async function showReferral(_request: Request, context: RouteContext): Promise<Response> {
  return json({ referral: await hotlineReferral(context.deps, context.session!.user.id, idParam(context)) });
}

export async function confirmReferral(_request: Request, context: RouteContext): Promise<Response> {
  await confirmException(context.deps, context.session!.user.id, idParam(context));
  return noContent();
}

export async function withdraw(_request: Request, context: RouteContext): Promise<Response> {
  await withdrawReferral(context.deps, staff(context), idParam(context));
  return noContent();
}

export async function answerPartner(_request: Request, context: RouteContext): Promise<Response> {
  const { data } = await context.readBody(messageSchema);
  await provideInfo(context.deps, context.session!.user.id, idParam(context), data.message);
  return noContent();
}

// Partner side.

export async function intakeQueue(_request: Request, context: RouteContext): Promise<Response> {
  const { partnerId } = caseworker(context);
  return json({ referrals: await intakeList(context.deps.db, partnerId, context.deps.now()) });
}

export async function intakeShow(_request: Request, context: RouteContext): Promise<Response> {
  return json({ referral: await intakeReferral(context.deps, caseworker(context), idParam(context)) });
}

export async function intakeAccept(_request: Request, context: RouteContext): Promise<Response> {
  await partnerDecides(context.deps, caseworker(context), idParam(context), 'accept');
  return noContent();
}

export async function intakeDecline(_request: Request, context: RouteContext): Promise<Response> {
  const who = caseworker(context);
  const id = idParam(context);
  const { data } = await context.readBody(declineSchema);
  await partnerDecides(context.deps, who, id, 'decline', data.reason);
  return noContent();
}

export async function intakeRequestInfo(_request: Request, context: RouteContext): Promise<Response> {
  const who = caseworker(context);
  const id = idParam(context);
  const { data } = await context.readBody(messageSchema);
  await partnerDecides(context.deps, who, id, 'request-info', data.message);
  return noContent();
}

export async function intakeExport(_request: Request, context: RouteContext): Promise<Response> {
  const exported = await exportReferral(context.deps, caseworker(context), idParam(context));
  return json(exported, {
    headers: { 'content-disposition': `attachment; filename="referral-${exported.wmk_ReferralId}.json"` },
  });
}
