/**
 * Record keys: each record's data key, kept apart from its ciphertext in `record_keys` and wrapped
 * by a master key (or by another record's key: a referral's under its partner's). Every store
 * creates, opens and destroys its records' keys here, and nothing else touches the table. Keys in
 * one table of small rows are what make rotation a re-wrap that never reads a ciphertext, and what
 * make a purge final for backups once the master key of the backup's day is destroyed.
 *
 * A node refuses loudly rather than writing what nobody could read later: a key wrapped by a master
 * key it lacks cannot be opened, and a new key is not stored under a master key that rotation has
 * retired (the insert takes a share lock on the master key's row, so it cannot slip past a rotation
 * that is retiring it).
 */
import type { Keys } from '../config/secrets.ts';
import type { Queryable } from '../db/database.ts';
import { newDataKey, unwrapDataKey, wrapDataKey } from './envelope.ts';
import type { MasterKey } from './master-keys.ts';

export class MasterKeyUnavailableError extends Error {
  readonly code = 'WAYMARK_MASTER_KEY_UNAVAILABLE';
  constructor(wrappedBy: string, node: string) {
    super(
      `A record key is wrapped by master key ${wrappedBy}, which this node does not have (its ENCRYPTION_KEY is ${node}). The master key was rotated: restart this node with the current ENCRYPTION_KEY.`,
    );
    this.name = 'MasterKeyUnavailableError';
  }
}

export class MasterKeyRetiredError extends Error {
  readonly code = 'WAYMARK_MASTER_KEY_RETIRED';
  constructor(id: string) {
    super(
      `This node's ENCRYPTION_KEY (master key ${id}) was rotated out and retired: nothing more is written under it. Restart the node with the current ENCRYPTION_KEY.`,
    );
    this.name = 'MasterKeyRetiredError';
  }
}

export class RecordKeyDestroyedError extends Error {
  readonly code = 'WAYMARK_RECORD_KEY_DESTROYED';
  constructor() {
    super('The record key was destroyed: what it encrypted can no longer be read.');
    this.name = 'RecordKeyDestroyedError';
  }
}

interface KeyRow {
  master_key_id: string | null;
  parent: string | null;
  wrapped_key: Uint8Array;
}

export function masterFor(keys: Pick<Keys, 'master' | 'previousMaster'>, id: string): MasterKey {
  if (id === keys.master.id) return keys.master;
  if (keys.previousMaster && id === keys.previousMaster.id) return keys.previousMaster;
  throw new MasterKeyUnavailableError(id, keys.master.id);
}

/** Stores `dataKey` for the record named `context`, wrapped by the current master key. */
export async function storeRecordKey(
  db: Queryable,
  keys: Pick<Keys, 'master'>,
  context: string,
  dataKey: Uint8Array,
  options: { wrapsKeys?: boolean } = {},
): Promise<void> {
  const rows = await db.query(
    `insert into record_keys (context, master_key_id, wraps_keys, wrapped_key)
     select $1, $2, $3, $4
     where exists (select 1 from master_keys where id = $2 and retired_at is null for share)
        or not exists (select 1 from master_keys where id = $2)
     returning context`,
    [
      context,
      keys.master.id,
      options.wrapsKeys ?? false,
      await wrapDataKey(keys.master.key, dataKey, context),
    ],
  );
  if (rows.length === 0) throw new MasterKeyRetiredError(keys.master.id);
}

/** A fresh data key for a new record, stored in the same transaction as the record. */
export async function createRecordKey(
  db: Queryable,
  keys: Pick<Keys, 'master'>,
  context: string,
  options: { wrapsKeys?: boolean } = {},
): Promise<Buffer> {
  const key = newDataKey();
  await storeRecordKey(db, keys, context, key, options);
  return key;
}

async function unwrapRow(
  db: Queryable,
  keys: Pick<Keys, 'master' | 'previousMaster'>,
  context: string,
  row: KeyRow,
): Promise<Buffer> {
  const wrapping = row.parent
    ? await openRecordKey(db, keys, row.parent)
    : masterFor(keys, row.master_key_id!).key;
  return unwrapDataKey(wrapping, row.wrapped_key, context);
}

/** A fresh data key wrapped by another record's key; the parent row is share-locked meanwhile. */
export async function createChildKey(
  db: Queryable,
  keys: Pick<Keys, 'master' | 'previousMaster'>,
  parent: string,
  context: string,
): Promise<Buffer> {
  const [row] = await db.query<KeyRow>(
    'select master_key_id, parent, wrapped_key from record_keys where context = $1 for share',
    [parent],
  );
  if (!row) throw new RecordKeyDestroyedError();
  const parentKey = await unwrapRow(db, keys, parent, row);
  const key = newDataKey();
  await db.query('insert into record_keys (context, parent, wrapped_key) values ($1, $2, $3)', [
    context,
    parent,
    await wrapDataKey(parentKey, key, context),
  ]);
  return key;
}

