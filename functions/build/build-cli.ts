/**
 * `npm run build`: runs `astro build` and tells a person what happened in a few lines, with a
 * progress count while the pages are written, instead of Astro's line per page. The whole output is
 * kept: `--verbose` passes it through, and a failed build prints its last lines so the error is in
 * front of the reader. Exits with Astro's exit code.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { summariseBuild } from './build-summary.ts';
import { BUILD_NODE_FLAGS } from './run-astro-build.ts';

const verbose = process.argv.includes('--verbose');
// The project's own Astro, whatever npm linked into node_modules/.bin.
const astroBin = fileURLToPath(new URL('../../node_modules/astro/bin/astro.mjs', import.meta.url));
const started = performance.now();
const tty = process.stdout.isTTY === true;
const summary = summariseBuild();
const lines: string[] = [];
const KEEP = 400;

const child = spawn(process.execPath, [...BUILD_NODE_FLAGS, astroBin, 'build'], {
  stdio: ['ignore', 'pipe', 'pipe'],
  env: { ...process.env, FORCE_COLOR: verbose && tty ? '1' : '0' },
});

let lastShown = 0;
function progress(final = false) {
  if (!tty || verbose) return;
  const now = performance.now();
  if (!final && now - lastShown < 150) return;
  lastShown = now;
  process.stdout.write(`\r\x1b[2K  ${summary.progressLine()}`);
}

let pending = '';
function take(chunk: Buffer) {
  if (verbose) process.stdout.write(chunk);
  pending += chunk.toString('utf8');
  const parts = pending.split('\n');
  pending = parts.pop() ?? '';
  for (const line of parts) {
    lines.push(line);
    if (lines.length > KEEP) lines.shift();
    summary.read(line);
  }
  progress();
}
child.stdout.on('data', take);
child.stderr.on('data', take);

if (!verbose) process.stdout.write('Building the site (npm run build -- --verbose shows every step)\n');
child.on('close', (code) => {
  if (pending) summary.read(pending);
  progress(true);
  if (tty && !verbose) process.stdout.write('\n');
  const seconds = (performance.now() - started) / 1000;
  if (code === 0) {
    for (const line of summary.report(seconds)) process.stdout.write(`  ${line}\n`);
    return;
  }
  if (!verbose) {
    process.stderr.write(`The build failed after ${seconds.toFixed(1)} s. Its last lines:\n`);
    for (const line of lines.slice(-40)) process.stderr.write(`${line}\n`);
  }
  process.exit(code ?? 1);
});
