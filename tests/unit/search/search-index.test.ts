/**
 * The search index a reader's browser loads, built and queried as the node and the browser do
 * (kernel/search/): which pages a query finds, in which order, in the site's scripts, and which
 * files it has to load for them.
 */
import { describe, expect, it } from 'vitest';
import { buildLanguageIndex } from '#kernel/search/index-builder.ts';
import type { IndexFile, SearchDocument } from '#kernel/search/index-format.ts';
import { createSearcher } from '#kernel/search/query.ts';
import { searchWords } from '#kernel/search/words.ts';

function searcherOver(documents: SearchDocument[], locale: string) {
  const files = buildLanguageIndex(documents, locale);
  const loaded: string[] = [];
  const searcher = createSearcher(async (name) => {
    loaded.push(name);
    const bytes = files.get(name);
    if (!bytes) throw new Error(`no file ${name}`);
    return JSON.parse(bytes.toString('utf8'));
  }, locale);
  const urls = async (query: string) => {
    const answer = await searcher.search(query);
    const top = await answer.top(answer.count);
    expect(top).toHaveLength(answer.count);
    return top.map((r) => r.url);
  };
  return { files, loaded, searcher, urls };
}

const guides: SearchDocument[] = [
  {
    url: '/en/guides/passport/',
    title: 'Keep your passport',
    text: 'Nobody may take your passport from you, not even your employer. Keep a copy of it at home.',
  },
  {
    url: '/en/guides/contracts/',
    title: 'Read the contract',
    text: 'A contract in a language you read, signed before you leave. Show it to someone you trust.',
  },
  {
    url: '/en/guides/debts/',
    title: 'Recruitment fees and debts',
    text: 'A recruiter who keeps your documents until a debt is paid is breaking the law: passports included.',
  },
];

describe('words', () => {
  it('are lower-cased, lose Latin and Cyrillic accents, and keep the vowel signs of Indic scripts; Arabic loses its marks and article', () => {
    expect(searchWords('Hộ chiếu của BẠN', 'vi')).toEqual(['ho', 'chieu', 'cua', 'ban']);
    expect(searchWords('¿Dónde está mi PASAPORTE?', 'es')).toEqual(['donde', 'esta', 'mi', 'pasaporte']);
    expect(searchWords('Ёлка, Паспорт!', 'ru')).toEqual(['елка', 'паспорт']);
    expect(searchWords('पासपोर्ट राख्नुहोस्।', 'ne')).toEqual(['पासपोर्ट', 'राख्नुहोस्']);
    expect(searchWords('আপনার পাসপোর্ট', 'bn')).toEqual(['আপনার', 'পাসপোর্ট']);
    expect(searchWords('جواز السفر، قطر؟ أَمان', 'ar')).toEqual(['جواز', 'سفر', 'قطر', 'امان']);
    expect(searchWords('call +974 4444-0000 (24/7)', 'en')).toEqual([
      'call',
      '974',
      '4444',
      '0000',
      '24',
      '7',
    ]);
  });

  it('cuts Chinese into words, the same in a page and in a query', () => {
    const page = searchWords('在卡塔尔的帮助：护照不能被雇主拿走。', 'zh');
    expect(page).toContain('卡塔尔');
    expect(page).toContain('护照');
    expect(searchWords('卡塔尔', 'zh')).toEqual(['卡塔尔']);
  });
});

