/**
 * Staff TOTP secrets, sealed with the account's own record key ('staff:<id>'), so that rotating the
 * master key re-wraps one small key instead of re-encrypting secrets, and deleting the account
 * destroys the key with it. Secrets sealed directly with the master key (before record keys) are
 * moved onto record keys at start, before anything can rotate that master key away.
 */
import type { Keys } from '../config/secrets.ts';
import { decryptField, encryptField } from '../crypto/envelope.ts';
import { createRecordKey, findRecordKey, openRecordKey } from '../crypto/record-keys.ts';
import type { Database, Queryable } from '../db/database.ts';

const keyContext = (userId: string) => `staff:${userId}`;
const secretContext = (userId: string) => `staff:${userId}:totp`;

/** Call inside the transaction that stores the sealed secret. */
export async function sealTotpSecret(
  tx: Queryable,
  keys: Keys,
  userId: string,
  secret: Buffer,
): Promise<Buffer> {
  const key =
    (await findRecordKey(tx, keys, keyContext(userId))) ??
    (await createRecordKey(tx, keys, keyContext(userId)));
  return encryptField(key, secret, secretContext(userId));
}

export async function openTotpSecret(
  db: Queryable,
  keys: Keys,
  userId: string,
  sealed: Uint8Array,
): Promise<Buffer> {
  return decryptField(await openRecordKey(db, keys, keyContext(userId)), sealed, secretContext(userId));
}

/** Moves secrets still sealed with a master key onto record keys; returns how many moved. */
export async function adoptLegacyTotpSecrets(db: Database, keys: Keys): Promise<number> {
  const staff = await db.query<{ id: string; totp_secret: Uint8Array }>(
    'select id, totp_secret from staff_users where totp_secret is not null',
  );
  let moved = 0;
  for (const user of staff) {
    if (await findRecordKey(db, keys, keyContext(user.id))) continue;
    const secret = await openLegacy(keys, user.id, user.totp_secret);
    await db.transaction(async (tx) => {
      await tx.query('update staff_users set totp_secret = $2 where id = $1', [
        user.id,
        await sealTotpSecret(tx, keys, user.id, secret),
      ]);
    });
    moved += 1;
  }
  return moved;
}

async function openLegacy(keys: Keys, userId: string, sealed: Uint8Array): Promise<Buffer> {
  for (const master of [keys.master, keys.previousMaster]) {
    if (!master) continue;
    try {
      return await decryptField(master.key, sealed, secretContext(userId));
    } catch {
      // Sealed by the other key of a rotation, if any.
    }
  }
  throw new Error(`the TOTP secret of staff account ${userId} opens with neither configured master key`);
}
