/**
 * Whether the build writes a page for every document: each guide, campaign and country's help in
 * every language. A running node renders those pages from the database's content snapshot either
 * way (functions/cms/live-pages.ts), so by default the build leaves them out and takes the same
 * time whatever the size of the site; `PRERENDER_DOCUMENTS=1` writes them too, for a static copy.
 */
export const prerenderDocuments = process.env.PRERENDER_DOCUMENTS === '1';
