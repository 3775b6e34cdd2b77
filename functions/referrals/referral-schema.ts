/**
 * What a referral may carry, as zod schemas: the minimum fields a partner can be sent (aligned with
 * IOM's Human Trafficking Case Data Standard, HTCDS), the consent record, and the requests of the
 * hotline's and the partners' APIs. Each shared field is optional: the operator sends only what the
 * partner needs, and the packet holds nothing else.
 */
import { z } from 'zod';
import { SERVICE_KINDS } from '#kernel/content/schemas.ts';
import type { EXPLOITATION_KINDS } from '../reports/report-schema.ts';

/** What partners offer and people need: the same kinds of service as the public help directory. */
export const PARTNER_SERVICES = SERVICE_KINDS;
export type PartnerService = (typeof PARTNER_SERVICES)[number];

/** HTCDS `prs_Gender` values. */
export const SEXES = [
  'Feminine',
  'Masculine',
  'TransgenderFeminine',
  'TransgenderMasculine',
  'NonConforming',
  'NonSpecifiedUnknown',
] as const;

export const AGE_RANGES = ['0-11', '12-17', '18-24', '25-34', '35-49', '50+', 'unknown'] as const;

/** HTCDS `vic_TypeOfExploitation` values. */
export const EXPLOITATION_TYPES = [
  'ForcedLabour',
  'SexualExploitation',
  'ChildLabour',
  'ForcedMarriage',
  'Servitude',
  'ForcedMilitaryByNonStateActors',
  'OrganRemoval',
  'ForcedBegging',
  'ForcedAdoption',
  'Surrogacy',
  'Other',
] as const;
export type ExploitationType = (typeof EXPLOITATION_TYPES)[number];

/** A web report's own words for exploitation (reports/report-schema.ts), in the standard's terms. */
export const REPORT_EXPLOITATION_AS_HTCDS: Record<(typeof EXPLOITATION_KINDS)[number], ExploitationType> = {
  sexual: 'SexualExploitation',
  labour: 'ForcedLabour',
  'domestic-servitude': 'Servitude',
  'forced-begging': 'ForcedBegging',
  'forced-criminality': 'Other',
  'forced-marriage': 'ForcedMarriage',
  'organ-removal': 'OrganRemoval',
  other: 'Other',
};

export const CONTACT_METHODS = ['through-hotline', 'sms', 'whatsapp', 'phone', 'email'] as const;

const countryCode = z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as NP');
const languageCode = z.string().regex(/^[a-z]{2,3}$/, 'must be an ISO 639 code such as ne');

/** The fields a packet can hold, in the order the partner sees them. */
export const packetSchema = z
  .object({
    sex: z.enum(SEXES).optional(),
    ageRange: z.enum(AGE_RANGES).optional(),
    nationality: z.array(countryCode).min(1).max(3).optional(),
    languages: z.array(languageCode).min(1).max(5).optional(),
    exploitationTypes: z.array(z.enum(EXPLOITATION_TYPES)).min(1).max(EXPLOITATION_TYPES.length).optional(),
    currentLocation: z
      .object({ country: countryCode, area: z.string().trim().max(120).optional() })
      .optional(),
    needs: z.array(z.enum(PARTNER_SERVICES)).min(1, 'choose at least one need').max(PARTNER_SERVICES.length),
    safeContact: z
      .object({
        method: z.enum(CONTACT_METHODS),
        value: z.string().trim().max(200).optional(),
        times: z.string().trim().max(120).optional(),
      })
      .refine((c) => c.method === 'through-hotline' || (c.value ?? '').length >= 3, {
        message: 'give the number or address for this contact method',
        path: ['value'],
      })
      .optional(),
    summary: z.string().trim().min(20, 'write at least 20 characters').max(2000).optional(),
  })
  .strict();
export type Packet = z.infer<typeof packetSchema>;
export const PACKET_FIELDS = Object.keys(packetSchema.shape) as (keyof Packet)[];

export const CONSENT_GIVERS = ['person', 'parent-or-guardian', 'legal-representative'] as const;
export const CONSENT_METHODS = ['verbal-call', 'sms', 'whatsapp', 'in-person', 'written'] as const;

export const consentSchema = z.discriminatedUnion('basis', [
  z.object({
    basis: z.literal('consent'),
    givenBy: z.enum(CONSENT_GIVERS),
    method: z.enum(CONSENT_METHODS),
    /** When the person agreed; defaults to now. */
    at: z.coerce.date().optional(),
    /** The operator read the partner and each shared field to the person, and they agreed. */
    confirmed: z.literal(true, { error: 'confirm that the person agreed to exactly this referral' }),
  }),
  z.object({
    basis: z.literal('emergency-exception'),
    justification: z.string().trim().min(20, 'explain the emergency in at least 20 characters').max(1000),
  }),
]);
export type Consent = z.infer<typeof consentSchema>;

export const createReferralSchema = z.object({
  partnerId: z.uuid(),
  packet: packetSchema,
  consent: consentSchema,
});
export type CreateReferral = z.infer<typeof createReferralSchema>;

export const REFERRAL_STATUSES = [
  'awaiting-confirmation',
  'sent',
  'info-requested',
  'accepted',
  'declined',
  'withdrawn',
] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

export const declineSchema = z.object({ reason: z.string().trim().min(3).max(1000) });
export const messageSchema = z.object({ message: z.string().trim().min(3).max(2000) });
