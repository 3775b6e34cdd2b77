/**
 * A self-hosted proof-of-work challenge in the style of ALTCHA: the server picks a secret number,
 * publishes SHA-256(salt + number) with an HMAC signature, and the browser finds the number by
 * trying them all (a second or so on a cheap phone). Nothing is sent to any third party, nothing
 * identifies the reporter, and each solution is accepted once, before it expires.
 *
 * API clients: GET /api/reports/challenge, then find n in 0..maxnumber with
 * hex(SHA-256(salt + n)) === challenge, and send `altcha` = base64(JSON {algorithm, challenge,
 * number: n, salt, signature}) with the report.
 */
import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { Queryable } from '../db/database.ts';

export const CHALLENGE_TTL_SECONDS = 20 * 60;
export const MAX_NUMBER = 40_000;

export interface Challenge {
  algorithm: 'SHA-256';
  challenge: string;
  maxnumber: number;
  salt: string;
  signature: string;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const sign = (hashKey: Uint8Array, challenge: string) =>
  createHmac('sha256', hashKey).update(`altcha\0${challenge}`).digest('hex');

export function createChallenge(hashKey: Uint8Array, now: Date, maxNumber = MAX_NUMBER): Challenge {
  const expires = Math.floor(now.getTime() / 1000) + CHALLENGE_TTL_SECONDS;
  const salt = `${randomBytes(12).toString('hex')}?expires=${expires}`;
  const challenge = sha256(salt + randomInt(maxNumber + 1));
  return { algorithm: 'SHA-256', challenge, maxnumber: maxNumber, salt, signature: sign(hashKey, challenge) };
}

const solutionSchema = z.object({
  algorithm: z.literal('SHA-256'),
  challenge: z.string().regex(/^[0-9a-f]{64}$/),
  number: z.number().int().min(0).max(10_000_000),
  salt: z.string().max(200),
  signature: z.string().regex(/^[0-9a-f]{64}$/),
});

export type Verdict = 'ok' | 'invalid' | 'expired' | 'replayed';

export async function verifySolution(
  db: Queryable,
  hashKey: Uint8Array,
  encoded: string,
  now: Date,
): Promise<Verdict> {
  let solution: z.infer<typeof solutionSchema>;
  try {
    solution = solutionSchema.parse(JSON.parse(Buffer.from(encoded, 'base64').toString('utf8')));
  } catch {
    return 'invalid';
  }
  const expected = Buffer.from(sign(hashKey, solution.challenge), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(solution.signature, 'hex'))) return 'invalid';
  if (sha256(solution.salt + solution.number) !== solution.challenge) return 'invalid';
  const expires = Number(/[?&]expires=(\d+)/.exec(solution.salt)?.[1]);
  if (!Number.isFinite(expires) || expires * 1000 < now.getTime()) return 'expired';
  const spent = await db.query(
    `insert into spent_challenges (challenge_hash, expires_at) values ($1, $2)
     on conflict (challenge_hash) do nothing returning 1`,
    [Buffer.from(solution.challenge, 'hex'), new Date(expires * 1000)],
  );
  return spent.length === 1 ? 'ok' : 'replayed';
}

/** Finds the number (what a browser does); used by tests and the benchmark's API client. */
export function solveChallenge(challenge: Challenge): string {
  for (let n = 0; n <= challenge.maxnumber; n++) {
    if (sha256(challenge.salt + n) === challenge.challenge) {
      return Buffer.from(JSON.stringify({ ...challenge, number: n, maxnumber: undefined })).toString(
        'base64',
      );
    }
  }
  throw new Error('challenge has no solution');
}
