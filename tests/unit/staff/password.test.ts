/**
 * Password hashes: Argon2id at OWASP's minimum cost unless a caller asks otherwise, and checked at
 * the cost written in the hash, so lowering the cost for new hashes never locks out an old one.
 */
import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../../functions/staff/password.ts';
import { TEST_PASSWORD_COST } from '../../helpers/deps.ts';

const PASSWORD = 'a long enough password';

describe('password hashes', () => {
  it('hash at 19 MiB and two passes by default, in the PHC format', async () => {
    const hash = await hashPassword(PASSWORD);
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(await verifyPassword(PASSWORD, hash)).toBe(true);
    expect(await verifyPassword(`${PASSWORD}!`, hash)).toBe(false);
  });

  it('are checked at the cost they were made with, whatever the cost of new ones', async () => {
    const cheap = await hashPassword(PASSWORD, TEST_PASSWORD_COST);
    expect(cheap).toMatch(/^\$argon2id\$v=19\$m=64,t=1,p=1\$/);
    expect(await verifyPassword(PASSWORD, cheap)).toBe(true);
    const costly = await hashPassword(PASSWORD);
    expect(await verifyPassword(PASSWORD, costly, TEST_PASSWORD_COST)).toBe(true);
  });

  it('refuse an unknown account, an empty password and a malformed hash', async () => {
    expect(await verifyPassword(PASSWORD, null)).toBe(false);
    expect(await verifyPassword('', await hashPassword(PASSWORD, TEST_PASSWORD_COST))).toBe(false);
    expect(await verifyPassword(PASSWORD, '$argon2id$v=19$m=x')).toBe(false);
  });
});
