/**
 * Master key rotation: every record key wrapped by the previous master key is re-wrapped by the
 * current one, and every key-wrapping key (a partner's) gets new material, its children re-wrapped
 * under it. Then the previous key is retired: nothing in the database needs it any more, so once it
 * is destroyed, backups taken while it was in use no longer open records purged since.
 *
 * Work goes in small transactions (one partner key with its referrals, or a batch of data keys),
 * so app nodes on PostgreSQL keep serving meanwhile: nodes holding both keys read either; a node
 * holding only the old key fails loudly on re-wrapped records and cannot write once the old key is
 * retired (record-keys.ts). The last step retires the key only when a locked count finds nothing
 * left under it, so keys written by old nodes during the run are re-wrapped too.
 */
import type { Keys } from '../config/secrets.ts';
import type { Database } from '../db/database.ts';
import { retireMasterKey } from './key-registry.ts';
import { countByMasterKey, rekeyNextWrappingKey, rewrapBatch } from './record-keys.ts';

export interface Rotation {
  from: string;
  to: string;
  /** Key-wrapping keys (partners') given new material. */
  wrappingKeys: number;
  /** Their children (referral keys), re-wrapped under the new material. */
  childKeys: number;
  /** Data keys re-wrapped by the new master key. */
  dataKeys: number;
}

export async function rotateMasterKey(
  db: Database,
  keys: Keys,
  options: { batchSize?: number; onProgress?: (done: Rotation) => void } = {},
): Promise<Rotation> {
  const previous = keys.previousMaster;
  if (!previous || previous.id === keys.master.id)
    throw new Error('A rotation needs the new master key and, beside it, the previous one.');
  const strays = [...(await countByMasterKey(db)).keys()].filter(
    (id) => id !== keys.master.id && id !== previous.id,
  );
  if (strays.length > 0) {
    throw new Error(
      `Some record keys are wrapped by master key ${strays.join(', ')}, which is neither the new nor the previous key: finish that earlier rotation first (ENCRYPTION_KEY_PREVIOUS set to it).`,
    );
  }
  const done: Rotation = {
    from: previous.id,
    to: keys.master.id,
    wrappingKeys: 0,
    childKeys: 0,
    dataKeys: 0,
  };
  const batchSize = options.batchSize ?? 500;
  for (;;) {
    for (;;) {
      const rekeyed = await db.transaction((tx) => rekeyNextWrappingKey(tx, keys, previous.id));
      if (!rekeyed) break;
      done.wrappingKeys += 1;
      done.childKeys += rekeyed.children;
    }
    for (;;) {
      const n = await db.transaction((tx) => rewrapBatch(tx, keys, previous.id, batchSize));
      if (n === 0) break;
      done.dataKeys += n;
      options.onProgress?.(done);
    }
    if (await retireMasterKey(db, previous.id)) return done;
  }
}
