/**
 * Search in the reader's language, entirely in the browser (kernel/search/query.ts): the page loads
 * its language's index file and the chunks the words fall in, and nothing else leaves the phone.
 * Search terms never go into the URL, so they do not end up in the browser history. The number of
 * results is said with the language's plural rules (the page carries one string per plural category).
 */
import { SEARCH_INDEX_PATH } from '#kernel/search/index-format.ts';
import { createSearcher, type SearchResult } from '#kernel/search/query.ts';

const form = document.querySelector<HTMLFormElement>('#search-form');
const input = document.querySelector<HTMLInputElement>('#search-input');
const list = document.querySelector<HTMLOListElement>('#search-results');
const status = document.querySelector<HTMLElement>('#search-status');
const lang = document.documentElement.lang;

const searcher = createSearcher(async (name) => {
  const response = await fetch(`${SEARCH_INDEX_PATH}${lang}/${name}`, { cache: 'no-store' });
  if (!response.ok) throw new Error(`search index: ${response.status}`);
  return response.json();
}, lang);

if (form && input && list && status) {
  form.hidden = false;
  document.querySelector('#search-nojs')?.setAttribute('hidden', '');
  const say = (text: string) => {
    status.textContent = text;
  };
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const term = input.value.trim();
    list.replaceChildren();
    if (!term) return;
    say(form.dataset.searching ?? '');
    let count: number;
    let top: SearchResult[];
    try {
      const answer = await searcher.search(term);
      count = answer.count;
      top = await answer.top(10);
    } catch {
      say(form.dataset.failed ?? '');
      return;
    }
    for (const item of top) {
      const li = document.createElement('li');
      const a = document.createElement('a');
      a.href = item.url;
      a.textContent = item.title || item.url;
      const p = document.createElement('p');
      p.textContent = item.excerpt;
      li.append(a, p);
      list.append(li);
    }
    status.dataset.count = String(count);
    const category = new Intl.PluralRules(lang).select(count);
    const found = form.getAttribute(`data-found-${category}`) ?? form.getAttribute('data-found-other');
    say(
      (count ? found : form.dataset.none)?.replace('{count}', new Intl.NumberFormat(lang).format(count)) ??
        '',
    );
  });
}
