/**
 * SQL for reports: every value passes as a parameter, every sensitive value is already encrypted.
 * A report's encryption contexts are named here and nowhere else; its data key lives in
 * record_keys (crypto/record-keys.ts) and is destroyed with the report.
 */
import type { Keys } from '../config/secrets.ts';
import { openRecordKey, storeRecordKey } from '../crypto/record-keys.ts';
import type { Queryable } from '../db/database.ts';

export const reportContext = {
  key: (id: string) => `report:${id}`,
  payload: (id: string) => `report:${id}:payload`,
  message: (id: string) => `report:${id}:message`,
  attachment: (id: string, attachmentId: string) => `report:${id}:attachment:${attachmentId}`,
  /** The receipt sealed for idempotent retries (under a key derived from the client's key). */
  receipt: (id: string) => `report:${id}:receipt`,
};

export function storeReportKey(db: Queryable, keys: Keys, reportId: string, dataKey: Buffer): Promise<void> {
  return storeRecordKey(db, keys, reportContext.key(reportId), dataKey);
}

export function openReportKey(db: Queryable, keys: Keys, reportId: string): Promise<Buffer> {
  return openRecordKey(db, keys, reportContext.key(reportId));
}

export interface ReportRow {
  id: string;
  locale: string;
  status: string;
  priority: string;
  created_at: Date;
}

export async function insertReport(
  db: Queryable,
  r: {
    id: string;
    receiptHash: Buffer;
    idempotencyHash: Buffer | null;
    idempotencyReceipt: Buffer | null;
    locale: string;
    priority: string;
    minor: boolean;
    payload: Buffer;
    now: Date;
  },
): Promise<void> {
  await db.query(
    `insert into reports (id, receipt_hash, idempotency_hash, idempotency_receipt, locale, priority, minor, payload, created_at, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)`,
    [
      r.id,
      r.receiptHash,
      r.idempotencyHash,
      r.idempotencyReceipt,
      r.locale,
      r.priority,
      r.minor,
      r.payload,
      r.now,
    ],
  );
}

export async function findByReceipt(db: Queryable, receiptHash: Buffer): Promise<ReportRow | undefined> {
  const rows = await db.query<ReportRow>(
    'select id, locale, status, priority, created_at from reports where receipt_hash = $1',
    [receiptHash],
  );
  return rows[0];
}

export async function findByIdempotency(
  db: Queryable,
  idempotencyHash: Buffer,
): Promise<{ id: string; idempotency_receipt: Uint8Array } | undefined> {
  const rows = await db.query<{ id: string; idempotency_receipt: Uint8Array }>(
    'select id, idempotency_receipt from reports where idempotency_hash = $1',
    [idempotencyHash],
  );
  return rows[0];
}

export async function insertAttachment(
  db: Queryable,
  a: { id: string; reportId: string; mediaType: string; byteSize: number; content: Buffer },
): Promise<void> {
  await db.query(
    'insert into report_attachments (id, report_id, media_type, byte_size, content) values ($1, $2, $3, $4, $5)',
    [a.id, a.reportId, a.mediaType, a.byteSize, a.content],
  );
}

export async function insertMessage(
  db: Queryable,
  m: { reportId: string; author: 'reporter' | 'staff'; body: Buffer; now: Date },
): Promise<void> {
  await db.query(
    'insert into report_messages (report_id, author, body, created_at) values ($1, $2, $3, $4)',
    [m.reportId, m.author, m.body, m.now],
  );
}

export async function listMessages(
  db: Queryable,
  reportId: string,
): Promise<{ id: number; author: 'reporter' | 'staff'; body: Uint8Array; created_at: Date }[]> {
  return db.query(
    'select id, author, body, created_at from report_messages where report_id = $1 order by id',
    [reportId],
  );
}
