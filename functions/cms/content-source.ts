/**
 * Where the content snapshot is filled from: the Sanity dataset's published documents when Sanity is
 * configured, otherwise the content/ files (as the Sanity import file would hold them). At start a
 * node makes the snapshot equal to its source, so a publish whose webhook was lost is picked up
 * by the next start, and edits to content/ show after a restart.
 */
import { fileURLToPath } from 'node:url';
import { DOCUMENT_KINDS } from '#kernel/content/sanity-documents.ts';
import { type SanitySource, sanityClient } from '#kernel/content/sanity-source.ts';
import type { Config } from '../config/load-config.ts';
import type { Database } from '../db/database.ts';
import type { Logger } from '../http/logger.ts';
import { normalizeDocument, reconcileSnapshot, type SnapshotDocument } from './content-snapshot.ts';
import { exportContent } from './export-content.ts';
import { checkDocument } from './live-entries.ts';

const CONTENT_ROOT = fileURLToPath(new URL('../../content/', import.meta.url));
const TYPES = DOCUMENT_KINDS.map((k) => k.type);
const ALL_QUERY = '*[_type in $types] | order(_id asc) { ..., "slug": slug.current }';
const ONE_QUERY = '*[_id == $id && _type in $types][0]{ ..., "slug": slug.current }';

/** The published document as Sanity has it now; null when it was deleted (or never existed). */
export async function fetchPublished(source: SanitySource, id: string): Promise<SnapshotDocument | null> {
  const document = await sanityClient(source, 'published').fetch<Record<string, unknown> | null>(ONE_QUERY, {
    id,
    types: TYPES,
  });
  return document ? normalizeDocument(document) : null;
}

/** The documents a content source holds now, and the source's name for the snapshot. */
export interface SourceRead {
  readonly name: string;
  readonly documents: SnapshotDocument[];
}

/**
 * Reads every published document from the content source. A node starts this before opening its
 * database: at 10,000 documents Sanity takes seconds to answer, time the database's start and
 * migrations can use.
 */
export async function readContentSource(config: Config): Promise<SourceRead> {
  const sanity = config.cms.sanity;
  if (sanity) {
    const documents = await sanityClient(sanity, 'published').fetch<Record<string, unknown>[]>(ALL_QUERY, {
      types: TYPES,
    });
    return { name: `sanity:${sanity.dataset}`, documents: documents.map(normalizeDocument) };
  }
  return { name: 'content-files', documents: (await exportContent(CONTENT_ROOT)).map(normalizeDocument) };
}

/** Brings the snapshot up to the source's documents; a document the schema refuses is left out and named. */
export async function syncSnapshot(
  read: SourceRead,
  db: Database,
  log: Logger,
  now: Date,
): Promise<{ seq: number; changed: number; source: string }> {
  const { name, documents } = read;
  const valid = documents.filter((document) => {
    try {
      checkDocument(document);
      return true;
    } catch {
      log.error('content document left out: it does not match the schema', {
        job: 'content',
        id: document._id,
      });
      return false;
    }
  });
  const result = await reconcileSnapshot(db, valid, name, now);
  return { ...result, source: name };
}
