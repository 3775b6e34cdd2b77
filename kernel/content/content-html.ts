/**
 * The one way a content text's HTML reaches a page: public pages (from content/ or Sanity) and the
 * staff draft preview all pass the Markdown renderer's output through here. Markdown lets an
 * editor write raw HTML, and an editor's account can be taken over, so the HTML is cut down to an
 * allow-list of what the texts use (rehype-sanitize): no scripts, no event handlers, no styles, no
 * frames, forms or meta refreshes, and links only to https, relative, tel:, sms: and mailto:
 * addresses. Then `~/` links are pointed at the reader's language.
 */
import rehypeParse from 'rehype-parse';
import rehypeSanitize, { type Options as SanitizeSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import { unified } from 'unified';
import { localizeLinks } from '#kernel/content/localize-links.ts';

const HEADINGS = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'] as const;

export const CONTENT_SCHEMA: SanitizeSchema = {
  tagNames: [
    ...HEADINGS,
    'p',
    'br',
    'hr',
    'strong',
    'em',
    'b',
    'i',
    'del',
    's',
    'sub',
    'sup',
    'small',
    'abbr',
    'blockquote',
    'code',
    'pre',
    'ul',
    'ol',
    'li',
    'dl',
    'dt',
    'dd',
    'a',
    'img',
    'table',
    'caption',
    'thead',
    'tbody',
    'tfoot',
    'tr',
    'th',
    'td',
  ],
  attributes: {
    // Heading ids are the anchors Markdown headings get; kept as they are so `#anchor` links work.
    ...Object.fromEntries(HEADINGS.map((h) => [h, ['id']])),
    a: ['href', 'title'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    abbr: ['title'],
    ol: ['start', 'reversed'],
    th: ['align', 'scope'],
    td: ['align'],
    code: [['className', /^language-[\w-]+$/]],
  },
  protocols: { href: ['https', 'mailto', 'tel', 'sms'], src: ['https'] },
  ancestors: {
    thead: ['table'],
    tbody: ['table'],
    tfoot: ['table'],
    tr: ['table'],
    th: ['table'],
    td: ['table'],
  },
  // Removed with what they contain; any other element not listed is unwrapped, keeping its text.
  strip: [
    'script',
    'style',
    'template',
    'iframe',
    'noscript',
    'object',
    'embed',
    'textarea',
    'title',
    'select',
  ],
  clobber: [],
  allowComments: false,
  allowDoctypes: false,
};

const sanitizer = unified()
  .use(rehypeParse, { fragment: true })
  .use(rehypeSanitize, CONTENT_SCHEMA)
  .use(rehypeStringify, { characterReferences: { useNamedReferences: true } });

export function sanitizeContentHtml(html: string): string {
  return String(sanitizer.processSync(html));
}

/** A content text's rendered Markdown, safe to put on a page in `locale`. */
export function contentHtml(html: string, locale: string): string {
  return localizeLinks(sanitizeContentHtml(html), locale);
}

/**
 * Sanitized HTML by the entry's rendered object: an entry's body is parsed and sanitized once
 * while the entry lives, not once per page that shows it (a guide also shows in the 11 languages
 * that fall back to it, and a node renders it again at each publish). Parsing was most of the
 * time a node spent rendering a guide.
 */
const KEY = Symbol.for('waymark.sanitized-html');
const holder = globalThis as { [KEY]?: WeakMap<object, string> };
// On globalThis: the server and Astro's server bundle each load their own copy of this module.
holder[KEY] ??= new WeakMap();
const sanitized: WeakMap<object, string> = holder[KEY];

/**
 * An entry's rendered Markdown from HTML that `sanitizeContentHtml` gave already (on this thread or
 * a worker's), for an entry that keeps only the safe HTML (a node's snapshot entries): pages
 * showing it find it sanitized.
 */
export function renderedFromSanitized(html: string): { html: string } {
  const rendered = { html };
  sanitized.set(rendered, html);
  return rendered;
}

/** An entry's rendered Markdown, safe to put on a page in `locale`. */
export function entryHtml(rendered: { html: string } | undefined, locale: string): string {
  if (!rendered) return '';
  if (!sanitized.has(rendered)) sanitized.set(rendered, sanitizeContentHtml(rendered.html));
  return localizeLinks(sanitized.get(rendered)!, locale);
}
