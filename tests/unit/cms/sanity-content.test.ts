/**
 * content/ -> Sanity import file -> the groq-js stand-in -> the content loader: every entry comes
 * back with the id and data the file source gives it, drafts stay out of builds, and an invalid
 * document stops the load with its id and field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOCUMENT_KINDS, entryId, siteFields } from '#kernel/content/sanity-documents.ts';
import { sanityClient, sanitySource } from '#kernel/content/sanity-source.ts';
import { LOCALE_CODES } from '#kernel/i18n/locales.ts';
import { exportContent, type SanityDocument, toNdjson } from '../../../functions/cms/export-content.ts';
import { ConfigError, loadConfig } from '../../../functions/config/load-config.ts';
import { InvalidDocumentError, sanityLoader } from '../../../src/content/sanity/loader.ts';
import { translationMatrix } from '../../../studio/translation-status/matrix.ts';
import { readMarkdownCollection, readYamlCollection } from '../../helpers/content-files.ts';
import { readNdjson, type SanityStandIn, startSanityStandIn } from '../../helpers/sanity-stand-in.ts';

const TOKEN = 'stand-in-read-token';
let documents: SanityDocument[];
let standIn: SanityStandIn;
const source = () => ({
  projectId: 'waymark',
  dataset: 'production',
  apiHost: standIn.url,
  apiVersion: '2025-02-19',
});

beforeAll(async () => {
  documents = await exportContent();
  standIn = await startSanityStandIn({ documents: readNdjson(toNdjson(documents)), token: TOKEN });
});
afterAll(() => standIn.close());

/** Runs the loader the way Astro's content layer does, with a store that keeps what is set. */
async function load(
  collection: (typeof DOCUMENT_KINDS)[number]['collection'],
  options?: { bodies: boolean },
) {
  const entries = new Map<
    string,
    { data: Record<string, unknown>; body?: string; rendered?: { html: string } }
  >();
  const kind = DOCUMENT_KINDS.find((k) => k.collection === collection)!;
  await sanityLoader(collection, source(), options).load({
    collection,
    store: {
      clear: () => entries.clear(),
      set: (entry: {
        id: string;
        data: Record<string, unknown>;
        body?: string;
        rendered?: { html: string };
      }) => {
        entries.set(entry.id, entry);
        return true;
      },
    },
    parseData: async ({ data }: { data: Record<string, unknown> }) => kind.schema.parse(data),
    renderMarkdown: async (body: string) => ({ html: `<rendered>${body.length}</rendered>`, metadata: {} }),
    generateDigest: (data: unknown) => String(JSON.stringify(data).length),
    logger: { info: () => {} },
  } as never);
  return entries;
}

describe('cms:export', () => {
  it('exports every content file once, with deterministic ids', () => {
    const files =
      ['guides', 'campaigns', 'pages'].flatMap((c) => readMarkdownCollection(c)).length +
      readYamlCollection('faq').length +
      readYamlCollection('help').length +
      readYamlCollection('settings').length;
    expect(documents).toHaveLength(files);
    expect(new Set(documents.map((d) => d._id)).size).toBe(documents.length);
    expect(documents.map((d) => d._id)).toContain('guide.warning-signs.fr');
    expect(documents.map((d) => d._id)).toContain('helpEntry.np');
    expect(documents.map((d) => d._id)).toContain('faq.ar');
    expect(documents.filter((d) => d._type === 'siteSettings').map((d) => d._id)).toEqual(['siteSettings']);
  });

  it('links every translation to an English original that is in the same file', () => {
    const ids = new Set(documents.map((d) => d._id));
    const translations = documents.filter((d) => d.translationOf);
    expect(translations.length).toBeGreaterThan(50);
    for (const d of translations) {
      const ref = d.translationOf as { _ref: string; _weak: boolean };
      expect(ids.has(ref._ref), `${d._id} -> ${ref._ref}`).toBe(true);
      expect(ref._weak).toBe(true);
      expect(ref._ref.endsWith('.en')).toBe(true);
    }
  });

  it('gives every object in an array the _key Sanity requires', () => {
    const walk = (value: unknown, where: string): void => {
      if (Array.isArray(value)) {
        for (const item of value) {
          if (item && typeof item === 'object') expect((item as { _key?: string })._key, where).toBeTruthy();
          walk(item, where);
        }
      } else if (value && typeof value === 'object') {
        for (const [k, v] of Object.entries(value)) walk(v, `${where}.${k}`);
      }
    };
    for (const d of documents) walk(d, d._id);
  });

  it('keeps the file data exactly: the site fields of each document equal the file', () => {
    for (const file of readMarkdownCollection('guides')) {
      const doc = documents.find((d) => d._id === `guide.${file.slug}.${file.locale}`)!;
      expect(siteFields(doc)).toEqual(file.data);
      expect(doc.body).toBe(file.body.trim());
    }
  });
});

