/** Compressed bytes of each locale's home page, beside a blank page compressed the same way. */
import { readFile, stat } from 'node:fs/promises';
import { brotliCompressSync, constants } from 'node:zlib';
import { LOCALES } from '#kernel/i18n/locales.ts';
import { formatTable } from '../lib/table.ts';

const BUDGET = 14_600;

export async function pageBytes(): Promise<string> {
  const blank = brotliCompressSync(Buffer.from('<!doctype html><html lang="en"><title>x</title></html>'), {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
  }).length;
  const rows = [];
  for (const locale of LOCALES) {
    const file = `dist/client/${locale.code}/index.html`;
    const raw = (await stat(file)).size;
    const br = (await readFile(`${file}.br`)).length;
    rows.push([locale.code, raw, br, blank, BUDGET, br <= BUDGET ? 'yes' : 'NO']);
  }
  return formatTable(
    'Home page bytes (HTML with inlined CSS)',
    ['locale', 'raw', 'brotli', 'blank page (brotli)', 'budget', 'within'],
    rows,
  );
}
