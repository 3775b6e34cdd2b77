/**
 * Which keys this database belongs to. At the first start the master key is registered by id with
 * a value sealed under it, and HASH_KEY by a keyed hash of a fixed label; every later start, and
 * every CLI that uses keys, checks the configured keys against them before writing anything. A
 * wrong key therefore stops the process with a message naming the variable, instead of starting
 * "fine" and failing on old records while writing new ones under the wrong key.
 *
 * HASH_KEY cannot be rotated (receipts and phone numbers are kept only as its hashes); the master
 * key can, with `npm run keys:rotate` (rotate-master-key.ts), which registers the new key and
 * retires the old one once nothing is wrapped by it.
 */
import type { Keys } from '../config/secrets.ts';
import type { Database, Queryable } from '../db/database.ts';
import { keyedHash } from './keyed-hash.ts';
import { type MasterKey, opensCheckValue, sealCheckValue } from './master-keys.ts';
import { countByMasterKey, nameLegacyKeys, opensLegacyKey } from './record-keys.ts';

const REGISTRY_LOCK = 0x4b_45_59_53; // "KEYS"
const NOTHING_WRITTEN = 'Nothing was written.';
const WHERE = '(set in the environment, or in DATA_DIR/secrets.json in embedded mode)';

export class KeyCheckError extends Error {
  readonly variable: 'ENCRYPTION_KEY' | 'ENCRYPTION_KEY_PREVIOUS' | 'HASH_KEY';
  constructor(variable: KeyCheckError['variable'], message: string) {
    super(`${message} ${NOTHING_WRITTEN}`);
    this.name = 'KeyCheckError';
    this.variable = variable;
  }
}

interface MasterRow {
  id: string;
  check_value: Uint8Array;
  retired_at: Date | null;
}

export interface KeyCheck {
  /** The database has yet to record these keys (first start, or the start of a rotation). */
  needsRegistration: boolean;
  /** Things an operator should fix, but that are safe to run with. */
  warnings: string[];
}

function hashCheck(hashKey: Buffer): Buffer {
  return keyedHash(hashKey, 'key-check', 'waymark hash key check');
}

const wrongMaster = (master: MasterKey, active: string[]) =>
  new KeyCheckError(
    'ENCRYPTION_KEY',
    `ENCRYPTION_KEY ${WHERE} is not the master key of this database: it is key ${master.id}, the database uses ${active.join(' and ') || 'another'}. Restore the right ENCRYPTION_KEY from your backup of it, or, to change it, set ENCRYPTION_KEY_PREVIOUS to the current key and ENCRYPTION_KEY to the new one and run npm run keys:rotate.`,
  );

async function tablesExist(db: Queryable): Promise<boolean> {
  const [row] = await db.query<{ t: string | null }>(`select to_regclass('master_keys')::text as t`);
  return row?.t != null;
}

async function checkHashKey(db: Queryable, keys: Keys): Promise<boolean> {
  const [row] = await db.query<{ value: Uint8Array }>(`select value from key_checks where name = 'hash-key'`);
  if (!row) return false;
  if (!Buffer.from(row.value).equals(hashCheck(keys.hashKey))) {
    throw new KeyCheckError(
      'HASH_KEY',
      `HASH_KEY ${WHERE} is not the key this database was set up with: its receipts, phone-number hashes and audit log were made with another. Restore the original HASH_KEY from your backup of it. It cannot be rotated: a new one would orphan every receipt and conversation.`,
    );
  }
  return true;
}

