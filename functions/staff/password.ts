/**
 * Staff passwords: Argon2id (OWASP's minimum: 19 MiB, 2 passes), stored in the PHC string format.
 * Hashing takes a tenth of a second or more of CPU, so it runs on Node's thread pool
 * (`crypto.argon2`, Node 24.7 and later), where it does not stop the server answering everyone else;
 * Node versions without it use the same algorithm in WebAssembly (hash-wasm), with the same output.
 */
import * as crypto from 'node:crypto';
import { argon2id } from 'hash-wasm';

export const MIN_PASSWORD_LENGTH = 12;

interface Argon2Params {
  memory: number;
  passes: number;
  parallelism: number;
  tagLength: number;
}

/** Argon2id's work factor for new hashes: memory in KiB and passes. */
export interface PasswordCost {
  memory: number;
  passes: number;
}

export const DEFAULT_PASSWORD_COST: PasswordCost = { memory: 19_456, passes: 2 };
const PHC = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

function derive(password: string, salt: Buffer, p: Argon2Params): Promise<Buffer> {
  if (typeof crypto.argon2 === 'function') {
    return new Promise((resolve, reject) =>
      crypto.argon2('argon2id', { message: password, nonce: salt, ...p }, (error, key) =>
        error ? reject(error) : resolve(Buffer.from(key)),
      ),
    );
  }
  return argon2id({
    password,
    salt,
    parallelism: p.parallelism,
    iterations: p.passes,
    memorySize: p.memory,
    hashLength: p.tagLength,
    outputType: 'binary',
  }).then((key) => Buffer.from(key));
}

const b64 = (bytes: Buffer) => bytes.toString('base64').replace(/=+$/, '');

export async function hashPassword(password: string, cost = DEFAULT_PASSWORD_COST): Promise<string> {
  const salt = crypto.randomBytes(16);
  const { memory, passes } = cost;
  const parallelism = 1;
  const key = await derive(password, salt, { memory, passes, parallelism, tagLength: 32 });
  return `$argon2id$v=19$m=${memory},t=${passes},p=${parallelism}$${b64(salt)}$${b64(key)}`;
}

/** Checks a password against its stored hash, at the cost the hash was made with. */
export async function verifyPassword(
  password: string,
  encoded: string | null,
  cost = DEFAULT_PASSWORD_COST,
): Promise<boolean> {
  const stored = encoded ? PHC.exec(encoded) : null;
  if (!stored || password === '') {
    // Spend the same time for unknown accounts (and empty passwords, which Argon2 libraries may
    // refuse outright), so timing does not reveal which emails exist.
    await hashPassword(password || ' ', cost);
    return false;
  }
  const [, memory, passes, parallelism, salt, hash] = stored;
  const expected = Buffer.from(hash!, 'base64');
  const key = await derive(password, Buffer.from(salt!, 'base64'), {
    memory: Number(memory),
    passes: Number(passes),
    parallelism: Number(parallelism),
    tagLength: expected.length,
  });
  return crypto.timingSafeEqual(key, expected);
}
