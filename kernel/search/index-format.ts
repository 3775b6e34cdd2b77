/**
 * The search index a reader's browser loads, one per language, under `/search-index/<language>/`:
 *
 * - `index.json`: the documents (each its fragment's file and its length in words) and the word
 *   chunks (each the first word it holds and its file). Small: about 20 KB for 800 pages.
 * - `w-<hash>.json`: a chunk of the words, sorted, each with its postings (document number and the
 *   word's weighted count there). A query loads the one or two chunks its words fall in.
 * - `p-<hash>.json`: one page's fragment (address, title and text), loaded for the results shown.
 *
 * Chunk and fragment files are named by their content, so a reader who loaded `index.json` just
 * before a publish still finds every file it names (a node keeps serving the previous index's files
 * too). Nothing is read from the search words but which chunks hold them: the query never leaves
 * the browser.
 */

export const SEARCH_INDEX_PATH = '/search-index/';
export const INDEX_FILE = 'index.json';
export const INDEX_FORMAT = 1;

/** One searchable page, as the index is built from it. */
export interface SearchDocument {
  /** The page's path, `/fr/guides/passport/`. */
  url: string;
  title: string;
  /** Words that should find the page first (a country's names in other languages). */
  boost?: string;
  /** The page's searchable text, as readers read it. */
  text: string;
}

export interface IndexFile {
  format: typeof INDEX_FORMAT;
  /** `[fragment file, length in words]` by document number. */
  docs: [string, number][];
  /** `[first word, chunk file]`, in word order. */
  chunks: [string, string][];
}

/** `[word, [document, weighted count, document, weighted count, ...]]`, in word order. */
export type ChunkFile = [string, number[]][];

export interface FragmentFile {
  url: string;
  title: string;
  text: string;
}

/** How much more a word counts in a page's title, and in its boosted words, than in its text. */
export const TITLE_WEIGHT = 5;
export const BOOST_WEIGHT = 10;
