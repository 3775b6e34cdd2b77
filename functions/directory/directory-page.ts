/**
 * The console's help directory (`/console/directory`, directory:verify): every item of every
 * country with its check (from the content, or confirmed here, whichever is later), and the
 * confirm action, which records who and when, rewrites the file the build reads and republishes the
 * country's document in the content snapshot, so readers of every node see the date within seconds. The page renders what these return.
 */

import { z } from 'zod';
import { countryCodeSchema, type HelpEntry } from '#kernel/content/schemas.ts';
import { applyVerifications } from '#kernel/content/verification.ts';
import { republishHelpEntry } from '../cms/content-snapshot.ts';
import { type PageData, type StaffPageContext, staffPage } from '../console/page-table.ts';
import type { Deps } from '../deps.ts';
import { HttpError } from '../http/http-error.ts';
import { can, type Role } from '../staff/roles.ts';
import { HELP_ENTRIES } from './bundled-help-entries.ts';
import { writeVerificationSnapshot } from './verification-snapshot.ts';
import { itemKey, listVerifications, recordVerification } from './verifications.ts';

export interface DirectoryStaff {
  user: { id: string; email: string; role: Role };
}

export interface DirectoryItem {
  list: 'emergency' | 'hotlines' | 'organisations';
  /** The item's name; for the emergency number, the number. */
  name: string;
  hasSource: boolean;
  /** YYYY-MM-DD, when checked. */
  lastVerified: string | null;
  verifiedBy: string | null;
}

export interface DirectoryCountry {
  country: string;
  items: DirectoryItem[];
  verified: number;
}

function requireVerify(staff: DirectoryStaff) {
  if (!can(staff.user.role, 'directory:verify'))
    throw new HttpError(403, 'forbidden', 'Your role does not allow this.');
}

const itemOf = (
  list: DirectoryItem['list'],
  name: string,
  i: { source?: unknown; lastVerified?: Date; verifiedBy?: string },
): DirectoryItem => ({
  list,
  name,
  hasSource: Boolean(i.source),
  lastVerified: i.lastVerified ? i.lastVerified.toISOString().slice(0, 10) : null,
  verifiedBy: i.verifiedBy ?? null,
});

export interface DirectoryPage {
  /** Every country with its counts (items without their details). */
  countries: { country: string; items: number; verified: number }[];
  /** The country asked for (`?country=QA`), item by item; null if none or unknown. */
  selected: DirectoryCountry | null;
}

export async function loadDirectoryPage(
  deps: Pick<Deps, 'db'>,
  staff: DirectoryStaff,
  entries: readonly HelpEntry[],
  query: URLSearchParams,
): Promise<DirectoryPage> {
  const all = await directoryChecks(deps, staff, entries);
  const asked = countryCodeSchema.safeParse(query.get('country')?.toUpperCase());
  return {
    countries: all.map((c) => ({ country: c.country, items: c.items.length, verified: c.verified })),
    selected: (asked.success && all.find((c) => c.country === asked.data)) || null,
  };
}

/** Every country's items with their checks: the content's, overlaid with the console's. */
export async function directoryChecks(
  deps: Pick<Deps, 'db'>,
  staff: DirectoryStaff,
  entries: readonly HelpEntry[],
): Promise<DirectoryCountry[]> {
  requireVerify(staff);
  const records = (await listVerifications(deps.db)).map((v) => v.record);
  return entries.map((raw) => {
    const entry = applyVerifications(raw, records);
    const items = [
      itemOf('emergency', entry.emergency.number, entry.emergency),
      ...entry.hotlines.map((h) => itemOf('hotlines', h.name, h)),
      ...entry.organisations.map((o) => itemOf('organisations', o.name, o)),
    ];
    return { country: entry.country, items, verified: items.filter((i) => i.lastVerified).length };
  });
}

/** The confirm form: which item, and the day it was checked against its source (default today). */
export const confirmFormSchema = z.object({
  country: countryCodeSchema,
  list: z.enum(['emergency', 'hotlines', 'organisations']),
  name: z.string().max(160).default(''),
  lastVerified: z.union([z.iso.date(), z.literal('')]).default(''),
});

export async function confirmDirectoryItem(
  deps: Pick<Deps, 'db' | 'keys' | 'now' | 'config'>,
  staff: DirectoryStaff,
  form: FormData,
  entries: readonly HelpEntry[],
): Promise<{ item: string; republished: boolean }> {
  requireVerify(staff);
  const parsed = confirmFormSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success)
    throw new HttpError(422, 'invalid-verification', 'The confirmation is not valid.', {
      fields: parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })),
    });
  const { country, list, name, lastVerified } = parsed.data;
  const record = {
    country,
    item: list === 'emergency' ? { list } : { list, name },
    lastVerified: lastVerified || deps.now().toISOString().slice(0, 10),
    verifiedBy: staff.user.email.slice(0, 120),
  };
  await recordVerification(deps, staff.user, record, entries);
  // The build reads the data folder's file; running nodes read the country's document again.
  await writeVerificationSnapshot(deps.db, deps.config);
  const republished = await republishHelpEntry(deps.db, country, deps.now());
  return { item: itemKey(record as Parameters<typeof itemKey>[0]), republished: republished !== null };
}

/**
 * The directory room in the console's page table: countries with how many of their items are
 * checked, one country's items, and the confirm form (directory:verify).
 */
export const directoryPage = staffPage({
  path: '/console/directory',
  access: { permission: 'directory:verify' },
  async load({ deps, session, url, form }: StaffPageContext, state) {
    // After a post (confirmed or refused) the page stays on the posted country.
    const posted = form?.get('country');
    const query = typeof posted === 'string' ? new URLSearchParams({ country: posted }) : url.searchParams;
    const view = await loadDirectoryPage(deps, session, HELP_ENTRIES, query);
    return {
      view,
      confirmed: state?.confirmed as { item: string; republished: boolean } | undefined,
      today: deps.now().toISOString().slice(0, 10),
    };
  },
  actions: {
    default: {
      async run({ deps, session }, form) {
        return { state: { confirmed: await confirmDirectoryItem(deps, session, form, HELP_ENTRIES) } };
      },
    },
  },
});
export type DirectoryPageData = PageData<typeof directoryPage>;
