/**
 * Staff sign-in in two steps (password, then the authenticator code) and first-time set-up.
 * Failures say only "that did not work", whichever part was wrong, and are rate-limited per client
 * and per account; every success and failure goes to the audit log.
 */
import type { Deps } from '../deps.ts';
import { HttpError } from '../http/http-error.ts';
import { enforce } from '../rate-limit/rate-limit.ts';
import { appendAudit } from './audit.ts';
import { hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from './password.ts';
import { createSession, endSession, type Session } from './sessions.ts';
import { openSetupLink, spendSetupLink } from './setup-links.ts';
import { completeSetup, staffByEmail } from './staff-store.ts';
import { base32Decode, verifyTotp } from './totp.ts';
import { openTotpSecret, sealTotpSecret } from './totp-secret.ts';

const PER_CLIENT = { action: 'staff:sign-in', max: 10, windowSeconds: 15 * 60 };
const PER_ACCOUNT = { action: 'staff:sign-in-account', max: 10, windowSeconds: 60 * 60 };

const failed = () =>
  new HttpError(401, 'sign-in-failed', 'That did not work. Check your details and try again.');

export async function signInWithPassword(
  deps: Deps,
  input: { email: string; password: string },
  clientAddress: string,
): Promise<{ token: string }> {
  const now = deps.now();
  const email = input.email.trim().toLowerCase();
  const limited = 'Too many attempts. Wait a few minutes and try again.';
  await enforce(deps.db, deps.keys.hashKey, PER_CLIENT, clientAddress, now, limited);
  await enforce(deps.db, deps.keys.hashKey, PER_ACCOUNT, email, now, limited);
  const user = await staffByEmail(deps.db, email);
  const ok =
    (await verifyPassword(input.password, user?.active ? user.password_hash : null)) && !!user?.active;
  await deps.db.transaction((tx) =>
    appendAudit(
      tx,
      deps.keys,
      { actorId: ok ? user!.id : null, action: ok ? 'sign-in.password' : 'sign-in.failed', subject: email },
      now,
    ),
  );
  if (!ok) throw failed();
  return createSession(deps.db, user!.id, 'password', now);
}

/** Checks the code and replaces the half-signed-in session with a full one (a new token). */
export async function completeSecondFactor(
  deps: Deps,
  session: Session,
  code: string,
): Promise<{ token: string }> {
  const now = deps.now();
  const user = session.user;
  if (session.stage !== 'password' || !user.totp_secret) throw failed();
  const secret = await openTotpSecret(deps.db, deps.keys, user.id, user.totp_secret);
  const step = verifyTotp(secret, code, now);
  const fresh =
    step === null
      ? []
      : await deps.db.query(
          'update staff_users set totp_last_step = $2, last_sign_in_at = $3 where id = $1 and totp_last_step < $2 returning 1',
          [user.id, step, now],
        );
  if (fresh.length === 0) {
    await deps.db.transaction((tx) =>
      appendAudit(tx, deps.keys, { actorId: user.id, action: 'sign-in.failed-second-factor' }, now),
    );
    throw failed();
  }
  await endSession(deps.db, session.idHash);
  const full = await createSession(deps.db, user.id, 'full', now);
  await deps.db.transaction((tx) =>
    appendAudit(tx, deps.keys, { actorId: user.id, action: 'sign-in', subject: user.email }, now),
  );
  return full;
}

export async function finishSetup(
  deps: Deps,
  input: { token: string; password: string; secret: string; code: string },
): Promise<void> {
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
  const passwordHash = await hashPassword(input.password);
  await deps.db.transaction(async (tx) => {
    if (!(await spendSetupLink(tx, input.token, now)))
      throw new HttpError(409, 'setup-link-used', 'This set-up link was just used.');
    await completeSetup(
      tx,
      link.userId,
      passwordHash,
      await sealTotpSecret(tx, deps.keys, link.userId, secret),
    );
    await tx.query('update staff_users set totp_last_step = $2 where id = $1', [link.userId, step]);
    await appendAudit(
      tx,
      deps.keys,
      { actorId: link.userId, action: 'staff.setup', subject: link.email },
      now,
    );
  });
}