describe('the content loader over the stand-in', () => {
  it.each(DOCUMENT_KINDS.map((k) => [k.collection] as const))(
    '%s: the same entry ids as content/',
    async (collection) => {
      const kind = DOCUMENT_KINDS.find((k) => k.collection === collection)!;
      const entries = await load(collection);
      const files =
        kind.shape === 'markdown'
          ? readMarkdownCollection(collection).map((f) => `${f.slug}/${f.locale}`)
          : readYamlCollection(collection).map((f) => f.slug);
      expect([...entries.keys()].sort()).toEqual(files.sort());
      if (kind.shape === 'markdown') {
        for (const entry of entries.values())
          expect(entry.rendered?.html).toMatch(/^<rendered>\d+<\/rendered>$/);
      }
    },
  );

  it('leaves bodies out for a build that only lists the documents, with the same data', async () => {
    const full = await load('guides');
    const lists = await load('guides', { bodies: false });
    expect([...lists.keys()]).toEqual([...full.keys()]);
    for (const [id, entry] of lists) {
      expect(entry.body, id).toBeUndefined();
      expect(entry.rendered, id).toBeUndefined();
      expect(entry.data, id).toEqual(full.get(id)!.data);
    }
  });

  it('reads published documents only: a draft does not reach the build', async () => {
    const original = standIn.documents.find((d) => d._id === 'guide.warning-signs.en')!;
    standIn.put({ ...original, _id: 'drafts.guide.warning-signs.en', title: 'Unpublished draft title' });
    try {
      const entries = await load('guides');
      expect(entries.get('warning-signs/en')!.data.title).toBe(original.title);
      // The draft is there for preview, with the token.
      const preview = await sanityClient({ ...source(), token: TOKEN }, 'drafts').fetch<{ title: string }>(
        '*[_id == $id][0]',
        { id: 'guide.warning-signs.en' },
      );
      expect(preview.title).toBe('Unpublished draft title');
      await expect(
        sanityClient(source(), 'drafts').fetch('*[_id == $id][0]', { id: 'guide.warning-signs.en' }),
      ).rejects.toThrow();
    } finally {
      standIn.documents.splice(
        standIn.documents.findIndex((d) => d._id === 'drafts.guide.warning-signs.en'),
        1,
      );
    }
  });

  it('stops on an invalid document, naming the document and the field', async () => {
    const original = standIn.documents.find((d) => d._id === 'guide.warning-signs.fr')!;
    standIn.patch('guide.warning-signs.fr', { title: 'x', topic: 'no-such-topic' });
    try {
      const failure = await load('guides').catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(InvalidDocumentError);
      const message = (failure as Error).message;
      expect(message).toContain('guide.warning-signs.fr');
      expect(message).toContain('guides/warning-signs/fr');
      expect(message).toMatch(/- title: /);
      expect(message).toMatch(/- topic: /);
    } finally {
      standIn.put(original);
    }
  });

  it('answers long queries sent as POST', async () => {
    const ids = documents.map((d) => d._id);
    const found = await sanityClient(source()).fetch<string[]>(`*[_id in $ids]._id`, {
      ids: [...ids, 'x'.repeat(12_000)],
    });
    expect(found.sort()).toEqual([...ids].sort());
  });
});

describe('content source switch', () => {
  it('builds from content/ unless both project and dataset are set', () => {
    expect(sanitySource({})).toBeUndefined();
    expect(sanitySource({ SANITY_PROJECT_ID: '', SANITY_DATASET: ' ' })).toBeUndefined();
    expect(sanitySource({ SANITY_PROJECT_ID: 'abc123', SANITY_DATASET: 'production' })).toMatchObject({
      projectId: 'abc123',
      dataset: 'production',
      apiVersion: '2025-02-19',
    });
    expect(() => sanitySource({ SANITY_PROJECT_ID: 'abc123' })).toThrow(/together/);
    expect(() => sanitySource({ SANITY_PROJECT_ID: 'Not Valid', SANITY_DATASET: 'x' })).toThrow(
      /SANITY_PROJECT_ID/,
    );
  });

  it('is part of the server configuration, checked at start-up', () => {
    expect(loadConfig({}).cms.sanity).toBeUndefined();
    const config = loadConfig({
      SANITY_PROJECT_ID: 'abc123',
      SANITY_DATASET: 'production',
      SANITY_READ_TOKEN: 't',
    });
    expect(config.cms.sanity).toMatchObject({ projectId: 'abc123', token: 't' });
    expect(() => loadConfig({ SANITY_DATASET: 'production' })).toThrow(ConfigError);
    expect(() => loadConfig({ SANITY_WEBHOOK_SECRET: 'short' })).toThrow(/SANITY_WEBHOOK_SECRET/);
  });

  it('maps document addresses to the ids the file source uses', () => {
    const [guide, , , faq, help] = DOCUMENT_KINDS;
    expect(entryId(guide, { slug: 'warning-signs', language: 'fr' })).toBe('warning-signs/fr');
    expect(entryId(faq, { language: 'ar' })).toBe('ar');
    expect(entryId(help, { country: 'NP' })).toBe('np');
  });
});

describe('translation status', () => {
  it('shows, per document, the locales that are published, only drafted or missing', () => {
    const rows = translationMatrix([
      ...documents.map((d) => ({
        _id: d._id,
        _type: d._type,
        language: d.language as string,
        slug: (d.slug as { current?: string })?.current,
      })),
      { _id: 'guide.new-guide.en', _type: 'guide', language: 'en', slug: 'new-guide' },
      { _id: 'drafts.guide.new-guide.fr', _type: 'guide', language: 'fr', slug: 'new-guide' },
    ]);
    const fresh = rows.find((r) => r.key === 'new-guide')!;
    expect(fresh.cells.en).toBe('published');
    expect(fresh.cells.fr).toBe('draft');
    expect(fresh.cells.ne).toBe('missing');
    expect(fresh.missing).toEqual(LOCALE_CODES.filter((l) => l !== 'en'));
    expect(rows.find((r) => r.type === 'faq')!.missing).toEqual([]);
    expect(rows.some((r) => r.type === 'helpEntry')).toBe(false);
  });
});
