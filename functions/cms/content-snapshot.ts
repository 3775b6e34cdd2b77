/**
 * The content snapshot in the database: the one owner of `content_documents` and
 * `content_version`. What readers see is decided here, not by a node's disk: a publish writes the
 * changed document and takes the next sequence number in one transaction, then NOTIFYs every node;
 * a node catches up by reading what changed after the sequence number it has.
 */
import { createHash } from 'node:crypto';
import type { Database, Queryable } from '../db/database.ts';

export const CONTENT_CHANNEL = 'waymark_content';

/** A published document as Sanity returns it, slug flattened (`"slug": slug.current`). */
export type SnapshotDocument = Record<string, unknown> & { _id: string; _type: string };

export interface SnapshotChange {
  id: string;
  /** Null: the document was deleted. */
  document: SnapshotDocument | null;
}

/** Sanity's system fields that change on every save without changing what readers see. */
const VOLATILE = new Set(['_rev', '_updatedAt', '_createdAt', '_originalId', '_system']);

/** Slug objects flattened and volatile system fields dropped, so equal content digests equally. */
export function normalizeDocument(document: Record<string, unknown>): SnapshotDocument {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(document)) {
    if (VOLATILE.has(key)) continue;
    out[key] =
      key === 'slug' && value && typeof value === 'object' ? (value as { current?: unknown }).current : value;
  }
  return out as SnapshotDocument;
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

export function digestOf(document: SnapshotDocument): string {
  return createHash('sha256').update(canonical(document)).digest('base64url');
}

/** Takes the version row's lock (creating it at 0), so publishes commit in sequence order. */
async function lockVersion(tx: Queryable, source: string, now: Date): Promise<number> {
  await tx.query(
    `insert into content_version (singleton, seq, source, updated_at) values (true, 0, $1, $2)
     on conflict (singleton) do nothing`,
    [source, now],
  );
  const [row] = await tx.query<{ seq: number }>('select seq from content_version for update');
  return Number(row!.seq);
}

async function bump(tx: Queryable, seq: number, now: Date, source?: string): Promise<void> {
  await tx.query('update content_version set seq = $1, updated_at = $2, source = coalesce($3, source)', [
    seq,
    now,
    source ?? null,
  ]);
  // Delivered at commit, to every node listening (a hint: nodes read the changes themselves).
  await tx.query('select pg_notify($1, $2)', [CONTENT_CHANNEL, String(seq)]);
}

/** Rows written per statement when many change at once (a whole dataset at first start). */
const WRITE_BATCH = 500;

async function write(tx: Queryable, seq: number, changes: readonly SnapshotChange[]): Promise<void> {
  for (let i = 0; i < changes.length; i += WRITE_BATCH) {
    const batch = changes.slice(i, i + WRITE_BATCH);
    await tx.query(
      `insert into content_documents (id, document, digest, seq)
       select id, document, digest, $4 from unnest($1::text[], $2::jsonb[], $3::text[]) as t(id, document, digest)
       on conflict (id) do update set document = excluded.document, digest = excluded.digest, seq = excluded.seq`,
      [
        batch.map((c) => c.id),
        batch.map((c) => (c.document ? JSON.stringify(c.document) : null)),
        batch.map((c) => (c.document ? digestOf(c.document) : null)),
        seq,
      ],
    );
  }
}

/**
 * Applies one publish: the document as it now stands, or null when it was deleted. Nothing changes
 * (and no sequence number is used) when the snapshot already holds exactly this.
 */
export async function publishChange(
  db: Database,
  change: SnapshotChange,
  now: Date,
): Promise<{ seq: number; changed: boolean }> {
  return db.transaction(async (tx) => {
    const current = await lockVersion(tx, 'sanity', now);
    const [existing] = await tx.query<{ digest: string | null }>(
      'select digest from content_documents where id = $1',
      [change.id],
    );
    const digest = change.document ? digestOf(change.document) : null;
    if ((existing?.digest ?? null) === digest) return { seq: current, changed: false };
    const seq = current + 1;
    await write(tx, seq, [change]);
    await bump(tx, seq, now);
    return { seq, changed: true };
  });
}