describe('searching an index', () => {
  it('finds the pages with every word of the query, the title first', async () => {
    const { urls } = searcherOver(guides, 'en');
    expect(await urls('passport')).toEqual(['/en/guides/passport/', '/en/guides/debts/']);
    expect(await urls('contract')).toEqual(['/en/guides/contracts/']);
    expect(await urls('passport employer')).toEqual(['/en/guides/passport/']);
    expect(await urls('submarine')).toEqual([]);
    expect(await urls('  ,;  ')).toEqual([]);
  });

  it('reads a word as a beginning, and a long one without its last letters', async () => {
    const { urls } = searcherOver(guides, 'en');
    // "recruit" finds "recruiter" and "recruitment".
    expect(await urls('recruit')).toEqual(['/en/guides/debts/']);
    expect(await urls('pass home')).toEqual(['/en/guides/passport/']);
    expect(await urls('contracts')).toEqual(['/en/guides/contracts/']);
    expect(await urls('debt')).toEqual(['/en/guides/debts/']);
    // The word itself ranks a page above a word it only begins.
    expect(await urls('passports')).toEqual(['/en/guides/debts/', '/en/guides/passport/']);
  });

  it('finds the other forms of a word in inflected languages, and Arabic with or without the article', async () => {
    const russian = searcherOver(
      [
        { url: '/ru/guides/a/', title: 'Паспорт', text: 'Работодатель не может забрать ваш паспорт.' },
        { url: '/ru/guides/b/', title: 'Долги', text: 'Не расплачивайтесь паспортом за долг.' },
        { url: '/ru/guides/c/', title: 'Договор', text: 'Прочитайте договор до отъезда.' },
      ],
      'ru',
    );
    expect((await russian.urls('паспорта')).sort()).toEqual(['/ru/guides/a/', '/ru/guides/b/']);
    const arabic = searcherOver(
      [
        {
          url: '/ar/guides/a/',
          title: 'احتفظ بجواز سفرك',
          text: `${'اقرأ هذا الدليل قبل أن تغادر. '.repeat(12)}لا يحق لأحد أن يحتفظ بجواز سفرك.`,
        },
        { url: '/ar/guides/b/', title: 'العقد', text: 'اقرأ العقدَ قبل السفر إلى الخارج.' },
      ],
      'ar',
    );
    expect(await arabic.urls('جواز السفر')).toEqual(['/ar/guides/a/']);
    expect(await arabic.urls('الجواز')).toEqual(['/ar/guides/a/']);
    // "بجواز" (with the passport) is found as "جواز" too, and as itself.
    expect(await arabic.urls('احتفظ جواز')).toEqual(['/ar/guides/a/']);
    expect(await arabic.urls('بجواز')).toEqual(['/ar/guides/a/']);
    const [hit] = await (await arabic.searcher.search('جواز')).top(1);
    // Its excerpt is the passage with the word, far into the page.
    expect(hit!.excerpt).toMatch(/^… .*بجواز سفرك\.$/);
    // Short vowels written or not, the same word.
    expect(await arabic.urls('عقد')).toEqual(['/ar/guides/b/']);
  });

  it('finds a page whatever the accents and case the reader typed', async () => {
    const pages: SearchDocument[] = [
      { url: '/vi/guides/a/', title: 'Giữ hộ chiếu của bạn', text: 'Không ai được lấy hộ chiếu của bạn.' },
      { url: '/vi/guides/b/', title: 'Hợp đồng', text: 'Đọc hợp đồng trước khi đi.' },
    ];
    const { urls } = searcherOver(pages, 'vi');
    expect(await urls('ho chieu')).toEqual(['/vi/guides/a/']);
    expect(await urls('HỘ CHIẾU')).toEqual(['/vi/guides/a/']);
    expect(await urls('hợp đồng')).toEqual(['/vi/guides/b/']);
  });

  it('ranks a page by its boosted words first: a country by its name in other languages', async () => {
    const help: SearchDocument[] = [
      { url: '/ar/help/qa/', title: 'المساعدة في قطر', boost: 'Qatar', text: 'رقم الطوارئ: 999.' },
      { url: '/ar/guides/gulf/', title: 'العمل في الخليج', text: 'Qatar, Kuwait, Oman: ما يجب أن تعرفه.' },
    ];
    const { urls } = searcherOver(help, 'ar');
    expect(await urls('qatar')).toEqual(['/ar/help/qa/', '/ar/guides/gulf/']);
    expect(await urls('قطر')).toEqual(['/ar/help/qa/']);
  });

  it('finds Chinese words inside a run of characters, with an excerpt around them', async () => {
    const pages: SearchDocument[] = [
      { url: '/zh/help/qa/', title: '卡塔尔的帮助', text: '紧急电话：999。国际移民组织卡塔尔办事处。' },
      { url: '/zh/guides/passport/', title: '保管好你的护照', text: '雇主不能拿走你的护照。' },
    ];
    const { searcher, urls } = searcherOver(pages, 'zh');
    expect(await urls('卡塔尔')).toEqual(['/zh/help/qa/']);
    expect(await urls('护照')).toEqual(['/zh/guides/passport/']);
    const [first] = await (await searcher.search('护照')).top(1);
    expect(first).toMatchObject({ title: '保管好你的护照' });
    expect(first!.excerpt).toContain('护照');
  });

  it('gives a plain-text excerpt around the first word found, cut at spaces', async () => {
    const long = `${'Before the part about money. '.repeat(20)}Nobody may keep your passport to make you pay a debt. ${'After it. '.repeat(40)}`;
    const { searcher } = searcherOver([{ url: '/en/guides/long/', title: 'Long', text: long }], 'en');
    const [hit] = await (await searcher.search('passport')).top(1);
    expect(hit!.excerpt).toMatch(/^… .*Nobody may keep your passport to make you pay a debt\..* …$/);
    expect(hit!.excerpt.length).toBeLessThan(260);
  });
});

