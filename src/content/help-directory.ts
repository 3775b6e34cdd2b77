/** The help directory's entries, from the build's collections or a node's content snapshot. */

import { countryName } from '#kernel/content/help-directory.ts';
import { currentLiveContent } from '#kernel/content/live-content.ts';
import type { HelpEntry } from '#kernel/content/schemas.ts';
import type { Locale } from '#kernel/i18n/locales.ts';
import { getCollection } from './collections.ts';
import { withConsoleVerifications } from './help-verifications.ts';

export async function helpEntries(locale: Locale): Promise<HelpEntry[]> {
  // A running node's snapshot carries the console's confirmations already (functions/cms/content-store.ts);
  // the build reads them from the data folder.
  const live = currentLiveContent() !== undefined;
  const entries = (await getCollection('help')).map((e) =>
    live ? e.data : withConsoleVerifications(e.data),
  );
  const collator = new Intl.Collator(locale);
  return entries.sort((a, b) =>
    collator.compare(countryName(a.country, locale), countryName(b.country, locale)),
  );
}
