/**
 * A Markdown body as a node's pages show it: rendered by the renderer the build uses, then
 * sanitized. One function for the main thread and for the worker that renders bodies ahead at start
 * (functions/cms/bodies-ahead.ts), so both give the same bytes.
 */
import { createSatteriMarkdownProcessor } from '@astrojs/markdown-satteri';
import { sanitizeContentHtml } from '#kernel/content/content-html.ts';

let renderer: ReturnType<typeof createSatteriMarkdownProcessor> | undefined;

export async function renderBody(body: string): Promise<string> {
  renderer ??= createSatteriMarkdownProcessor();
  return sanitizeContentHtml((await (await renderer).render(body, { frontmatter: {} })).code);
}
