/**
 * "201 means committed": a server is killed with SIGKILL in the middle of a burst of reports, and
 * after a restart every report that got its 201 is there, on PGlite and on PostgreSQL.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import postgres from 'postgres';
import { type Running, startWaymark } from '../../bench/lib/servers.ts';
import { type Challenge, solveChallenge } from '../../functions/reports/proof-of-work.ts';
import { withBlankDatabase } from '../helpers/blank-data-folder.ts';

async function submit(url: string, n: number): Promise<string | null> {
  const client = `10.9.${(n >> 8) & 255}.${n & 255}`;
  try {
    const challenge = (await (
      await fetch(`${url}/api/reports/challenge`, { headers: { 'x-forwarded-for': client } })
    ).json()) as Challenge;
    const response = await fetch(`${url}/api/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': client },
      body: JSON.stringify({
        description: `Burst report number ${n}: workers locked in`,
        locale: 'en',
        altcha: solveChallenge(challenge),
      }),
    });
    if (response.status !== 201) return null;
    return (await response.json()).receipt;
  } catch {
    return null; // the server died mid-request: no 201, no promise made
  }
}

async function burstAndKill(server: Running): Promise<string[]> {
  const receipts: string[] = [];
  let n = 0;
  let killed = false;
  const workers = Array.from({ length: 8 }, async () => {
    while (!killed) {
      // A 201 that arrived, even a moment before the kill, is a promise that must hold.
      const receipt = await submit(server.url, n++);
      if (receipt) receipts.push(receipt);
    }
  });
  // Killed once a few reports are acknowledged, with more in flight; counted rather than timed,
  // so a busy machine (each report solves its proof of work first) still gets there.
  const until = Date.now() + 30_000;
  while (receipts.length < 8 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
  server.child.kill('SIGKILL');
  killed = true;
  await Promise.all(workers);
  return receipts;
}

async function expectAllPresent(url: string, receipts: string[]) {
  for (const [i, receipt] of receipts.entries()) {
    const response = await fetch(`${url}/api/reports/lookup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.8.${(i >> 8) & 255}.${i & 255}` },
      body: JSON.stringify({ receipt }),
    });
    expect(response.status, receipt).toBe(200);
  }
}

test.describe.configure({ mode: 'serial', timeout: 120_000 });

test('PGlite keeps every acknowledged report through kill -9', async () => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'waymark-kill-'));
  let second: Running | undefined;
  try {
    const first = await startWaymark(
      { DATA_DIR: dataDir, TRUST_PROXY: '1' },
      { beforeStart: withBlankDatabase },
    );
    const receipts = await burstAndKill(first);
    expect(receipts.length).toBeGreaterThan(5);
    second = await startWaymark({ DATA_DIR: dataDir, TRUST_PROXY: '1' });
    await expectAllPresent(second.url, receipts);
  } finally {
    await second?.stop();
    await rm(dataDir, { recursive: true, force: true, maxRetries: 5 });
  }
});

test('PostgreSQL keeps every acknowledged report through kill -9', async () => {
  test.skip(!process.env.TEST_DATABASE_URL, 'TEST_DATABASE_URL is not set');
  const admin = postgres(process.env.TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
  const name = `waymark_kill_${Date.now()}`;
  await admin.unsafe(`create database ${name}`);
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/${name}`;
  const dataDir = await mkdtemp(path.join(tmpdir(), 'waymark-kill-pg-'));
  let second: Running | undefined;
  try {
    const env = { DATA_DIR: dataDir, DATABASE_URL: url.href };
    const first = await startWaymark({ ...env, TRUST_PROXY: '1' });
    const receipts = await burstAndKill(first);
    expect(receipts.length).toBeGreaterThan(5);
    second = await startWaymark({ ...env, TRUST_PROXY: '1' });
    await expectAllPresent(second.url, receipts);
  } finally {
    await second?.stop();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
    await rm(dataDir, { recursive: true, force: true, maxRetries: 5 });
  }
});
