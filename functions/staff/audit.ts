/**
 * The audit log: every sign-in, view of a sensitive record, change and export, appended with a
 * hash that covers the previous entry's hash. Appends are serialised with an advisory lock inside
 * the caller's transaction, so the chain has one order even with several app nodes.
 */
import { createHash } from 'node:crypto';
import type { Queryable } from '../db/database.ts';

const AUDIT_LOCK = 0x41_55_44_54; // "AUDT"
const GENESIS = Buffer.alloc(32);

export interface AuditEntry {
  actorId: string | null;
  action: string;
  subject?: string;
  details?: Record<string, string | number | boolean | null>;
}

function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

export function entryHash(
  prev: Uint8Array,
  at: Date,
  e: { actorId: string | null; action: string; subject: string | null; details: unknown },
): Buffer {
  return createHash('sha256')
    .update(prev)
    .update(
      canonical({
        at: at.toISOString(),
        actor: e.actorId,
        action: e.action,
        subject: e.subject,
        details: e.details,
      }),
    )
    .digest();
}

/** Call inside the transaction that makes the change, so the change and its record commit together. */
export async function appendAudit(tx: Queryable, entry: AuditEntry, now: Date): Promise<void> {
  await tx.query('select pg_advisory_xact_lock($1)', [AUDIT_LOCK]);
  const [last] = await tx.query<{ hash: Uint8Array }>('select hash from audit_log order by seq desc limit 1');
  const prev = last ? Buffer.from(last.hash) : GENESIS;
  const normalized = {
    actorId: entry.actorId,
    action: entry.action,
    subject: entry.subject ?? null,
    details: entry.details ?? {},
  };
  await tx.query(
    'insert into audit_log (at, actor_id, action, subject, details, prev_hash, hash) values ($1, $2, $3, $4, $5, $6, $7)',
    [
      now,
      normalized.actorId,
      normalized.action,
      normalized.subject,
      JSON.stringify(normalized.details),
      prev,
      entryHash(prev, now, normalized),
    ],
  );
}

export interface ChainReport {
  entries: number;
  /** The first entry whose hash or link does not match, if any. */
  firstBroken?: { seq: number; problem: 'hash' | 'link' };
}

export async function verifyAuditChain(db: Queryable): Promise<ChainReport> {
  const rows = await db.query<{
    seq: number;
    at: Date;
    actor_id: string | null;
    action: string;
    subject: string | null;
    details: unknown;
    prev_hash: Uint8Array;
    hash: Uint8Array;
  }>('select seq, at, actor_id, action, subject, details, prev_hash, hash from audit_log order by seq');
  let prev: Buffer = GENESIS;
  for (const row of rows) {
    if (!prev.equals(Buffer.from(row.prev_hash)))
      return { entries: rows.length, firstBroken: { seq: row.seq, problem: 'link' } };
    const details = typeof row.details === 'string' ? JSON.parse(row.details) : row.details;
    const expected = entryHash(prev, row.at, {
      actorId: row.actor_id,
      action: row.action,
      subject: row.subject,
      details,
    });
    if (!expected.equals(Buffer.from(row.hash)))
      return { entries: rows.length, firstBroken: { seq: row.seq, problem: 'hash' } };
    prev = Buffer.from(row.hash);
  }
  return { entries: rows.length };
}
