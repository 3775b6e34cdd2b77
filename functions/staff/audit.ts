/**
 * The audit log: every sign-in, view of a sensitive record, change and export. Each entry carries
 * an HMAC over its content and the previous entry's MAC, under the audit key (derived from HASH_KEY,
 * never stored in the database): someone holding only the database can neither edit nor delete an
 * entry, nor re-compute the chain, without `npm run audit:verify` saying so. A chain cannot show a
 * cut tail by itself; checkpoints kept outside the database do (audit-checkpoints.ts).
 *
 * Appends are serialised with an advisory lock inside the caller's transaction, so the chain has
 * one order even with several app nodes on PostgreSQL.
 *
 * Entries written before the keyed chain keep their plain SHA-256 chain. The first keyed entry
 * ('audit.keyed-chain') records how many there were, and its MAC covers their head: a verifier
 * then vouches for them, and rejects any unkeyed entry anywhere else.
 */
import { createHash, createHmac } from 'node:crypto';
import type { Keys } from '../config/secrets.ts';
import type { Queryable } from '../db/database.ts';

const AUDIT_LOCK = 0x41_55_44_54; // "AUDT"
export const GENESIS = Buffer.alloc(32);
const KEYED_CHAIN = 'audit.keyed-chain';
const PAGE = 5_000;

export type AuditKeys = Pick<Keys, 'auditKey'>;

export interface AuditEntry {
  actorId: string | null;
  action: string;
  subject?: string;
  details?: Record<string, string | number | boolean | null>;
}

interface Normalized {
  actorId: string | null;
  action: string;
  subject: string | null;
  details: unknown;
}

function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

function content(at: Date, e: Normalized): string {
  return canonical({
    at: at.toISOString(),
    actor: e.actorId,
    action: e.action,
    subject: e.subject,
    details: e.details,
  });
}

/** The pre-key chain: SHA-256 over the previous hash and the content. */
function legacyHash(prev: Uint8Array, at: Date, e: Normalized): Buffer {
  return createHash('sha256').update(prev).update(content(at, e)).digest();
}

export function entryMac(keys: AuditKeys, prev: Uint8Array, at: Date, e: Normalized): Buffer {
  return createHmac('sha256', keys.auditKey)
    .update('waymark audit entry\0')
    .update(prev)
    .update(content(at, e))
    .digest();
}

async function insertEntry(
  tx: Queryable,
  keys: AuditKeys,
  prev: Buffer,
  e: Normalized,
  now: Date,
): Promise<Buffer> {
  const mac = entryMac(keys, prev, now, e);
  await tx.query(
    'insert into audit_log (at, actor_id, action, subject, details, prev_hash, hash, keyed) values ($1, $2, $3, $4, $5, $6, $7, true)',
    [now, e.actorId, e.action, e.subject, JSON.stringify(e.details), prev, mac],
  );
  return mac;
}

/** Call inside the transaction that makes the change, so the change and its record commit together. */
export async function appendAudit(
  tx: Queryable,
  keys: AuditKeys,
  entry: AuditEntry,
  now: Date,
): Promise<void> {
  await tx.query('select pg_advisory_xact_lock($1)', [AUDIT_LOCK]);
  const [last] = await tx.query<{ hash: Uint8Array; keyed: boolean }>(
    'select hash, keyed from audit_log order by seq desc limit 1',
  );
  let prev: Buffer = last ? Buffer.from(last.hash) : GENESIS;
  if (last && !last.keyed) {
    const [counted] = await tx.query<{ n: number }>('select count(*)::int as n from audit_log');
    prev = await insertEntry(
      tx,
      keys,
      prev,
      {
        actorId: null,
        action: KEYED_CHAIN,
        subject: null,
        details: { legacyEntries: counted?.n ?? 0, legacyHead: prev.toString('hex') },
      },
      now,
    );
  }
  await insertEntry(
    tx,
    keys,
    prev,
    {
      actorId: entry.actorId,
      action: entry.action,
      subject: entry.subject ?? null,
      details: entry.details ?? {},
    },
    now,
  );
}

/** A point of the chain recorded outside the database: after `entries` entries, the last is `seq`. */
export interface ChainPoint {
  at: string;
  seq: number;
  entries: number;
  head: string;
}

export type ChainProblem =
  | { kind: 'hash'; seq: number }
  | { kind: 'link'; seq: number }
  | { kind: 'unkeyed'; seq: number }
  | { kind: 'cut'; checkpoint: ChainPoint; entries: number; lastSeq: number }
  | { kind: 'diverged'; checkpoint: ChainPoint };

