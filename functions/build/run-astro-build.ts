/**
 * Runs `astro build --outDir <outDir>` as a child process from the project root (tests and benches
 * build sites of their own beside dist/); rejects with the output's tail, which names the invalid
 * document and field when content is at fault.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ASTRO = path.join(PROJECT_ROOT, 'node_modules/astro/bin/astro.mjs');

export class BuildFailedError extends Error {
  override name = 'BuildFailedError';
}

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
      const tail = output.trim().split('\n').slice(-25).join('\n');
      reject(new BuildFailedError(`astro build exited with ${code}:\n${tail}`));
    });
  });
}
