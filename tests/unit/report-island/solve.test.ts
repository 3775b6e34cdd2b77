import { webcrypto } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import type { Queryable } from '../../../functions/db/database.ts';
import { createChallenge, verifySolution } from '../../../functions/reports/proof-of-work.ts';
import {
  type Digest,
  encodeSolution,
  isChallenge,
  solve,
} from '../../../src/components/report/island/solve.ts';

const digest: Digest = (data) => webcrypto.subtle.digest('SHA-256', data);
const hashKey = new Uint8Array(32).fill(7);
/** Remembers spent challenges, as the spent_challenges table does. */
function fakeDb(): Queryable {
  const spent = new Set<string>();
  return {
    query: async <T>(_sql: string, params?: readonly unknown[]) => {
      const key = String(params?.[0]);
      if (spent.has(key)) return [];
      spent.add(key);
      return [{ '?column?': 1 }] as T[];
    },
  };
}

describe('report island: proof-of-work solver', () => {
  it('solves a real challenge, and the server accepts the encoded solution once', async () => {
    const now = new Date();
    const challenge = createChallenge(hashKey, now);
    expect(isChallenge(challenge)).toBe(true);
    const n = await solve(challenge, digest);
    expect(n).not.toBeNull();
    const encoded = encodeSolution(challenge, n!);
    expect(JSON.parse(Buffer.from(encoded, 'base64').toString('utf8'))).toEqual({
      algorithm: 'SHA-256',
      challenge: challenge.challenge,
      number: n,
      salt: challenge.salt,
      signature: challenge.signature,
    });
    const db = fakeDb();
    expect(await verifySolution(db, hashKey, encoded, now)).toBe('ok');
    expect(await verifySolution(db, hashKey, encoded, now)).toBe('replayed');
  });

  it('finds the number at both ends of the range', async () => {
    for (let attempt = 0; attempt < 20; attempt++) {
      const challenge = createChallenge(hashKey, new Date(), 3);
      const n = await solve(challenge, digest, { batch: 2 });
      expect(n).not.toBeNull();
      expect(await verifySolution(fakeDb(), hashKey, encodeSolution(challenge, n!), new Date())).toBe('ok');
    }
  });

  it('gives the page back between small batches', async () => {
    const challenge = { ...createChallenge(hashKey, new Date(), 999), challenge: '0'.repeat(64) };
    const pause = vi.fn(() => Promise.resolve());
    const hashing = vi.fn(digest);
    expect(await solve(challenge, hashing, { batch: 100, pause })).toBeNull();
    expect(hashing).toHaveBeenCalledTimes(1000);
    expect(pause).toHaveBeenCalledTimes(10);
  });

  it('stops when cancelled', async () => {
    const challenge = { ...createChallenge(hashKey, new Date(), 10_000), challenge: '0'.repeat(64) };
    let batches = 0;
    const hashing = vi.fn(digest);
    const result = await solve(challenge, hashing, { batch: 50, cancelled: () => ++batches > 3 });
    expect(result).toBeNull();
    expect(hashing).toHaveBeenCalledTimes(150);
  });

  it('rejects anything that is not a challenge', () => {
    const good = createChallenge(hashKey, new Date());
    expect(isChallenge(null)).toBe(false);
    expect(isChallenge({ ...good, algorithm: 'SHA-1' })).toBe(false);
    expect(isChallenge({ ...good, challenge: 'nope' })).toBe(false);
    expect(isChallenge({ ...good, maxnumber: 1e9 })).toBe(false);
    expect(isChallenge({ ...good, signature: undefined })).toBe(false);
  });
});
