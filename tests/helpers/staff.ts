/** Staff accounts that have really enrolled (password and authenticator), and codes to sign in with. */
import type { Deps } from '../../functions/deps.ts';
import { firstAdminLink } from '../../functions/staff/first-admin.ts';
import { readSession } from '../../functions/staff/sessions.ts';
import { completeSecondFactor, finishSetup, signInWithPassword } from '../../functions/staff/sign-in.ts';
import { base32Encode, newTotpSecret, totpCode } from '../../functions/staff/totp.ts';
import type { TestDeps } from './deps.ts';

export const PASSWORD = 'a long enough password';

/** Opens a set-up link as its owner would: a new password and a new authenticator secret. */
export async function enrol(deps: Deps, setupLink: string): Promise<Buffer> {
  const secret = newTotpSecret();
  await finishSetup(deps, {
    token: new URL(setupLink).pathname.split('/').pop()!,
    password: PASSWORD,
    secret: base32Encode(secret),
    code: totpCode(secret, deps.now()),
  });
  return secret;
}

/** The first administrator (email `admin`), enrolled. */
export async function enrolledAdmin(deps: Deps): Promise<Buffer> {
  return enrol(deps, (await firstAdminLink(deps))!);
}

/** A code the authenticator does not show now, nor one step before or after. */
export function wrongCode(secret: Buffer, now: Date): string {
  const valid = new Set([-30_000, 0, 30_000].map((d) => totpCode(secret, new Date(now.getTime() + d))));
  for (let n = 0; ; n++) {
    const code = String(n).padStart(6, '0');
    if (!valid.has(code)) return code;
  }
}

/** Moves the clock to the next 30-second step, so a fresh code can be accepted. */
export function nextStep(deps: TestDeps): void {
  deps.setNow(new Date(deps.now().getTime() + 30_000));
}

/** Password, then the current code: the full sign-in, as the console pages do it. */
export async function signInFully(
  deps: TestDeps,
  email: string,
  secret: Buffer,
  clientAddress = '192.0.2.1',
  device: string | null = null,
): Promise<{ token: string; device: string }> {
  const half = await signInWithPassword(deps, { email, password: PASSWORD }, clientAddress, device);
  const session = (await readSession(deps.db, half.token, deps.now()))!;
  return completeSecondFactor(deps, session, totpCode(secret, deps.now()), clientAddress);
}
