/**
 * A referral as JSON for the partner's own case system, in the field names of IOM's Human
 * Trafficking Case Data Standard (HTCDS 2.0: `prs_`, `vic_`, `cas_`, `con_`). What HTCDS has no field
 * for (age range, current location, needs, safe contact) uses a `wmk_` prefix, as the standard
 * suggests for local extensions. Only what the packet holds is exported; exporting is audited.
 */
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { appendAudit } from '../staff/audit.ts';
import { recordEvent } from './referral-events.ts';
import {
  AGE_RANGES,
  CONSENT_GIVERS,
  CONSENT_METHODS,
  CONTACT_METHODS,
  EXPLOITATION_TYPES,
  PARTNER_SERVICES,
  REFERRAL_STATUSES,
  SEXES,
} from './referral-schema.ts';
import { intakeReferral } from './referral-views.ts';

export const htcdsExportSchema = z.object({
  standard: z.literal('HTCDS'),
  standardVersion: z.literal('2.0'),
  wmk_ReferralId: z.uuid(),
  wmk_ReferralStatus: z.enum(REFERRAL_STATUSES),
  cas_ReferringOrganisation: z.string(),
  cas_ReferredOrganisation: z.string(),
  cas_OutgoingReferralDate: z.iso.date().nullable(),
  cas_ReasonForOutgoingReferral: z.literal('AdditionalServicesRequired'),
  cas_OutgoingReferralDetails: z.string().optional(),
  con_Consent: z.boolean(),
  vic_AgreementToManagePersonalData: z.boolean(),
  wmk_ConsentBasis: z.enum(['consent', 'emergency-exception']),
  wmk_ConsentGivenBy: z.enum(CONSENT_GIVERS).nullable(),
  wmk_ConsentMethod: z.enum(CONSENT_METHODS).nullable(),
  wmk_ConsentDate: z.iso.datetime().nullable(),
  prs_Gender: z.enum(SEXES).optional(),
  prs_Citizenship: z.array(z.string()).optional(),
  prs_PrimaryLanguage: z.string().optional(),
  prs_SecondaryLanguage: z.string().optional(),
  vic_TypeOfExploitation: z.array(z.enum(EXPLOITATION_TYPES)).optional(),
  wmk_AgeRange: z.enum(AGE_RANGES).optional(),
  wmk_CurrentLocation: z.object({ country: z.string(), area: z.string().optional() }).optional(),
  wmk_Needs: z.array(z.enum(PARTNER_SERVICES)),
  wmk_SafeContact: z
    .object({ method: z.enum(CONTACT_METHODS), value: z.string().optional(), times: z.string().optional() })
    .optional(),
});
export type HtcdsExport = z.infer<typeof htcdsExportSchema>;

export async function exportReferral(
  deps: Pick<Deps, 'db' | 'keys' | 'now' | 'config'>,
  caseworker: { id: string; partnerId: string },
  referralId: string,
): Promise<HtcdsExport> {
  const r = await intakeReferral(deps, caseworker, referralId);
  const p = r.packet;
  const consented = r.consentBasis === 'consent';
  const exported = htcdsExportSchema.parse({
    standard: 'HTCDS',
    standardVersion: '2.0',
    wmk_ReferralId: r.id,
    wmk_ReferralStatus: r.status,
    cas_ReferringOrganisation: deps.config.publicBaseUrl.hostname,
    cas_ReferredOrganisation: r.partnerName,
    cas_OutgoingReferralDate: r.sentAt ? r.sentAt.toISOString().slice(0, 10) : null,
    cas_ReasonForOutgoingReferral: 'AdditionalServicesRequired',
    cas_OutgoingReferralDetails: p?.summary,
    con_Consent: consented,
    vic_AgreementToManagePersonalData: consented,
    wmk_ConsentBasis: r.consentBasis,
    wmk_ConsentGivenBy: r.consent.givenBy,
    wmk_ConsentMethod: r.consent.method,
    wmk_ConsentDate: r.consent.at ? r.consent.at.toISOString() : null,
    prs_Gender: p?.sex,
    prs_Citizenship: p?.nationality,
    prs_PrimaryLanguage: p?.languages?.[0],
    prs_SecondaryLanguage: p?.languages?.[1],
    vic_TypeOfExploitation: p?.exploitationTypes,
    wmk_AgeRange: p?.ageRange,
    wmk_CurrentLocation: p?.currentLocation,
    wmk_Needs: p?.needs ?? [],
    wmk_SafeContact: p?.safeContact,
  });
  const now = deps.now();
  await deps.db.transaction(async (tx) => {
    await recordEvent(tx, {
      referralId: r.id,
      at: now,
      actorId: caseworker.id,
      side: 'partner',
      kind: 'exported',
    });
    await appendAudit(
      tx,
      deps.keys,
      { actorId: caseworker.id, action: 'referral.export', subject: r.id },
      now,
    );
  });
  return exported;
}
