/**
 * Serves the prerendered site from the build's client folder. The folder is indexed once, and
 * requests are answered only from that index, so no path can escape it. Content pages are answered
 * before this from the database's content snapshot (functions/cms/live-pages.ts); the build's copies
 * of them serve only until a node has read the snapshot.
 * Hashed assets are cached for a year; pages are never stored by the browser, so a reader's phone
 * keeps no copy of what they read unless they turn on offline reading.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { SEARCH_INDEX_PATH } from '#kernel/search/index-format.ts';
import { contentTypeFor, pickEncoding } from './content-types.ts';

interface Variant {
  /** Relative to the site's root. */
  file: string;
  size: number;
}

interface StaticFile {
  type: string;
  etag: string;
  identity: Variant;
  br?: Variant;
  gzip?: Variant;
  cacheControl: string;
}

export interface StaticSite {
  /** Answers the request if a built file matches; returns false to let the app handle it. */
  serve(req: IncomingMessage, res: ServerResponse): boolean;
  has(urlPath: string): boolean;
  /** An HTML page of the built site (not an asset), as reach counting needs to know. */
  isPage(urlPath: string): boolean;
  readonly root: string;
  readonly fileCount: number;
}

function cacheControlFor(urlPath: string): string {
  if (urlPath.startsWith('/_astro/')) return 'public, max-age=31536000, immutable';
  // Pages, and the search index: which of its chunks a reader loaded shows what they searched for.
  if (urlPath.endsWith('.html') || urlPath.startsWith(SEARCH_INDEX_PATH)) return 'no-store';
  // The service worker must always be checked for updates.
  if (urlPath === '/sw.js') return 'no-cache';
  return 'public, max-age=3600';
}

async function indexFolder(root: string): Promise<Map<string, StaticFile>> {
  const files = new Map<string, StaticFile>();
  async function visit(dir: string) {
    let entries: import('node:fs').Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        await visit(full);
        continue;
      }
      if (!entry.isFile() || full.endsWith('.br') || full.endsWith('.gz')) continue;
      const relative = path.relative(root, full);
      const urlPath = `/${relative.split(path.sep).join('/')}`;
      const info = await stat(full);
      const variant = async (suffix: string): Promise<Variant | undefined> => {
        try {
          return { file: relative + suffix, size: (await stat(full + suffix)).size };
        } catch {
          return undefined;
        }
      };
      const etag = `"${createHash('sha1')
        .update(await readFile(full))
        .digest('base64url')
        .slice(0, 22)}"`;
      files.set(urlPath, {
        type: contentTypeFor(full),
        etag,
        identity: { file: relative, size: info.size },
        br: await variant('.br'),
        gzip: await variant('.gz'),
        cacheControl: cacheControlFor(urlPath),
      });
    }
  }
  await visit(root);
  return files;
}

/** `/en/` and `/en` both find `/en/index.html`; the bare form is redirected so relative links work. */
function lookup(files: Map<string, StaticFile>, pathname: string): { file?: StaticFile; redirect?: string } {
  const direct = files.get(pathname);
  if (direct) return { file: direct };
  if (pathname.endsWith('/')) {
    const index = files.get(`${pathname}index.html`);
    return index ? { file: index } : {};
  }
  if (files.has(`${pathname}/index.html`)) return { redirect: `${pathname}/` };
  return {};
}

export async function createStaticSite(root: string): Promise<StaticSite> {
  const current = root;
  const files = await indexFolder(current);
  return {
    get fileCount() {
      return files.size;
    },
    get root() {
      return current;
    },
    has: (urlPath) => lookup(files, urlPath).file !== undefined,
    isPage: (urlPath) => lookup(files, urlPath).file?.type.startsWith('text/html') === true,
    serve(req, res) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return false;
      const url = req.url ?? '/';
      const q = url.indexOf('?');
      let pathname: string;
      try {
        pathname = decodeURIComponent(q === -1 ? url : url.slice(0, q));
      } catch {
        return false;
      }
      const found = lookup(files, pathname);
      if (found.redirect) {
        res.writeHead(301, {
          location: found.redirect + (q === -1 ? '' : url.slice(q)),
          'cache-control': 'no-store',
        });
        res.end();
        return true;
      }
      const file = found.file;
      if (!file) return false;
      const headers: Record<string, string | number> = {
        'content-type': file.type,
        etag: file.etag,
        'cache-control': file.cacheControl,
        vary: 'accept-encoding',
      };
      if (req.headers['if-none-match'] === file.etag) {
        res.writeHead(304, headers);
        res.end();
        return true;
      }
      const encoding = pickEncoding(req.headers['accept-encoding']);
      const variant = (encoding && file[encoding]) || file.identity;
      if (variant !== file.identity) headers['content-encoding'] = encoding!;
      headers['content-length'] = variant.size;
      res.writeHead(200, headers);
      if (req.method === 'HEAD') {
        res.end();
        return true;
      }
      createReadStream(path.join(current, variant.file))
        .on('error', () => res.destroy())
        .pipe(res);
      return true;
    },
  };
}
