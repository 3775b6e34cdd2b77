/**
 * Waymark's own small taxonomy for HSDS attributes: what a help line is for, what an organisation
 * offers, and two facts HSDS has no field for (the public source of an entry, and the country an
 * embassy represents), carried as attribute values.
 */
import { DIRECTORY_SERVICE_KINDS, HOTLINE_KINDS } from '#kernel/content/schemas.ts';
import type { HsdsTaxonomy, HsdsTaxonomyTerm } from './hsds-schema.ts';
import type { HsdsTables } from './hsds-tables.ts';
import { stableId } from './stable-id.ts';

export const TAXONOMY: HsdsTaxonomy = {
  id: stableId('taxonomy'),
  name: 'Waymark help directory',
  description: 'Kinds of help lines and services in a Waymark help directory, and facts about its entries.',
  version: '1',
};

const TERM_DESCRIPTIONS: Record<string, [string, string]> = {
  emergency: ['Emergency number', 'The national emergency number (police, ambulance).'],
  'anti-trafficking': ['Anti-trafficking hotline', 'A line to report human trafficking or ask for help.'],
  labour: ['Labour complaints', 'A line or office for problems at work and labour complaints.'],
  'migrant-workers': ['Migrant workers', 'Help for migrant workers, at home or abroad.'],
  child: ['Child helpline', 'A help line for children and young people.'],
  general: ['Other help line', 'Another help line, such as for violence or crime.'],
  hotline: ['Hotline', 'Runs a help line.'],
  shelter: ['Shelter', 'A safe place to stay.'],
  medical: ['Medical care', 'Medical care.'],
  psychosocial: ['Emotional support', 'Psychosocial and emotional support.'],
  legal: ['Legal advice', 'Legal advice and representation.'],
  'return-reintegration': ['Return and reintegration', 'Help to return home and start again.'],
  'law-enforcement': ['Law enforcement', 'Police or prosecutors.'],
  'labour-rights': ['Labour rights', "Workers' rights, labour inspection and complaints."],
  consular: ['Consular help', 'An embassy, consulate or labour attaché helping its own citizens.'],
  source: ['Public source', 'The public page the entry’s details come from (value: its address).'],
  represents: [
    'Represents',
    'The country whose citizens a consular office serves (value: ISO 3166-1 alpha-2).',
  ],
};

export type TermCode = keyof typeof TERM_DESCRIPTIONS;

export function term(code: TermCode): HsdsTaxonomyTerm {
  const [name, description] = TERM_DESCRIPTIONS[code]!;
  return {
    id: stableId('term', code),
    code,
    name,
    description,
    taxonomy: TAXONOMY.name,
    taxonomy_id: TAXONOMY.id,
  };
}

/** Every term a directory can use, so the exported taxonomy is the same whatever the content. */
export const ALL_TERMS: TermCode[] = [
  'emergency',
  ...HOTLINE_KINDS,
  ...DIRECTORY_SERVICE_KINDS,
  'source',
  'represents',
];

/** Links a service or organisation to a term, optionally with a value. */
export function addAttribute(
  tables: HsdsTables,
  link: { id: string; entity: 'service' | 'organization' },
  code: TermCode,
  value?: string,
): void {
  tables.attributes.push({
    id: stableId('attribute', link.id, code, value ?? ''),
    link_id: link.id,
    link_type: 'classification',
    link_entity: link.entity,
    taxonomy_term_id: term(code).id,
    ...(value !== undefined ? { value } : {}),
  });
}

export function withTaxonomy(tables: HsdsTables): HsdsTables {
  tables.taxonomies.push(TAXONOMY);
  tables.taxonomy_terms.push(...ALL_TERMS.map(term));
  return tables;
}
