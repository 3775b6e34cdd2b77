/**
 * Reports queued before statistics existed have their answers only in their encrypted payload. The
 * refresh reads each such report once, in small batches, and records its facts; from then on intake
 * records them. A report that can no longer be opened (purged meanwhile) counts as "not stated".
 */
import { decryptText } from '../crypto/envelope.ts';
import type { Deps } from '../deps.ts';
import type { StoredReport } from '../reports/report-schema.ts';
import { openReportKey, reportContext } from '../reports/report-store.ts';
import { recordReportFacts } from './item-facts.ts';

const BATCH = 200;

export async function backfillReportFacts(deps: Pick<Deps, 'db' | 'keys'>): Promise<number> {
  let done = 0;
  for (;;) {
    const batch = await deps.db.query<{
      item_id: string;
      report_id: string | null;
      payload: Uint8Array | null;
    }>(
      `select s.item_id, r.id as report_id, r.payload from statistics_items s
       join queue_items q on q.id = s.item_id
       left join reports r on q.source = 'report' and r.id = q.source_id
       where s.pending order by s.id limit $1`,
      [BATCH],
    );
    if (batch.length === 0) return done;
    for (const row of batch) {
      let facts: StoredReport | Record<string, never> = {};
      if (row.report_id && row.payload) {
        try {
          const key = await openReportKey(deps.db, deps.keys, row.report_id);
          facts = JSON.parse(await decryptText(key, row.payload, reportContext.payload(row.report_id)));
        } catch {
          facts = {};
        }
      }
      await recordReportFacts(deps.db, row.item_id, facts);
    }
    done += batch.length;
  }
}
