/**
 * Accepts one anonymous report: checks the anti-spam measure of its path, encrypts what the
 * reporter wrote, triages it, and commits report, attachments and queue item in one transaction
 * before anyone is told "received". Retries with the same idempotency key get the same receipt.
 */
import { randomUUID } from 'node:crypto';
import type { Locale } from '#kernel/i18n/locales.ts';
import { useTranslations } from '#kernel/i18n/ui.ts';
import { decryptText, encryptField, newDataKey } from '../crypto/envelope.ts';
import { keyedHash } from '../crypto/keyed-hash.ts';
import type { Deps } from '../deps.ts';
import { sniffMediaType } from '../media/sniff-media-type.ts';
import { enqueue } from '../queue/enqueue.ts';
import { enforce } from '../rate-limit/rate-limit.ts';
import { alertOnCall } from '../sms/alerts.ts';
import { recordReportFacts } from '../statistics/item-facts.ts';
import { triage } from '../triage/triage.ts';
import { verifySolution } from './proof-of-work.ts';
import { newReceipt, receiptHash } from './receipt.ts';
import { reportPriority } from './report-priority.ts';
import { attachmentRefusedError, reportFieldError } from './report-problems.ts';
import { type ReportInput, storedFields } from './report-schema.ts';
import {
  findByIdempotency,
  insertAttachment,
  insertReport,
  reportContext,
  storeReportKey,
} from './report-store.ts';

export const MAX_ATTACHMENTS = 5;
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/** The no-JavaScript path has no proof of work, so it gets the stricter limit. */
const LIMITS = {
  api: { action: 'report:api', max: 30, windowSeconds: 3600 },
  form: { action: 'report:form', max: 10, windowSeconds: 3600 },
} as const;

export interface Accepted {
  receipt: string;
  status: 'received';
  /** True when an earlier submission with the same idempotency key was found. */
  replayed: boolean;
  priority: string;
}

interface Prepared {
  mediaType: string;
  content: Uint8Array;
}

/**
 * Every file is recognised by its bytes and cleaned in the media workers before anything is
 * stored; one file that cannot be cleaned refuses the whole report, so nothing half-cleaned is kept.
 */
async function prepareAttachments(files: Uint8Array[], locale: Locale, deps: Deps): Promise<Prepared[]> {
  const present = files.filter((f) => f.byteLength > 0);
  const total = present.reduce((sum, f) => sum + f.byteLength, 0);
  if (present.length > MAX_ATTACHMENTS || total > MAX_ATTACHMENT_BYTES) {
    throw reportFieldError(locale, 'attachments', 'attachments-too-large', 413);
  }
  const jobs = present.map((bytes) => {
    const type = sniffMediaType(bytes);
    if (!type) throw reportFieldError(locale, 'attachments', 'attachment-type');
    return { bytes, type };
  });
  const cleaned = await deps.media.cleanAll(jobs);
  if (!cleaned.ok) {
    // Only the reason: a run of refusals (busy, too slow) is worth seeing; the file is not.
    deps.log.info('attachment refused', { errorCode: cleaned.refusal });
    throw attachmentRefusedError(locale, cleaned.refusal);
  }
  return cleaned.files.map((f) => ({ mediaType: f.mediaType, content: f.bytes }));
}

async function checkSpamGuard(input: ReportInput, via: 'api' | 'form', deps: Deps, clientAddress: string) {
  const { db, keys, now } = deps;
  const t = useTranslations(input.locale);
  await enforce(db, keys.hashKey, LIMITS[via], clientAddress, now(), t('report.error.rateLimited'));
  if (via === 'form') {
    if (input.website) throw reportFieldError(input.locale, 'website');
    return;
  }
  if (!input.altcha) throw reportFieldError(input.locale, 'altcha', 'proof-of-work-required', 400);
  const verdict = await verifySolution(db, keys.hashKey, input.altcha, now());
  if (verdict !== 'ok') throw reportFieldError(input.locale, 'altcha', `proof-of-work-${verdict}`, 400);
}

async function replay(input: ReportInput, deps: Deps): Promise<Accepted | undefined> {
  if (!input.idempotencyKey) return undefined;
  const found = await findByIdempotency(
    deps.db,
    keyedHash(deps.keys.hashKey, 'idempotency', input.idempotencyKey),
  );
  if (!found) return undefined;
  const sealKey = keyedHash(deps.keys.hashKey, 'idempotency-seal', input.idempotencyKey);
  const receipt = await decryptText(sealKey, found.idempotency_receipt, reportContext.receipt(found.id));
  return { receipt, status: 'received', replayed: true, priority: '' };
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === '23505';
}

export async function acceptReport(
  input: ReportInput,
  files: Uint8Array[],
  via: 'api' | 'form',
  deps: Deps,
  clientAddress: string,
): Promise<Accepted> {
  const earlier = await replay(input, deps);
  if (earlier) return earlier;
  await checkSpamGuard(input, via, deps, clientAddress);
  const attachments = await prepareAttachments(files, input.locale, deps);
  const text = triage({ text: input.description });
  const triaged = reportPriority(input, text);

  for (let attempt = 0; ; attempt++) {
    const id = randomUUID();
    const receipt = newReceipt();
    const dataKey = newDataKey();
    const now = deps.now();
    const idempotency = input.idempotencyKey
      ? {
          hash: keyedHash(deps.keys.hashKey, 'idempotency', input.idempotencyKey),
          sealed: await encryptField(
            keyedHash(deps.keys.hashKey, 'idempotency-seal', input.idempotencyKey),
            receipt,
            reportContext.receipt(id),
          ),
        }
      : null;
    const sealedAttachments = await Promise.all(
      attachments.map(async (a) => {
        const attachmentId = randomUUID();
        return {
          id: attachmentId,
          mediaType: a.mediaType,
          byteSize: a.content.length,
          content: await encryptField(dataKey, a.content, reportContext.attachment(id, attachmentId)),
        };
      }),
    );
    const payload = await encryptField(
      dataKey,
      JSON.stringify(storedFields(input)),
      reportContext.payload(id),
    );
    try {
      await deps.db.transaction(async (tx) => {
        await insertReport(tx, {
          id,
          receiptHash: receiptHash(deps.keys.hashKey, receipt),
          idempotencyHash: idempotency?.hash ?? null,
          idempotencyReceipt: idempotency?.sealed ?? null,
          locale: input.locale,
          priority: triaged.priority,
          minor: triaged.minor,
          payload,
          now,
        });
        await storeReportKey(tx, deps.keys, id, dataKey);
        for (const a of sealedAttachments) await insertAttachment(tx, { ...a, reportId: id });
        const item = await enqueue(tx, { source: 'report', sourceId: id, ...triaged }, now);
        await recordReportFacts(tx, item.id, input);
        if (triaged.priority === 'emergency') {
          await alertOnCall(
            tx,
            deps,
            { source: 'report', reasons: triaged.reasons, minor: triaged.minor },
            now,
          );
        }
      });
      return { receipt, status: 'received', replayed: false, priority: triaged.priority };
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= 2) throw error;
      // A concurrent double submit with the same idempotency key won the race: answer as it did.
      const concurrent = await replay(input, deps);
      if (concurrent) return concurrent;
      // Otherwise a receipt collided (about 1 in 10^16): draw another.
    }
  }
}
