/**
 * Confirmations of help-directory entries made in the console: the one module that writes
 * directory_verifications. A confirmation is checked with `applyVerification` against the entry as
 * the content has it (the item must exist and have a public source), stored (the latest check per
 * item), audited, and written to the snapshot the site's build reads (see verification-snapshot.ts).
 */
import type { HelpEntry } from '#kernel/content/schemas.ts';
import {
  applyVerification,
  VerificationError,
  type VerificationRecord,
  verificationRecordSchema,
} from '#kernel/content/verification.ts';
import type { Queryable } from '../db/database.ts';
import type { Deps } from '../deps.ts';
import { HttpError } from '../http/http-error.ts';
import { appendAudit } from '../staff/audit.ts';

export interface StoredVerification {
  record: VerificationRecord;
  /** The staff account that confirmed it; null once that account is deleted. */
  staffId: string | null;
  recordedAt: string;
}

type Row = {
  country: string;
  list: 'emergency' | 'hotlines' | 'organisations';
  name: string;
  last_verified: string;
  verified_by: string | null;
  verified_by_name: string;
  recorded_at: string | Date;
};

const toStored = (r: Row): StoredVerification => ({
  record: {
    country: r.country,
    item: r.list === 'emergency' ? { list: 'emergency' } : { list: r.list, name: r.name },
    lastVerified: r.last_verified,
    verifiedBy: r.verified_by_name,
  },
  staffId: r.verified_by,
  recordedAt: new Date(r.recorded_at).toISOString(),
});

export async function listVerifications(db: Queryable): Promise<StoredVerification[]> {
  const rows = await db.query<Row>(
    `select country, list, name, to_char(last_verified, 'YYYY-MM-DD') as last_verified, verified_by,
       verified_by_name, recorded_at from directory_verifications order by country, list, name`,
  );
  return rows.map(toStored);
}

/** Changes whenever a confirmation is recorded: for caches of the directory with its checks. */
export async function verificationsStamp(db: Queryable): Promise<string> {
  const [row] = await db.query<{ stamp: string | null }>(
    `select md5(string_agg(concat_ws('/', country, list, name, last_verified, verified_by_name), '|'
       order by country, list, name)) as stamp from directory_verifications`,
  );
  return row?.stamp ?? '';
}

/** A stable, readable name for an item, for the audit log and the page. */
export const itemKey = (record: Pick<VerificationRecord, 'country' | 'item'>) =>
  record.item.list === 'emergency'
    ? `${record.country}/emergency`
    : `${record.country}/${record.item.list}/${record.item.name}`;

/**
 * Records a confirmation. `entries` is the directory as the site has it (bundled content); the
 * record must name an item of its country's entry that carries a source.
 */
export async function recordVerification(
  deps: Pick<Deps, 'db' | 'keys' | 'now'>,
  staff: { id: string; email: string },
  input: unknown,
  entries: readonly HelpEntry[],
): Promise<HelpEntry> {
  const parsed = verificationRecordSchema.safeParse(input);
  if (!parsed.success)
    throw new HttpError(422, 'invalid-verification', 'The confirmation is not valid.', {
      fields: parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })),
    });
  const record = parsed.data;
  if (record.lastVerified > deps.now().toISOString().slice(0, 10))
    throw new HttpError(422, 'invalid-verification', 'A check cannot be dated in the future.');
  const entry = entries.find((e) => e.country === record.country);
  if (!entry) throw new HttpError(404, 'not-found', 'The directory has no entry for this country.');
  let verified: HelpEntry;
  try {
    verified = applyVerification(entry, record);
  } catch (error) {
    if (!(error instanceof VerificationError)) throw error;
    throw new HttpError(422, 'invalid-verification', error.message);
  }
  const now = deps.now();
  const name = record.item.list === 'emergency' ? '' : record.item.name;
  await deps.db.transaction(async (tx) => {
    await tx.query(
      `insert into directory_verifications
         (country, list, name, last_verified, verified_by, verified_by_name, recorded_at)
       values ($1, $2, $3, $4::date, $5, $6, $7)
       on conflict (country, list, name) do update set last_verified = excluded.last_verified,
         verified_by = excluded.verified_by, verified_by_name = excluded.verified_by_name,
         recorded_at = excluded.recorded_at`,
      [record.country, record.item.list, name, record.lastVerified, staff.id, record.verifiedBy, now],
    );
    await appendAudit(
      tx,
      deps.keys,
      {
        actorId: staff.id,
        action: 'directory.verify',
        subject: itemKey(record),
        details: { lastVerified: record.lastVerified },
      },
      now,
    );
  });
  return verified;
}
