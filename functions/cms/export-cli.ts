/**
 * `npm run cms:export -- <file.ndjson>`: writes content/ as a Sanity import file. Load it with
 * `npx sanity dataset import <file.ndjson> <dataset> --replace`.
 */
import { writeFile } from 'node:fs/promises';
import { ContentFileError, exportContent, toNdjson } from './export-content.ts';

const target = process.argv[2];
if (!target || target.startsWith('-')) {
  process.stderr.write('Usage: npm run cms:export -- <file.ndjson>\n');
  process.exit(2);
}
try {
  const documents = await exportContent();
  await writeFile(target, toNdjson(documents));
  process.stdout.write(`Wrote ${documents.length} documents to ${target}\n`);
} catch (error) {
  if (!(error instanceof ContentFileError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}
