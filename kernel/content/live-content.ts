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

/** One scope per process under `name`, however many copies of this module are loaded. */
function sharedScope<T>(name: string): AsyncLocalStorage<T> {
  const key = Symbol.for(name);
  const holder = globalThis as { [key]?: AsyncLocalStorage<T> };
  holder[key] ??= new AsyncLocalStorage<T>();
  return holder[key];
}

export const liveContentScope = sharedScope<LiveContent>('waymark.live-content');

export function currentLiveContent(): LiveContent | undefined {
  return liveContentScope.getStore();
}
