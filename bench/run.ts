/**
 * `npm run bench`: builds if needed, then prints each benchmark as a table with its baseline
 * measured in the same run (absolute times drift between machines; ratios do not).
 * `npm run bench -- --seconds 10` measures longer; `--only page-bytes` runs one suite;
 * `--only publish --pages 2000` publishes on a generated site of that size (default 10,000 pages).
 * PostgreSQL figures appear when BENCH_DATABASE_URL or TEST_DATABASE_URL names a server.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { attachmentsBench } from './suites/attachments.ts';
import { claimsBench } from './suites/claims.ts';
import { consoleBench } from './suites/console.ts';
import { healthThroughput } from './suites/health-throughput.ts';
import { keysRotateBench } from './suites/keys-rotate.ts';
import { lighthouseScores } from './suites/lighthouse.ts';
import { mediaBench } from './suites/media.ts';
import { pageBytes } from './suites/page-bytes.ts';
import { publishToLive } from './suites/publish.ts';
import { referralsBench } from './suites/referrals.ts';
import { reportsThroughput } from './suites/reports-throughput.ts';
import { siteBuild } from './suites/site-build.ts';
import { reachBench, refreshBench } from './suites/statistics.ts';
import { triageBench } from './suites/triage.ts';
import { webhook } from './suites/webhook.ts';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '5' },
    only: { type: 'string' },
    build: { type: 'boolean', default: false },
    // Size of the generated site for `--only publish` (a smaller one for a quick run).
    pages: { type: 'string', default: '10000' },
  },
});

// Suites that run in process need no build.
const IN_PROCESS = new Set(['media']);
if (values.build || (!existsSync('dist/server/entry.mjs') && !IN_PROCESS.has(values.only ?? ''))) {
  const built = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

const seconds = Number(values.seconds);
// PostgreSQL figures need a server: BENCH_DATABASE_URL (or TEST_DATABASE_URL) names one.
const postgresUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
const suites: Record<string, () => Promise<string>> = {
  'site-build': siteBuild,
  'page-bytes': pageBytes,
  health: () => healthThroughput(seconds),
  reports: () => reportsThroughput(seconds, postgresUrl),
  attachments: () => attachmentsBench(seconds),
  webhook: () => webhook(seconds),
  triage: () => triageBench(seconds),
  claims: () => claimsBench(seconds, postgresUrl),
  console: () => consoleBench(postgresUrl),
  lighthouse: lighthouseScores,
  publish: () => publishToLive({ pages: Number(values.pages), postgresUrl }),
  referrals: referralsBench,
  'keys-rotate': () => keysRotateBench(postgresUrl),
  statistics: () => refreshBench(postgresUrl),
  reach: () => reachBench(seconds),
  media: mediaBench,
};

process.stdout.write(`# Waymark benchmarks (${new Date().toISOString()}, node ${process.version})\n`);
for (const [name, run] of Object.entries(suites)) {
  if (values.only && values.only !== name) continue;
  process.stdout.write(await run());
}
