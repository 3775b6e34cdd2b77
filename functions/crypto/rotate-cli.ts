/**
 * `npm run keys:rotate`: replaces the master key (ENCRYPTION_KEY) and re-wraps every record key.
 *
 * - Embedded keys (DATA_DIR/secrets.json): generates the new key, keeps the previous one in the
 *   file until every record key is re-wrapped (a run that stops half-way resumes), then removes it.
 *   With PGlite, stop the server first: the command says so if it is running.
 * - Configured keys: set ENCRYPTION_KEY to the new key and ENCRYPTION_KEY_PREVIOUS to the current
 *   one, here and on every app node (nodes with both read either), then run this. PostgreSQL nodes
 *   may keep serving meanwhile.
 *
 * It ends by saying which key may now be destroyed.
 */
import { randomBytes } from 'node:crypto';
import { cliLogger, openWithKeys } from '../boot.ts';
import { ConfigError, loadConfig } from '../config/load-config.ts';
import { makeKeys, readSecrets, secretsFile, writeSecrets } from '../config/secrets.ts';
import { appendAudit } from '../staff/audit.ts';
import { writeCheckpoint } from '../staff/audit-checkpoints.ts';
import { registerKeys } from './key-registry.ts';
import { rotateMasterKey } from './rotate-master-key.ts';

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

try {
  const config = loadConfig();
  const embedded = !config.configuredKeys.encryptionKey;
  if (!embedded && !config.configuredKeys.previousEncryptionKey) {
    fail(
      'To rotate a configured master key, set ENCRYPTION_KEY to the new key (openssl rand -base64 32) and ENCRYPTION_KEY_PREVIOUS to the current one, here and on every app node, then run npm run keys:rotate again.',
    );
  }
  const opened = await openWithKeys(config, cliLogger(), { existing: true });
  const { db } = opened;
  let keys = opened.keys;
  if (embedded && !keys.previousMaster) {
    const stored = await readSecrets(config);
    const next = randomBytes(32);
    // The new key is on disk, beside the old, before anything is wrapped with it.
    await writeSecrets(config, {
      ...stored,
      encryptionKey: next.toString('base64'),
      previousEncryptionKey: stored.encryptionKey,
    });
    keys = makeKeys({
      encryptionKey: next,
      previousEncryptionKey: keys.master.key,
      hashKey: keys.hashKey,
      twilioAuthToken: keys.twilioAuthToken,
    });
    await registerKeys(db, keys);
  }
  if (!keys.previousMaster) fail('There is no previous master key to rotate from.');
  const started = performance.now();
  let reported = 0;
  const rotation = await rotateMasterKey(db, keys, {
    onProgress: (r) => {
      if (r.dataKeys - reported < 10_000) return;
      reported = r.dataKeys;
      process.stderr.write(`re-wrapped ${r.dataKeys} record keys so far\n`);
    },
  });
  const seconds = (performance.now() - started) / 1000;
  const now = new Date();
  await db.transaction((tx) =>
    appendAudit(
      tx,
      keys,
      {
        actorId: null,
        action: 'keys.rotate',
        details: {
          from: rotation.from,
          to: rotation.to,
          dataKeys: rotation.dataKeys,
          partnerKeys: rotation.wrappingKeys,
          via: 'cli',
        },
      },
      now,
    ),
  );
  await writeCheckpoint(db, keys, config.auditCheckpointFile, now);
  await db.close();
  if (embedded) {
    const { previousEncryptionKey: _gone, ...rest } = await readSecrets(config);
    await writeSecrets(config, rest);
  }
  process.stdout.write(
    `Rotated the master key from ${rotation.from} to ${rotation.to} in ${seconds.toFixed(1)} s: ${rotation.dataKeys} record keys re-wrapped, ${rotation.wrappingKeys} partner keys renewed (${rotation.childKeys} referral keys re-wrapped under them).\n` +
      `Master key ${rotation.from} is retired: nothing in the database needs it any more.\n` +
      (embedded
        ? `It was removed from ${secretsFile(config)}. Destroy every other copy of it (older backups of that file) and back up the new file.\n`
        : 'Remove ENCRYPTION_KEY_PREVIOUS from every app node and destroy every copy of the old key.\n') +
      'Database backups taken before now still open records purged before now until that key is destroyed.\n',
  );
} catch (error) {
  fail(error instanceof ConfigError ? error.message : (error as Error).message);
}
