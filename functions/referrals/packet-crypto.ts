/**
 * Sealing a referral for one partner. The referral's data key is wrapped with the partner's key
 * (never with the master key directly), and every ciphertext is bound to the referral and its
 * purpose, so a packet cannot be read as another partner's or moved to another referral. The
 * referral's encryption contexts are named here and nowhere else.
 */
import type { Keys } from '../config/secrets.ts';
import { decryptText, encryptField } from '../crypto/envelope.ts';
import { createChildKey, destroyRecordKey, findRecordKey } from '../crypto/record-keys.ts';
import type { Queryable } from '../db/database.ts';
import { partnerKeyContext } from './partners.ts';
import type { Packet } from './referral-schema.ts';

export type SealedPart = 'packet' | 'justification' | 'message';

const keyContext = (referralId: string) => `referral:${referralId}`;

/** A new referral's key, wrapped by its partner's key, in the transaction that makes the referral. */
export function newReferralKey(
  deps: { keys: Keys },
  db: Queryable,
  partnerId: string,
  referralId: string,
): Promise<Buffer> {
  return createChildKey(db, deps.keys, partnerKeyContext(partnerId), keyContext(referralId));
}

/** The referral's key, or null once it was destroyed (withdrawn, purged, or another partner's). */
export async function findReferralKey(
  deps: { keys: Keys },
  db: Queryable,
  partnerId: string,
  referralId: string,
): Promise<Buffer | null> {
  return findRecordKey(db, deps.keys, keyContext(referralId), { parent: partnerKeyContext(partnerId) });
}

/** Opens a referral's key; fails (throws) if the key was shredded or belongs to another partner. */
export async function referralKey(
  deps: { keys: Keys },
  db: Queryable,
  partnerId: string,
  referralId: string,
): Promise<Buffer> {
  const key = await findReferralKey(deps, db, partnerId, referralId);
  if (!key) throw new Error('The referral key was destroyed or belongs to another partner.');
  return key;
}

/** Withdrawal and re-routing: the packet can never be opened again. */
export function destroyReferralKey(db: Queryable, referralId: string): Promise<boolean> {
  return destroyRecordKey(db, keyContext(referralId));
}

export function seal(key: Uint8Array, referralId: string, part: SealedPart, text: string): Promise<Buffer> {
  return encryptField(key, text, `referral:${referralId}:${part}`);
}

export function unseal(
  key: Uint8Array,
  referralId: string,
  part: SealedPart,
  sealed: Uint8Array,
): Promise<string> {
  return decryptText(key, sealed, `referral:${referralId}:${part}`);
}

export async function sealPacket(key: Uint8Array, referralId: string, packet: Packet): Promise<Buffer> {
  return seal(key, referralId, 'packet', JSON.stringify(packet));
}

export async function openPacket(key: Uint8Array, referralId: string, sealed: Uint8Array): Promise<Packet> {
  return JSON.parse(await unseal(key, referralId, 'packet', sealed)) as Packet;
}