/** Read-only: throws KeyCheckError when a configured key does not belong to this database. */
export async function checkKeys(db: Queryable, keys: Keys): Promise<KeyCheck> {
  if (!(await tablesExist(db))) return { needsRegistration: true, warnings: [] };
  const warnings: string[] = [];
  const hashKnown = await checkHashKey(db, keys);
  const rows = await db.query<MasterRow>('select id, check_value, retired_at from master_keys');
  const byId = new Map(rows.map((r) => [r.id, r]));
  const active = rows.filter((r) => !r.retired_at).map((r) => r.id);
  const matches = async (master: MasterKey) => {
    const row = byId.get(master.id);
    return row ? opensCheckValue(master, row.check_value) : false;
  };

  if (rows.length === 0) {
    // First start since migration 0011: the moved keys prove which key is the database's.
    const owner = keys.previousMaster ?? keys.master;
    if ((await opensLegacyKey(db, owner)) === false) {
      throw keys.previousMaster
        ? new KeyCheckError(
            'ENCRYPTION_KEY_PREVIOUS',
            `ENCRYPTION_KEY_PREVIOUS ${WHERE} does not open this database's record keys: it must be the master key in use until now.`,
          )
        : wrongMaster(keys.master, []);
    }
    return { needsRegistration: true, warnings };
  }

  const current = byId.get(keys.master.id);
  let needsRegistration = !hashKnown;
  if (current?.retired_at) {
    throw new KeyCheckError(
      'ENCRYPTION_KEY',
      `ENCRYPTION_KEY ${WHERE} is master key ${keys.master.id}, which npm run keys:rotate retired on ${current.retired_at.toISOString().slice(0, 10)}. Set ENCRYPTION_KEY to the current master key (${active.join(' or ')}).`,
    );
  }
  if (current && !(await matches(keys.master))) throw wrongMaster(keys.master, active);
  if (keys.previousMaster) {
    const previous = byId.get(keys.previousMaster.id);
    if (!previous || !(await matches(keys.previousMaster))) {
      throw new KeyCheckError(
        'ENCRYPTION_KEY_PREVIOUS',
        `ENCRYPTION_KEY_PREVIOUS ${WHERE} is not a master key of this database (it is key ${keys.previousMaster.id}; the database uses ${active.join(' and ')}). Set it to the master key in use until now, or remove it.`,
      );
    }
    if (previous.retired_at) {
      warnings.push(
        `ENCRYPTION_KEY_PREVIOUS (master key ${previous.id}) was retired by keys:rotate: remove it and destroy every copy of it.`,
      );
    }
  }
  if (!current) {
    // A new key is accepted only beside the key it replaces: that is how a rotation begins.
    const previous = keys.previousMaster && byId.get(keys.previousMaster.id);
    if (!previous || previous.retired_at) throw wrongMaster(keys.master, active);
    needsRegistration = true;
  }
  const waiting = [...(await countByMasterKey(db))].filter(([id]) => id !== keys.master.id);
  for (const [id, n] of waiting) {
    warnings.push(
      `${n} record key(s) are still wrapped by master key ${id}: a rotation is unfinished. Run npm run keys:rotate with ENCRYPTION_KEY_PREVIOUS set to that key.`,
    );
  }
  return { needsRegistration, warnings };
}

/**
 * Records the configured keys (first start; the new key at the start of a rotation), checking them
 * again under a lock, so several nodes starting at once agree. Run after the migrations.
 */
export async function registerKeys(db: Pick<Database, 'transaction'>, keys: Keys): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [REGISTRY_LOCK]);
    const check = await checkKeys(tx, keys);
    if (!check.needsRegistration) return;
    await tx.query(
      `insert into key_checks (name, value) values ('hash-key', $1) on conflict (name) do nothing`,
      [hashCheck(keys.hashKey)],
    );
    const [{ n }] = (await tx.query<{ n: number }>('select count(*)::int as n from master_keys')) as [
      { n: number },
    ];
    const register = async (master: MasterKey) =>
      tx.query('insert into master_keys (id, check_value) values ($1, $2) on conflict (id) do nothing', [
        master.id,
        await sealCheckValue(master),
      ]);
    if (n === 0) {
      const owner = keys.previousMaster ?? keys.master;
      await register(owner);
      await nameLegacyKeys(tx, owner.id);
    }
    await register(keys.master);
  });
}

/** Marks `id` retired once no record key is wrapped by it; false when some still are. */
export async function retireMasterKey(db: Pick<Database, 'transaction'>, id: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    // Waits for every insert that share-locked this key (record-keys.ts), then sees their rows.
    await tx.query('select 1 from master_keys where id = $1 for update', [id]);
    if (((await countByMasterKey(tx)).get(id) ?? 0) > 0) return false;
    await tx.query('update master_keys set retired_at = now() where id = $1 and retired_at is null', [id]);
    return true;
  });
}

/** For a running node's watch: has its master key been retired under it? */
export async function isRetired(db: Queryable, id: string): Promise<boolean> {
  const [row] = await db.query<{ retired_at: Date | null }>(
    'select retired_at from master_keys where id = $1',
    [id],
  );
  return row?.retired_at != null;
}
