/**
 * This node's copy of the content snapshot, at one publish version, and how it keeps up: it
 * LISTENs for publishes (PostgreSQL's NOTIFY, PGlite's in-process listen) and also asks the
 * database for the version every second, so a lost notification or a dropped connection delays a
 * change by a second at most. Catching up reads only the documents changed since this node's
 * version. Each version is an immutable LiveContent, so a page renders from one version throughout.
 */

import type { LiveContent, LiveEntry } from '#kernel/content/live-content.ts';
import type { CollectionName } from '#kernel/content/sanity-documents.ts';
import type { HelpEntry } from '#kernel/content/schemas.ts';
import { applyVerifications, type VerificationRecord } from '#kernel/content/verification.ts';
import type { Database } from '../db/database.ts';
import { listVerifications } from '../directory/verifications.ts';
import type { Logger } from '../http/logger.ts';
import { CONTENT_CHANNEL, changesSince, type SnapshotChange } from './content-snapshot.ts';
import { toLiveEntry } from './live-entries.ts';

export interface ContentStore {
  /** Null until the first snapshot was read. */
  current(): LiveContent | null;
  /** Reads what changed since this node's version; concurrent calls share one read. */
  refresh(): Promise<LiveContent | null>;
  /** Called after every version change, with the ids of the documents that changed. */
  onChange(listener: (content: LiveContent, changed: readonly string[]) => void): void;
  stop(): Promise<void>;
}

function snapshotAt(version: number, byDocument: Map<string, LiveEntry>): LiveContent {
  const byCollection = new Map<CollectionName, LiveEntry[]>();
  // Sorted by document id, the order the Sanity loader reads them in.
  for (const id of [...byDocument.keys()].sort()) {
    const entry = byDocument.get(id)!;
    if (!byCollection.has(entry.collection)) byCollection.set(entry.collection, []);
    byCollection.get(entry.collection)!.push(entry);
  }
  return { version, entries: (collection) => byCollection.get(collection) ?? [] };
}

export async function createContentStore(
  db: Database,
  log: Logger,
  options: {
    pollMs?: number;
    /** Renders a Markdown body to sanitized HTML (a start hands in the bodies it rendered ahead). */
    renderBody?: (body: string) => Promise<string>;
  } = {},
): Promise<ContentStore> {
  const byDocument = new Map<string, LiveEntry>();
  let content: LiveContent | null = null;
  let reading: Promise<LiveContent | null> | undefined;
  let again = false;
  const listeners: ((content: LiveContent, changed: readonly string[]) => void)[] = [];

  async function apply(seq: number, changes: SnapshotChange[], confirmations: readonly VerificationRecord[]) {
    for (const change of changes) {
      if (!change.document) {
        byDocument.delete(change.id);
        continue;
      }
      try {
        const entry = await toLiveEntry(change.document, options.renderBody);
        // Checks staff confirmed in the console (a later check in the content wins); a confirmation
        // republishes its country's document, so the entry is read again with it.
        if (entry.collection === 'help')
          entry.data = applyVerifications(entry.data as unknown as HelpEntry, confirmations) as never;
        byDocument.set(change.id, entry);
      } catch {
        // Publishes are checked before they are written; a document that fails here was written
        // by an older release. Leave it out rather than fail every page.
        byDocument.delete(change.id);
        log.error('content document left out: it does not match the schema', {
          job: 'content',
          id: change.id,
        });
      }
    }
    content = snapshotAt(seq, byDocument);
    const changed = changes.map((c) => c.id);
    for (const listener of listeners) listener(content, changed);
  }

  async function read(): Promise<LiveContent | null> {
    do {
      again = false;
      const { seq, changes } = await changesSince(db, content?.version ?? 0);
      if (seq > (content?.version ?? 0) || (content === null && seq > 0)) {
        const help = changes.some((c) => c.document?._type === 'helpEntry');
        const confirmations = help ? (await listVerifications(db)).map((v) => v.record) : [];
        await apply(seq, changes, confirmations);
      }
    } while (again);
    return content;
  }

  function refresh(): Promise<LiveContent | null> {
    if (reading) {
      // A publish noticed during a read may have committed after it started: read once more.
      again = true;
      return reading;
    }
    reading = read().finally(() => {
      reading = undefined;
    });
    return reading;
  }

  const kick = () => void refresh().catch(() => log.error('content refresh failed', { job: 'content' }));
  const unlisten = db.listen ? await db.listen(CONTENT_CHANNEL, kick) : undefined;
  const timer = setInterval(kick, options.pollMs ?? 1000);
  timer.unref();
  await refresh();

  return {
    current: () => content,
    refresh,
    onChange: (listener) => void listeners.push(listener),
    async stop() {
      clearInterval(timer);
      await unlisten?.();
      await reading?.catch(() => {});
    },
  };
}
