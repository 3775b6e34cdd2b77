/**
 * Referrals on embedded PGlite, in process: making one (seal for the partner, consent, events,
 * audit), a caseworker opening one (unwrap partner key, open packet, audit), and the retention
 * purge. Baselines from the same run: an operator's note (one sealed insert with its event and
 * audit entry) for writes, the note list for reads, and the purge's own dry run.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../functions/config/load-config.ts';
import { makeKeys } from '../../functions/config/secrets.ts';
import { addNote, listNotes } from '../../functions/console/notes.ts';
import { migrate } from '../../functions/db/migrate.ts';
import { openPglite } from '../../functions/db/open-pglite.ts';
import type { Deps } from '../../functions/deps.ts';
import { createLogger } from '../../functions/http/logger.ts';
import { createMediaCleaner } from '../../functions/media/media-cleaner.ts';
import { createReferral } from '../../functions/referrals/create-referral.ts';
import { createPartner } from '../../functions/referrals/partners.ts';
import { intakeReferral } from '../../functions/referrals/referral-views.ts';
import { partnerDecides } from '../../functions/referrals/referral-workflow.ts';
import { purge } from '../../functions/retention/purge.ts';
import { formatTable } from '../lib/table.ts';

const COUNT = 300;

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
  const total = samples.reduce((a, b) => a + b, 0);
  return { perSecond: (samples.length / total) * 1000, p50: at(0.5), p99: at(0.99) };
}

async function time(samples: number[], work: () => Promise<unknown>) {
  const started = performance.now();
  await work();
  samples.push(performance.now() - started);
}

export async function referralsBench(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'waymark-bench-referrals-'));
  const db = await openPglite(path.join(dir, 'pglite'));
  try {
    await migrate(db);
    let now = new Date();
    const deps: Deps = {
      db,
      config: loadConfig({ DATA_DIR: dir }),
      keys: makeKeys({
        encryptionKey: Buffer.alloc(32, 7),
        hashKey: Buffer.alloc(32, 8),
        twilioAuthToken: 'f'.repeat(32),
      }),
      log: createLogger('silent'),
      now: () => now,
      media: createMediaCleaner(),
    };
    const staffId = randomUUID();
    const caseworkerId = randomUUID();
    const partner = await createPartner(deps, null, {
      name: 'Bench Shelter',
      services: ['shelter'],
      regions: [],
      languages: ['en'],
      intakeContact: 'intake@example.org',
    });
    await db.query(
      `insert into staff_users (id, email, role, active) values ($1, 'op@bench', 'operator', true)`,
      [staffId],
    );
    await db.query(
      `insert into staff_users (id, email, role, partner_id, active) values ($1, 'cw@bench', 'partner-caseworker', $2, true)`,
      [caseworkerId, partner.id],
    );
    const items: string[] = [];
    for (let i = 0; i < COUNT; i++) {
      const id = randomUUID();
      items.push(id);
      await db.query(
        `insert into queue_items (id, source, source_id, priority, priority_rank, status, claimed_by, created_at, updated_at)
         values ($1, 'sms', $2, 'urgent', 1, 'claimed', $3, $4, $4)`,
        [id, randomUUID(), staffId, now],
      );
    }
    const packet = {
      sex: 'Feminine' as const,
      ageRange: '18-24' as const,
      languages: ['ne'],
      needs: ['shelter' as const],
      summary: 'Domestic worker, passport held by employer, wants to leave safely tonight.',
    };
    const notes: number[] = [];
    const creates: number[] = [];
    const ids: string[] = [];
    for (const item of items) {
      await time(notes, () => addNote(deps, staffId, item, packet.summary));
      await time(creates, async () => {
        const made = await createReferral(deps, { id: staffId, mayOverride: false }, item, {
          partnerId: partner.id,
          packet,
          consent: { basis: 'consent', givenBy: 'person', method: 'verbal-call', confirmed: true },
        });
        ids.push(made.id);
      });
    }
    const reads: number[] = [];
    const noteReads: number[] = [];
    for (let i = 0; i < COUNT; i++) {
      await time(noteReads, () => listNotes(db, deps, items[i]!));
      await time(reads, () => intakeReferral(deps, { id: caseworkerId, partnerId: partner.id }, ids[i]!));
    }
    for (const id of ids)
      await partnerDecides(deps, { id: caseworkerId, partnerId: partner.id }, id, 'accept');
    now = new Date(now.getTime() + 400 * 86_400_000);
    const dry: number[] = [];
    const real: number[] = [];
    await time(dry, () => purge(deps, { dryRun: true }));
    await time(real, () => purge(deps, { dryRun: false }));
    const [left] = await db.query<{ n: number }>('select count(*)::int as n from referrals');

    const c = stats(creates);
    const n = stats(notes);
    const r = stats(reads);
    const nr = stats(noteReads);
    return formatTable(
      `Referrals (PGlite, in process, ${COUNT} each)`,
      ['operation', 'per second', 'p50 ms', 'p99 ms', 'baseline', 'baseline per second', 'ratio'],
      [
        [
          'make a referral (consent, seal, events, audit)',
          c.perSecond,
          c.p50,
          c.p99,
          'add a note',
          n.perSecond,
          `${(c.perSecond / n.perSecond).toFixed(2)}x`,
        ],
        [
          'caseworker opens one (unwrap, open, audit)',
          r.perSecond,
          r.p50,
          r.p99,
          'list a note',
          nr.perSecond,
          `${(r.perSecond / nr.perSecond).toFixed(2)}x`,
        ],
        [
          `purge ${COUNT} finished referrals (${left?.n ?? '?'} left)`,
          (COUNT / real[0]!) * 1000,
          real[0]!,
          real[0]!,
          'dry run',
          (COUNT / dry[0]!) * 1000,
          `${(dry[0]! / real[0]!).toFixed(2)}x`,
        ],
      ],
    );
  } finally {
    await db.close();
    await rm(dir, { recursive: true, force: true });
  }
}
