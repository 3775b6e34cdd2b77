/**
 * Master keys and how the database names them. A master key wraps record keys and nothing else
 * (record-keys.ts). Its id is an HMAC of a fixed label under the key itself: the database can say
 * which master key wrapped a record key, and a start with another key is caught, without storing
 * anything that opens the key. The check value (a known text sealed under the key) proves a
 * configured key is the registered one, not merely a key with a colliding id.
 */
import { createHmac } from 'node:crypto';
import { decryptText, encryptField } from './envelope.ts';

export interface MasterKey {
  /** 16 hex digits, safe to store and to print. */
  readonly id: string;
  readonly key: Buffer;
}

const CHECK_TEXT = 'waymark master key check';

export function masterKey(key: Buffer): MasterKey {
  return { id: createHmac('sha256', key).update('waymark master key id').digest('hex').slice(0, 16), key };
}

export function sealCheckValue(master: MasterKey): Promise<Buffer> {
  return encryptField(master.key, CHECK_TEXT, `master-key-check:${master.id}`);
}

export async function opensCheckValue(master: MasterKey, sealed: Uint8Array): Promise<boolean> {
  try {
    return (await decryptText(master.key, sealed, `master-key-check:${master.id}`)) === CHECK_TEXT;
  } catch {
    return false;
  }
}
