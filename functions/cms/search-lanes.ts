/**
 * Lanes that build Pagefind indexes, one language at a time each (functions/cms/search-index-worker.ts),
 * and the merge of the languages' indexes into the one bundle readers load.
 *
 * A Pagefind bundle keeps each language apart already: its entry file (`pagefind-entry.json`) lists
 * the languages, each with its own hashed meta file, index chunks, fragments and stemmer, and the
 * script and WebAssembly are the same for all. So the indexes of single languages merge into the
 * bundle a whole-site index would be by taking every file and listing every language in one entry
 * file, and a publish that changes one language's pages indexes that language alone.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { IndexJob, IndexResult } from './search-index-worker.ts';

const ENTRY = 'pagefind-entry.json';

/** One language's index as Pagefind wrote it: file paths inside the bundle, and their bytes. */
export type LanguageIndex = Map<string, Buffer>;

interface Job {
  pages: IndexJob;
  resolve: (files: LanguageIndex) => void;
  reject: (e: Error) => void;
}

interface Lane {
  worker: Worker;
  /** The job it is working on. */
  current?: Job;
}

export interface IndexLanes {
  /** Indexes these pages (`[url, searchable html]`) as a bundle of their own. */
  index(pages: [string, string][]): Promise<LanguageIndex>;
  close(): Promise<void>;
}

/**
 * A lane's heap is capped: it holds one language's pages and index at a time (about 10 MB at
 * 10,000 pages), and uncapped, V8 let garbage pile up before collecting (indexing 10,000 pages in
 * two lanes peaked at 613 MB uncapped, 463 MB capped, in the same time).
 */
const LANE_HEAP = { maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: 8 };

/**
 * Two lanes where there are two cores or more: with the renders on the main thread, a third lane
 * would only wait for a core. A lane that fails (out of memory, a crash) fails its job and is
 * replaced.
 */
export function createIndexLanes(count = Math.min(2, availableParallelism())): IndexLanes {
  const queue: Job[] = [];
  const lanes: Lane[] = [];
  let closed = false;

  function startLane(): Lane {
    const lane: Lane = {
      worker: new Worker(new URL('./search-index-worker.ts', import.meta.url), { resourceLimits: LANE_HEAP }),
    };
    lane.worker.on('message', (result: IndexResult) => {
      const job = lane.current;
      lane.current = undefined;
      if (job) {
        if ('error' in result) job.reject(new Error(`Pagefind: ${result.error}`));
        else
          job.resolve(
            new Map(
              result.files.map((f) => [
                f.path,
                Buffer.from(f.content.buffer, f.content.byteOffset, f.content.length),
              ]),
            ),
          );
      }
      pump();
    });
    lane.worker.on('error', (error) => lane.current?.reject(new Error(`Pagefind lane: ${error.message}`)));
    lane.worker.on('exit', () => {
      lane.current?.reject(new Error('Pagefind lane stopped'));
      lane.current = undefined;
      const at = lanes.indexOf(lane);
      if (at === -1) return;
      if (closed) lanes.splice(at, 1);
      else {
        lanes[at] = startLane();
        pump();
      }
    });
    return lane;
  }

  function pump() {
    if (closed) return;
    while (lanes.length < Math.max(1, count)) lanes.push(startLane());
    for (const lane of lanes) {
      if (lane.current) continue;
      const next = queue.shift();
      if (!next) return;
      lane.current = next;
      lane.worker.postMessage(next.pages);
    }
  }

  return {
    index(pages) {
      if (closed) return Promise.reject(new Error('the search index lanes are closed'));
      return new Promise((resolve, reject) => {
        queue.push({ pages, resolve, reject });
        pump();
      });
    },
    async close() {
      closed = true;
      for (const job of queue.splice(0)) job.reject(new Error('the search index lanes are closed'));
      await Promise.all(
        [...lanes].map(
          (lane) =>
            new Promise<void>((resolve) => {
              lane.worker.once('exit', () => resolve());
              lane.worker.postMessage('close');
              // A lane stuck in Pagefind does not hold the process: it goes after a second.
              setTimeout(() => void lane.worker.terminate(), 1_000).unref();
            }),
        ),
      );
    },
  };
}

interface EntryFile {
  version: string;
  languages: Record<string, unknown>;
  [key: string]: unknown;
}

/**
 * The bundle of several languages' indexes: every file of each, and one entry file listing every
 * language (the rest of the entry file, Pagefind's version and options, is the same in each).
 */
export function mergeIndexes(indexes: Iterable<LanguageIndex>): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  let entry: EntryFile | undefined;
  for (const index of indexes) {
    for (const [path, content] of index) {
      if (path !== ENTRY) {
        files.set(path, content);
        continue;
      }
      const own = JSON.parse(content.toString('utf8')) as EntryFile;
      entry = entry ? { ...entry, languages: { ...entry.languages, ...own.languages } } : own;
    }
  }
  if (entry) {
    const languages = Object.fromEntries(
      Object.entries(entry.languages).sort(([a], [b]) => a.localeCompare(b)),
    );
    files.set(ENTRY, Buffer.from(JSON.stringify({ ...entry, languages })));
  }
  return files;
}
