/**
 * The public help directory as the server and the export read it: the YAML files in content/help,
 * validated by the site's own schema. The server has them bundled (`import.meta.glob`, like the
 * emergency numbers for SMS replies); the export command reads the folder.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { type HelpEntry, helpEntrySchema } from '#kernel/content/schemas.ts';

export function parseHelpFile(file: string, text: string): HelpEntry {
  const checked = helpEntrySchema.safeParse(parse(text));
  if (!checked.success)
    throw new Error(
      `${file}: ${checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  return checked.data;
}

export async function readHelpFolder(folder = 'content/help'): Promise<HelpEntry[]> {
  const files = (await readdir(folder)).filter((f) => f.endsWith('.yaml')).sort();
  return Promise.all(files.map(async (f) => parseHelpFile(f, await readFile(path.join(folder, f), 'utf8'))));
}