/**
 * The record's data key, or null when it was destroyed (or never made). With `parent`, also null
 * when the key is wrapped by another record's key than that one.
 */
export async function findRecordKey(
  db: Queryable,
  keys: Pick<Keys, 'master' | 'previousMaster'>,
  context: string,
  options: { parent?: string } = {},
): Promise<Buffer | null> {
  const [row] = await db.query<KeyRow>(
    'select master_key_id, parent, wrapped_key from record_keys where context = $1',
    [context],
  );
  if (!row || (options.parent !== undefined && row.parent !== options.parent)) return null;
  return unwrapRow(db, keys, context, row);
}

export async function openRecordKey(
  db: Queryable,
  keys: Pick<Keys, 'master' | 'previousMaster'>,
  context: string,
): Promise<Buffer> {
  const key = await findRecordKey(db, keys, context);
  if (!key) throw new RecordKeyDestroyedError();
  return key;
}

/** Crypto-shredding: what the key encrypted stays unreadable wherever a copy of it survives. */
export async function destroyRecordKey(db: Queryable, context: string): Promise<boolean> {
  return (
    (await db.query('delete from record_keys where context = $1 returning context', [context])).length > 0
  );
}

// ---- For the key check and rotation (key-check.ts, rotate-master-key.ts) ----

/** How many record keys each master key wraps ('legacy': moved by migration 0011, not yet named). */
export async function countByMasterKey(db: Queryable): Promise<Map<string, number>> {
  const rows = await db.query<{ master_key_id: string; n: number }>(
    `select master_key_id, count(*)::int as n from record_keys where master_key_id is not null group by master_key_id`,
  );
  return new Map(rows.map((r) => [r.master_key_id, r.n]));
}

/** True when `master` opens a record key the migration moved over: the proof it is the old key. */
export async function opensLegacyKey(db: Queryable, master: MasterKey): Promise<boolean | null> {
  const [row] = await db.query<{ context: string; wrapped_key: Uint8Array }>(
    `select context, wrapped_key from record_keys where master_key_id = 'legacy' limit 1`,
  );
  if (!row) return null;
  try {
    await unwrapDataKey(master.key, row.wrapped_key, row.context);
    return true;
  } catch {
    return false;
  }
}

export async function nameLegacyKeys(db: Queryable, masterKeyId: string): Promise<void> {
  await db.query(`update record_keys set master_key_id = $1 where master_key_id = 'legacy'`, [masterKeyId]);
}

/**
 * Gives one key-wrapping key (a partner's) new material under the current master key and re-wraps
 * its children, all in the caller's transaction. Returns false when no such key is left under `from`.
 */
export async function rekeyNextWrappingKey(
  tx: Queryable,
  keys: Pick<Keys, 'master' | 'previousMaster'>,
  from: string,
): Promise<{ context: string; children: number } | null> {
  const [row] = await tx.query<KeyRow & { context: string }>(
    `select context, master_key_id, parent, wrapped_key from record_keys
     where master_key_id = $1 and wraps_keys order by context limit 1 for update`,
    [from],
  );
  if (!row) return null;
  const old = await unwrapRow(tx, keys, row.context, row);
  const fresh = newDataKey();
  const children = await tx.query<{ context: string; wrapped_key: Uint8Array }>(
    'select context, wrapped_key from record_keys where parent = $1 for update',
    [row.context],
  );
  for (const child of children) {
    const key = await unwrapDataKey(old, child.wrapped_key, child.context);
    await tx.query('update record_keys set wrapped_key = $2 where context = $1', [
      child.context,
      await wrapDataKey(fresh, key, child.context),
    ]);
  }
  await tx.query('update record_keys set master_key_id = $2, wrapped_key = $3 where context = $1', [
    row.context,
    keys.master.id,
    await wrapDataKey(keys.master.key, fresh, row.context),
  ]);
  return { context: row.context, children: children.length };
}

/** Re-wraps up to `limit` data keys from master key `from` to the current one; returns how many. */
export async function rewrapBatch(
  tx: Queryable,
  keys: Pick<Keys, 'master' | 'previousMaster'>,
  from: string,
  limit: number,
): Promise<number> {
  const rows = await tx.query<{ context: string; wrapped_key: Uint8Array }>(
    `select context, wrapped_key from record_keys
     where master_key_id = $1 and not wraps_keys order by context limit $2 for update`,
    [from, limit],
  );
  const old = masterFor(keys, from);
  for (const row of rows) {
    const key = await unwrapDataKey(old.key, row.wrapped_key, row.context);
    await tx.query('update record_keys set master_key_id = $2, wrapped_key = $3 where context = $1', [
      row.context,
      keys.master.id,
      await wrapDataKey(keys.master.key, key, row.context),
    ]);
  }
  return rows.length;
}
