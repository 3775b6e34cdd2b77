/**
 * The search and archive room of the page table: the form (a GET, so a search can be bookmarked and
 * shared with a colleague who may read it too) and its results, newest first.
 */
import { PRIORITIES } from '../queue/priority.ts';
import type { PageData, StaffPageContext } from './page-table.ts';
import { staffPage } from './page-table.ts';
import { isEmpty, SEARCH_LIMIT, searchItems, searchSchema } from './search.ts';

const FIELDS = ['receipt', 'phone', 'from', 'to', 'status', 'priority', 'reason'] as const;

export const searchPage = staffPage({
  path: '/console/search',
  access: { permission: 'conversation:read' },
  async load({ deps, session, url, t }: StaffPageContext) {
    const values = Object.fromEntries(
      FIELDS.map((f) => [f, (url.searchParams.get(f) ?? '').slice(0, 80)]),
    ) as Record<(typeof FIELDS)[number], string>;
    const parsed = searchSchema.safeParse(values);
    const searched = parsed.success && !isEmpty(parsed.data);
    return {
      values,
      problem: parsed.success ? undefined : t('console.search.invalid'),
      searched,
      results: searched ? await searchItems(deps, session.user.id, parsed.data) : [],
      limit: SEARCH_LIMIT,
      priorities: PRIORITIES,
      statuses: ['waiting', 'claimed', 'closed'] as const,
    };
  },
});
export type SearchPageData = PageData<typeof searchPage>;
