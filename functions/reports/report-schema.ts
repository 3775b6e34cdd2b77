/**
 * The report a member of the public sends, as one zod schema for JSON and form posts alike
 * (inspired by IOM's human-trafficking case data standard). Form posts send strings and repeated
 * names, so blanks become "not given" and single values become lists before validation.
 */
import { z } from 'zod';
import { localeSchema } from '#kernel/content/schemas.ts';

export const EXPLOITATION_KINDS = [
  'sexual',
  'labour',
  'domestic-servitude',
  'forced-begging',
  'forced-criminality',
  'forced-marriage',
  'organ-removal',
  'other',
] as const;

export const SIGNS = [
  'documents-taken',
  'cannot-leave',
  'locked-in',
  'debt',
  'no-pay',
  'threats',
  'violence',
  'long-hours',
  'deceived',
  'isolated',
  'child',
] as const;

export const YES_NO_UNSURE = ['yes', 'no', 'unsure'] as const;
export const CONTACT_METHODS = ['none', 'phone', 'sms', 'whatsapp', 'signal', 'email'] as const;

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** Phones set to Arabic, Bengali or Nepali type their own digits: read them as numbers too. */
const DIGIT_ZEROS = [0x0660, 0x06f0, 0x0966, 0x09e6, 0xff10];
function asciiDigits(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  return v.replace(/\p{Nd}/gu, (d) => {
    const code = d.codePointAt(0)!;
    const zero = DIGIT_ZEROS.find((z) => code >= z && code < z + 10);
    return zero === undefined ? d : String(code - zero);
  });
}

const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());
const list = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(item).max(20));

export const reportInputSchema = z
  .object({
    description: z.string().trim().min(10).max(10_000),
    locale: localeSchema,
    country: optional(
      z
        .string()
        .regex(/^[A-Za-z]{2}$/)
        .transform((c) => c.toUpperCase()),
    ),
    place: optional(z.string().trim().max(200)),
    when: optional(z.string().trim().max(100)),
    peopleCount: z.preprocess(asciiDigits, optional(z.coerce.number().int().min(1).max(100_000))),
    childrenInvolved: optional(z.enum(YES_NO_UNSURE)),
    exploitation: list(z.enum(EXPLOITATION_KINDS)),
    signs: list(z.enum(SIGNS)),
    inDanger: optional(z.enum(YES_NO_UNSURE)),
    contactMethod: optional(z.enum(CONTACT_METHODS)),
    contactValue: optional(z.string().trim().max(200)),
    contactTimes: optional(z.string().trim().max(200)),
    idempotencyKey: optional(z.uuid()),
    /** Proof of work (JSON path); see GET /api/reports/challenge. */
    altcha: optional(z.string().max(2000)),
    /** Honeypot (form path): people leave it empty, bots fill it in. */
    website: optional(z.string().max(500)),
  })
  .refine(
    (r) =>
      !r.contactMethod ||
      r.contactMethod === 'none' ||
      (typeof r.contactValue === 'string' && r.contactValue.trim() !== ''),
    {
      path: ['contactValue'],
      message: 'Say how we can reach you, or choose not to be contacted.',
      // Report this together with any other problem, so the reporter fixes everything in one go.
      when: (payload) => typeof payload.value === 'object' && payload.value !== null,
    },
  );

export type ReportInput = z.infer<typeof reportInputSchema>;

/** What is encrypted and stored: everything the reporter wrote, nothing about how they sent it. */
export function storedFields(input: ReportInput) {
  const { altcha: _altcha, website: _website, idempotencyKey: _key, locale: _locale, ...fields } = input;
  return fields;
}

export type StoredReport = ReturnType<typeof storedFields>;
