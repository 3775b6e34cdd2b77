/**
 * Fixed-window rate limits stored in the database, so they hold across several app nodes. The
 * bucket is a keyed hash that includes the UTC day: it rotates daily, and rows are purged after
 * 24 hours, so the table cannot be used to follow anyone.
 */
import { keyedHash } from '../crypto/keyed-hash.ts';
import type { Queryable } from '../db/database.ts';
import { HttpError } from '../http/http-error.ts';

export interface Limit {
  /** What is limited, e.g. `report:form`. */
  action: string;
  max: number;
  windowSeconds: number;
}

export function clientBucket(hashKey: Uint8Array, action: string, clientAddress: string, now: Date): Buffer {
  return keyedHash(hashKey, 'rate-limit', `${now.toISOString().slice(0, 10)}|${action}|${clientAddress}`);
}

export async function consume(
  db: Queryable,
  bucket: Buffer,
  limit: Limit,
  now: Date,
): Promise<{ allowed: boolean; retryAfterSeconds: number }> {
  const windowMs = limit.windowSeconds * 1000;
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const rows = await db.query<{ hits: number }>(
    `insert into rate_limits (bucket, window_start, hits) values ($1, $2, 1)
     on conflict (bucket, window_start) do update set hits = rate_limits.hits + 1
     returning hits`,
    [bucket, windowStart],
  );
  const hits = rows[0]?.hits ?? 1;
  const retryAfterSeconds = Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000);
  return { allowed: hits <= limit.max, retryAfterSeconds };
}

/** Throws 429 with Retry-After when the client has used up the limit. */
export async function enforce(
  db: Queryable,
  hashKey: Uint8Array,
  limit: Limit,
  clientAddress: string,
  now: Date,
  message: string,
): Promise<void> {
  const bucket = clientBucket(hashKey, limit.action, clientAddress, now);
  const { allowed, retryAfterSeconds } = await consume(db, bucket, limit, now);
  if (!allowed) {
    throw new HttpError(429, 'rate-limited', message, {
      headers: { 'retry-after': String(retryAfterSeconds) },
    });
  }
}

export async function purgeExpiredBuckets(db: Queryable, now: Date): Promise<number> {
  const rows = await db.query<{ n: number }>(
    `with gone as (delete from rate_limits where window_start < $1 returning 1) select count(*)::int as n from gone`,
    [new Date(now.getTime() - 24 * 3600 * 1000)],
  );
  return rows[0]?.n ?? 0;
}
