/**
 * Search in the reader's language with Pagefind, entirely in the browser. Search terms never go
 * into the URL, so they do not end up in the browser history. The number of results is said with
 * the language's plural rules (the page carries one string per plural category).
 */
export {};

interface PagefindResult {
  data(): Promise<{ url: string; meta: { title?: string }; excerpt: string }>;
}
interface Pagefind {
  search(term: string): Promise<{ results: PagefindResult[] }>;
}

const form = document.querySelector<HTMLFormElement>('#search-form');
const input = document.querySelector<HTMLInputElement>('#search-input');
const list = document.querySelector<HTMLOListElement>('#search-results');
const status = document.querySelector<HTMLElement>('#search-status');

let engine: Promise<Pagefind> | undefined;
const load = () => {
  // A variable keeps the bundler from resolving the index, which only exists after the build.
  const url = '/pagefind/pagefind.js';
  engine ??= import(/* @vite-ignore */ url) as Promise<Pagefind>;
  return engine;
};

if (form && input && list && status) {
  form.hidden = false;
  document.querySelector('#search-nojs')?.setAttribute('hidden', '');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const term = input.value.trim();
    list.replaceChildren();
    if (!term) return;
    status.textContent = form.dataset.searching ?? '';
    const { results } = await (await load()).search(term);
    const top = await Promise.all(results.slice(0, 10).map((r) => r.data()));
    for (const item of top) {
      const li = document.createElement('li');
      const a = document.createElement('a');
      a.href = item.url;
      a.textContent = item.meta.title ?? item.url;
      const p = document.createElement('p');
      // Pagefind's excerpt marks hits with <mark>; keep the text only.
      p.textContent = item.excerpt.replace(/<[^>]+>/g, '');
      li.append(a, p);
      list.append(li);
    }
    const count = results.length;
    status.dataset.count = String(count);
    const category = new Intl.PluralRules(document.documentElement.lang).select(count);
    const found = form.getAttribute(`data-found-${category}`) ?? form.getAttribute('data-found-other');
    status.textContent =
      (count ? found : form.dataset.none)?.replace(
        '{count}',
        new Intl.NumberFormat(document.documentElement.lang).format(count),
      ) ?? '';
  });
}
