/**
 * The searchable pages of one language, read straight from the content the pages render from: a
 * page's title and the text of its searchable part (`data-search-body` in the page components),
 * without rendering it. A guide, a campaign and the about page are their title and body (the
 * English version where the language has none, as the page shows it); the questions and answers
 * page its questions and answers; a country's help page its lines (numbers, names, hours,
 * languages, services) under the page's headings, and its country's names in English and in its
 * own language as boosted words.
 */
import {
  countryName,
  countryNames,
  hotlineGroups,
  languageName,
  organisationGroups,
} from '#kernel/content/help-directory.ts';
import type { LiveContent, LiveEntry } from '#kernel/content/live-content.ts';
import type { HelpEntry } from '#kernel/content/schemas.ts';
import { DEFAULT_LOCALE, type Locale } from '#kernel/i18n/locales.ts';
import { type Translate, type UiKey, useTranslations } from '#kernel/i18n/ui.ts';
import { htmlText } from './html-text.ts';
import type { SearchDocument } from './index-format.ts';

/** Each slug's entry in `locale`, or in English where there is none. */
function localized(entries: readonly LiveEntry[], locale: Locale): Map<string, LiveEntry> {
  const own = new Map<string, LiveEntry>();
  const english = new Map<string, LiveEntry>();
  for (const entry of entries) {
    const cut = entry.id.lastIndexOf('/');
    const slug = entry.id.slice(0, cut);
    const lang = entry.id.slice(cut + 1);
    if (lang === locale) own.set(slug, entry);
    else if (lang === DEFAULT_LOCALE) english.set(slug, entry);
  }
  for (const [slug, entry] of own) english.set(slug, entry);
  return english;
}

const bodyOf = (entry: LiveEntry) => (entry.rendered ? htmlText(entry.rendered.html) : '');
const joined = (...parts: (string | undefined | false)[]) => parts.filter(Boolean).join(' ');

function helpDocument(entry: HelpEntry, locale: Locale, t: Translate): SearchDocument {
  const name = countryName(entry.country, locale);
  const services = (list: readonly string[]) => list.map((s) => t(`help.service.${s}` as UiKey)).join(', ');
  const lines = [`${t('help.emergency')}: ${entry.emergency.number}.`];
  for (const group of hotlineGroups(entry)) {
    lines.push(`${t(`help.group.${group.kind}` as UiKey)}:`);
    for (const h of group.hotlines)
      lines.push(
        `${h.name}: ${h.channels.map((c) => c.value).join(', ')}; ${t('help.hours')}: ${h.hours}; ${t('help.languages')}: ${h.languages.map((l) => languageName(l, locale)).join(', ')}.`,
      );
  }
  const { organisations, embassies } = organisationGroups(entry, locale);
  if (organisations.length > 0) lines.push(`${t('help.organisations')}:`);
  for (const o of organisations)
    lines.push(
      `${o.name}: ${services(o.services)}${o.regions ? ` (${o.regions.join(', ')})` : ''}${o.phone ? `; ${o.phone}` : ''}.`,
    );
  if (embassies.length > 0) lines.push(`${t('help.embassies')}:`);
  for (const o of embassies)
    lines.push(
      `${o.name}: ${t('help.represents', { country: countryName(o.represents!, locale) })}${o.phone ? `; ${o.phone}` : ''}.`,
    );
  return {
    url: `/${locale}/help/${entry.country.toLowerCase()}/`,
    title: t('help.countryTitle', { country: name }),
    boost: countryNames(entry.country, locale)
      .filter((n) => n.name !== name)
      .map((n) => n.name)
      .join(' '),
    text: lines.join(' '),
  };
}

export function siteDocuments(content: LiveContent, locale: Locale): SearchDocument[] {
  const t = useTranslations(locale);
  const documents: SearchDocument[] = [];
  for (const [slug, entry] of localized(content.entries('guides'), locale)) {
    documents.push({
      url: `/${locale}/guides/${slug}/`,
      title: String(entry.data.title),
      text: bodyOf(entry),
    });
  }
  for (const [slug, entry] of localized(content.entries('campaigns'), locale)) {
    const data = entry.data as {
      title: string;
      summary: string;
      keyMessages: string[];
      callToAction: { label: string };
    };
    documents.push({
      url: `/${locale}/campaigns/${slug}/`,
      title: data.title,
      text: joined(data.summary, ...data.keyMessages, data.callToAction.label, bodyOf(entry)),
    });
  }
  const about = localized(content.entries('pages'), locale).get('about');
  if (about)
    documents.push({ url: `/${locale}/about/`, title: String(about.data.title), text: bodyOf(about) });
  const faqs = content.entries('faq');
  const faq = faqs.find((f) => f.id === locale) ?? faqs.find((f) => f.id === DEFAULT_LOCALE);
  if (faq) {
    const items = (faq.data as { items: { q: string; a: string }[] }).items;
    documents.push({
      url: `/${locale}/faq/`,
      title: t('faq.title'),
      text: items.map((i) => `${i.q} ${i.a}`).join(' '),
    });
  }
  for (const entry of content.entries('help'))
    documents.push(helpDocument(entry.data as HelpEntry, locale, t));
  return documents;
}
