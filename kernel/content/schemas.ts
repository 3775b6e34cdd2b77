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

/** What a help line is for; the help pages list them in this order, the anti-trafficking line first. */
export const HOTLINE_KINDS = ['anti-trafficking', 'labour', 'migrant-workers', 'child', 'general'] as const;

/**
 * What a directory organisation offers: the partner directory's kinds of service, plus `consular`
 * for embassies and labour attachés, which serve the nationals of the country they represent.
 */
export const DIRECTORY_SERVICE_KINDS = [...SERVICE_KINDS, 'consular'] as const;

/**
 * Where an entry's details come from, and who checked them against that source and when. A check
 * needs all three: the public source, the date and the person (staff see the name; readers, the date).
 */
const provenance = {
  source: z.object({ title: z.string().min(3).max(200), url: z.url({ protocol: /^https$/ }) }).optional(),
  lastVerified: isoDate.optional(),
  verifiedBy: z.string().trim().min(2).max(120).optional(),
};

type Provenance = { source?: unknown; lastVerified?: Date; verifiedBy?: string };

/** A check is recorded whole or not at all: a date without a person or a source proves nothing. */
function checkProvenance(item: Provenance, path: (string | number)[], ctx: z.RefinementCtx) {
  const recorded = [item.lastVerified, item.verifiedBy].filter((v) => v !== undefined).length;
  if (recorded === 1)
    ctx.addIssue({
      code: 'custom',
      path: [...path, item.lastVerified ? 'verifiedBy' : 'lastVerified'],
      message: 'A check needs both the date (lastVerified) and who checked (verifiedBy)',
    });
  if (recorded > 0 && !item.source)
    ctx.addIssue({
      code: 'custom',
      path: [...path, 'source'],
      message: 'A checked entry needs its public source',
    });
}

/** Dialable numbers: digits, with an optional leading + and spaces or hyphens for reading. */
const phoneNumber = z
  .string()
  .regex(/^\+?[0-9][0-9 -]{1,38}$/, 'Use digits, with + and spaces or hyphens only');

/** A way to reach a help line; each kind's value must be something a phone can open. */
const channelSchema = z
  .object({ kind: z.enum(CHANNEL_KINDS), value: z.string().min(2).max(200) })
  .superRefine((channel, ctx) => {
    const valid =
      channel.kind === 'email'
        ? z.email().safeParse(channel.value).success
        : channel.kind === 'web'
          ? z.url({ protocol: /^https$/ }).safeParse(channel.value).success
          : phoneNumber.safeParse(channel.value).success;
    if (!valid)
      ctx.addIssue({
        code: 'custom',
        path: ['value'],
        message: `Not a valid ${channel.kind} value: use ${channel.kind === 'email' ? 'an address' : channel.kind === 'web' ? 'an https:// address' : 'digits, with + and spaces or hyphens only'}`,
      });
  });

const hotlineSchema = z.object({
  name: z.string().min(2).max(160),
  kind: z.enum(HOTLINE_KINDS).default('general'),
  channels: z.array(channelSchema).min(1),
  hours: z.string().min(2).max(80),
  languages: z.array(z.string().regex(/^[a-z]{2,3}$/)).min(1),
  free: z.boolean().optional(),
  ...provenance,
});

const organisationSchema = z.object({
  name: z.string().min(2).max(160),
  services: z.array(z.enum(DIRECTORY_SERVICE_KINDS)).min(1),
  /** For `consular` organisations: whose nationals they serve (an embassy of Nepal: NP). */
  represents: countryCodeSchema.optional(),
  phone: phoneNumber.optional(),
  web: z.url({ protocol: /^https$/ }).optional(),
  regions: z.array(z.string().min(2).max(80)).optional(),
  ...provenance,
});

export const helpEntrySchema = z
  .object({
    country: countryCodeSchema,
    emergency: z.object({
      number: z.string().regex(/^[0-9+ ]{2,20}$/),
      ...provenance,
    }),
    hotlines: z.array(hotlineSchema).default([]),
    organisations: z.array(organisationSchema).default([]),
  })
  .superRefine((entry, ctx) => {
    checkProvenance(entry.emergency, ['emergency'], ctx);
    for (const [list, items] of [
      ['hotlines', entry.hotlines],
      ['organisations', entry.organisations],
    ] as const) {
      const seen = new Set<string>();
      items.forEach((item, i) => {
        checkProvenance(item, [list, i], ctx);
        // Names address entries (a verification names the entry it confirms): one of each per country.
        if (seen.has(item.name))
          ctx.addIssue({
            code: 'custom',
            path: [list, i, 'name'],
            message: `"${item.name}" is listed twice`,
          });
        seen.add(item.name);
      });
    }
    entry.organisations.forEach((o, i) => {
      const consular = o.services.includes('consular');
      if (consular && !o.represents)
        ctx.addIssue({
          code: 'custom',
          path: ['organisations', i, 'represents'],
          message: 'A consular organisation names the country it represents',
        });
      if (!consular && o.represents)
        ctx.addIssue({
          code: 'custom',
          path: ['organisations', i, 'represents'],
          message: 'Only consular organisations represent a country',
        });
    });
  });

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** International format, so that a reader abroad can dial it: + and the country code first. */
const internationalNumber = z
  .string()
  .regex(/^\+[1-9][0-9 ]{6,20}$/, 'Use the international format, such as +44 7700 900123');

const clockTime = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$/, 'Use HH:MM, such as 08:00');

/**
 * The organisation's own hotline, shown on every page. One document (the Studio's "Site settings";
 * content/settings/site.yaml in the file source).
 */
export const siteSettingsSchema = z.object({
  hotline: z
    .object({
      sms: internationalNumber.optional(),
      whatsapp: internationalNumber.optional(),
      phone: internationalNumber.optional(),
      hours: z.object({
        days: z.array(z.enum(WEEKDAYS)).min(1).max(7),
        opens: clockTime,
        closes: clockTime,
        /** IANA time zone of the hours, such as Europe/London. */
        timeZone: z
          .string()
          .regex(/^[A-Za-z]+(\/[A-Za-z0-9_+-]+)+$|^UTC$/, 'Use an IANA time zone such as Asia/Kathmandu'),
      }),
      languages: z.array(z.string().regex(/^[a-z]{2,3}$/)).min(1),
      /** A fictitious sample number: every page then says so, and the SMS replies leave it out. */
      example: z.boolean().default(false),
    })
    .refine((h) => h.sms || h.whatsapp || h.phone, {
      message: 'Give at least one of sms, whatsapp and phone',
    })
    .refine((h) => h.hours.opens < h.hours.closes, {
      message: 'The hotline must close after it opens (00:00 to 24:00 for all day)',
      path: ['hours', 'closes'],
    }),
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
export type Hotline = HelpEntry['hotlines'][number];
export type Organisation = HelpEntry['organisations'][number];
export type HotlineKind = (typeof HOTLINE_KINDS)[number];
export type SiteSettings = z.infer<typeof siteSettingsSchema>;
export type Faq = z.infer<typeof faqSchema>;
export type Page = z.infer<typeof pageSchema>;
