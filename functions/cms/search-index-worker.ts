/**
 * One lane of the live search index (functions/cms/search-lanes.ts): a worker thread with a Pagefind
 * process of its own, which indexes one language's pages at a time and hands back the files of that
 * language's index. Pagefind adds pages on one thread, so two lanes index two languages side by
 * side; and as it keeps every page of an index in memory until the index is written, one language
 * at a time holds a twelfth of what the whole site would.
 */
import { parentPort } from 'node:worker_threads';
import * as pagefind from 'pagefind';

/** `[url, html]`: the searchable part of each page (functions/cms/live-search.ts). */
export type IndexJob = [string, string][];

/** The answer to the one job a lane has at a time. */
export type IndexResult = { files: { path: string; content: Uint8Array }[] } | { error: string };

/** Pages waiting in Pagefind's pipe at once: enough to keep it busy, not the whole language. */
const ADDS_IN_FLIGHT = 32;

async function indexPages(pages: [string, string][]) {
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
  try {
    for (let i = 0; i < pages.length; i += ADDS_IN_FLIGHT) {
      const added = await Promise.all(
        pages.slice(i, i + ADDS_IN_FLIGHT).map(([url, content]) => index.addHTMLFile({ url, content })),
      );
      const failed = added.flatMap((a) => a.errors);
      if (failed.length > 0) throw new Error(failed.join('; '));
    }
    const built = await index.getFiles();
    if (built.errors.length > 0) throw new Error(built.errors.join('; '));
    // Copies of their own: a decoded file may be a view of a shared pool, which must not travel.
    return built.files.map((f) => ({ path: f.path, content: new Uint8Array(f.content) }));
  } finally {
    await index.deleteIndex();
  }
}

const port = parentPort;
if (port) {
  port.on('message', (message: IndexJob | 'close') => {
    if (message === 'close') {
      void pagefind.close().finally(() => port.close());
      return;
    }
    indexPages(message).then(
      (files) => {
        const result: IndexResult = { files };
        port.postMessage(
          result,
          files.map((f) => f.content.buffer as ArrayBuffer),
        );
      },
      (error: unknown) => {
        const result: IndexResult = { error: (error as Error).message ?? String(error) };
        port.postMessage(result);
      },
    );
  });
}
