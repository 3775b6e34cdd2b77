/**
 * Where content comes from. With SANITY_PROJECT_ID and SANITY_DATASET set, the build reads Sanity's
 * published documents; otherwise the files in content/. `astro build` runs without the server's
 * configuration loader, so this reads the environment itself, with its own small schema.
 */
import { type ClientPerspective, createClient, type SanityClient } from '@sanity/client';
import { z } from 'zod';

/** The API version Waymark's queries are written against (Sanity's dated versioning). */
export const DEFAULT_SANITY_API_VERSION = '2025-02-19';

const blankIsUnset = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

export const sanityEnvSchema = z.object({
  SANITY_PROJECT_ID: z.preprocess(
    blankIsUnset,
    z
      .string()
      .regex(/^[a-z0-9-]{1,64}$/, 'must be lower-case letters, digits and dashes')
      .optional(),
  ),
  SANITY_DATASET: z.preprocess(
    blankIsUnset,
    z
      .string()
      .regex(/^[a-z0-9_-]{1,64}$/, 'must be lower-case letters, digits, dashes and underscores')
      .optional(),
  ),
  SANITY_API_HOST: z.preprocess(
    blankIsUnset,
    z
      .string()
      .refine((v) => /^https?:\/\/[^\s/]+/.test(v) && URL.canParse(v), 'must be an http:// or https:// URL')
      .optional(),
  ),
  SANITY_API_VERSION: z.preprocess(
    blankIsUnset,
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date such as 2025-02-19')
      .default(DEFAULT_SANITY_API_VERSION),
  ),
  SANITY_READ_TOKEN: z.preprocess(blankIsUnset, z.string().min(1).optional()),
});

export interface SanitySource {
  projectId: string;
  dataset: string;
  apiHost?: string;
  apiVersion: string;
  token?: string;
}

/** The Sanity source the environment names, or undefined to build from content/. */
export function sanitySource(env: Record<string, unknown> = process.env): SanitySource | undefined {
  const parsed = sanityEnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(
      `Sanity configuration is not valid:\n${parsed.error.issues.map((i) => `  - ${i.path.join('.')} ${i.message}`).join('\n')}`,
    );
  }
  const e = parsed.data;
  if (!e.SANITY_PROJECT_ID && !e.SANITY_DATASET) return undefined;
  if (!e.SANITY_PROJECT_ID || !e.SANITY_DATASET)
    throw new Error(
      'SANITY_PROJECT_ID and SANITY_DATASET must be set together (or neither, to use content/)',
    );
  return {
    projectId: e.SANITY_PROJECT_ID,
    dataset: e.SANITY_DATASET,
    apiHost: e.SANITY_API_HOST,
    apiVersion: e.SANITY_API_VERSION,
    token: e.SANITY_READ_TOKEN,
  };
}

export function sanityClient(
  source: SanitySource,
  perspective: ClientPerspective = 'published',
): SanityClient {
  return createClient({
    projectId: source.projectId,
    dataset: source.dataset,
    apiVersion: source.apiVersion,
    // Always fresh: a publish must show in the next build, and drafts are never cached.
    useCdn: false,
    perspective,
    token: source.token,
    ...(source.apiHost ? { apiHost: source.apiHost, useProjectHostname: false } : {}),
  });
}
