/** Reads content/ the way the site does (frontmatter + body), for tests that need no Astro build. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

export interface ContentFile {
  file: string;
  slug: string;
  locale: string;
  data: unknown;
  body: string;
}

export function readMarkdownCollection(collection: string): ContentFile[] {
  const root = path.join('content', collection);
  return readdirSync(root).flatMap((slug) =>
    readdirSync(path.join(root, slug))
      .filter((f) => f.endsWith('.md'))
      .map((f) => {
        const file = path.join(root, slug, f);
        const text = readFileSync(file, 'utf8');
        const match = /^---\n([\s\S]*?)\n---\n?([\s\S]*)$/.exec(text);
        if (!match) throw new Error(`${file}: no frontmatter`);
        return { file, slug, locale: f.slice(0, -3), data: parse(match[1]!), body: match[2]! };
      }),
  );
}

export function readYamlCollection(collection: string): ContentFile[] {
  const root = path.join('content', collection);
  return readdirSync(root)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => {
      const file = path.join(root, f);
      return {
        file,
        slug: f.slice(0, -5),
        locale: f.slice(0, -5),
        data: parse(readFileSync(file, 'utf8')),
        body: '',
      };
    });
}