describe('the files of an index', () => {
  const many: SearchDocument[] = Array.from({ length: 1200 }, (_, i) => ({
    url: `/en/guides/g${i}/`,
    title: `Guide ${i}`,
    // Words of their own in every page, so the index has many chunks.
    text: `common words w${i}a w${i}b w${i}c x${(i * 7919) % 1000} y${(i * 104729) % 997}`,
  }));

  it('are the same bytes for the same pages, in any order', () => {
    const one = buildLanguageIndex(many, 'en');
    const two = buildLanguageIndex([...many].reverse(), 'en');
    expect([...two.keys()].sort()).toEqual([...one.keys()].sort());
    for (const [name, bytes] of one) expect(two.get(name)!.equals(bytes), name).toBe(true);
  });

  it('change only where pages changed: other fragments keep their names', () => {
    const before = buildLanguageIndex(many, 'en');
    const after = buildLanguageIndex(
      many.map((d, i) => (i === 5 ? { ...d, text: `${d.text} corrected` } : d)),
      'en',
    );
    const fragments = (files: Map<string, Buffer>) => [...files.keys()].filter((n) => n.startsWith('p-'));
    const gone = fragments(before).filter((n) => !after.has(n));
    expect(gone).toHaveLength(1);
    expect(JSON.parse(before.get(gone[0]!)!.toString()).url).toBe('/en/guides/g5/');
  });

  it('let a query load the index, the chunks its words are in and the fragments shown, nothing else', async () => {
    const { files, loaded, searcher } = searcherOver(many, 'en');
    const index = JSON.parse(files.get('index.json')!.toString()) as IndexFile;
    expect(index.docs).toHaveLength(1200);
    expect(index.chunks.length).toBeGreaterThan(4);
    const answer = await searcher.search('w42b');
    expect(answer.count).toBe(1);
    expect((await answer.top(10)).map((r) => r.url)).toEqual(['/en/guides/g42/']);
    const chunks = loaded.filter((n) => n.startsWith('w-'));
    expect(chunks.length).toBeLessThanOrEqual(2);
    expect(loaded.filter((n) => n.startsWith('p-'))).toHaveLength(1);
    // Asked again, nothing is loaded twice.
    const count = loaded.length;
    await (await searcher.search('w42b')).top(10);
    expect(loaded).toHaveLength(count);
  });
});
