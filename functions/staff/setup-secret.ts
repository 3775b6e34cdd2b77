/**
 * The authenticator key offered by a set-up link, derived from the link's token with the keyed
 * hash: the same on every reload of the page (a code scanned before a reload still matches), a
 * different one for every link, and nothing to store until set-up succeeds.
 */
import { createHmac } from 'node:crypto';

export function setupSecret(hashKey: Buffer, token: string): Buffer {
  return createHmac('sha256', hashKey).update(`totp-setup\u0000${token}`).digest().subarray(0, 20);
}
