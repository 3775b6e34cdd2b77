/**
 * The campaigns' dates and corridors, bundled into the server at build time from the English
 * originals in content/campaigns (as the help directory is, see directory/bundled-help-entries.ts):
 * what the dashboard needs to show each campaign's reach. With Sanity, keep content/ in step.
 */
import { parse } from 'yaml';
import { campaignSchema } from '#kernel/content/schemas.ts';

const files = import.meta.glob<string>('../../content/campaigns/*/en.md', {
  eager: true,
  query: '?raw',
  import: 'default',
});

export interface CampaignDates {
  slug: string;
  title: string;
  /** YYYY-MM-DD */
  start: string;
  end?: string;
  from: string[];
  to: string[];
}

const day = (d: Date) => d.toISOString().slice(0, 10);

export function parseCampaign(file: string, text: string): CampaignDates {
  const match = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
  const checked = campaignSchema.safeParse(match ? parse(match[1]!) : undefined);
  if (!checked.success)
    throw new Error(
      `${file}: ${checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  const c = checked.data;
  return {
    slug: file.split('/').at(-2)!,
    title: c.title,
    start: day(c.startDate),
    end: c.endDate ? day(c.endDate) : undefined,
    from: c.corridor.from,
    to: c.corridor.to,
  };
}

export const CAMPAIGNS: readonly CampaignDates[] = Object.entries(files)
  .map(([file, text]) => parseCampaign(file, text))
  .sort((a, b) => b.start.localeCompare(a.start) || a.slug.localeCompare(b.slug));
