/**
 * Two Waymark app nodes on one PostgreSQL behind nginx, on one machine: the smallest deployment that
 * scales out, started by one command. It is how the scaled-out setup is tried and tested (the proxy
 * test starts it through `startTwoNodes`); production runs the same pieces on separate machines
 * (deploy/waymark.service on each node, deploy/nginx/waymark-site.conf on the proxy).
 *
 *   DATABASE_URL=postgres://waymark@127.0.0.1:5432/waymark node deploy/two-nodes.ts
 *
 * Settings (environment): DATABASE_URL (required), PROXY_PORT (8080), NODE_PORTS (4331,4332),
 * STATE_DIR (./data-two-nodes: keys, the nodes' data folder, nginx's files), NGINX (nginx on PATH or
 * /usr/sbin/nginx), and any Waymark setting, passed to both nodes. Without ENCRYPTION_KEY and
 * HASH_KEY, keys are generated once into STATE_DIR/keys.env and given to both nodes: every node
 * must run with the same keys.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PROXY_RULES = path.join(ROOT, 'deploy/nginx/waymark-proxy.conf');

export interface TwoNodesOptions {
  databaseUrl: string;
  proxyPort: number;
  nodePorts: [number, number];
  stateDir: string;
  /** Settings for both nodes, on top of the ones this script sets. */
  env?: Record<string, string>;
  /** Where the proxy listens; 127.0.0.1 unless told otherwise. */
  proxyHost?: string;
  /** Called with every line a node writes (its JSON log lines). */
  onNodeLine?: (node: number, line: string) => void;
}

