/**
 * The Studio's translation status view: every translated document against the twelve locales,
 * with what is published, what is only a draft and what is missing. Written with createElement
 * rather than JSX because the site's JSX is Preact's.
 */
import { createElement as h, useEffect, useState } from 'react';
import { type Tool, useClient } from 'sanity';
import { LOCALES } from '#kernel/i18n/locales.ts';
import { STUDIO_API_VERSION } from '../api-version.ts';
import {
  type CellState,
  TRANSLATED_TYPES,
  TRANSLATION_STATUS_QUERY,
  type TranslationDocument,
  type TranslationRow,
  translationMatrix,
} from './matrix.ts';

const MARK: Record<CellState, string> = { published: '✓', draft: '✎', missing: '—' };
const cell = { padding: '4px 8px', borderBottom: '1px solid #ddd', textAlign: 'center' as const };

function TranslationStatus() {
  const client = useClient({ apiVersion: STUDIO_API_VERSION });
  const [rows, setRows] = useState<TranslationRow[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    const load = () =>
      client
        .fetch<TranslationDocument[]>(
          TRANSLATION_STATUS_QUERY,
          { types: TRANSLATED_TYPES },
          { perspective: 'raw' },
        )
        .then((docs) => setRows(translationMatrix(docs)))
        .catch((e: Error) => setError(e.message));
    load();
    const subscription = client
      .listen('*[_type in $types]', { types: TRANSLATED_TYPES }, { visibility: 'query' })
      .subscribe(() => load());
    return () => subscription.unsubscribe();
  }, [client]);

  if (error) return h('p', { style: { padding: 16 } }, `Could not load documents: ${error}`);
  if (!rows) return h('p', { style: { padding: 16 } }, 'Loading…');
  const incomplete = rows.filter((r) => r.missing.length > 0).length;
  return h(
    'div',
    { style: { padding: 16, overflow: 'auto' } },
    h('h1', null, 'Translation status'),
    h(
      'p',
      null,
      `${incomplete} of ${rows.length} documents lack at least one language. `,
      '✓ published · ✎ draft only · — missing (readers see English with a notice).',
    ),
    h(
      'table',
      { style: { borderCollapse: 'collapse' } },
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          h('th', { style: { ...cell, textAlign: 'left' } }, 'Document'),
          ...LOCALES.map((l) => h('th', { key: l.code, style: cell, title: l.english }, l.code)),
          h('th', { style: cell }, 'Missing'),
        ),
      ),
      h(
        'tbody',
        null,
        ...rows.map((row) =>
          h(
            'tr',
            { key: `${row.type}/${row.key}` },
            h('th', { style: { ...cell, textAlign: 'left' }, scope: 'row' }, `${row.type} / ${row.key}`),
            ...LOCALES.map((l) =>
              h(
                'td',
                {
                  key: l.code,
                  style: { ...cell, color: row.cells[l.code] === 'missing' ? '#b00020' : undefined },
                },
                MARK[row.cells[l.code]],
              ),
            ),
            h('td', { style: cell }, row.missing.join(' ') || 'none'),
          ),
        ),
      ),
    ),
  );
}

export const translationStatusTool: Tool = {
  name: 'translation-status',
  title: 'Translation status',
  component: TranslationStatus,
};
