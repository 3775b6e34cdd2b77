/**
 * Web reports as a thread channel: the description and the messages exchanged through the receipt
 * code, every field of the report with readable labels, its attachments, and answers the reporter
 * reads with the receipt (no SMS: no segment counter, no SMS canned texts).
 */
import type { UiKey } from '#kernel/i18n/ui.ts';
import { countryName } from '../../console/code-names.ts';
import { decryptField, decryptText, encryptField } from '../../crypto/envelope.ts';
import { HttpError } from '../../http/http-error.ts';
import { REPORT_EXPLOITATION_AS_HTCDS } from '../../referrals/referral-schema.ts';
import type { StoredReport } from '../../reports/report-schema.ts';
import { insertMessage, openReportKey, reportContext } from '../../reports/report-store.ts';
import type { ThreadChannel, ThreadEntry, ThreadField } from '../thread-channel.ts';

export const reportThread: ThreadChannel = {
  kind: 'report',
  tools: { segmentCounter: false, templates: false, maxLength: 1600 },
  linkedLabel: 'console.linkedConversation',

  async load(deps, reportId) {
    const [r] = await deps.db.query<{ id: string; payload: Uint8Array; locale: string; created_at: Date }>(
      'select id, payload, locale, created_at from reports where id = $1',
      [reportId],
    );
    if (!r) return null;
    const [linked] = await deps.db.query<{ id: string }>(
      `select q.id from conversations c join queue_items q on q.source = 'sms' and q.source_id = c.id where c.report_id = $1 limit 1`,
      [r.id],
    );
    const key = await openReportKey(deps.db, deps.keys, r.id);
    const report = JSON.parse(await decryptText(key, r.payload, reportContext.payload(r.id))) as StoredReport;
    const thread: ThreadEntry[] = [{ direction: 'in', text: report.description, at: r.created_at }];
    const messages = await deps.db.query<{ author: string; body: Uint8Array; created_at: Date }>(
      'select author, body, created_at from report_messages where report_id = $1 order by id',
      [r.id],
    );
    for (const m of messages) {
      thread.push({
        direction: m.author === 'staff' ? 'out' : 'in',
        text: await decryptText(key, m.body, reportContext.message(r.id)),
        at: m.created_at,
      });
    }
    const attachments = await deps.db.query<{ id: string; media_type: string; byte_size: number }>(
      'select id, media_type, byte_size from report_attachments where report_id = $1 order by created_at, id',
      [r.id],
    );
    return {
      thread,
      lang: r.locale,
      optedOut: false,
      linkedItemId: linked?.id ?? null,
      facts: report,
      attachments: attachments.map((a) => ({ id: a.id, mediaType: a.media_type, byteSize: a.byte_size })),
    };
  },

  fields(loaded, t, locale) {
    const report = loaded.facts as StoredReport | undefined;
    if (!report) return [];
    const fields: ThreadField[] = [];
    const add = (label: UiKey, value: string | undefined, own = false) => {
      if (value !== undefined && value !== '') fields.push({ label: t(label), value, own });
    };
    const list = (values: string[]) => new Intl.ListFormat(locale, { type: 'conjunction' }).format(values);
    add('console.field.inDanger', report.inDanger && t(`report.answer.${report.inDanger}`));
    add('console.field.country', report.country && countryName(locale, report.country));
    add('console.field.place', report.place, true);
    add('console.field.when', report.when, true);
    add(
      'console.field.peopleCount',
      report.peopleCount === undefined ? undefined : new Intl.NumberFormat(locale).format(report.peopleCount),
    );
    add(
      'console.field.childrenInvolved',
      report.childrenInvolved && t(`report.answer.${report.childrenInvolved}`),
    );
    add(
      'console.field.exploitation',
      report.exploitation.length
        ? list(report.exploitation.map((e) => t(`report.exploitation.${e}`)))
        : undefined,
    );
    add(
      'console.field.signs',
      report.signs.length ? list(report.signs.map((s) => t(`report.sign.${s}`))) : undefined,
    );
    if (report.contactMethod && report.contactMethod !== 'none') {
      add('console.field.contact', t(`report.contact.${report.contactMethod}`));
      add('console.field.contactValue', report.contactValue, true);
      add('console.field.contactTimes', report.contactTimes, true);
    }
    return fields;
  },

  known(loaded) {
    const report = loaded.facts as StoredReport | undefined;
    return {
      country: report?.country,
      area: report?.place,
      exploitationTypes: [
        ...new Set((report?.exploitation ?? []).map((e) => REPORT_EXPLOITATION_AS_HTCDS[e])),
      ],
    };
  },

  async reply(tx, deps, reportId, message, now) {
    const [r] = await tx.query<{ id: string }>('select id from reports where id = $1', [reportId]);
    if (!r) throw new HttpError(404, 'not-found', 'The report is gone.');
    const key = await openReportKey(tx, deps.keys, r.id);
    await insertMessage(tx, {
      reportId: r.id,
      author: 'staff',
      body: await encryptField(key, message, reportContext.message(r.id)),
      now,
    });
    await tx.query(
      `update reports set status = 'in-review', updated_at = $2 where id = $1 and status = 'received'`,
      [r.id, now],
    );
  },

  async setPriority(tx, reportId, priority) {
    await tx.query('update reports set priority = $2 where id = $1', [reportId, priority]);
  },

  async attachment(deps, reportId, attachmentId) {
    const [a] = await deps.db.query<{ media_type: string; content: Uint8Array }>(
      'select media_type, content from report_attachments where report_id = $1 and id = $2',
      [reportId, attachmentId],
    );
    if (!a) return null;
    const key = await openReportKey(deps.db, deps.keys, reportId);
    return {
      mediaType: a.media_type,
      bytes: await decryptField(key, a.content, reportContext.attachment(reportId, attachmentId)),
    };
  },
};