export interface TwoNodes {
  proxyUrl: string;
  nodeUrls: [string, string];
  /** The settings both nodes run with (keys included): what another node would need. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

function findNginx(): string {
  if (process.env.NGINX) return process.env.NGINX;
  for (const candidate of ['/usr/sbin/nginx', '/usr/bin/nginx', '/usr/local/sbin/nginx']) {
    if (existsSync(candidate)) return candidate;
  }
  const which = spawnSync('which', ['nginx'], { encoding: 'utf8' });
  if (which.status === 0) return which.stdout.trim();
  throw new Error('nginx is not installed (Debian/Ubuntu: apt-get install nginx), or set NGINX to its path');
}

/** Keys every node shares: configured ones, or generated once and kept in the state folder. */
async function sharedKeys(stateDir: string, env: Record<string, string>): Promise<Record<string, string>> {
  if (env.ENCRYPTION_KEY && env.HASH_KEY)
    return { ENCRYPTION_KEY: env.ENCRYPTION_KEY, HASH_KEY: env.HASH_KEY };
  const file = path.join(stateDir, 'keys.env');
  if (!existsSync(file)) {
    const key = () => randomBytes(32).toString('base64');
    await writeFile(file, `ENCRYPTION_KEY=${key()}\nHASH_KEY=${key()}\n`, { mode: 0o600 });
  }
  const keys: Record<string, string> = {};
  for (const line of (await readFile(file, 'utf8')).split('\n')) {
    const [name, ...value] = line.split('=');
    if (name && value.length > 0) keys[name] = value.join('=');
  }
  return keys;
}

/** nginx's own configuration around the shared proxy rules: temp files and pid in the state folder. */
export function nginxConfig(options: {
  prefix: string;
  listen: string;
  nodes: string[];
  proxyRules: string;
}): string {
  const { prefix } = options;
  return `# Written by deploy/two-nodes.ts; the proxy rules are deploy/nginx/waymark-proxy.conf.
worker_processes 1;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log crit;
events { worker_connections 1024; }
http {
  client_body_temp_path ${prefix}/tmp/body;
  proxy_temp_path ${prefix}/tmp/proxy;
  fastcgi_temp_path ${prefix}/tmp/fastcgi;
  uwsgi_temp_path ${prefix}/tmp/uwsgi;
  scgi_temp_path ${prefix}/tmp/scgi;
  upstream waymark {
${options.nodes.map((n) => `    server ${n};`).join('\n')}
    keepalive 16;
  }
  server {
    listen ${options.listen};
    include ${options.proxyRules};
  }
}
`;
}

async function waitFor(url: string, child: ChildProcess, what: string, timeoutMs = 120_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`${what} exited with code ${child.exitCode}`);
    const up = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what} did not answer at ${url}`);
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

export async function startTwoNodes(options: TwoNodesOptions): Promise<TwoNodes> {
  const nginx = findNginx();
  const stateDir = path.resolve(options.stateDir);
  const nginxDir = path.join(stateDir, 'nginx');
  for (const dir of ['tmp/body', 'tmp/proxy', 'tmp/fastcgi', 'tmp/uwsgi', 'tmp/scgi']) {
    await mkdir(path.join(nginxDir, dir), { recursive: true, mode: 0o700 });
  }
  const host = options.proxyHost ?? '127.0.0.1';
  const proxyUrl = `http://${host}:${options.proxyPort}`;
  const given = options.env ?? {};
  const env: Record<string, string> = {
    ...given,
    ...(await sharedKeys(stateDir, given)),
    DATABASE_URL: options.databaseUrl,
    PUBLIC_BASE_URL: given.PUBLIC_BASE_URL ?? proxyUrl,
    // The nodes believe X-Forwarded-For only from the proxy, and only its right-most entry.
    TRUST_PROXY: given.TRUST_PROXY ?? '127.0.0.1',
    // Both nodes on one machine share one data folder (the simulator's generated token lives
    // there); on separate machines each has its own and the same settings.
    DATA_DIR: given.DATA_DIR ?? path.join(stateDir, 'data'),
    HOST: '127.0.0.1',
    LOG_FORMAT: given.LOG_FORMAT ?? 'json',
  };
  const nodes: ChildProcess[] = [];
  let proxy: ChildProcess | undefined;
  const stop = async () => {
    if (proxy) await stopChild(proxy);
    await Promise.all(nodes.map(stopChild));
  };
  try {
    const nodeUrls = options.nodePorts.map((port) => `http://127.0.0.1:${port}`) as [string, string];
    // One node first: it runs the migrations (the others would wait on the advisory lock anyway) and,
    // on a fresh data folder, generates what must be shared.
    for (const [i, port] of options.nodePorts.entries()) {
      const child = spawn(process.execPath, [path.join(ROOT, 'functions/server/start.ts')], {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? '', ...env, PORT: String(port) },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      for (const stream of [child.stdout!, child.stderr!]) {
        stream.setEncoding('utf8');
        let partial = '';
        stream.on('data', (chunk: string) => {
          const lines = (partial + chunk).split('\n');
          partial = lines.pop() ?? '';
          for (const line of lines) options.onNodeLine?.(i, line);
        });
      }
      nodes.push(child);
      await waitFor(`${nodeUrls[i]}/api/health`, child, `app node ${i + 1}`);
    }
    const configFile = path.join(nginxDir, 'nginx.conf');
    await writeFile(
      configFile,
      nginxConfig({
        prefix: nginxDir,
        listen: `${host}:${options.proxyPort}`,
        nodes: options.nodePorts.map((p) => `127.0.0.1:${p}`),
        proxyRules: PROXY_RULES,
      }),
    );
    proxy = spawn(nginx, ['-p', nginxDir, '-c', configFile, '-g', 'daemon off;'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    await waitFor(`${proxyUrl}/api/health`, proxy, 'nginx');
    return { proxyUrl, nodeUrls, env, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

if (import.meta.main) {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    process.stderr.write(
      'Set DATABASE_URL to the PostgreSQL database both nodes share, e.g.\n' +
        '  DATABASE_URL=postgres://waymark@127.0.0.1:5432/waymark node deploy/two-nodes.ts\n',
    );
    process.exit(1);
  }
  const ports = (process.env.NODE_PORTS ?? '4331,4332').split(',').map(Number);
  const passed = Object.fromEntries(
    Object.entries(process.env).filter(
      (e): e is [string, string] =>
        e[1] !== undefined && !['PATH', 'NODE_PORTS', 'PROXY_PORT', 'STATE_DIR', 'NGINX'].includes(e[0]),
    ),
  );
  const running = await startTwoNodes({
    databaseUrl,
    proxyPort: Number(process.env.PROXY_PORT ?? 8080),
    nodePorts: [ports[0] ?? 4331, ports[1] ?? 4332],
    stateDir: process.env.STATE_DIR ?? path.join(ROOT, 'data-two-nodes'),
    env: passed,
    onNodeLine: (node, line) => process.stdout.write(`node ${node + 1} ${line}\n`),
  });
  process.stdout.write(
    `\n  Two Waymark nodes behind nginx.\n\n  Through the proxy  ${running.proxyUrl}/\n` +
      `  Node 1             ${running.nodeUrls[0]}\n  Node 2             ${running.nodeUrls[1]}\n\n` +
      '  Stop with Ctrl+C.\n\n',
  );
  const quit = () => running.stop().finally(() => process.exit(0));
  process.on('SIGINT', quit);
  process.on('SIGTERM', quit);
}
