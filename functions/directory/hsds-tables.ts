/**
 * A directory in HSDS's tabular form: one list of flat rows per table, linked by ids, as the
 * specification's CSV files are. From it come the CSV export (one file per table, columns in the
 * specification's order) and the JSON shapes, where a service carries its phones, schedules,
 * areas, languages, contacts, attributes and locations.
 */
import type {
  HsdsAttribute,
  HsdsContact,
  HsdsLanguage,
  HsdsLocation,
  HsdsOrganization,
  HsdsPhone,
  HsdsSchedule,
  HsdsService,
  HsdsServiceArea,
  HsdsServiceAtLocation,
  HsdsTaxonomy,
  HsdsTaxonomyTerm,
} from './hsds-schema.ts';

type Flat<T> = { [K in keyof T as NonNullable<T[K]> extends readonly unknown[] | object ? never : K]: T[K] };

export interface HsdsTables {
  organizations: Flat<HsdsOrganization>[];
  services: Flat<HsdsService>[];
  locations: Flat<HsdsLocation>[];
  phones: Flat<HsdsPhone>[];
  languages: Flat<HsdsLanguage>[];
  schedules: Flat<HsdsSchedule>[];
  service_areas: Flat<HsdsServiceArea>[];
  service_at_locations: Flat<HsdsServiceAtLocation>[];
  contacts: Flat<HsdsContact>[];
  attributes: Flat<HsdsAttribute>[];
  taxonomy_terms: Flat<HsdsTaxonomyTerm>[];
  taxonomies: HsdsTaxonomy[];
}

export type TableName = keyof HsdsTables;

/** Each table's CSV file and columns, as the specification's tabular schema names them. */
export const CSV_TABLES: Record<TableName, { file: string; columns: string[] }> = {
  organizations: {
    file: 'organizations.csv',
    columns: [
      'id',
      'name',
      'alternate_name',
      'description',
      'email',
      'website',
      'tax_status',
      'tax_id',
      'year_incorporated',
      'legal_status',
      'logo',
      'uri',
      'parent_organization_id',
    ],
  },
  services: {
    file: 'services.csv',
    columns: [
      'id',
      'organization_id',
      'program_id',
      'name',
      'alternate_name',
      'description',
      'url',
      'email',
      'status',
      'interpretation_services',
      'application_process',
      'fees_description',
      'wait_time',
      'fees',
      'accreditations',
      'eligibility_description',
      'minimum_age',
      'maximum_age',
      'assured_date',
      'assurer_email',
      'licenses',
      'alert',
      'last_modified',
    ],
  },
  locations: {
    file: 'locations.csv',
    columns: [
      'id',
      'location_type',
      'url',
      'organization_id',
      'name',
      'alternate_name',
      'description',
      'transportation',
      'latitude',
      'longitude',
      'external_identifier',
      'external_identifier_type',
    ],
  },
  phones: {
    file: 'phones.csv',
    columns: [
      'id',
      'location_id',
      'service_id',
      'organization_id',
      'contact_id',
      'service_at_location_id',
      'number',
      'extension',
      'type',
      'description',
    ],
  },
  languages: {
    file: 'languages.csv',
    columns: ['id', 'service_id', 'location_id', 'phone_id', 'name', 'code', 'note'],
  },
  schedules: {
    file: 'schedules.csv',
    columns: [
      'id',
      'service_id',
      'location_id',
      'service_at_location_id',
      'valid_from',
      'valid_to',
      'dtstart',
      'timezone',
      'until',
      'count',
      'wkst',
      'freq',
      'interval',
      'byday',
      'byweekno',
      'bymonthday',
      'byyearday',
      'description',
      'opens_at',
      'closes_at',
      'schedule_link',
      'attending_type',
      'notes',
    ],
  },
  service_areas: {
    file: 'service_areas.csv',
    columns: ['id', 'service_id', 'name', 'description', 'extent', 'extent_type', 'uri'],
  },
  service_at_locations: {
    file: 'service_at_location.csv',
    columns: ['id', 'service_id', 'location_id', 'description'],
  },
  contacts: {
    file: 'contacts.csv',
    columns: [
      'id',
      'organization_id',
      'service_id',
      'service_at_location_id',
      'location_id',
      'name',
      'title',
      'department',
      'email',
    ],
  },
  attributes: {
    file: 'attributes.csv',
    columns: ['id', 'link_id', 'taxonomy_term_id', 'link_type', 'link_entity', 'value'],
  },
  taxonomy_terms: {
    file: 'taxonomy_terms.csv',
    columns: [
      'id',
      'code',
      'name',
      'description',
      'parent_id',
      'taxonomy',
      'language',
      'taxonomy_id',
      'term_uri',
    ],
  },
  taxonomies: { file: 'taxonomies.csv', columns: ['id', 'name', 'description', 'uri', 'version'] },
};

export const TABLE_NAMES = Object.keys(CSV_TABLES) as TableName[];

