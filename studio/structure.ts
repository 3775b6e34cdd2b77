/**
 * The Studio's desk: one list per content type, and under each type one list per language, so a
 * translator working in Nepali sees exactly the Nepali documents. The help directory is per
 * country, not per language, so it is a plain list; the site settings are one document, opened
 * directly.
 */
import type { StructureResolver } from 'sanity/structure';
import { DOCUMENT_KINDS, SITE_SETTINGS_ID } from '#kernel/content/sanity-documents.ts';
import { LOCALES } from '#kernel/i18n/locales.ts';
import { STUDIO_API_VERSION } from './api-version.ts';

export const structure: StructureResolver = (S) =>
  S.list()
    .title('Content')
    .items(
      DOCUMENT_KINDS.map((kind) => {
        if (kind.shape === 'country') return S.documentTypeListItem(kind.type).title(kind.title);
        if (kind.shape === 'singleton')
          return S.listItem()
            .id(kind.type)
            .title(kind.title)
            .child(S.document().schemaType(kind.type).documentId(SITE_SETTINGS_ID));
        return S.listItem()
          .id(kind.type)
          .title(kind.title)
          .schemaType(kind.type)
          .child(
            S.list()
              .id(`${kind.type}-languages`)
              .title(`${kind.title} by language`)
              .items([
                S.documentTypeListItem(kind.type).title('All languages'),
                S.divider(),
                ...LOCALES.map((locale) =>
                  S.listItem()
                    .id(`${kind.type}-${locale.code}`)
                    .title(`${locale.english} (${locale.code})`)
                    .schemaType(kind.type)
                    .child(
                      S.documentList()
                        .id(`${kind.type}-${locale.code}-documents`)
                        .title(`${kind.title} · ${locale.label}`)
                        .schemaType(kind.type)
                        .apiVersion(STUDIO_API_VERSION)
                        .filter('_type == $type && language == $language')
                        .params({ type: kind.type, language: locale.code })
                        .initialValueTemplates([
                          S.initialValueTemplateItem(`${kind.type}-by-language`, { language: locale.code }),
                        ]),
                    ),
                ),
              ]),
          );
      }),
    );
