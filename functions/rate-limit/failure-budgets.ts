/**
 * Failure budgets: they slow guessing down without handing anyone a switch that locks an account.
 * A few failures are free; after that each failure makes the next attempt wait for a delay that
 * doubles, up to a cap. Attempts refused while a delay runs are not failures, so a flood cannot
 * stretch it, and whoever comes after the delay with the right answer gets in.
 *
 * An attempt is charged before it is checked and refunded if it succeeds: a check can take a
 * while (Argon2), and charging first means a hundred attempts sent at once cannot all slip through
 * before the first failure is written. The budgets live in the database, so they hold across app
 * nodes; buckets are keyed hashes, never an email or an address.
 */
import type { Database, Queryable } from '../db/database.ts';

export interface FailurePolicy {
  /** Failures allowed before any delay. */
  free: number;
  /** The delay after the last free failure; each further failure doubles it. */
  baseSeconds: number;
  maxSeconds: number;
  /** A bucket without failures for this long starts again from zero (at most a day: rows are purged then). */
  forgetSeconds: number;
}

export interface Budget {
  bucket: Buffer;
  policy: FailurePolicy;
}

export interface Charge {
  bucket: Buffer;
  failures: number;
  /** The delay this failure imposes on the next attempt (0: none). */
  delaySeconds: number;
}

export type AttemptDecision =
  | { allowed: true; charges: Charge[] }
  | { allowed: false; retryAfterSeconds: number };

const LOCK_NAMESPACE = 0x46_41_49_4c; // "FAIL"
const PURGE_AFTER_MS = 24 * 3600 * 1000;

export function delayAfter(policy: FailurePolicy, failures: number): number {
  if (failures < policy.free) return 0;
  return Math.min(policy.maxSeconds, policy.baseSeconds * 2 ** (failures - policy.free));
}

interface State {
  failures: number;
  waitSeconds: number;
}

async function readState(tx: Queryable, budget: Budget, now: Date): Promise<State> {
  // Serialises attempts on one bucket for the length of this short transaction (never across a check).
  await tx.query('select pg_advisory_xact_lock($1::int, $2::int)', [
    LOCK_NAMESPACE,
    budget.bucket.readInt32BE(0),
  ]);
  const [row] = await tx.query<{ failures: number; last_failure_at: Date; delayed_until: Date | null }>(
    'select failures, last_failure_at, delayed_until from sign_in_failures where bucket = $1',
    [budget.bucket],
  );
  if (!row) return { failures: 0, waitSeconds: 0 };
  const forgotten = now.getTime() - row.last_failure_at.getTime() >= budget.policy.forgetSeconds * 1000;
  const wait = row.delayed_until ? Math.ceil((row.delayed_until.getTime() - now.getTime()) / 1000) : 0;
  return { failures: forgotten ? 0 : row.failures, waitSeconds: Math.max(0, wait) };
}

async function charge(tx: Queryable, budget: Budget, state: State, now: Date): Promise<Charge> {
  const failures = state.failures + 1;
  const delaySeconds = delayAfter(budget.policy, failures);
  await tx.query(
    `insert into sign_in_failures (bucket, failures, last_failure_at, delayed_until) values ($1, $2, $3, $4)
     on conflict (bucket) do update set failures = $2, last_failure_at = $3, delayed_until = $4`,
    [budget.bucket, failures, now, delaySeconds > 0 ? new Date(now.getTime() + delaySeconds * 1000) : null],
  );
  return { bucket: budget.bucket, failures, delaySeconds };
}

const inLockOrder = (budgets: readonly Budget[]) =>
  [...budgets].sort((a, b) => Buffer.compare(a.bucket, b.bucket));

/**
 * Refuses the attempt while any of its budgets is waiting out a delay; otherwise charges each one a
 * failure in advance (refund it with `refundAttempt` when the attempt succeeds).
 */
export async function takeAttempt(
  db: Database,
  budgets: readonly Budget[],
  now: Date,
): Promise<AttemptDecision> {
  return db.transaction(async (tx) => {
    const states: [Budget, State][] = [];
    for (const budget of inLockOrder(budgets)) states.push([budget, await readState(tx, budget, now)]);
    const wait = Math.max(0, ...states.map(([, s]) => s.waitSeconds));
    if (wait > 0) return { allowed: false, retryAfterSeconds: wait };
    const charges: Charge[] = [];
    for (const [budget, state] of states) charges.push(await charge(tx, budget, state, now));
    return { allowed: true, charges };
  });
}

/** The attempt succeeded: take back what `takeAttempt` charged. Any delay had already run out. */
export async function refundAttempt(db: Queryable, budgets: readonly Budget[]): Promise<void> {
  for (const { bucket } of budgets) {
    await db.query(
      'update sign_in_failures set failures = greatest(failures - 1, 0), delayed_until = null where bucket = $1',
      [bucket],
    );
  }
}

/** Charges a failure that was not taken in advance (a wrong code in an already open attempt). */
export async function chargeFailure(db: Database, budgets: readonly Budget[], now: Date): Promise<Charge[]> {
  return db.transaction(async (tx) => {
    const charges: Charge[] = [];
    for (const budget of inLockOrder(budgets))
      charges.push(await charge(tx, budget, await readState(tx, budget, now), now));
    return charges;
  });
}

export async function clearFailures(db: Queryable, buckets: readonly Buffer[]): Promise<void> {
  for (const bucket of buckets) await db.query('delete from sign_in_failures where bucket = $1', [bucket]);
}

export async function purgeQuietFailures(db: Queryable, now: Date): Promise<number> {
  const rows = await db.query<{ n: number }>(
    `with gone as (
       delete from sign_in_failures
       where last_failure_at < $1 and (delayed_until is null or delayed_until < $2) returning 1)
     select count(*)::int as n from gone`,
    [new Date(now.getTime() - PURGE_AFTER_MS), now],
  );
  return rows[0]?.n ?? 0;
}
