/**
 * Staff sign-in in two steps (password, then the authenticator code) and first-time set-up.
 * Failures say only "that did not work", whichever part was wrong. Failures (never successes) are
 * budgeted per account, per client address and per known device: after a few, the next attempt
 * waits for a growing delay (sign-in-budgets.ts), which nobody can stretch into a lock-out. A
 * half-signed-in session allows a few codes and then ends. Every success, failure and delay goes to
 * the audit log.
 */
import type { Deps } from '../deps.ts';
import { HttpError } from '../http/http-error.ts';
import {
  type Charge,
  chargeFailure,
  clearFailures,
  refundAttempt,
  takeAttempt,
} from '../rate-limit/failure-budgets.ts';
import { appendAudit } from './audit.ts';
import { removeFirstAdminLinkFile } from './first-admin.ts';
import { issueDevice, recogniseDevice } from './known-devices.ts';
import { hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from './password.ts';
import { createSession, type Session } from './sessions.ts';
import { openSetupLink, spendSetupLink } from './setup-links.ts';
import {
  accountBudget,
  attemptBudgets,
  clientBudget,
  deviceBudget,
  type ScopedBudget,
} from './sign-in-budgets.ts';
import { completeSetup, staffByEmail } from './staff-store.ts';
import { base32Decode, verifyTotp } from './totp.ts';
import { openTotpSecret, sealTotpSecret } from './totp-secret.ts';

/** Codes one half-signed-in session may try before it ends and the password is needed again. */
export const MAX_CODE_ATTEMPTS = 5;

const failed = () =>
  new HttpError(401, 'sign-in-failed', 'That did not work. Check your details and try again.');

/** Writes the delays that failures just imposed; the client's budget is recorded without its address. */
async function auditDelays(
  deps: Deps,
  budgets: ScopedBudget[],
  charges: Charge[],
  subject: { actorId: string | null; email: string },
  now: Date,
): Promise<void> {
  const imposed = charges.filter((c) => c.delaySeconds > 0);
  if (imposed.length === 0) return;
  await deps.db.transaction(async (tx) => {
    for (const charge of imposed) {
      const scope = budgets.find((b) => b.bucket.equals(charge.bucket))?.scope ?? 'account';
      await appendAudit(
        tx,
        deps.keys,
        {
          actorId: subject.actorId,
          action: 'sign-in.delayed',
          subject: scope === 'client' ? undefined : subject.email,
          details: { scope, failures: charge.failures, seconds: charge.delaySeconds },
        },
        now,
      );
    }
  });
}

export async function signInWithPassword(
  deps: Deps,
  input: { email: string; password: string },
  clientAddress: string,
  /** The known-device cookie the browser sent, if any (known-devices.ts). */
  device: string | null = null,
): Promise<{ token: string }> {
  const now = deps.now();
  const email = input.email.trim().toLowerCase();
  const user = await staffByEmail(deps.db, email);
  const deviceId = user ? recogniseDevice(deps.keys.hashKey, user.id, device) : null;
  const budgets = attemptBudgets(deps.keys.hashKey, { email, clientAddress, deviceId }, now);
  const decision = await takeAttempt(deps.db, budgets, now);
  if (!decision.allowed) {
    throw new HttpError(429, 'sign-in-delayed', 'Too many attempts. Wait a few minutes and try again.', {
      headers: { 'retry-after': String(decision.retryAfterSeconds) },
    });
  }
  const ok =
    (await verifyPassword(input.password, user?.active ? user.password_hash : null, deps.passwordCost)) &&
    !!user?.active;
  if (!ok) {
    await deps.db.transaction((tx) =>
      appendAudit(
        tx,
        deps.keys,
        { actorId: null, action: 'sign-in.failed', subject: email, details: { step: 'password' } },
        now,
      ),
    );
    await auditDelays(deps, budgets, decision.charges, { actorId: null, email }, now);
    throw failed();
  }
  // A right password is not a failure; only the whole sign-in clears the account's budget.
  await refundAttempt(deps.db, budgets);
  await deps.db.transaction((tx) =>
    appendAudit(tx, deps.keys, { actorId: user!.id, action: 'sign-in.password', subject: email }, now),
  );
  const deviceBucket = budgets.find((b) => b.scope === 'device')?.bucket ?? null;
  return createSession(deps.db, user!.id, 'password', now, deviceBucket);
}

/**
 * Checks the code and replaces the half-signed-in session with a full one (a new token). Returns
 * the session token and a fresh known-device token for the browser to keep.
 */
export async function completeSecondFactor(
  deps: Deps,
  session: Session,
  code: string,
  clientAddress: string,
): Promise<{ token: string; device: string }> {
  const now = deps.now();
  const user = session.user;
  if (session.stage !== 'password' || !user.totp_secret) throw failed();
  // Take one of the session's attempts before looking at the code, so that codes sent at once
  // cannot together go past the limit.
  const [attempt] = await deps.db.query<{ code_attempts: number; device_bucket: Uint8Array | null }>(
    `update staff_sessions set code_attempts = code_attempts + 1
     where id_hash = $1 and stage = 'password' and code_attempts < $2
     returning code_attempts, device_bucket`,
    [session.idHash, MAX_CODE_ATTEMPTS],
  );
  if (!attempt) throw failed();
  const secret = await openTotpSecret(deps.db, deps.keys, user.id, user.totp_secret);
  const step = verifyTotp(secret, code, now);
  const full =
    step === null
      ? null
      : await deps.db.transaction(async (tx) => {
          // A code is accepted once: a step at or before the last accepted one is a replay.
          const fresh = await tx.query(
            'update staff_users set totp_last_step = $2, last_sign_in_at = $3 where id = $1 and totp_last_step < $2 returning 1',
            [user.id, step, now],
          );
          if (fresh.length === 0) return null;
          const ended = await tx.query(
            `delete from staff_sessions where id_hash = $1 and stage = 'password' returning 1`,
            [session.idHash],
          );
          // The session ended meanwhile (its last attempt was used up): undo, and start over.
          if (ended.length === 0) throw failed();
          const created = await createSession(tx, user.id, 'full', now);
          await appendAudit(tx, deps.keys, { actorId: user.id, action: 'sign-in', subject: user.email }, now);
          return created;
        });
  const deviceBucket = attempt.device_bucket ? Buffer.from(attempt.device_bucket) : null;
  if (full) {
    const cleared = [accountBudget(deps.keys.hashKey, user.email).bucket];
    if (deviceBucket) cleared.push(deviceBucket);
    await clearFailures(deps.db, cleared);
    return { token: full.token, device: issueDevice(deps.keys.hashKey, user.id) };
  }
  // Charged to the budgets that let the password through, so that knowing the password does not
  // buy endless rounds of codes.
  const budgets = deviceBucket
    ? [deviceBudget(deps.keys.hashKey, { bucket: deviceBucket })]
    : [accountBudget(deps.keys.hashKey, user.email), clientBudget(deps.keys.hashKey, clientAddress, now)];
  const charges = await chargeFailure(deps.db, budgets, now);
  const exhausted = attempt.code_attempts >= MAX_CODE_ATTEMPTS;
  await deps.db.transaction(async (tx) => {
    await appendAudit(
      tx,
      deps.keys,
      {
        actorId: user.id,
        action: 'sign-in.failed-second-factor',
        subject: user.email,
        details: { attempt: attempt.code_attempts },
      },
      now,
    );
    if (exhausted) {
      await tx.query('delete from staff_sessions where id_hash = $1', [session.idHash]);
      await appendAudit(
        tx,
        deps.keys,
        { actorId: user.id, action: 'sign-in.second-factor-exhausted', subject: user.email },
        now,
      );
    }
  });
  await auditDelays(deps, budgets, charges, { actorId: user.id, email: user.email }, now);
  if (exhausted) {
    throw new HttpError(
      401,
      'second-factor-exhausted',
      'Too many wrong codes. Sign in again with your password.',
    );
  }
  throw failed();
}

export async function finishSetup(
  deps: Deps,
  input: { token: string; password: string; secret: string; code: string },
): Promise<{ userId: string; email: string }> {
  const now = deps.now();
  const link = await openSetupLink(deps.db, input.token, now);
  if (!link)
    throw new HttpError(
      404,
      'setup-link-invalid',
      'This set-up link has expired or was already used. Ask an administrator for a new one.',
    );
  if (input.password.length < MIN_PASSWORD_LENGTH) {
    throw new HttpError(
      422,
      'password-too-short',
      `Choose a password of at least ${MIN_PASSWORD_LENGTH} characters.`,
      {
        fields: [{ field: 'password', message: `At least ${MIN_PASSWORD_LENGTH} characters.` }],
      },
    );
  }
  let secret: Buffer;
  try {
    secret = base32Decode(input.secret);
  } catch {
    throw new HttpError(400, 'setup-secret-invalid', 'The set-up form was changed. Open the link again.');
  }
  const step = secret.length >= 16 ? verifyTotp(secret, input.code, now) : null;
  if (step === null) {
    throw new HttpError(
      422,
      'code-wrong',
      'That code does not match. Check the time on your phone and try the newest code.',
      {
        fields: [{ field: 'code', message: 'That code does not match.' }],
      },
    );
  }
  const passwordHash = await hashPassword(input.password, deps.passwordCost);
  await deps.db.transaction(async (tx) => {
    if (
      !(await spendSetupLink(tx, input.token, now)) ||
      !(await completeSetup(
        tx,
        link.userId,
        passwordHash,
        await sealTotpSecret(tx, deps.keys, link.userId, secret),
      ))
    )
      throw new HttpError(409, 'setup-link-used', 'This set-up link was just used.');
    await tx.query('update staff_users set totp_last_step = $2 where id = $1', [link.userId, step]);
    await appendAudit(
      tx,
      deps.keys,
      { actorId: link.userId, action: 'staff.setup', subject: link.email },
      now,
    );
  });
  if (link.role === 'admin') await removeFirstAdminLinkFile(deps.config);
  return { userId: link.userId, email: link.email };
}

/**
 * Set-up proved the password and a fresh code, as a sign-in does, so the console's set-up page ends
 * signed in: the code just used (which a sign-in would refuse as a replay) is not asked for again.
 */
export async function signInAfterSetup(
  deps: Deps,
  user: { userId: string; email: string },
): Promise<{ token: string; device: string }> {
  const now = deps.now();
  const session = await deps.db.transaction(async (tx) => {
    await tx.query('update staff_users set last_sign_in_at = $2 where id = $1', [user.userId, now]);
    const created = await createSession(tx, user.userId, 'full', now);
    await appendAudit(tx, deps.keys, { actorId: user.userId, action: 'sign-in', subject: user.email }, now);
    return created;
  });
  return { token: session.token, device: issueDevice(deps.keys.hashKey, user.userId) };
}
