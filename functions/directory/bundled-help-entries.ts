/** The help directory bundled into the server at build time (see help-entries.ts). */
import type { HelpEntry } from '#kernel/content/schemas.ts';
import { parseHelpFile } from './help-entries.ts';

const files = import.meta.glob<string>('../../content/help/*.yaml', {
  eager: true,
  query: '?raw',
  import: 'default',
});

export const HELP_ENTRIES: readonly HelpEntry[] = Object.entries(files)
  .map(([file, text]) => parseHelpFile(file, text))
  .sort((a, b) => a.country.localeCompare(b.country));
