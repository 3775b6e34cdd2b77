/**
 * Turns everything in content/ into Sanity documents, in the NDJSON form `sanity dataset import`
 * reads, so an organisation can load the shipped content into its own dataset on day one. Every file
 * is validated with the site's zod schemas first: an export never carries content the site rejects.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import {
  arrayMemberType,
  DOCUMENT_KINDS,
  type DocumentAddress,
  type DocumentKind,
  documentId,
  entryId,
  translationOfId,
} from '#kernel/content/sanity-documents.ts';

export interface SanityDocument extends Record<string, unknown> {
  _id: string;
  _type: string;
}

export class ContentFileError extends Error {}

/** Arrays of objects need a `_key` (and the member type) in Sanity; arrays of strings do not. */
function withArrayKeys(value: unknown, field = ''): unknown {
  if (Array.isArray(value)) {
    return value.map((item, i) =>
      item !== null && typeof item === 'object' && !Array.isArray(item)
        ? { _key: `k${i}`, _type: arrayMemberType(field), ...(withArrayKeys(item) as object) }
        : item,
    );
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, withArrayKeys(v, k)]),
    );
  }
  return value;
}

function splitFrontmatter(file: string, text: string): { data: unknown; body: string } {
  const match = /^---\r?\n([\s\S]*?)\r?\n---(?:\r?\n|$)([\s\S]*)$/.exec(text);
  if (!match) throw new ContentFileError(`${file}: no frontmatter`);
  // The same trimming the file source applies, so both sources render the same body.
  return { data: parse(match[1]!), body: match[2]!.trim() };
}

function toDocument(
  kind: DocumentKind,
  file: string,
  at: DocumentAddress,
  data: unknown,
  body?: string,
): SanityDocument {
  const checked = kind.schema.safeParse(data);
  if (!checked.success) {
    const fields = checked.error.issues.map((i) => `${i.path.map(String).join('.')}: ${i.message}`);
    throw new ContentFileError(`${file} is not valid: ${fields.join('; ')}`);
  }
  const translationOf = translationOfId(kind, at);
  return {
    _id: documentId(kind, at),
    _type: kind.type,
    ...(at.language ? { language: at.language } : {}),
    ...(at.slug ? { slug: { _type: 'slug', current: at.slug } } : {}),
    ...(translationOf ? { translationOf: { _type: 'reference', _ref: translationOf, _weak: true } } : {}),
    ...(withArrayKeys(data) as object),
    ...(body !== undefined ? { body } : {}),
  };
}

async function sortedEntries(dir: string) {
  return (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
}

export async function exportContent(root = 'content'): Promise<SanityDocument[]> {
  const documents: SanityDocument[] = [];
  for (const kind of DOCUMENT_KINDS) {
    const dir = path.join(root, kind.collection);
    if (kind.shape === 'markdown') {
      for (const slugDir of await sortedEntries(dir)) {
        if (!slugDir.isDirectory()) continue;
        for (const entry of await sortedEntries(path.join(dir, slugDir.name))) {
          if (!entry.name.endsWith('.md')) continue;
          const file = path.join(dir, slugDir.name, entry.name);
          const { data, body } = splitFrontmatter(file, await readFile(file, 'utf8'));
          const at = { slug: slugDir.name, language: entry.name.slice(0, -3) };
          documents.push(toDocument(kind, file, at, data, body));
        }
      }
      continue;
    }
    for (const entry of await sortedEntries(dir)) {
      if (!entry.name.endsWith('.yaml')) continue;
      const file = path.join(dir, entry.name);
      const data = parse(await readFile(file, 'utf8')) as Record<string, unknown>;
      const name = entry.name.slice(0, -5);
      if (kind.shape === 'country' && String(data?.country).toLowerCase() !== name)
        throw new ContentFileError(`${file}: the file name must be the country code in lower case`);
      if (kind.shape === 'singleton' && name !== entryId(kind, {}))
        throw new ContentFileError(`${file}: the settings live in ${entryId(kind, {})}.yaml alone`);
      const at =
        kind.shape === 'locale' ? { language: name } : kind.shape === 'country' ? { country: name } : {};
      documents.push(toDocument(kind, file, at, data));
    }
  }
  return documents;
}

export function toNdjson(documents: SanityDocument[]): string {
  return documents.map((d) => `${JSON.stringify(d)}\n`).join('');
}
