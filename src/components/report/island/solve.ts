/**
 * Solves the server's proof-of-work challenge (see `functions/reports/proof-of-work.ts`): finds n in
 * 0..maxnumber with hex(SHA-256(salt + n)) === challenge. It hashes a small batch at a time and
 * then gives the page back to the browser, so typing and scrolling stay smooth on a cheap phone.
 * The digest function is injected: `crypto.subtle.digest` in the browser, node's webcrypto in tests.
 */

export interface Challenge {
  algorithm: 'SHA-256';
  challenge: string;
  maxnumber: number;
  salt: string;
  signature: string;
}

export type Digest = (data: Uint8Array<ArrayBuffer>) => Promise<ArrayBuffer>;

export interface SolveOptions {
  /** Hashes per batch before giving the page back (default 250). */
  batch?: number;
  /** How to give the page back between batches (default: a zero-delay timer). */
  pause?: () => Promise<unknown>;
  /** Stop early (the page is being left or a newer challenge replaced this one). */
  cancelled?: () => boolean;
}

const HEX = /^[0-9a-f]{64}$/;

export function isChallenge(value: unknown): value is Challenge {
  const c = value as Challenge | null;
  return (
    typeof c === 'object' &&
    c !== null &&
    c.algorithm === 'SHA-256' &&
    HEX.test(c.challenge) &&
    Number.isInteger(c.maxnumber) &&
    c.maxnumber >= 0 &&
    c.maxnumber <= 10_000_000 &&
    typeof c.salt === 'string' &&
    HEX.test(c.signature)
  );
}

const bytesOf = (hex: string) => Uint8Array.from(hex.match(/../g) ?? [], (byte) => Number.parseInt(byte, 16));

function same(a: ArrayBuffer, b: Uint8Array): boolean {
  const bytes = new Uint8Array(a);
  if (bytes.length !== b.length) return false;
  for (let i = 0; i < b.length; i++) if (bytes[i] !== b[i]) return false;
  return true;
}

/** The number, or null when there is none (or solving was cancelled). */
export async function solve(
  challenge: Challenge,
  digest: Digest,
  options: SolveOptions = {},
): Promise<number | null> {
  const { batch = 250, pause = () => new Promise((resolve) => setTimeout(resolve, 0)), cancelled } = options;
  const target = bytesOf(challenge.challenge);
  const encoder = new TextEncoder();
  for (let start = 0; start <= challenge.maxnumber; start += batch) {
    if (cancelled?.()) return null;
    const end = Math.min(start + batch - 1, challenge.maxnumber);
    const hashes: Promise<ArrayBuffer>[] = [];
    for (let n = start; n <= end; n++) hashes.push(digest(encoder.encode(challenge.salt + n)));
    const found = (await Promise.all(hashes)).findIndex((hash) => same(hash, target));
    if (found >= 0) return start + found;
    await pause();
  }
  return null;
}

/** The `altcha` form value: base64(JSON {algorithm, challenge, number, salt, signature}). */
export function encodeSolution(challenge: Challenge, number: number): string {
  const { algorithm, salt, signature } = challenge;
  const json = JSON.stringify({ algorithm, challenge: challenge.challenge, number, salt, signature });
  let binary = '';
  for (const byte of new TextEncoder().encode(json)) binary += String.fromCharCode(byte);
  return btoa(binary);
}
