/**
 * Boots Waymark: validated configuration, keys, database, migrations, then the HTTP server. Any
 * problem before listening ends the process with one readable message and a non-zero exit code.
 */
import { existsSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { boot } from '../boot.ts';
import { createPublisher } from '../cms/publisher.ts';
import { ConfigError, loadConfig } from '../config/load-config.ts';
import { purgeExpiredBuckets } from '../rate-limit/rate-limit.ts';
import { escalateOverdue } from '../referrals/referral-workflow.ts';
import { purge } from '../retention/purge.ts';
import { sendDue } from '../sms/outbox.ts';
import { createTwilioSender } from '../sms/twilio-sender.ts';
import { firstAdminLink } from '../staff/first-admin.ts';
import { useLocalModel } from '../triage/model.ts';
import { type AppHandler, createServer } from './create-server.ts';
import { createStaticSite } from './static-files.ts';

const DEFAULT_DIST = fileURLToPath(new URL('../../dist/', import.meta.url));

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

export async function start(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
  let booted: Awaited<ReturnType<typeof boot>>;
  try {
    booted = await boot(config);
  } catch (error) {
    fail((error as Error).message);
  }
  const { deps, migrations } = booted;
  const { log, db } = deps;
  // A model retrained on this deployment's corrections (npm run triage:train) replaces the shipped one.
  const model = useLocalModel(config.dataDir);
  if (model.problem)
    log.warn('local triage model refused, using the shipped one', { problem: model.problem });
  log.info('triage model', { model: model.version ?? 'rules only', source: model.source });
  const DIST = config.cms.distDir ? `${config.cms.distDir}/` : DEFAULT_DIST;
  const entry = `${DIST}server/entry.mjs`;
  if (!existsSync(entry)) {
    await db.close();
    fail('Waymark is not built yet: run `npm run build` (or `npm start`, which builds first).');
  }

  const { handler } = (await import(entry)) as { handler: AppHandler };
  const site = await createStaticSite(`${DIST}client`);
  deps.publisher = createPublisher(config, site, DIST, log);
  const server = createServer({ deps, site, app: handler });

  server.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE')
      fail(`Port ${config.port} on ${config.host} is already in use: set PORT to a free port.`);
    if (error.code === 'EACCES')
      fail(`Not allowed to listen on port ${config.port}: choose a port above 1024.`);
    fail(`The server stopped: ${error.message}`);
  });
  const setupLink = await firstAdminLink(deps);
  // Also left in the data folder (owner-only) for installs where nobody watches the output.
  const linkFile = path.join(config.dataDir, 'first-admin-link.txt');
  if (setupLink) await writeFile(linkFile, `${setupLink}\n`, { mode: 0o600 });
  else await rm(linkFile, { force: true });
  server.listen(config.port, config.host, () => {
    log.info('Waymark is listening', {
      url: config.publicBaseUrl.href,
      host: config.host,
      port: config.port,
      database: db.kind,
      migrations,
    });
    if (setupLink) {
      // Printed, not logged: the link is a one-time secret for whoever started the server.
      process.stdout.write(
        `\nNo administrator has set up an account yet. Open this one-time link to do it:\n${setupLink}\n\n`,
      );
    }
  });

  // Background work every node does; all of it is safe to run on several nodes at once.
  const sender = createTwilioSender(config, deps.keys.twilioAuthToken);
  let sending = false;
  const outboxTimer = setInterval(() => {
    if (sending) return;
    sending = true;
    sendDue(deps, sender)
      .catch(() => log.error('outbox run failed', { job: 'outbox' }))
      .finally(() => {
        sending = false;
      });
  }, 1_000);
  const purgeTimer = setInterval(() => {
    purgeExpiredBuckets(db, deps.now()).catch(() => log.error('rate-limit purge failed', { job: 'purge' }));
  }, 10 * 60_000);
  const referralTimer = setInterval(() => {
    escalateOverdue(deps).catch(() => log.error('referral escalation failed', { job: 'referrals' }));
  }, 60_000);
  const retention = () =>
    purge(deps, { dryRun: false })
      .then((r) => {
        const deleted = r.due.noise.count + r.due.closed.count + r.due.referral.count;
        if (deleted > 0) log.info('retention purge', { job: 'retention', count: deleted });
      })
      .catch(() => log.error('retention purge failed', { job: 'retention' }));
  const retentionTimer = setInterval(retention, 60 * 60_000);
  void retention();

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    clearInterval(outboxTimer);
    clearInterval(purgeTimer);
    clearInterval(referralTimer);
    clearInterval(retentionTimer);
    server.close();
    server.closeIdleConnections();
    db.close().finally(() => process.exit(0));
    // Long-lived connections (live updates) must not hold the process hostage.
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

await start();
