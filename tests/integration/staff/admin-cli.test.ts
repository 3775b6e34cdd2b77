/**
 * `npm run admin` works on the database the server uses and on no other: a missing database is
 * refused unless --create-database says so (a wrong DATA_DIR must not quietly make a second, empty
 * one and print a link for it), and while the embedded server runs the command points to its staff
 * page instead.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHILD_NODE_ARGS, childEnv } from '../../helpers/child-node.ts';

const PUBLIC = 'https://hotline.example.org';

function admin(env: Record<string, string>, ...extra: string[]) {
  return spawnSync(
    process.execPath,
    [
      ...CHILD_NODE_ARGS,
      'functions/staff/admin-cli.ts',
      'create-user',
      '--email',
      'ana@example.org',
      '--role',
      'operator',
      ...extra,
    ],
    { env: childEnv({ PUBLIC_BASE_URL: PUBLIC, ...env }), encoding: 'utf8', timeout: 150_000 },
  );
}

// Each run starts a process that opens (or creates) PGlite: seconds, more on a busy machine.
describe('npm run admin on the embedded database', { timeout: 180_000 }, () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'waymark-admin-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('refuses a data folder that holds no database, and creates nothing', () => {
    const result = admin({ DATA_DIR: dataDir });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('There is no Waymark database yet');
    expect(result.stderr).toContain(`DATA_DIR=${dataDir}`);
    expect(result.stderr).toContain('--create-database');
    expect(result.stdout).toBe('');
    expect(existsSync(path.join(dataDir, 'pglite'))).toBe(false);
  });

  it('creates the database when told to, and says where the account went', () => {
    const result = admin({ DATA_DIR: dataDir }, '--create-database');
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain(`in the embedded database in ${path.join(dataDir, 'pglite')}`);
    expect(result.stdout).toMatch(new RegExp(`${PUBLIC}/console/setup/\\S+`));
    expect(result.stdout).toContain(`${PUBLIC}/console/staff`);
    const again = admin({ DATA_DIR: dataDir });
    expect(again.stderr).not.toContain('There is no Waymark database yet');
  });

  it('points to the staff page while a server holds the embedded database', async () => {
    expect(admin({ DATA_DIR: dataDir }, '--create-database').status).toBe(0);
    // A live process that owns the folder, as a running server does.
    const owner: ChildProcess = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)']);
    try {
      await writeFile(`${path.join(dataDir, 'pglite')}.lock`, String(owner.pid));
      const result = admin({ DATA_DIR: dataDir });
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(`process ${owner.pid}`);
      expect(result.stderr).toContain(`${PUBLIC}/console/staff`);
      expect(result.stdout).not.toContain('/console/setup/');
    } finally {
      owner.kill();
    }
  });
});

describe('the other operator commands on a data folder that holds no database', () => {
  const COMMANDS: [string, string[]][] = [
    ['audit:verify', ['functions/staff/audit-verify-cli.ts']],
    ['keys:rotate', ['functions/crypto/rotate-cli.ts']],
    ['retention', ['functions/retention/purge-cli.ts', '--dry-run']],
    ['directory:export --partners', ['functions/directory/export-cli.ts', '--partners', 'hsds-out']],
    ['triage:train', ['functions/triage/train-cli.ts']],
  ];
  for (const [name, args] of COMMANDS) {
    it(`npm run ${name} refuses, creating nothing`, async () => {
      const dataDir = await mkdtemp(path.join(tmpdir(), 'waymark-operator-'));
      try {
        const result = spawnSync(process.execPath, [...CHILD_NODE_ARGS, ...args], {
          env: childEnv({ DATA_DIR: dataDir }),
          cwd: process.cwd(),
          encoding: 'utf8',
          timeout: 60_000,
        });
        expect(result.status, result.stderr).toBe(1);
        expect(result.stderr).toContain(`There is no Waymark database yet: the embedded database in`);
        expect(result.stderr).toContain(`DATA_DIR=${dataDir}`);
        expect(await readdir(dataDir)).toEqual([]);
      } finally {
        await rm(dataDir, { recursive: true, force: true });
      }
    });
  }
});

describe.skipIf(!process.env.TEST_DATABASE_URL)('npm run admin on PostgreSQL', { timeout: 180_000 }, () => {
  it('refuses a database where Waymark never started, unless told to create it', async () => {
    const server = postgres(process.env.TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
    const name = `waymark_admin_${Date.now()}`;
    await server.unsafe(`create database ${name}`);
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = `/${name}`;
    const dataDir = await mkdtemp(path.join(tmpdir(), 'waymark-admin-pg-'));
    try {
      const refused = admin({ DATABASE_URL: url.href, DATA_DIR: dataDir });
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain('the PostgreSQL database in DATABASE_URL');
      const created = admin({ DATABASE_URL: url.href, DATA_DIR: dataDir }, '--create-database');
      expect(created.status, created.stderr).toBe(0);
      expect(created.stdout).toContain('/console/setup/');
    } finally {
      await server.unsafe(`drop database if exists ${name} with (force)`);
      await server.end();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
