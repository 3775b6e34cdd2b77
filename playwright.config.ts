/**
 * Browser tests: the site is built once and served once, by the real server on embedded defaults,
 * on a free port with a fresh data folder.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, testBrowserPath } from './tests/browser/chromium-path.ts';

// Workers re-read this file; the environment carries the first choice to them. The port is one the
// test servers' own helper picks (below the system's ephemeral range, so the servers other tests
// start, and their client connections, can never take it between this choice and the server's start).
process.env.WAYMARK_TEST_PORT ??= execFileSync(process.execPath, [
  '--input-type=module',
  '-e',
  `const { freePort } = await import('./bench/lib/servers.ts'); process.stdout.write(String(await freePort()));`,
])
  .toString()
  .trim();
if (!process.env.WAYMARK_TEST_DATA) {
  process.env.WAYMARK_TEST_DATA = mkdtempSync(path.join(tmpdir(), 'waymark-e2e-'));
  // A blank embedded cluster, copied rather than made by initdb (see tests/helpers/blank-data-folder.ts).
  execFileSync(process.execPath, [
    '--input-type=module',
    '-e',
    `const { withBlankDatabase } = await import('./tests/helpers/blank-data-folder.ts'); await withBlankDatabase(process.argv[1]);`,
    process.env.WAYMARK_TEST_DATA,
  ]);
}
const port = Number(process.env.WAYMARK_TEST_PORT);
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: 'tests',
  // The resilience specs hold the longest tests (15 to 25 s each): queued first, they run beside
  // the many short browser tests instead of leaving one worker idle at the end of the run.
  projects: [
    { name: 'resilience', testMatch: 'resilience/**/*.spec.ts' },
    { name: 'browser', testMatch: 'browser/**/*.spec.ts' },
  ],
  forbidOnly: !!process.env.CI,
  fullyParallel: true,
  // One more worker than the two cores: each test also waits on the server, on timers and on
  // Chromium's own processes, and a third worker keeps both cores busy meanwhile (measured on two
  // cores: 167-173 s with two workers, 160 s with three).
  workers: 3,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  timeout: 30_000,
  use: {
    baseURL,
    browserName: 'chromium',
    launchOptions: { executablePath: testBrowserPath(), args: CHROMIUM_ARGS },
    serviceWorkers: 'allow',
  },
  webServer: {
    // The build the integration tests share (dist/), made here only if it is missing or older than
    // a source file; WAYMARK_SKIP_BUILD serves dist/ as it is.
    command: process.env.WAYMARK_SKIP_BUILD
      ? 'npm run serve'
      : 'node tests/helpers/test-site-cli.ts && npm run serve',
    // Ready: the node has rendered and indexed the site, so search finds every page from the first test.
    url: `${baseURL}/api/ready`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: process.env.WAYMARK_SERVER_LOGS ? 'pipe' : 'ignore',
    stderr: 'pipe',
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: process.env.WAYMARK_TEST_DATA,
      PUBLIC_BASE_URL: baseURL,
      LOG_LEVEL: process.env.WAYMARK_LOG_LEVEL ?? 'warn',
    },
  },
});