/**
 * Makes the snapshot equal to a full set of documents (the content/ files, or the whole Sanity
 * dataset at start-up): changed and new documents are written, missing ones deleted, all under
 * one new sequence number; when nothing differs, nothing is written.
 */
export async function reconcileSnapshot(
  db: Database,
  documents: readonly SnapshotDocument[],
  source: string,
  now: Date,
): Promise<{ seq: number; changed: number }> {
  return db.transaction(async (tx) => {
    const current = await lockVersion(tx, source, now);
    const rows = await tx.query<{ id: string; digest: string | null }>(
      'select id, digest from content_documents',
    );
    const have = new Map(rows.map((r) => [r.id, r.digest]));
    const changes: SnapshotChange[] = [];
    const wanted = new Set<string>();
    for (const document of documents) {
      wanted.add(document._id);
      if (have.get(document._id) !== digestOf(document)) changes.push({ id: document._id, document });
    }
    for (const [id, digest] of have)
      if (digest !== null && !wanted.has(id)) changes.push({ id, document: null });
    if (changes.length === 0) return { seq: current, changed: 0 };
    const seq = current + 1;
    await write(tx, seq, changes);
    await bump(tx, seq, now, source);
    return { seq, changed: changes.length };
  });
}

/**
 * Serves a country's help-directory document again under a new sequence number, unchanged: what
 * nodes overlay on it (staff confirmations from the console) has changed, so every node reads it
 * anew and drops the pages it rendered from the old one. Returns the new number, or null when the
 * snapshot holds no such document yet (the build's pages then carry the confirmation).
 */
export async function republishHelpEntry(db: Database, country: string, now: Date): Promise<number | null> {
  return db.transaction(async (tx) => {
    const rows = await tx.query<{ id: string }>(
      `select id from content_documents
        where document is not null and document->>'_type' = 'helpEntry' and document->>'country' = $1`,
      [country],
    );
    if (rows.length === 0) return null;
    const seq = (await lockVersion(tx, 'sanity', now)) + 1;
    await tx.query('update content_documents set seq = $1 where id = any($2)', [seq, rows.map((r) => r.id)]);
    await bump(tx, seq, now);
    return seq;
  });
}

/** The latest sequence number (0 before the snapshot was first filled). */
export async function snapshotVersion(db: Queryable): Promise<number> {
  const [row] = await db.query<{ seq: number }>('select seq from content_version');
  return row ? Number(row.seq) : 0;
}

const READ_BATCH = 1_000;

/** Everything that changed after `since`, up to a version that is complete (read in one transaction). */
export async function changesSince(
  db: Database,
  since: number,
): Promise<{ seq: number; changes: SnapshotChange[] }> {
  return db.transaction(async (tx) => {
    // One snapshot for both reads: a publish committing in between is read next time, whole.
    await tx.query('set transaction isolation level repeatable read');
    const seq = await snapshotVersion(tx);
    if (seq <= since) return { seq, changes: [] };
    const changes: SnapshotChange[] = [];
    // In pages: a result of the whole dataset at once (a node's start) would grow the embedded
    // database's memory, which it never gives back, by the size of every document.
    for (let after = ''; ; ) {
      const rows = await tx.query<{ id: string; document: SnapshotDocument | null }>(
        `select id, document from content_documents
          where seq > $1 and seq <= $2 and id > $3 order by id limit ${READ_BATCH}`,
        [since, seq, after],
      );
      for (const r of rows) changes.push({ id: r.id, document: r.document });
      if (rows.length < READ_BATCH) break;
      after = rows.at(-1)!.id;
    }
    return { seq, changes };
  });
}
