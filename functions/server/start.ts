/**
 * Boots Waymark: validated configuration, keys, database, migrations, then the HTTP server. Any
 * problem before listening ends the process with one readable message and a non-zero exit code.
 */
// First: it sets how the heap grows before anything else allocates.
import './heap-growth.ts';
import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { fileURLToPath } from 'node:url';
import { boot } from '../boot.ts';
import { renderBodiesAhead, WORKER_MIN_BODIES } from '../cms/bodies-ahead.ts';
import { readContentSource, syncSnapshot } from '../cms/content-source.ts';
import { createContentStore } from '../cms/content-store.ts';
import { markdownBody } from '../cms/live-entries.ts';
import { createLivePages } from '../cms/live-pages.ts';
import { createLiveSearch } from '../cms/live-search.ts';
import { ConfigError, loadConfig } from '../config/load-config.ts';
import { createJobRunner } from '../jobs/job-runner.ts';
import { waymarkJobs } from '../jobs/waymark-jobs.ts';
import { createTwilioSender } from '../sms/twilio-sender.ts';
import { createCheckpointer } from '../staff/audit-checkpoints.ts';
import { firstAdminLinkFile, publishFirstAdminLink } from '../staff/first-admin.ts';
import { useLocalModel } from '../triage/model.ts';
import { type AppHandler, createServer } from './create-server.ts';
import { routeOutputToLog } from './json-output.ts';
import { startBanner } from './start-banner.ts';
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
  // The content source answers while the database starts; a failure is reported where it is awaited.
  let sourceRead: ReturnType<typeof readContentSource> | null = readContentSource(config);
  sourceRead.catch(() => {});
  let booted: Awaited<ReturnType<typeof boot>>;
  try {
    booted = await boot(config);
  } catch (error) {
    fail((error as Error).message);
  }
  const { deps, migrations } = booted;
  // The source's Markdown bodies render on a worker thread while the snapshot is written. Not
  // sooner: opening the embedded database briefly takes a few hundred MB, and the worker's start
  // on top of it made the node's peak memory.
  const bodiesAhead = sourceRead.then(
    (read) => {
      const bodies = read.documents.flatMap((d) => markdownBody(d) ?? []);
      return bodies.length >= WORKER_MIN_BODIES ? renderBodiesAhead(bodies) : undefined;
    },
    () => undefined,
  );
  const { log, db } = deps;
  // From here on every line the server writes is JSON, Astro's and any library's included.
  routeOutputToLog(log);
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
  // What readers see is the database's content snapshot: brought up to the content source, then
  // followed (NOTIFY and a one-second poll) as publishes arrive on any node.
  try {
    const read = await sourceRead;
    // Written, the documents are the snapshot's: the start drops its reference to them.
    sourceRead = null;
    const synced = await syncSnapshot(read, db, log, deps.now());
    log.info('content snapshot', {
      job: 'content',
      source: synced.source,
      count: synced.changed,
      version: synced.seq,
    });
  } catch (error) {
    // Sanity out of reach: serve the snapshot the database already has.
    log.error('content source could not be read; serving the snapshot in the database', {
      job: 'content',
      errorName: (error as Error).name,
    });
  }
  const ahead = await bodiesAhead;
  const store = await createContentStore(db, log, { renderBody: ahead?.render });
  await ahead?.close();
  deps.content = store;
  const pages = await createLivePages({ app: handler, store, locals: { deps } });
  const search = createLiveSearch({ store, log });
  deps.searchStarted = () => search.started;
  const server = createServer({ deps, site, app: handler, live: { pages, store, search } });
  await deps.media.prepare();

  server.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE')
      fail(`Port ${config.port} on ${config.host} is already in use: set PORT to a free port.`);
    if (error.code === 'EACCES')
      fail(`Not allowed to listen on port ${config.port}: choose a port above 1024.`);
    fail(`The server stopped: ${error.message}`);
  });
  // Also left in the data folder (owner-only) for installs where nobody watches the output.
  const setupLink = await publishFirstAdminLink(deps);
  server.listen(config.port, config.host, () => {
    if (config.logFormat === 'pretty') {
      // For a person at a terminal. The link is a one-time secret: shown on a terminal, never logged.
      const terminal = process.stdout.isTTY === true;
      process.stdout.write(
        startBanner({
          config,
          migrations,
          setupLink: terminal ? setupLink : null,
          setupLinkFile: setupLink && !terminal ? firstAdminLinkFile(config) : undefined,
        }),
      );
      return;
    }
    log.info('Waymark is listening', {
      url: config.publicBaseUrl.href,
      host: config.host,
      port: config.port,
      database: db.kind,
      migrations,
    });
    if (setupLink) {
      log.warn(
        `No administrator has set up an account yet: open the one-time link in ${firstAdminLinkFile(config)}`,
      );
    }
  });

  // Background work: registered jobs (functions/jobs/), each recorded in job_runs; cluster jobs run
  // on one node at a time, node jobs on every node.
  const checkpoints = createCheckpointer({
    db,
    keys: deps.keys,
    file: config.auditCheckpointFile,
    now: deps.now,
  });
  const jobs = createJobRunner(
    deps,
    waymarkJobs(deps, { sender: createTwilioSender(config, deps.keys.twilioAuthToken), checkpoints }),
    // Stable across restarts, so a node's own jobs keep one row each.
    `${hostname()}:${config.port}`,
  );
  deps.jobs = jobs;
  await jobs.start();

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    server.close();
    server.closeIdleConnections();
    void store.stop();
    const searchStopped = search.stop().then(() => pages.close());
    void deps.media.close();
    jobs
      .stop()
      .then(() => checkpoints.flush())
      .catch(() => log.error('audit checkpoint failed', { job: 'audit-checkpoint' }))
      .then(() => Promise.all([db.close(), searchStopped]))
      .finally(() => process.exit(0));
    // Long-lived connections (live updates) must not hold the process hostage.
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

await start();
