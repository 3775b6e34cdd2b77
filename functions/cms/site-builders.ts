/**
 * The two ways a publish reaches readers. In-process: `astro build` runs as a child process into a
 * fresh folder beside the live one (never into it); when it succeeds, the static site is switched
 * to the new files and the folders are renamed so a restart serves them too. Deploy hook: a POST to
 * the hosting platform's build URL. Either runs inside the rebuild queue, one at a time.
 * The on-demand part of the app (console and API, which do not read content) keeps running as it is.
 */
import { spawn } from 'node:child_process';
import { existsSync, renameSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StaticSite } from '../server/static-files.ts';

const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ASTRO = path.join(PROJECT_ROOT, 'node_modules/astro/bin/astro.mjs');

export class BuildFailedError extends Error {
  override name = 'BuildFailedError';
}

/** Runs `astro build --outDir <outDir>` from the project root; rejects with the output's tail. */
export function runAstroBuild(outDir: string, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [ASTRO, 'build', '--outDir', outDir], {
      cwd: PROJECT_ROOT,
      env: { ...env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-8000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', (error) =>
      reject(new BuildFailedError(`astro build could not start: ${error.message}`)),
    );
    child.on('exit', (code) => {
      if (code === 0) return resolve();
      // The build's last lines name the invalid document and field.
      const tail = output.trim().split('\n').slice(-25).join('\n');
      reject(new BuildFailedError(`astro build exited with ${code}:\n${tail}`));
    });
  });
}

/**
 * Builds into `<dist>.next/`, serves the new client folder, then renames it into place. The two
 * renames and the switch of the served root happen in one synchronous step, so no request sees a
 * missing folder.
 */
export function inProcessBuilder(distDir: string, site: StaticSite): () => Promise<void> {
  const dist = path.resolve(distDir);
  const next = `${dist}.next`;
  const old = `${dist}.old`;
  return async () => {
    await rm(next, { recursive: true, force: true });
    await runAstroBuild(next);
    const liveClient = path.join(dist, 'client');
    const builtClient = path.join(next, 'client');
    if (!existsSync(path.join(builtClient, 'index.html')) && !existsSync(path.join(builtClient, '404.html')))
      throw new BuildFailedError('astro build produced no pages');
    await site.reload(builtClient);
    await rm(old, { recursive: true, force: true });
    renameSync(liveClient, old);
    renameSync(builtClient, liveClient);
    site.relocate(liveClient);
    // The running server keeps its on-demand code; the new server build is not needed.
    await rm(next, { recursive: true, force: true });
    // Files already being streamed from the old folder finish before it goes.
    setTimeout(() => void rm(old, { recursive: true, force: true }), 60_000).unref();
  };
}

export function deployHookBuilder(url: string, fetcher: typeof fetch = fetch): () => Promise<void> {
  return async () => {
    const response = await fetcher(url, { method: 'POST', signal: AbortSignal.timeout(30_000) });
    if (!response.ok) throw new BuildFailedError(`The deploy hook answered ${response.status}`);
  };
}
