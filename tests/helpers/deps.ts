/**
 * Handler dependencies for tests: a real database, fixed keys, a controllable clock, captured logs,
 * the real media cleaner, and a low password-hashing cost (none of these tests is about the cost,
 * and some sign in a hundred times; tests/unit/staff/password.test.ts checks the real one).
 */
import { loadConfig } from '../../functions/config/load-config.ts';
import { makeKeys } from '../../functions/config/secrets.ts';
import type { Database } from '../../functions/db/database.ts';
import type { Deps } from '../../functions/deps.ts';
import { createLogger } from '../../functions/http/logger.ts';
import { createMediaCleaner } from '../../functions/media/media-cleaner.ts';

export interface TestDeps extends Deps {
  /** Every log line written so far. */
  logLines: string[];
  setNow(date: Date): void;
}

/** Argon2id at a token cost: a hash takes well under a millisecond instead of a tenth of a second. */
export const TEST_PASSWORD_COST = { memory: 64, passes: 1 };

export function createTestDeps(db: Database, env: Record<string, string> = {}): TestDeps {
  const logLines: string[] = [];
  let now = new Date('2026-11-22T09:00:00Z');
  const config = loadConfig({ DATA_DIR: '/nonexistent-test-dir', ...env });
  return {
    db,
    config,
    keys: makeKeys({
      encryptionKey: Buffer.alloc(32, 1),
      hashKey: Buffer.alloc(32, 2),
      // As in production: the account's token when Twilio is configured, a generated one otherwise.
      twilioAuthToken: config.twilio.authToken ?? 'f'.repeat(32),
    }),
    log: createLogger('debug', (line) => logLines.push(line)),
    now: () => now,
    // The real worker pool; its workers start only for tests that send files.
    media: createMediaCleaner(),
    passwordCost: TEST_PASSWORD_COST,
    logLines,
    setNow(date) {
      now = date;
    },
  };
}
