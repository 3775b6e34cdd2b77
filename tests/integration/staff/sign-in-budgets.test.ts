/**
 * A password alone never opens the console, and guessing is slowed without handing anyone a lock:
 * a half-signed-in session allows five codes; wrong passwords buy growing delays that end, and the
 * right password and code work after them; a completed sign-in resets the account's count.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HttpError } from '../../../functions/http/http-error.ts';
import { purgeQuietFailures } from '../../../functions/rate-limit/failure-budgets.ts';
import { readSession } from '../../../functions/staff/sessions.ts';
import {
  completeSecondFactor,
  MAX_CODE_ATTEMPTS,
  signInWithPassword,
} from '../../../functions/staff/sign-in.ts';
import { totpCode } from '../../../functions/staff/totp.ts';
import { engines, type TestDatabase } from '../../helpers/databases.ts';
import { createTestDeps, type TestDeps } from '../../helpers/deps.ts';
import { enrolledAdmin, nextStep, PASSWORD, signInFully, wrongCode } from '../../helpers/staff.ts';

const ADDRESS = '192.0.2.10';

describe.each(engines)('sign-in budgets on $name', (engine) => {
  let t: TestDatabase;
  let deps: TestDeps;
  beforeEach(async () => {
    t = await engine.create();
    deps = createTestDeps(t.db, { PUBLIC_BASE_URL: 'https://hotline.example.org' });
  });
  afterEach(() => t.dispose());

  const later = (seconds: number) => deps.setNow(new Date(deps.now().getTime() + seconds * 1000));

  /** The outcome of one password attempt: 'ok', 401, or 429 with its Retry-After. */
  async function attempt(email: string, password: string, address = ADDRESS, device: string | null = null) {
    try {
      await signInWithPassword(deps, { email, password }, address, device);
      return 'ok';
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      return error.status === 429 ? `429 after ${error.headers?.['retry-after']}s` : String(error.status);
    }
  }

  async function auditActions(action: string) {
    return t.db.query<{ subject: string | null; details: unknown }>(
      'select subject, details from audit_log where action = $1 order by seq',
      [action],
    );
  }
  const detailsOf = (row: { details: unknown }) =>
    (typeof row.details === 'string' ? JSON.parse(row.details) : row.details) as Record<string, unknown>;

  it('ends the half-signed-in session after five wrong codes; the right code on the sixth try fails', async () => {
    const secret = await enrolledAdmin(deps);
    nextStep(deps);
    const half = await signInWithPassword(deps, { email: 'admin', password: PASSWORD }, ADDRESS);
    const session = (await readSession(t.db, half.token, deps.now()))!;
    const codes: string[] = [];
    for (let i = 0; i < MAX_CODE_ATTEMPTS; i++) {
      codes.push(
        await completeSecondFactor(deps, session, wrongCode(secret, deps.now()), ADDRESS).then(
          () => 'ok',
          (e: HttpError) => e.code,
        ),
      );
    }
    expect(codes).toEqual([
      ...Array(MAX_CODE_ATTEMPTS - 1).fill('sign-in-failed'),
      'second-factor-exhausted',
    ]);
    expect(await readSession(t.db, half.token, deps.now())).toBeNull();
    await expect(
      completeSecondFactor(deps, session, totpCode(secret, deps.now()), ADDRESS),
    ).rejects.toMatchObject({ status: 401 });
    expect(await auditActions('sign-in.failed-second-factor')).toHaveLength(MAX_CODE_ATTEMPTS);
    expect(await auditActions('sign-in.second-factor-exhausted')).toHaveLength(1);
    expect(await auditActions('sign-in')).toHaveLength(0);

    // The wrong codes were failures of the account: starting over waits out a delay first.
    expect(await attempt('admin', PASSWORD)).toBe('429 after 15s');
    later(15);
    nextStep(deps);
    await signInFully(deps, 'admin', secret, ADDRESS);
    expect(await auditActions('sign-in')).toHaveLength(1);
  });

  it('counts codes sent at once against the same five attempts', async () => {
    const secret = await enrolledAdmin(deps);
    nextStep(deps);
    const half = await signInWithPassword(deps, { email: 'admin', password: PASSWORD }, ADDRESS);
    const session = (await readSession(t.db, half.token, deps.now()))!;
    const wrong = wrongCode(secret, deps.now());
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, () => completeSecondFactor(deps, session, wrong, ADDRESS)),
    );
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
    expect(await auditActions('sign-in.failed-second-factor')).toHaveLength(MAX_CODE_ATTEMPTS);
  });

  it('lets the right password and code in after a flood of wrong passwords, with growing delays', async () => {
    const secret = await enrolledAdmin(deps);
    nextStep(deps);
    const first: string[] = [];
    for (let i = 0; i < 5; i++) first.push(await attempt('admin', 'wrong password'));
    expect(first).toEqual(['401', '401', '401', '401', '401']);
    // The flood goes on; refused attempts are not failures and do not stretch the delay.
    for (let i = 0; i < 30; i++) expect(await attempt('admin', 'wrong password')).toBe('429 after 15s');
    later(5);
    expect(await attempt('admin', PASSWORD)).toBe('429 after 10s');
    later(10);
    expect(await attempt('admin', 'wrong password')).toBe('401');
    expect(await attempt('admin', 'wrong password')).toBe('429 after 30s');
    later(30);
    expect(await attempt('admin', 'wrong password')).toBe('401');
    expect(await attempt('admin', 'wrong password')).toBe('429 after 60s');
    later(60);
    nextStep(deps);
    await signInFully(deps, 'admin', secret, ADDRESS);

    // The completed sign-in reset the account's count: five free failures again.
    const after: string[] = [];
    for (let i = 0; i < 6; i++) after.push(await attempt('admin', 'wrong password'));
    expect(after).toEqual(['401', '401', '401', '401', '401', '429 after 15s']);

    const delays = (await auditActions('sign-in.delayed')).map(detailsOf);
    expect(delays.map((d) => [d.scope, d.seconds])).toEqual([
      ['account', 15],
      ['account', 30],
      ['account', 60],
      ['account', 15],
    ]);
    expect(await auditActions('sign-in.failed')).toHaveLength(12);
  });

  it('doubles the delay after each further failure, up to fifteen minutes', async () => {
    await enrolledAdmin(deps);
    for (let i = 0; i < 4; i++) expect(await attempt('admin', 'wrong password')).toBe('401');
    const refusals: string[] = [];
    for (let i = 0; i < 9; i++) {
      expect(await attempt('admin', 'wrong password')).toBe('401');
      refusals.push(await attempt('admin', 'wrong password'));
      later(15 * 60);
    }
    expect(refusals).toEqual([15, 30, 60, 120, 240, 480, 900, 900, 900].map((s) => `429 after ${s}s`));
  });

  it('forgets failures after a quiet day, and purges their rows', async () => {
    await enrolledAdmin(deps);
    for (let i = 0; i < 5; i++) expect(await attempt('admin', 'wrong password')).toBe('401');
    expect(await attempt('admin', 'wrong password')).toBe('429 after 15s');
    later(24 * 3600);
    // A fresh start: the next failure is the first again, not the sixth.
    expect(await attempt('admin', 'wrong password')).toBe('401');
    expect(await attempt('admin', 'wrong password')).toBe('401');
    later(24 * 3600 + 1);
    // The account's row, and the address's rows of both days (an address's bucket changes daily).
    expect(await purgeQuietFailures(t.db, deps.now())).toBe(3);
    expect(await t.db.query('select 1 from sign_in_failures')).toHaveLength(0);
  });

  it('delays an account flooded from many addresses, and answers alike for an account that does not exist', async () => {
    await enrolledAdmin(deps);
    const flood = async (email: string) => {
      const seen: string[] = [];
      for (let i = 0; i < 7; i++) seen.push(await attempt(email, 'wrong password', `198.51.100.${i + 1}`));
      return seen;
    };
    const expected = ['401', '401', '401', '401', '401', '429 after 15s', '429 after 15s'];
    expect(await flood('admin')).toEqual(expected);
    expect(await flood('nobody@example.org')).toEqual(expected);
  });

  it('delays one address that tries many accounts, and records the delay without the address', async () => {
    await enrolledAdmin(deps);
    const seen: string[] = [];
    for (let i = 0; i < 21; i++) seen.push(await attempt(`person${i}@example.org`, 'wrong password'));
    expect(seen.slice(0, 20).every((s) => s === '401')).toBe(true);
    expect(seen[20]).toBe('429 after 15s');
    // Another address is not held up.
    expect(await attempt('someone@example.org', 'wrong password', '203.0.113.9')).toBe('401');
    const [clientDelay] = (await auditActions('sign-in.delayed')).filter(
      (r) => detailsOf(r).scope === 'client',
    );
    expect(clientDelay?.subject).toBeNull();
    expect(JSON.stringify(clientDelay)).not.toContain('192.0.2');
  });

  it('checks at most the free attempts when many wrong passwords arrive at once', async () => {
    await enrolledAdmin(deps);
    const results = await Promise.all(Array.from({ length: 12 }, () => attempt('admin', 'wrong password')));
    expect(results.filter((r) => r === '401')).toHaveLength(5);
    expect(results.filter((r) => r.startsWith('429'))).toHaveLength(7);
  });

  it('lets the owner in from a known device while others flood the account', async () => {
    const secret = await enrolledAdmin(deps);
    nextStep(deps);
    const { device } = await signInFully(deps, 'admin', secret, ADDRESS);
    nextStep(deps);
    for (let i = 0; i < 6; i++) await attempt('admin', 'wrong password', '198.51.100.7');
    expect(await attempt('admin', PASSWORD, '198.51.100.8')).toBe('429 after 15s');
    // A device cookie tampered with, or issued to another account, is just no cookie.
    const [nonce, mac] = device.split('.');
    expect(await attempt('admin', PASSWORD, ADDRESS, `${nonce}.${mac!.slice(1)}x`)).toBe('429 after 15s');
    await signInFully(deps, 'admin', secret, ADDRESS, device);
    expect(await auditActions('sign-in')).toHaveLength(2);
  });
});
