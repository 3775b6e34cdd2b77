/** SQL for reports: every value passes as a parameter, every sensitive value is already encrypted. */
import type { Queryable } from '../db/database.ts';

export interface ReportRow {
  id: string;
  locale: string;
  status: string;
  priority: string;
  wrapped_key: Uint8Array;
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
    wrappedKey: Buffer;
    payload: Buffer;
    now: Date;
  },
): Promise<void> {
  await db.query(
    `insert into reports (id, receipt_hash, idempotency_hash, idempotency_receipt, locale, priority, minor, wrapped_key, payload, created_at, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)`,
    [
      r.id,
      r.receiptHash,
      r.idempotencyHash,
      r.idempotencyReceipt,
      r.locale,
      r.priority,
      r.minor,
      r.wrappedKey,
      r.payload,
      r.now,
    ],
  );
}

export async function findByReceipt(db: Queryable, receiptHash: Buffer): Promise<ReportRow | undefined> {
  const rows = await db.query<ReportRow>(
    'select id, locale, status, priority, wrapped_key, created_at from reports where receipt_hash = $1',
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
