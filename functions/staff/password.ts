/** Staff passwords: Argon2id (OWASP's minimum: 19 MiB, 2 passes), via WebAssembly, no native build. */
import { randomBytes } from 'node:crypto';
import { argon2id, argon2Verify } from 'hash-wasm';

export const MIN_PASSWORD_LENGTH = 12;

export function hashPassword(password: string): Promise<string> {
  return argon2id({
    password,
    salt: randomBytes(16),
    parallelism: 1,
    iterations: 2,
    memorySize: 19_456,
    hashLength: 32,
    outputType: 'encoded',
  });
}

export async function verifyPassword(password: string, encoded: string | null): Promise<boolean> {
  if (password === '') {
    // Argon2 refuses an empty password outright; an empty form field is simply a wrong password.
    await hashPassword(' ');
    return false;
  }
  if (!encoded) {
    // Spend the same time for unknown accounts, so timing does not reveal which emails exist.
    await hashPassword(password);
    return false;
  }
  return argon2Verify({ password, hash: encoded });
}
