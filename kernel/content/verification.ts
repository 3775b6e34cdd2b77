/**
 * Staff confirm directory entries one at a time: a verification record names the entry (the
 * emergency number, or a hotline or organisation by its name, unique within its country), the date
 * it was checked against its source and who checked it. Today staff record it in the Studio; a
 * console or publishing step merges records with `applyVerification`, which returns the entry as
 * the site's schema accepts it or says what is wrong.
 */
import { z } from 'zod';
import { countryCodeSchema, type HelpEntry, helpEntrySchema } from '#kernel/content/schemas.ts';

export const verificationRecordSchema = z.object({
  country: countryCodeSchema,
  item: z.discriminatedUnion('list', [
    z.object({ list: z.literal('emergency') }),
    z.object({ list: z.enum(['hotlines', 'organisations']), name: z.string().min(2).max(160) }),
  ]),
  lastVerified: z.iso.date(),
  verifiedBy: z.string().trim().min(2).max(120),
});
export type VerificationRecord = z.infer<typeof verificationRecordSchema>;

export class VerificationError extends Error {
  override name = 'VerificationError';
}

/** The entry with the record's check merged into the item it names; the input is not changed. */
export function applyVerification(entry: HelpEntry, input: VerificationRecord): HelpEntry {
  const record = verificationRecordSchema.parse(input);
  if (record.country !== entry.country)
    throw new VerificationError(`The record is for ${record.country}, the entry for ${entry.country}`);
  const check = { lastVerified: new Date(`${record.lastVerified}T00:00:00Z`), verifiedBy: record.verifiedBy };
  const next = structuredClone(entry);
  const { item } = record;
  if (item.list === 'emergency') {
    next.emergency = { ...next.emergency, ...check };
  } else {
    const items: { name: string }[] = next[item.list];
    const index = items.findIndex((i) => i.name === item.name);
    if (index < 0)
      throw new VerificationError(`${entry.country} has no ${item.list} entry named "${item.name}"`);
    items[index] = { ...items[index]!, ...check };
  }
  const checked = helpEntrySchema.safeParse(next);
  if (!checked.success)
    throw new VerificationError(
      `The verified entry is not valid: ${checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  return checked.data;
}

/**
 * The entry with every record that names one of its items and is not older than the check the
 * entry already carries (a later check in the Studio wins). A record whose item no longer exists
 * (renamed or removed since) is skipped, not an error: the content is the authority on what exists.
 */
export function applyVerifications(entry: HelpEntry, records: readonly VerificationRecord[]): HelpEntry {
  let next = entry;
  for (const record of records) {
    if (record.country !== entry.country) continue;
    const { item } = record;
    const current =
      item.list === 'emergency' ? next.emergency : next[item.list].find((i) => i.name === item.name);
    if (!current) continue;
    const had = current.lastVerified?.toISOString().slice(0, 10);
    if (had && had > record.lastVerified) continue;
    try {
      next = applyVerification(next, record);
    } catch (error) {
      if (!(error instanceof VerificationError)) throw error;
    }
  }
  return next;
}
