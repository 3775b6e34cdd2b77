/** Start-up refuses bad configuration with one clear message and a non-zero exit code. */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHILD_NODE_ARGS, childEnv } from '../../helpers/child-node.ts';

const START = path.resolve('functions/server/start.ts');

function start(
  env: Record<string, string>,
): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...CHILD_NODE_ARGS, START], {
      env: childEnv(env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, stdout });
    });
  });
}

describe('start-up', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'waymark-start-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('stops on a bad PORT, naming it', async () => {
    const result = await start({ PORT: 'http', DATA_DIR: dataDir });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('PORT');
    expect(result.stderr).not.toContain('at ');
  });

  it('stops on a malformed DATABASE_URL, naming every bad variable at once', async () => {
    const result = await start({
      DATABASE_URL: 'mysql://localhost/waymark',
      PORT: '99999',
      DATA_DIR: dataDir,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/DATABASE_URL/);
    expect(result.stderr).toMatch(/PORT/);
  });

  it('stops when the PostgreSQL server cannot be reached', async () => {
    const result = await start({ DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', DATA_DIR: dataDir });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Cannot reach the PostgreSQL server');
  });
});