export function emptyTables(): HsdsTables {
  return Object.fromEntries(TABLE_NAMES.map((t) => [t, []])) as unknown as HsdsTables;
}

/** Several directories as one; rows shared by several (taxonomy terms) are kept once. */
export function mergeTables(all: HsdsTables[]): HsdsTables {
  const merged = emptyTables();
  for (const name of TABLE_NAMES) {
    const seen = new Set<string>();
    const rows = merged[name] as { id: string }[];
    for (const tables of all) {
      for (const row of tables[name] as { id: string }[]) {
        if (seen.has(row.id)) continue;
        seen.add(row.id);
        rows.push(row);
      }
    }
  }
  return merged;
}

const nonEmpty = <T>(rows: T[]): T[] | undefined => (rows.length > 0 ? rows : undefined);

function withoutEmpty<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** Rows grouped by the id they point to, so that nesting a whole directory stays linear. */
function groupBy<T>(rows: readonly T[], key: (row: T) => string | undefined): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    if (k === undefined) continue;
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

/** The lookups nesting needs, built once per directory. */
function indexOf(tables: HsdsTables) {
  const byService = <T extends { service_id?: string }>(rows: T[]) => groupBy(rows, (r) => r.service_id);
  return {
    terms: new Map(tables.taxonomy_terms.map((t) => [t.id, t])),
    locations: new Map(tables.locations.map((l) => [l.id, l])),
    attributes: groupBy(tables.attributes, (a) => a.link_id),
    phonesOfService: byService(tables.phones),
    phonesOfContact: groupBy(tables.phones, (p) => p.contact_id),
    phonesOfOrganization: groupBy(
      tables.phones.filter((p) => !p.service_id),
      (p) => p.organization_id,
    ),
    languagesOfPhone: groupBy(tables.languages, (l) => l.phone_id),
    languagesOfService: byService(tables.languages),
    schedules: byService(tables.schedules),
    areas: byService(tables.service_areas),
    serviceAtLocations: byService(tables.service_at_locations),
    contacts: byService(tables.contacts),
  };
}
type Index = ReturnType<typeof indexOf>;

const rowsOf = <T>(groups: Map<string, T[]>, id: string): T[] => groups.get(id) ?? [];

function nestPhone(index: Index, phone: Flat<HsdsPhone>): HsdsPhone {
  return withoutEmpty({ ...phone, languages: nonEmpty(rowsOf(index.languagesOfPhone, phone.id)) });
}

/** A service with everything that belongs to it: HSDS's "fully nested" service. */
function nestService(index: Index, service: Flat<HsdsService>): HsdsService {
  return withoutEmpty({
    ...service,
    phones: nonEmpty(rowsOf(index.phonesOfService, service.id).map((p) => nestPhone(index, p))),
    schedules: nonEmpty(rowsOf(index.schedules, service.id)),
    service_areas: nonEmpty(rowsOf(index.areas, service.id)),
    service_at_locations: nonEmpty(
      rowsOf(index.serviceAtLocations, service.id).map((s) =>
        withoutEmpty({ ...s, location: s.location_id ? index.locations.get(s.location_id) : undefined }),
      ),
    ),
    languages: nonEmpty(rowsOf(index.languagesOfService, service.id)),
    contacts: nonEmpty(
      rowsOf(index.contacts, service.id).map((c) =>
        withoutEmpty({ ...c, phones: nonEmpty(rowsOf(index.phonesOfContact, c.id)) }),
      ),
    ),
    attributes: nonEmpty(
      rowsOf(index.attributes, service.id).map((a) =>
        withoutEmpty({
          ...a,
          taxonomy_term: a.taxonomy_term_id ? index.terms.get(a.taxonomy_term_id) : undefined,
        }),
      ),
    ),
  });
}

function nestOrganization(index: Index, organization: Flat<HsdsOrganization>): HsdsOrganization {
  return withoutEmpty({
    ...organization,
    phones: nonEmpty(rowsOf(index.phonesOfOrganization, organization.id).map((p) => nestPhone(index, p))),
  });
}

/** The JSON shapes the export writes and the API serves, one list per kind of object. */
export function jsonShapes(tables: HsdsTables) {
  const index = indexOf(tables);
  return {
    services: tables.services.map((s) => nestService(index, s)),
    organizations: tables.organizations.map((o) => nestOrganization(index, o)),
    locations: tables.locations,
    phones: tables.phones.map((p) => nestPhone(index, p)),
  };
}

/** RFC 4180: every field quoted when it holds a comma, quote or line break; CRLF between rows. */
function csvField(value: unknown): string {
  if (value === undefined || value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(name: TableName, tables: HsdsTables): string {
  const { columns } = CSV_TABLES[name];
  const rows = (tables[name] as Record<string, unknown>[]).map((row) =>
    columns.map((c) => csvField(row[c])).join(','),
  );
  return `${[columns.join(','), ...rows].join('\r\n')}\r\n`;
}
