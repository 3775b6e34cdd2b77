/**
 * Searching one language's index (kernel/search/index-format.ts) in the reader's browser. A query
 * loads the index file, the chunks its words fall in, and the fragments of the results shown; each
 * file once per page view. Pages are ranked by BM25 over the words' weighted counts; the results are
 * the pages with the most of the query's words (all of them, where any page has them all). A word
 * also finds the words it begins ("pass" finds "passport", however unfinished the query), and a
 * long one the words that share all but its last letter or two ("passports" finds "passport").
 */
import type { ChunkFile, FragmentFile, IndexFile } from './index-format.ts';
import { arabicStem, HAN, normalizeWord, searchWords } from './words.ts';

export interface SearchResult {
  url: string;
  title: string;
  /** A passage of the page around the first word of the query it holds, as plain text. */
  excerpt: string;
}

export interface SearchAnswer {
  /** How many pages were found. */
  count: number;
  /** The first `n` results, their fragments loaded. */
  top(n: number): Promise<SearchResult[]>;
}

/** Loads a file of the language's index by name (`index.json`, `w-….json`, `p-….json`). */
export type LoadFile = (name: string) => Promise<unknown>;

const K1 = 1.2;
const B = 0.75;
/** A word the query's word only begins counts this much of the word itself. */
const PARTIAL = 0.6;
/** A word that shares all but the query word's last letter or two. */
const STEMMED = 0.4;
const EXCERPT_BEFORE = 60;
const EXCERPT_LENGTH = 220;

export function createSearcher(load: LoadFile, locale: string) {
  const files = new Map<string, Promise<unknown>>();
  const file = <T>(name: string) => {
    let found = files.get(name);
    if (!found) {
      found = load(name);
      // A file that failed to load (offline for a moment) is asked for again next time.
      found.catch(() => files.delete(name));
      files.set(name, found);
    }
    return found as Promise<T>;
  };

  /** Words of the index that begin with `prefix`, with their postings. */
  async function wordsFrom(index: IndexFile, prefix: string): Promise<[string, number[]][]> {
    const { chunks } = index;
    const names: string[] = [];
    for (let i = 0; i < chunks.length; i++) {
      const next = chunks[i + 1]?.[0];
      if (chunks[i]![0] > `${prefix}\uffff`) break;
      if (next === undefined || next > prefix) names.push(chunks[i]![1]);
    }
    const found: [string, number[]][] = [];
    for (const chunk of await Promise.all(names.map((n) => file<ChunkFile>(n))))
      for (const entry of chunk) if (entry[0].startsWith(prefix)) found.push(entry);
    return found;
  }

  /**
   * Each page's score for one word of the query: the best of the word itself, a word it begins,
   * and (for a word of six letters or more) a word beginning with it less its last letter or two,
   * which stands in for the endings of inflected languages ("паспорта" finds "паспортом").
   */
  async function scores(index: IndexFile, average: number, word: string): Promise<Map<number, number>> {
    const total = index.docs.length;
    const cut = word.length >= 8 ? 2 : word.length >= 6 ? 1 : 0;
    const stem = word.slice(0, word.length - cut);
    const out = new Map<number, number>();
    for (const [found, postings] of await wordsFrom(index, stem)) {
      const weight = found === word ? 1 : found.startsWith(word) ? PARTIAL : STEMMED;
      const df = postings.length / 2;
      const idf = Math.log(1 + (total - df + 0.5) / (df + 0.5));
      for (let i = 0; i < postings.length; i += 2) {
        const doc = postings[i]!;
        const tf = postings[i + 1]!;
        const length = index.docs[doc]![1];
        const score = weight * idf * ((tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * length) / average)));
        if (score > (out.get(doc) ?? 0)) out.set(doc, score);
      }
    }
    return out;
  }

  function excerptOf(text: string, terms: string[]): string {
    let at = -1;
    for (const match of text.matchAll(/[\p{L}\p{N}\p{M}]+/gu)) {
      const word = normalizeWord(match[0], locale);
      const stem = arabicStem(word);
      // Chinese runs hold several words: a term inside one counts.
      if (terms.some((t) => word.startsWith(t) || stem?.startsWith(t) || (HAN.test(t) && word.includes(t)))) {
        at = match.index;
        break;
      }
    }
    if (at === -1) at = 0;
    let start = Math.max(0, at - EXCERPT_BEFORE);
    if (start > 0) {
      const space = text.indexOf(' ', start);
      if (space !== -1 && space < at) start = space + 1;
    }
    let end = Math.min(text.length, start + EXCERPT_LENGTH);
    if (end < text.length) {
      const space = text.lastIndexOf(' ', end);
      if (space > at) end = space;
    }
    return `${start > 0 ? '… ' : ''}${text.slice(start, end).trim()}${end < text.length ? ' …' : ''}`;
  }

  return {
    async search(query: string): Promise<SearchAnswer> {
      const terms = [...new Set(searchWords(query, locale))];
      if (terms.length === 0) return { count: 0, top: async () => [] };
      const index = await file<IndexFile>('index.json');
      // The pages' average length in words, which BM25 weighs each page's length against.
      const average = index.docs.reduce((sum, d) => sum + d[1], 0) / Math.max(1, index.docs.length);
      const perTerm = await Promise.all(terms.map((t) => scores(index, average, t)));
      const matched = new Map<number, { terms: number; score: number }>();
      for (const found of perTerm)
        for (const [doc, score] of found) {
          const m = matched.get(doc) ?? { terms: 0, score: 0 };
          m.terms++;
          m.score += score;
          matched.set(doc, m);
        }
      const most = Math.max(0, ...[...matched.values()].map((m) => m.terms));
      const ranked = [...matched]
        .filter(([, m]) => m.terms === most)
        .sort(([a, x], [b, y]) => y.score - x.score || a - b)
        .map(([doc]) => doc);
      return {
        count: ranked.length,
        async top(n) {
          const fragments = await Promise.all(
            ranked.slice(0, n).map((doc) => file<FragmentFile>(index.docs[doc]![0])),
          );
          return fragments.map((f) => ({ url: f.url, title: f.title, excerpt: excerptOf(f.text, terms) }));
        },
      };
    },
  };
}
