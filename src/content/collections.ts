/**
 * Every page reads content collections through here: Astro's collections while the site is built,
 * the database's content snapshot (at the version being served) while a node renders on demand.
 */
import { getCollection as buildCollection, type CollectionEntry, type CollectionKey } from 'astro:content';
import { currentLiveContent } from '#kernel/content/live-content.ts';

export async function getCollection<C extends CollectionKey>(collection: C): Promise<CollectionEntry<C>[]> {
  const live = currentLiveContent();
  if (!live) return buildCollection(collection);
  return live.entries(collection) as unknown as CollectionEntry<C>[];
}