export interface ChainReport {
  entries: number;
  /** Entries from before the keyed chain, vouched for by the first keyed entry. */
  legacyEntries: number;
  checkpointsChecked: number;
  /** The first problem found, if any. */
  problem?: ChainProblem;
}

interface AuditRow {
  seq: number;
  at: Date;
  actor_id: string | null;
  action: string;
  subject: string | null;
  details: unknown;
  prev_hash: Uint8Array;
  hash: Uint8Array;
  keyed: boolean;
}

/** The newest entry and how many there are, read in one snapshot (for checkpoints). */
export async function chainHead(db: Queryable): Promise<{ entries: number; seq: number; head: Buffer }> {
  const [row] = await db.query<{ entries: number; seq: number | null; hash: Uint8Array | null }>(
    `select c.entries, h.seq, h.hash from (select count(*)::int as entries from audit_log) c
     left join lateral (select seq, hash from audit_log order by seq desc limit 1) h on true`,
  );
  return {
    entries: row?.entries ?? 0,
    seq: row?.seq ?? 0,
    head: row?.hash ? Buffer.from(row.hash) : GENESIS,
  };
}

export async function lastSeq(db: Queryable): Promise<number> {
  const [row] = await db.query<{ seq: number }>('select seq from audit_log order by seq desc limit 1');
  return row?.seq ?? 0;
}

/**
 * Checks every link and MAC, that unkeyed entries are exactly the vouched-for prefix, and that the
 * log still holds each checkpoint's entry with the recorded head and position.
 */
export async function verifyAuditChain(
  db: Queryable,
  keys: AuditKeys,
  checkpoints: ChainPoint[] = [],
): Promise<ChainReport> {
  const pending = new Map<number, ChainPoint[]>();
  for (const point of checkpoints) pending.set(point.seq, [...(pending.get(point.seq) ?? []), point]);
  const report: ChainReport = { entries: 0, legacyEntries: 0, checkpointsChecked: 0 };
  let prev: Buffer = GENESIS;
  let keyedSeen = false;
  let last = 0;
  for (let after = -1; ; ) {
    const rows = await db.query<AuditRow>(
      `select seq, at, actor_id, action, subject, details, prev_hash, hash, keyed from audit_log
       where seq > $1 order by seq limit ${PAGE}`,
      [after],
    );
    for (const row of rows) {
      report.entries += 1;
      last = row.seq;
      if (!prev.equals(Buffer.from(row.prev_hash)))
        return { ...report, problem: { kind: 'link', seq: row.seq } };
      const e: Normalized = {
        actorId: row.actor_id,
        action: row.action,
        subject: row.subject,
        details: typeof row.details === 'string' ? JSON.parse(row.details) : row.details,
      };
      if (row.keyed) {
        if (!entryMac(keys, prev, row.at, e).equals(Buffer.from(row.hash)))
          return { ...report, problem: { kind: 'hash', seq: row.seq } };
        if (!keyedSeen && report.legacyEntries > 0) {
          const vouched =
            row.action === KEYED_CHAIN ? (e.details as { legacyEntries?: unknown }).legacyEntries : -1;
          if (vouched !== report.legacyEntries)
            return { ...report, problem: { kind: 'unkeyed', seq: row.seq } };
        }
        keyedSeen = true;
      } else {
        if (keyedSeen) return { ...report, problem: { kind: 'unkeyed', seq: row.seq } };
        if (!legacyHash(prev, row.at, e).equals(Buffer.from(row.hash)))
          return { ...report, problem: { kind: 'hash', seq: row.seq } };
        report.legacyEntries += 1;
      }
      prev = Buffer.from(row.hash);
      for (const point of pending.get(row.seq) ?? []) {
        report.checkpointsChecked += 1;
        if (point.head !== prev.toString('hex') || point.entries !== report.entries)
          return { ...report, problem: { kind: 'diverged', checkpoint: point } };
      }
      pending.delete(row.seq);
    }
    if (rows.length < PAGE) break;
    after = rows.at(-1)!.seq;
  }
  // A checkpoint whose entry was never met: past the end, the tail was cut; before it, it is gone.
  const unmet = [...pending.values()].flat().filter((p) => p.entries > 0);
  const latest = unmet.sort((a, b) => b.seq - a.seq)[0];
  if (!latest) return report;
  return latest.seq > last
    ? { ...report, problem: { kind: 'cut', checkpoint: latest, entries: report.entries, lastSeq: last } }
    : { ...report, problem: { kind: 'diverged', checkpoint: latest } };
}
