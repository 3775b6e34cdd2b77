/**
 * Turns the process environment into a validated configuration. A bad value stops start-up with
 * one message that names every bad variable, so an operator fixes them all in one go.
 */
import path from 'node:path';
import type { z } from 'zod';
import { type SanitySource, sanitySource } from '#kernel/content/sanity-source.ts';
import type { Locale } from '#kernel/i18n/locales.ts';
import type { TrustProxy } from '../http/client-address.ts';
import { type Env, envSchema } from './env-schema.ts';

export interface Config {
  host: string;
  port: number;
  publicBaseUrl: URL;
  dataDir: string;
  database: { kind: 'pglite'; dir: string } | { kind: 'postgres'; url: string; poolSize: number };
  configuredKeys: { encryptionKey?: string; previousEncryptionKey?: string; hashKey?: string };
  /** Where audit checkpoints are appended: outside the database, ideally shipped to write-once storage. */
  auditCheckpointFile: string;
  logLevel: Env['LOG_LEVEL'];
  logFormat: 'json' | 'pretty';
  /** HTTPS deployments get HSTS and Secure cookies. */
  https: boolean;
  /** Which proxies' X-Forwarded-For to believe for the client address (rate limits only). */
  trustProxy: TrustProxy;
  twilio: {
    accountSid: string;
    /** Unset in simulator mode: the server then uses a generated token (see secrets.ts). */
    authToken?: string;
    from: string;
    apiBase?: string;
    /** No Twilio account configured: replies go to the built-in simulator. */
    simulated: boolean;
  };
  oncallNumbers: string[];
  /** Approved WhatsApp templates (Twilio Content SIDs) by language, for replies outside the 24-hour window. */
  whatsappTemplates: Partial<Record<Locale, string>>;
  /** Minutes each priority may wait before its SLA is breached. */
  /** The first SLA clock: minutes from arrival to the first reply or call, by priority. */
  slaMinutes: Record<'emergency' | 'urgent' | 'standard' | 'noise', number>;
  /** The second SLA clock: minutes from arrival to closing, by priority. */
  slaCloseMinutes: Record<'emergency' | 'urgent' | 'standard' | 'noise', number>;
  cms: {
    /** Sanity dataset for draft preview (the build reads the same variables itself). */
    sanity?: SanitySource;
    webhookSecret?: string;
    /** The built site's folder, when not dist/ beside the code. */
    distDir?: string;
  };
  /** Default hours a partner has to acknowledge a referral. */
  referralAckHours: number;
  /** Days each kind of record is kept before the purge destroys it. */
  retentionDays: Record<'noise' | 'closed' | 'referral', number>;
  /** Page reads counted per path and day (REACH_COUNTING). */
  reachCounting: boolean;
}

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(
      `Waymark cannot start: the configuration has ${problems.length === 1 ? 'a problem' : `${problems.length} problems`}:\n${problems.map((p) => `  - ${p}`).join('\n')}\nSee .env.example for every variable and its format.`,
    );
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const name = issue.path.join('.') || '(environment)';
    return `${name} ${issue.message}`;
  });
}

/** Empty strings mean "not set": `.env` files and CI systems often export blank variables. */
function withoutBlanks(env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value !== undefined && value.trim() !== '') out[key] = value.trim();
  }
  return out;
}

/** Simulator mode uses a fixed, obviously fake account and the built-in stand-in of Twilio's API. */
export const SIMULATOR_ACCOUNT_SID = `AC${'0'.repeat(32)}`;
export const SIMULATOR_NUMBER = '+15005550006';

function twilioConfig(e: Env, publicBaseUrl: URL): Config['twilio'] {
  if (e.TWILIO_ACCOUNT_SID && e.TWILIO_AUTH_TOKEN && e.TWILIO_FROM) {
    return {
      accountSid: e.TWILIO_ACCOUNT_SID,
      authToken: e.TWILIO_AUTH_TOKEN,
      from: e.TWILIO_FROM,
      apiBase: e.TWILIO_API_BASE,
      simulated: false,
    };
  }
  return {
    accountSid: SIMULATOR_ACCOUNT_SID,
    from: SIMULATOR_NUMBER,
    apiBase: e.TWILIO_API_BASE ?? new URL('/api/simulator/twilio', publicBaseUrl).href,
    simulated: true,
  };
}

/** `a:1,b:2` (already checked by the schema's pattern) as `{ a: 1, b: 2 }`. */
function numbersByName(list: string): Record<string, number> {
  return Object.fromEntries(list.split(',').map((pair) => [pair.split(':')[0], Number(pair.split(':')[1])]));
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(withoutBlanks(env));
  if (!parsed.success) throw new ConfigError(describeIssues(parsed.error));
  const twilioSet = ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'TWILIO_FROM'].filter(
    (k) => parsed.data[k as keyof Env],
  );
  if (twilioSet.length > 0 && twilioSet.length < 3) {
    throw new ConfigError([
      'TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM must be set together (or none, for the simulator)',
    ]);
  }
  const e = parsed.data;
  let sanity: SanitySource | undefined;
  try {
    sanity = sanitySource(e);
  } catch (error) {
    throw new ConfigError([(error as Error).message]);
  }
  const publicBaseUrl = new URL(e.PUBLIC_BASE_URL ?? `http://localhost:${e.PORT}`);
  const dataDir = path.resolve(e.DATA_DIR);
  return {
    host: e.HOST,
    port: e.PORT,
    publicBaseUrl,
    dataDir,
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE }
      : { kind: 'pglite', dir: path.join(dataDir, 'pglite') },
    configuredKeys: {
      encryptionKey: e.ENCRYPTION_KEY,
      previousEncryptionKey: e.ENCRYPTION_KEY_PREVIOUS,
      hashKey: e.HASH_KEY,
    },
    auditCheckpointFile: path.resolve(
      e.AUDIT_CHECKPOINT_FILE ?? path.join(dataDir, 'audit-checkpoints.jsonl'),
    ),
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT ?? (process.stdout.isTTY ? 'pretty' : 'json'),
    https: publicBaseUrl.protocol === 'https:',
    trustProxy: e.TRUST_PROXY,
    twilio: twilioConfig(e, publicBaseUrl),
    cms: {
      sanity,
      webhookSecret: e.SANITY_WEBHOOK_SECRET,
      distDir: e.DIST_DIR ? path.resolve(e.DIST_DIR) : undefined,
    },
    whatsappTemplates: e.WHATSAPP_TEMPLATES ?? {},
    oncallNumbers: e.ONCALL_NUMBERS ? e.ONCALL_NUMBERS.split(',').map((n) => n.trim()) : [],
    slaMinutes: {
      emergency: 5,
      urgent: 60,
      standard: 1440,
      noise: 10080,
      ...numbersByName(e.SLA_MINUTES),
    },
    slaCloseMinutes: {
      emergency: 240,
      urgent: 1440,
      standard: 10080,
      noise: 20160,
      ...numbersByName(e.SLA_CLOSE_MINUTES),
    },
    referralAckHours: e.REFERRAL_ACK_HOURS,
    retentionDays: { noise: 7, closed: 90, referral: 365, ...numbersByName(e.RETENTION_DAYS) },
    reachCounting: e.REACH_COUNTING === 'on',
  };
}
