/**
 * Keyed hashes (HMAC-SHA-256) for values that must be found again but never stored: receipt codes,
 * phone numbers, idempotency keys, rate-limit buckets. Without HASH_KEY they cannot be reversed or
 * checked against a list of guesses. The purpose prefix keeps hashes of different kinds apart.
 */
import { createHmac } from 'node:crypto';

export function keyedHash(hashKey: Uint8Array, purpose: string, value: string): Buffer {
  return createHmac('sha256', hashKey).update(purpose).update('\0').update(value).digest();
}
