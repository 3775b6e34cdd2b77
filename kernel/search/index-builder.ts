/**
 * Builds one language's search index (kernel/search/index-format.ts) from its searchable pages:
 * the same input gives the same files, byte for byte, wherever it is built.
 */
import { createHash } from 'node:crypto';
import {
  BOOST_WEIGHT,
  type ChunkFile,
  type FragmentFile,
  INDEX_FILE,
  INDEX_FORMAT,
  type IndexFile,
  type SearchDocument,
  TITLE_WEIGHT,
} from './index-format.ts';
import { arabicStem, searchWords } from './words.ts';

/** A chunk is closed once its JSON passes this size: one or two chunks answer a word. */
const CHUNK_BYTES = 16_000;

function named(prefix: string, body: string): [string, Buffer] {
  const bytes = Buffer.from(body);
  return [`${prefix}-${createHash('sha1').update(bytes).digest('base64url').slice(0, 12)}.json`, bytes];
}

/** Address order: pages added in it make the same files, byte for byte. */
export const byUrl = (a: SearchDocument, b: SearchDocument) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0);

export interface IndexBuilder {
  /** Adds a page; pages are numbered in the order they are added (add them `byUrl`). */
  add(doc: SearchDocument): void;
  /** The files of the index of the pages added, by name (`index.json`, `w-…`, `p-…`). */
  files(): Map<string, Buffer>;
}

/**
 * An index built a page at a time, so that a server can answer requests between pages: reading a
 * page's words is most of the work, and the files at the end take about a third of it.
 */
export function createIndexBuilder(locale: string): IndexBuilder {
  const files = new Map<string, Buffer>();
  const docs: IndexFile['docs'] = [];
  const postings = new Map<string, number[]>();
  return {
    add(doc) {
      const number = docs.length;
      const counts = new Map<string, number>();
      const add = (text: string | undefined, weight: number) => {
        if (!text) return 0;
        const words = searchWords(text, locale);
        for (const w of words) {
          counts.set(w, (counts.get(w) ?? 0) + weight);
          const stem = arabicStem(w);
          if (stem) counts.set(stem, (counts.get(stem) ?? 0) + weight);
        }
        return words.length;
      };
      const length = add(doc.title, TITLE_WEIGHT) + add(doc.text, 1);
      add(doc.boost, BOOST_WEIGHT);
      for (const [word, count] of counts) {
        const list = postings.get(word);
        if (list) list.push(number, count);
        else postings.set(word, [number, count]);
      }
      const fragment: FragmentFile = { url: doc.url, title: doc.title, text: doc.text };
      const [name, bytes] = named('p', JSON.stringify(fragment));
      files.set(name, bytes);
      docs.push([name, Math.max(1, length)]);
    },
    files() {
      const chunks: IndexFile['chunks'] = [];
      let chunk: ChunkFile = [];
      let size = 0;
      const close = () => {
        if (chunk.length === 0) return;
        const [name, bytes] = named('w', JSON.stringify(chunk));
        files.set(name, bytes);
        chunks.push([chunk[0]![0], name]);
        chunk = [];
        size = 0;
      };
      // Code-unit order, as the browser compares words when it looks for a chunk.
      for (const word of [...postings.keys()].sort()) {
        const list = postings.get(word)!;
        chunk.push([word, list]);
        size += word.length + list.length * 4 + 8;
        if (size >= CHUNK_BYTES) close();
      }
      close();
      const index: IndexFile = { format: INDEX_FORMAT, docs, chunks };
      files.set(INDEX_FILE, Buffer.from(JSON.stringify(index)));
      return files;
    },
  };
}

/** The files of the index of these pages in `locale`, by name (`index.json`, `w-…`, `p-…`). */
export function buildLanguageIndex(
  documents: readonly SearchDocument[],
  locale: string,
): Map<string, Buffer> {
  const builder = createIndexBuilder(locale);
  for (const doc of [...documents].sort(byUrl)) builder.add(doc);
  return builder.files();
}
