/**
 * Draft preview for staff (`content:preview`), as a page of the page table: a Sanity document as
 * the editor last saved it, with anything that would stop the build listed on top. The Studio's
 * "Open preview" links here. English only: it is a staff tool.
 */
import { isLocale } from '#kernel/i18n/locales.ts';
import type { PageData, StaffPageContext } from '../console/page-table.ts';
import { staffPage, WithStatus } from '../console/page-table.ts';
import { loadDraft } from './draft-preview.ts';

const scalar = (v: unknown) =>
  v instanceof Date
    ? v.toISOString().slice(0, 10)
    : typeof v === 'object'
      ? JSON.stringify(v, null, 2)
      : String(v);

export const previewPage = staffPage({
  path: '/console/preview/:type/:id',
  access: { permission: 'content:preview' },
  async load({ deps, params }: StaffPageContext) {
    const preview = await loadDraft(deps.config, params.type ?? '', params.id ?? '');
    const lang =
      preview.state === 'ok' && isLocale(preview.document.language) ? preview.document.language : 'en';
    const fields = preview.state === 'ok' ? preview.fields : {};
    const data = {
      preview,
      type: params.type ?? '',
      id: params.id ?? '',
      lang,
      fields: Object.entries(fields).map(([name, value]) => ({ name, text: scalar(value) })),
      title: typeof fields.title === 'string' ? fields.title : (params.id ?? ''),
      summary: typeof fields.summary === 'string' ? fields.summary : undefined,
    };
    return preview.state === 'not-found' ? new WithStatus(404, data) : data;
  },
});
export type PreviewPageData = PageData<typeof previewPage>;
