/**
 * The content snapshot on real databases: a whole dataset written at once reads back whole, in id
 * order, in one consistent version, however many pages the read takes; a later read returns only
 * what changed, deletions included.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  changesSince,
  publishChange,
  reconcileSnapshot,
  type SnapshotDocument,
} from '../../../functions/cms/content-snapshot.ts';
import { engines, type TestDatabase } from '../../helpers/databases.ts';

/** More documents than one page of a read holds (1,000), with ids that do not sort as numbers do. */
const documents: SnapshotDocument[] = Array.from({ length: 2_345 }, (_, i) => ({
  _id: `guide.item-${i}.${i % 2 ? 'fr' : 'en'}`,
  _type: 'guide',
  title: `Guide ${i}`,
  body: `Body ${i}: «${'x'.repeat(i % 50)}»`,
}));

describe.each(engines)('the content snapshot on $name', (engine) => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await engine.create();
  });
  afterEach(async () => {
    await t.dispose();
  });

  it('reads a whole dataset back, every document once and in id order', async () => {
    const { seq, changed } = await reconcileSnapshot(t.db, documents, 'content-files', new Date());
    expect(changed).toBe(documents.length);
    const read = await changesSince(t.db, 0);
    expect(read.seq).toBe(seq);
    const ids = documents.map((d) => d._id).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    expect(read.changes.map((c) => c.id)).toEqual(ids);
    const byId = new Map(documents.map((d) => [d._id, d]));
    for (const change of read.changes) expect(change.document).toEqual(byId.get(change.id));
  });

  it('reads only what changed after a version, deletions as null', async () => {
    const { seq } = await reconcileSnapshot(t.db, documents, 'content-files', new Date());
    const edited = { ...documents[1_500]!, title: 'Edited' };
    await publishChange(t.db, { id: edited._id, document: edited }, new Date());
    await publishChange(t.db, { id: documents[7]!._id, document: null }, new Date());
    const read = await changesSince(t.db, seq);
    expect(read.seq).toBe(seq + 2);
    expect(read.changes).toEqual(
      [
        { id: edited._id, document: edited },
        { id: documents[7]!._id, document: null },
      ].sort((a, b) => (a.id < b.id ? -1 : 1)),
    );
    expect((await changesSince(t.db, read.seq)).changes).toEqual([]);
  });
});
