/**
 * Sealing a referral for one partner. The referral's data key is wrapped with the partner's key
 * (never with the master key directly), and every ciphertext is bound to the referral and its
 * purpose, so a packet cannot be read as another partner's or moved to another referral.
 */
import { decryptText, encryptField, newDataKey, unwrapDataKey, wrapDataKey } from '../crypto/envelope.ts';
import type { Queryable } from '../db/database.ts';
import type { Deps } from '../deps.ts';
import { partnerKey } from './partners.ts';
import type { Packet } from './referral-schema.ts';

export type SealedPart = 'packet' | 'justification' | 'message';

export interface ReferralKey {
  wrapped: Buffer;
  key: Buffer;
}

export async function newReferralKey(
  deps: Pick<Deps, 'keys'>,
  db: Queryable,
  partnerId: string,
  referralId: string,
): Promise<ReferralKey> {
  const key = newDataKey();
  const wrapped = await wrapDataKey(await partnerKey(deps, db, partnerId), key, `referral:${referralId}`);
  return { wrapped, key };
}

/** Opens a referral's key; fails (throws) if the key was shredded or belongs to another partner. */
export async function referralKey(
  deps: Pick<Deps, 'keys'>,
  db: Queryable,
  partnerId: string,
  referralId: string,
  wrapped: Uint8Array,
): Promise<Buffer> {
  return unwrapDataKey(await partnerKey(deps, db, partnerId), wrapped, `referral:${referralId}`);
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
