/**
 * Which failure budgets a sign-in attempt spends. From a known device: that device's own. From
 * anywhere else: the account's (whether or not the account exists, so the answers never tell) and
 * the client address's, which stops one address trying many accounts. The client's bucket changes
 * every day, like every other bucket made from an address.
 */
import { keyedHash } from '../crypto/keyed-hash.ts';
import type { Budget, FailurePolicy } from '../rate-limit/failure-budgets.ts';

export type BudgetScope = 'account' | 'client' | 'device';
export interface ScopedBudget extends Budget {
  scope: BudgetScope;
}

const FIFTEEN_MINUTES = 15 * 60;

/** Five free failures, then 15 s, 30 s, 1 min, ... up to 15 min between attempts. */
const ACCOUNT: FailurePolicy = {
  free: 5,
  baseSeconds: 15,
  maxSeconds: FIFTEEN_MINUTES,
  forgetSeconds: 24 * 3600,
};
/** An office behind one address shares it: more free failures, forgotten after a quiet hour. */
export const CLIENT_FREE_FAILURES = 20;
const CLIENT: FailurePolicy = {
  free: CLIENT_FREE_FAILURES,
  baseSeconds: 15,
  maxSeconds: FIFTEEN_MINUTES,
  forgetSeconds: 3600,
};

const bucket = (hashKey: Uint8Array, value: string) => keyedHash(hashKey, 'sign-in-failures', value);

export function accountBudget(hashKey: Uint8Array, email: string): ScopedBudget {
  return {
    scope: 'account',
    policy: ACCOUNT,
    bucket: bucket(hashKey, `account|${email.trim().toLowerCase()}`),
  };
}

export function clientBudget(hashKey: Uint8Array, clientAddress: string, now: Date): ScopedBudget {
  const day = now.toISOString().slice(0, 10);
  return { scope: 'client', policy: CLIENT, bucket: bucket(hashKey, `client|${day}|${clientAddress}`) };
}

/** A known device's budget, from its id (known-devices.ts) or from the bucket a session kept. */
export function deviceBudget(hashKey: Uint8Array, device: { id: string } | { bucket: Buffer }): ScopedBudget {
  return {
    scope: 'device',
    policy: ACCOUNT,
    bucket: 'bucket' in device ? device.bucket : bucket(hashKey, `device|${device.id}`),
  };
}

export function attemptBudgets(
  hashKey: Uint8Array,
  attempt: { email: string; clientAddress: string; deviceId: string | null },
  now: Date,
): ScopedBudget[] {
  if (attempt.deviceId) return [deviceBudget(hashKey, { id: attempt.deviceId })];
  return [accountBudget(hashKey, attempt.email), clientBudget(hashKey, attempt.clientAddress, now)];
}
