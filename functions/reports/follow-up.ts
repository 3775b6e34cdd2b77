/**
 * Anonymous follow-up with the receipt code: `POST /api/reports/lookup` shows the status and the
 * staff's messages, `POST /api/reports/reply` adds the reporter's message. The receipt travels only
 * in the body, never in a URL. Every attempt counts against a per-client limit, and a wrong
 * receipt is answered exactly like an unknown one.
 */
import { z } from 'zod';
import type { Locale } from '#kernel/i18n/locales.ts';
import { useTranslations } from '#kernel/i18n/ui.ts';
import { decryptText, encryptField } from '../crypto/envelope.ts';
import type { Deps } from '../deps.ts';
import { HttpError } from '../http/http-error.ts';
import { json } from '../http/json.ts';
import { readBody } from '../http/read-body.ts';
import type { RouteContext } from '../http/route.ts';
import { enqueue } from '../queue/enqueue.ts';
import { enforce } from '../rate-limit/rate-limit.ts';
import { storedReasons, triage } from '../triage/triage.ts';
import { normalizeReceipt, receiptHash } from './receipt.ts';
import { reportFieldError, reportLocale } from './report-problems.ts';
import {
  findByReceipt,
  insertMessage,
  listMessages,
  openReportKey,
  type ReportRow,
  reportContext,
} from './report-store.ts';

const LOOKUP_LIMIT = { action: 'report:lookup', max: 20, windowSeconds: 3600 };

const receiptField = z
  .string()
  .max(64)
  .transform((v, ctx) => {
    const receipt = normalizeReceipt(v);
    if (!receipt) ctx.addIssue({ code: 'custom', message: 'receipt' });
    return receipt ?? '';
  });

const lookupSchema = z.object({ receipt: receiptField, locale: z.string().optional() });
const replySchema = z.object({
  receipt: receiptField,
  message: z.string().trim().min(1).max(5000),
  locale: z.string().optional(),
});

export interface FollowUp {
  status: string;
  receivedOn: string;
  messages: { from: 'staff' | 'you'; text: string; at: string }[];
}

async function openReport(raw: Record<string, unknown>, locale: Locale, deps: Deps, clientAddress: string) {
  const t = useTranslations(locale);
  await enforce(
    deps.db,
    deps.keys.hashKey,
    LOOKUP_LIMIT,
    clientAddress,
    deps.now(),
    t('report.error.rateLimited'),
  );
  const receipt = lookupSchema.safeParse(raw);
  if (!receipt.success) throw reportFieldError(locale, 'receipt');
  const report = await findByReceipt(deps.db, receiptHash(deps.keys.hashKey, receipt.data.receipt));
  if (!report) throw new HttpError(404, 'receipt-unknown', t('report.error.receiptUnknown'));
  const dataKey = await openReportKey(deps.db, deps.keys, report.id);
  return { report, dataKey };
}

async function thread(deps: Deps, report: ReportRow, dataKey: Buffer): Promise<FollowUp> {
  const messages = await listMessages(deps.db, report.id);
  return {
    status: report.status,
    receivedOn: report.created_at.toISOString().slice(0, 10),
    messages: await Promise.all(
      messages.map(async (m) => ({
        from: m.author === 'staff' ? ('staff' as const) : ('you' as const),
        text: await decryptText(dataKey, m.body, reportContext.message(report.id)),
        at: m.created_at.toISOString(),
      })),
    ),
  };
}

/** The report's status and conversation, for whoever holds its receipt. */
export async function lookUp(
  raw: Record<string, unknown>,
  locale: Locale,
  deps: Deps,
  clientAddress: string,
) {
  const { report, dataKey } = await openReport(raw, locale, deps, clientAddress);
  return thread(deps, report, dataKey);
}

/** Adds the reporter's message and puts the report back in front of an operator. */
export async function reply(raw: Record<string, unknown>, locale: Locale, deps: Deps, clientAddress: string) {
  const { report, dataKey } = await openReport(raw, locale, deps, clientAddress);
  const message = replySchema.safeParse(raw);
  if (!message.success) throw reportFieldError(locale, 'message');
  const now = deps.now();
  const text = triage({ text: message.data.message });
  await deps.db.transaction(async (tx) => {
    await insertMessage(tx, {
      reportId: report.id,
      author: 'reporter',
      body: await encryptField(dataKey, message.data.message, reportContext.message(report.id)),
      now,
    });
    await enqueue(
      tx,
      {
        source: 'report',
        sourceId: report.id,
        priority: text.priority,
        minor: text.minor,
        score: text.score,
        reasons: storedReasons(text.reasons),
        model: text.model,
      },
      now,
    );
  });
  return thread(deps, report, dataKey);
}

/** The posted JSON object or form, whichever the client sent. */
export async function readObject(request: Request): Promise<Record<string, unknown>> {
  const { data } = await readBody(request, 16 * 1024);
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new HttpError(400, 'invalid-body', 'Send a JSON object.');
  }
  return data as Record<string, unknown>;
}

export async function lookupReport(
  request: Request,
  { deps, clientAddress }: RouteContext,
): Promise<Response> {
  const raw = await readObject(request);
  return json(await lookUp(raw, reportLocale(raw, request), deps, clientAddress));
}

export async function replyToReport(
  request: Request,
  { deps, clientAddress }: RouteContext,
): Promise<Response> {
  const raw = await readObject(request);
  return json(await reply(raw, reportLocale(raw, request), deps, clientAddress), { status: 201 });
}
