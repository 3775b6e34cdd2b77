/**
 * The shape of every piece of published content. These zod schemas are the single source of truth:
 * Astro's content layer validates content/ with them, the Sanity loader validates CMS documents with
 * them, and the Studio's schema types are checked against them field by field.
 */
import { z } from 'zod';
import { LOCALE_CODES } from '#kernel/i18n/locales.ts';

export const localeSchema = z.enum(LOCALE_CODES);

/** ISO 3166-1 alpha-2, upper case. */
export const countryCodeSchema = z.string().regex(/^[A-Z]{2}$/, 'Use an ISO 3166-1 alpha-2 code such as NP');

const isoDate = z.coerce.date();

/** Links inside content stay on this site or open the phone's dialler; nothing else is loaded. */
const safeHref = z
  .string()
  .regex(
    /^(\/[^\s]*|tel:\+?[0-9]+|sms:\+?[0-9]+|https:\/\/[^\s]+)$/,
    'Use a site path, tel:, sms: or https: link',
  );

export const GUIDE_TOPICS = [
  'before-you-go',
  'check-recruiter',
  'rights-at-work',
  'warning-signs',
  'get-help',
  'return-home',
] as const;

export const guideSchema = z.object({
  title: z.string().min(3).max(120),
  summary: z.string().min(20).max(300),
  topic: z.enum(GUIDE_TOPICS),
  country: countryCodeSchema.optional(),
  order: z.number().int().min(0).max(1000),
  updated: isoDate,
});

export const imageSchema = z.object({
  src: z.string().regex(/^\/images\/[a-z0-9/_-]+\.(svg|png|jpg|webp)$/, 'Images live under /images/'),
  alt: z.string().min(1, 'Every image needs alt text').max(300),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
});

export const campaignSchema = z
  .object({
    title: z.string().min(3).max(120),
    summary: z.string().min(20).max(300),
    keyMessages: z.array(z.string().min(3).max(200)).min(2).max(6),
    callToAction: z.object({ label: z.string().min(2).max(60), href: safeHref }),
    startDate: isoDate,
    endDate: isoDate.optional(),
    audience: z.string().min(3).max(200),
    corridor: z.object({
      from: z.array(countryCodeSchema).min(1),
      to: z.array(countryCodeSchema).min(1),
    }),
    images: z.array(imageSchema).max(4).default([]),
  })
  .refine((c) => !c.endDate || c.endDate >= c.startDate, {
    message: 'endDate must not be before startDate',
    path: ['endDate'],
  });

export const CHANNEL_KINDS = ['phone', 'sms', 'whatsapp', 'email', 'web'] as const;

export const SERVICE_KINDS = [
  'hotline',
  'shelter',
  'medical',
  'psychosocial',
  'legal',
  'return-reintegration',
  'law-enforcement',
  'labour-rights',
] as const;

/** Where an entry's details come from and when a person last checked them against that source. */
const provenance = {
  source: z.object({ title: z.string().min(3).max(200), url: z.url({ protocol: /^https$/ }) }).optional(),
  lastVerified: isoDate.optional(),
};

export const helpEntrySchema = z.object({
  country: countryCodeSchema,
  emergency: z.object({
    number: z.string().regex(/^[0-9+ ]{2,20}$/),
    ...provenance,
  }),
  hotlines: z
    .array(
      z.object({
        name: z.string().min(2).max(160),
        channels: z
          .array(z.object({ kind: z.enum(CHANNEL_KINDS), value: z.string().min(2).max(200) }))
          .min(1),
        hours: z.string().min(2).max(80),
        languages: z.array(z.string().regex(/^[a-z]{2,3}$/)).min(1),
        free: z.boolean().optional(),
        ...provenance,
      }),
    )
    .default([]),
  organisations: z
    .array(
      z.object({
        name: z.string().min(2).max(160),
        services: z.array(z.enum(SERVICE_KINDS)).min(1),
        phone: z.string().max(40).optional(),
        web: z.url({ protocol: /^https$/ }).optional(),
        regions: z.array(z.string().min(2).max(80)).optional(),
        ...provenance,
      }),
    )
    .default([]),
});

export const faqSchema = z.object({
  items: z.array(z.object({ q: z.string().min(5).max(300), a: z.string().min(5).max(2000) })).min(3),
});

export const pageSchema = z.object({
  title: z.string().min(3).max(120),
  summary: z.string().min(20).max(300),
  updated: isoDate,
});

export type Guide = z.infer<typeof guideSchema>;
export type Campaign = z.infer<typeof campaignSchema>;
export type HelpEntry = z.infer<typeof helpEntrySchema>;
export type Faq = z.infer<typeof faqSchema>;
export type Page = z.infer<typeof pageSchema>;
