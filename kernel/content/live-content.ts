/**
 * The published content a page renders from while the server runs. At build time pages read
 * Astro's content collections; on a running node they read the database's content snapshot at
 * one publish version, handed to the render through this scope. The scope lives on `globalThis`
 * because the server and Astro's server bundle each load their own copy of this module.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { CollectionName } from './sanity-documents.ts';

/** One entry as Astro's content layer gives it to a page: id, validated data, rendered Markdown. */
export interface LiveEntry {
  id: string;
  collection: CollectionName;
  data: Record<string, unknown>;
  body?: string;
  rendered?: { html: string };
}

export interface LiveContent {
  /** The publish sequence number this content is at. */
  readonly version: number;
  entries(collection: CollectionName): readonly LiveEntry[];
}

const KEY = Symbol.for('waymark.live-content');
const holder = globalThis as { [KEY]?: AsyncLocalStorage<LiveContent> };

holder[KEY] ??= new AsyncLocalStorage();
export const liveContentScope: AsyncLocalStorage<LiveContent> = holder[KEY];

export function currentLiveContent(): LiveContent | undefined {
  return liveContentScope.getStore();
}

/**
 * Set while a node renders a page for its search index alone: the layout then leaves out what
 * Pagefind never reads (the head, the header, the footer), and the page's own content, searchable
 * part included, renders as it always does. Unset in the build and for readers.
 */
const SEARCH_KEY = Symbol.for('waymark.search-render');
const searchHolder = globalThis as { [SEARCH_KEY]?: AsyncLocalStorage<true> };
searchHolder[SEARCH_KEY] ??= new AsyncLocalStorage();
export const searchRenderScope: AsyncLocalStorage<true> = searchHolder[SEARCH_KEY];

export function rendersForSearch(): boolean {
  return searchRenderScope.getStore() === true;
}
