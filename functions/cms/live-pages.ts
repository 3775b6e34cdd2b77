/**
 * Content pages served from the database's content snapshot. A page is rendered on first request
 * at the node's current publish version, by the same Astro page component the build prerenders
 * (its twin route under `/_content/`), then kept brotli- and gzip-compressed for that version. A
 * publish moves the node to a new version and the next request renders afresh, so a change is
 * live as soon as the node has read it. Renders go through a loopback listener that only answers
 * `/_content/` paths, inside the scope that hands the page the version's content.
 */
import { createHash } from 'node:crypto';
import {
  Agent,
  createServer,
  type IncomingMessage,
  request,
  type Server,
  type ServerResponse,
} from 'node:http';
import { promisify } from 'node:util';
import { brotliDecompress } from 'node:zlib';
import { type LiveContent, liveContentScope } from '#kernel/content/live-content.ts';
import { isLivePath, LIVE_PREFIX } from '#kernel/content/live-routes.ts';
import { contentTypeFor, pickEncoding } from '../server/content-types.ts';
import type { RequestLocals } from '../server/create-server.ts';
import { compressPair, ownCopy } from '../server/precompress.ts';
import type { ContentStore } from './content-store.ts';

const unbrotli = promisify(brotliDecompress);

type NodeHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  next: (error?: unknown) => void,
  locals: RequestLocals,
) => void | Promise<void>;

interface RenderedPage {
  status: number;
  type: string;
  etag: string;
  br: Buffer;
  gzip: Buffer;
}

export interface LivePages {
  /** Whether this path is a content page (rendered here, never from the build's files). */
  handles(pathname: string): boolean;
  /**
   * Answers a GET/HEAD for a content page; resolves false when there is no such page (a deleted
   * document, an unknown slug), for the caller's 404.
   */
  serve(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<boolean>;
  readonly version: number;
  close(): Promise<void>;
}

const VERSION_HEADER = 'x-waymark-render';
/** Pages kept per version; beyond it the oldest rendered go first (they render again on demand). */
const MAX_CACHED = 20_000;

export async function createLivePages(options: {
  app: NodeHandler;
  store: ContentStore;
  locals: Omit<RequestLocals, 'socketAddress'>;
}): Promise<LivePages> {
  const { app, store } = options;
  /** Renders under way, by the id their loopback request carries: the content they render from. */
  const inFlight = new Map<string, LiveContent>();
  let renderCount = 0;
  const loopback: Server = createServer((req, res) => {
    const content = inFlight.get(String(req.headers[VERSION_HEADER]));
    if (!content || !req.url?.startsWith(`${LIVE_PREFIX}/`)) {
      res.writeHead(404).end();
      return;
    }
    const locals: RequestLocals = { ...options.locals, socketAddress: req.socket.remoteAddress };
    void liveContentScope.run(content, () => app(req, res, () => res.writeHead(404).end(), locals));
  });
  loopback.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve) => loopback.listen(0, '127.0.0.1', resolve));
  const port = (loopback.address() as import('node:net').AddressInfo).port;
  // Node's own client on kept-alive connections: fetch's streams cost more than the request itself.
  const agent = new Agent({ keepAlive: true });

  let cacheVersion = -1;
  let cache = new Map<string, Promise<RenderedPage>>();

  async function renderAt(
    content: LiveContent,
    pathname: string,
  ): Promise<{ status: number; body: Buffer; type: string }> {
    const id = `${content.version}:${++renderCount}`;
    inFlight.set(id, content);
    try {
      const { status, body } = await new Promise<{ status: number; body: Buffer }>((resolve, reject) => {
        const req = request(
          {
            host: '127.0.0.1',
            port,
            path: `${LIVE_PREFIX}${pathname}`,
            headers: { [VERSION_HEADER]: id, 'accept-encoding': 'identity' },
            agent,
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('end', () => resolve({ status: res.statusCode ?? 500, body: Buffer.concat(chunks) }));
            res.on('error', reject);
          },
        );
        req.on('error', reject);
        req.end();
      });
      // The type the build's file would be served with.
      const type = contentTypeFor(pathname.endsWith('/') ? 'index.html' : pathname);
      return { status, body, type };
    } finally {
      inFlight.delete(id);
    }
  }

  async function rendered(content: LiveContent, pathname: string): Promise<RenderedPage> {
    const { status, body, type } = await renderAt(content, pathname);
    // Off the main thread, quickly, so a publish is not spent compressing.
    const { br, gzip: gzipped } = await compressPair(body, 'quick');
    // Equal bytes, equal tag, on every node.
    const etag = `"${createHash('sha1').update(body).digest('base64url').slice(0, 22)}"`;
    return { status, type, etag, br: ownCopy(br), gzip: ownCopy(gzipped) };
  }

  /** The page at this version from the cache, rendering it once. */
  function page(content: LiveContent, pathname: string): Promise<RenderedPage> {
    if (content.version !== cacheVersion) {
      cacheVersion = content.version;
      cache = new Map();
    }
    const found = cache.get(pathname);
    if (found) return found;
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
    const rendering = rendered(content, pathname);
    // A failed render is not kept: the next request tries again.
    rendering.catch(() => cache.get(pathname) === rendering && cache.delete(pathname));
    cache.set(pathname, rendering);
    return rendering;
  }

  return {
    get version() {
      return store.current()?.version ?? 0;
    },
    handles: (pathname) => store.current() !== null && isLivePath(pathname),
    async serve(req, res, pathname) {
      const content = store.current();
      if (!content) return false;
      const found = await page(content, pathname);
      if (found.status !== 200) return false;
      const headers: Record<string, string | number> = {
        'content-type': found.type,
        etag: found.etag,
        // As for the build's files: pages are never stored by the browser.
        'cache-control': pathname.endsWith('/') ? 'no-store' : 'public, max-age=3600',
        vary: 'accept-encoding',
      };
      if (req.headers['if-none-match'] === found.etag) {
        res.writeHead(304, headers).end();
        return true;
      }
      const encoding = pickEncoding(req.headers['accept-encoding']);
      const body = encoding === 'br' ? found.br : encoding === 'gzip' ? found.gzip : await unbrotli(found.br);
      if (encoding) headers['content-encoding'] = encoding;
      headers['content-length'] = body.length;
      res.writeHead(200, headers);
      res.end(req.method === 'HEAD' ? undefined : body);
      return true;
    },
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        loopback.close(() => resolve());
        loopback.closeAllConnections();
      }),
  };
}
