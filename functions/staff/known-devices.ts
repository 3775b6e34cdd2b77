/**
 * Known devices: after a completed sign-in the browser keeps a cookie that says "this account has
 * signed in here before", signed with HASH_KEY and stored nowhere else. Password attempts that bring
 * it spend that device's own failure budget instead of the account's and the client address's, so
 * a flood of wrong passwords from elsewhere cannot keep the account's owner out (OWASP's "device
 * cookies"). The cookie opens nothing by itself: the password and the code are still required.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Config } from '../config/load-config.ts';
import { keyedHash } from '../crypto/keyed-hash.ts';
import { readCookie } from '../http/cookies.ts';

const MAX_AGE_SECONDS = 180 * 24 * 3600;

export function deviceCookieName(config: Pick<Config, 'https'>): string {
  return config.https ? '__Secure-waymark-device' : 'waymark-device';
}

const signature = (hashKey: Uint8Array, userId: string, nonce: string) =>
  keyedHash(hashKey, 'staff-device', `${userId}|${nonce}`).toString('base64url');

/** A fresh device token for this account, to be set as the cookie after a completed sign-in. */
export function issueDevice(hashKey: Uint8Array, userId: string): string {
  const nonce = randomBytes(16).toString('base64url');
  return `${nonce}.${signature(hashKey, userId, nonce)}`;
}

/** The device's id when the cookie was issued to this account, else null. */
export function recogniseDevice(hashKey: Uint8Array, userId: string, token: string | null): string | null {
  if (!token || token.length > 200) return null;
  const [nonce, mac] = token.split('.');
  if (!nonce || !mac) return null;
  const expected = Buffer.from(signature(hashKey, userId, nonce));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  return nonce;
}

export function deviceFromRequest(config: Pick<Config, 'https'>, request: Request): string | null {
  return readCookie(request, deviceCookieName(config));
}

export function deviceCookie(config: Pick<Config, 'https'>, token: string): string {
  return `${deviceCookieName(config)}=${token}; Path=/console; Max-Age=${MAX_AGE_SECONDS}; HttpOnly; SameSite=Strict${config.https ? '; Secure' : ''}`;
}
