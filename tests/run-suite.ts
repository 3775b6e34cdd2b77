/**
 * `npm test`: every check the project has, in the order that wastes least time on two cores.
 *
 * 1. Type check, lint, the Studio's build and the build of the site the tests serve run side by
 *    side: none needs another, and each waits on its own disk and child processes part of the time.
 * 2. Unit and integration tests (Vitest).
 * 3. Browser tests (Playwright) on the same build.
 *
 * Every step and every process it starts share one Node compile cache (NODE_COMPILE_CACHE, kept in
 * node_modules/.cache): the many short-lived servers and commands the tests start read compiled
 * modules from disk instead of compiling them again.
 *
 * The first failure stops the run with that step's exit code; a table of how long each step took is
 * printed at the end either way, so a slow step is seen before it becomes a slow suite.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';

interface Step {
  name: string;
  command: string[];
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

const PHASES: Step[][] = [
  [
    { name: 'typecheck', command: [npm, 'run', '--silent', 'typecheck'] },
    { name: 'lint', command: [npm, 'run', '--silent', 'lint'] },
    { name: 'studio build', command: [npm, 'run', '--silent', 'test:studio'] },
    { name: 'test site build', command: [process.execPath, 'tests/helpers/test-site-cli.ts'] },
  ],
  [{ name: 'unit and integration tests', command: [npm, 'run', '--silent', 'test:unit'] }],
  [{ name: 'browser tests', command: [npm, 'run', '--silent', 'test:browser'] }],
];

const timings: [string, number, string][] = [];

process.env.NODE_COMPILE_CACHE ??= path.resolve('node_modules/.cache/node-compile');

function run(step: Step, parallel: boolean): Promise<number> {
  const started = performance.now();
  return new Promise((resolve) => {
    // Output of steps that run side by side is collected and printed whole, so lines do not interleave.
    const child = spawn(step.command[0]!, step.command.slice(1), {
      stdio: parallel ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    });
    const output: Buffer[] = [];
    child.stdout?.on('data', (chunk: Buffer) => output.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => output.push(chunk));
    child.on('close', (code) => {
      const seconds = (performance.now() - started) / 1000;
      timings.push([step.name, seconds, code === 0 ? 'passed' : `failed (${code})`]);
      if (parallel) {
        process.stdout.write(`\n── ${step.name} (${seconds.toFixed(0)} s) ──\n`);
        process.stdout.write(Buffer.concat(output));
      }
      resolve(code ?? 1);
    });
  });
}

function printTimings(total: number) {
  process.stdout.write('\nStep                          Seconds  Result\n');
  for (const [name, seconds, result] of timings)
    process.stdout.write(`${name.padEnd(30)}${seconds.toFixed(0).padStart(7)}  ${result}\n`);
  process.stdout.write(`${'whole suite'.padEnd(30)}${total.toFixed(0).padStart(7)}\n`);
}

const started = performance.now();
let failed = 0;
for (const phase of PHASES) {
  const codes = await Promise.all(phase.map((step) => run(step, phase.length > 1)));
  failed = codes.find((code) => code !== 0) ?? 0;
  if (failed) break;
}
printTimings((performance.now() - started) / 1000);
process.exit(failed);
