/**
 * Every environment variable Waymark reads, as one zod schema. `.env.example` documents the same
 * list; a test keeps the two in step.
 */
import { z } from 'zod';
import { sanityEnvSchema } from '#kernel/content/sanity-source.ts';
import { LOCALE_CODES } from '#kernel/i18n/locales.ts';
import { trustProxySchema } from '../http/client-address.ts';

const base64Key = z
  .string()
  .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes, base64-encoded');

const postgresUrl = z.string().refine((v) => {
  try {
    const url = new URL(v);
    return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.hostname !== '';
  } catch {
    return false;
  }
}, 'must be a postgres:// or postgresql:// URL with a host, e.g. postgres://user@127.0.0.1:5432/waymark');

const httpUrl = z
  .string()
  .refine((v) => /^https?:\/\/[^\s/]+/.test(v) && URL.canParse(v), 'must be an http:// or https:// URL');

export const envSchema = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(1, 'must be between 1 and 65535')
    .max(65535, 'must be between 1 and 65535')
    .default(4321),
  PUBLIC_BASE_URL: httpUrl.optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: postgresUrl.optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  ENCRYPTION_KEY: base64Key.optional(),
  /** Only while `npm run keys:rotate` runs: the master key being replaced (ENCRYPTION_KEY is the new one). */
  ENCRYPTION_KEY_PREVIOUS: base64Key.optional(),
  HASH_KEY: base64Key.optional(),
  /** Where audit checkpoints are appended (default DATA_DIR/audit-checkpoints.jsonl). */
  AUDIT_CHECKPOINT_FILE: z.string().min(1).optional(),
  /** Behind reverse proxies: how many, or which, so the client address is read from X-Forwarded-For. */
  TRUST_PROXY: trustProxySchema.prefault('false'),
  /** Twilio account for the SMS/WhatsApp hotline. Without it, the built-in simulator stands in. */
  TWILIO_ACCOUNT_SID: z
    .string()
    .regex(/^AC[0-9a-fA-F]{32}$/, 'must look like AC followed by 32 hex digits')
    .optional(),
  TWILIO_AUTH_TOKEN: z
    .string()
    .regex(/^[0-9a-fA-F]{32}$/, 'must be 32 hex digits')
    .optional(),
  /** The hotline's number (E.164), a whatsapp:+ sender, or a Messaging Service SID (MG...). */
  TWILIO_FROM: z
    .string()
    .regex(
      /^(\+[1-9][0-9]{6,14}|whatsapp:\+[1-9][0-9]{6,14}|MG[0-9a-fA-F]{32})$/,
      'must be +E.164, whatsapp:+E.164 or MG...',
    )
    .optional(),
  /** Another origin for Twilio's REST API (a regional edge, a gateway, a local stand-in). */
  TWILIO_API_BASE: httpUrl.optional(),
  /**
   * WhatsApp templates the organisation had approved, by language, as Twilio Content SIDs
   * (JSON, e.g. {"en":"HX...","fr":"HX..."}): the only messages WhatsApp lets a business send
   * more than 24 hours after the person's last message.
   */
  WHATSAPP_TEMPLATES: z
    .string()
    .transform((v, ctx) => {
      try {
        return JSON.parse(v) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be JSON, e.g. {"en":"HX...","fr":"HX..."}' });
        return z.NEVER;
      }
    })
    .pipe(
      z.partialRecord(
        z.enum(LOCALE_CODES, { error: `keys must be languages: ${LOCALE_CODES.join(', ')}` }),
        z.string().regex(/^HX[0-9a-fA-F]{32}$/, 'values must be Content SIDs: HX followed by 32 hex digits'),
      ),
    )
    .optional(),
  /** On-call staff phones (E.164, comma-separated) alerted by SMS when an emergency arrives. */
  ONCALL_NUMBERS: z
    .string()
    .regex(/^\+[1-9][0-9]{6,14}(\s*,\s*\+[1-9][0-9]{6,14})*$/, 'must be E.164 numbers separated by commas')
    .optional(),
  /** How long each priority may wait before its promise is broken, in minutes. */
  SLA_MINUTES: z
    .string()
    .regex(
      /^(emergency|urgent|standard|noise):\d{1,6}(,(emergency|urgent|standard|noise):\d{1,6})*$/,
      'must look like emergency:5,urgent:60,standard:1440,noise:10080',
    )
    .default('emergency:5,urgent:60,standard:1440,noise:10080'),
  SLA_CLOSE_MINUTES: z
    .string()
    .regex(
      /^(emergency|urgent|standard|noise):\d{1,6}(,(emergency|urgent|standard|noise):\d{1,6})*$/,
      'must look like emergency:240,urgent:1440,standard:10080,noise:20160',
    )
    .default('emergency:240,urgent:1440,standard:10080,noise:20160'),
  /** Hours a partner has to acknowledge a referral before it escalates (a partner may agree another). */
  REFERRAL_ACK_HOURS: z.coerce
    .number({ error: 'must be a whole number of hours' })
    .int('must be a whole number of hours')
    .min(1, 'must be between 1 and 720 hours')
    .max(720, 'must be between 1 and 720 hours')
    .default(24),
  /** Days records are kept: noise items, closed items, finished referrals (a partner may agree another). */
  RETENTION_DAYS: z
    .string()
    .regex(
      /^(noise|closed|referral):\d{1,5}(,(noise|closed|referral):\d{1,5})*$/,
      'must look like noise:7,closed:90,referral:365',
    )
    .default('noise:7,closed:90,referral:365'),
  /** Sanity as the content source (read by the build) and for draft preview: see source.ts. */
  ...sanityEnvSchema.shape,
  /** Shared secret of Sanity's publish webhook (POST /api/cms/publish). */
  SANITY_WEBHOOK_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  /** Where the built site lives (client/ and server/). Default: dist/ beside the code. */
  DIST_DIR: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  /** JSON lines for log collectors, or lines for a person; by default pretty on a terminal only. */
  LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
  /** Count reads of public pages per path and day (campaign reach), or not. */
  REACH_COUNTING: z.enum(['on', 'off'], { error: 'must be on or off' }).default('on'),
  /** Build time: where Quick exit sends the reader. */
  PUBLIC_QUICK_EXIT_URL: httpUrl.default('https://www.google.com/'),
  /** Build time: `npm run build` also writes the page of every document (a static copy of the site). */
  PRERENDER_DOCUMENTS: z.enum(['', '0', '1'], { error: 'must be 1 (or empty)' }).default(''),
});

export type Env = z.infer<typeof envSchema>;

/** Variables whose value must never be printed, even in a configuration error. */
export const SECRET_VARIABLES = [
  'ENCRYPTION_KEY',
  'ENCRYPTION_KEY_PREVIOUS',
  'HASH_KEY',
  'DATABASE_URL',
  'TWILIO_AUTH_TOKEN',
  'SANITY_READ_TOKEN',
  'SANITY_WEBHOOK_SECRET',
] as const;
