/**
 * The directory in Open Referral HSDS 3.x. The official JSON schema files (github.com/openreferral/
 * specification, schema/*.json) are licensed CC BY-SA 4.0 and are not copied into this AGPL
 * repository, and no npm package ships them; instead functions/directory/hsds-schema.ts encodes, as
 * strict zod schemas, the required fields, types, formats and enums of every HSDS object Waymark
 * emits, following those files field by field (fields common to 3.0.1 and 3.1). Every object of
 * the shipped directory and of a partner directory is checked against them here, in its JSON shape
 * and as a CSV row, together with the links between tables and the stability of ids.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { applyVerification } from '#kernel/content/verification.ts';
import { readHelpFolder } from '../../../functions/directory/help-entries.ts';
import { hsdsFromHelpEntries, hsdsFromHelpEntry } from '../../../functions/directory/hsds-from-help.ts';
import { hsdsFromPartners } from '../../../functions/directory/hsds-from-partners.ts';
import {
  hsdsAttributeSchema,
  hsdsContactSchema,
  hsdsLanguageSchema,
  hsdsLocationSchema,
  hsdsOrganizationSchema,
  hsdsPhoneSchema,
  hsdsScheduleSchema,
  hsdsServiceAreaSchema,
  hsdsServiceAtLocationSchema,
  hsdsServiceSchema,
  hsdsTaxonomySchema,
  hsdsTaxonomyTermSchema,
} from '../../../functions/directory/hsds-schema.ts';
import {
  CSV_TABLES,
  type HsdsTables,
  jsonShapes,
  TABLE_NAMES,
  type TableName,
  toCsv,
} from '../../../functions/directory/hsds-tables.ts';
import { writeHsdsFolder } from '../../../functions/directory/write-hsds-folder.ts';
import type { Partner } from '../../../functions/referrals/partners.ts';

const ROW_SCHEMAS: Record<TableName, z.ZodType> = {
  organizations: hsdsOrganizationSchema,
  services: hsdsServiceSchema,
  locations: hsdsLocationSchema,
  phones: hsdsPhoneSchema,
  languages: hsdsLanguageSchema,
  schedules: hsdsScheduleSchema,
  service_areas: hsdsServiceAreaSchema,
  service_at_locations: hsdsServiceAtLocationSchema,
  contacts: hsdsContactSchema,
  attributes: hsdsAttributeSchema,
  taxonomy_terms: hsdsTaxonomyTermSchema,
  taxonomies: hsdsTaxonomySchema,
};

const entries = await readHelpFolder();
const directory = hsdsFromHelpEntries(entries);

const partners: Partner[] = [
  {
    id: '0b6f1f9e-3f1c-4c3e-9a53-6c0f8f4f2d11',
    name: 'Safe House Beirut, "Dar"',
    services: ['shelter', 'psychosocial'],
    regions: ['LB'],
    languages: ['ar', 'ne'],
    intakeContact: 'intake@safehouse.example',
    ackHours: 24,
    retentionDays: null,
    active: true,
  },
  {
    id: '8f8e1d2c-4b5a-4c6d-8e7f-9a0b1c2d3e4f',
    name: 'Migrant Legal Aid',
    services: ['legal'],
    regions: [],
    languages: ['en'],
    intakeContact: '+961 1 000 000',
    ackHours: null,
    retentionDays: null,
    active: false,
  },
];

function checkEverything(tables: HsdsTables) {
  for (const name of TABLE_NAMES) {
    for (const row of tables[name] as object[]) {
      const checked = ROW_SCHEMAS[name].safeParse(row);
      expect(checked.success, `${name} row ${JSON.stringify(row)}: ${checked.error?.message}`).toBe(true);
    }
    const ids = (tables[name] as { id: string }[]).map((r) => r.id);
    expect(new Set(ids).size, `${name} ids are unique`).toBe(ids.length);
  }
  const shapes = jsonShapes(tables);
  for (const s of shapes.services) hsdsServiceSchema.parse(s);
  for (const o of shapes.organizations) hsdsOrganizationSchema.parse(o);
  for (const l of shapes.locations) hsdsLocationSchema.parse(l);
  for (const p of shapes.phones) hsdsPhoneSchema.parse(p);
  // Every link points at a row that exists.
  const has = (name: TableName) => new Set((tables[name] as { id: string }[]).map((r) => r.id));
  const [orgs, services, locations, contacts, terms, phones] = [
    has('organizations'),
    has('services'),
    has('locations'),
    has('contacts'),
    has('taxonomy_terms'),
    has('phones'),
  ];
  for (const s of tables.services) expect(orgs.has(s.organization_id!)).toBe(true);
  for (const l of tables.locations) expect(orgs.has(l.organization_id!)).toBe(true);
  for (const p of tables.phones) {
    if (p.service_id) expect(services.has(p.service_id)).toBe(true);
    if (p.contact_id) expect(contacts.has(p.contact_id)).toBe(true);
    if (p.organization_id) expect(orgs.has(p.organization_id)).toBe(true);
  }
  for (const l of tables.languages) expect(services.has(l.service_id!) || phones.has(l.phone_id!)).toBe(true);
  for (const a of tables.attributes) {
    expect(services.has(a.link_id!) || orgs.has(a.link_id!)).toBe(true);
    expect(terms.has(a.taxonomy_term_id!)).toBe(true);
  }
  for (const s of tables.service_at_locations) {
    expect(services.has(s.service_id!)).toBe(true);
    expect(locations.has(s.location_id!)).toBe(true);
  }
}

describe('the HSDS schemas', () => {
  const service = { id: '0b6f1f9e-3f1c-4c3e-9a53-6c0f8f4f2d11', name: 'Line', status: 'active' };
  it('accept a minimal service, as the specification does', () => {
    expect(hsdsServiceSchema.safeParse(service).success).toBe(true);
  });
  it.each([
    ['a service without its status', { id: service.id, name: 'Line' }],
    ['a status outside the enum', { ...service, status: 'open' }],
    ['an id that is not a UUID', { ...service, id: 'np-1' }],
    ['a field HSDS does not have', { ...service, verifiedBy: 'Ana' }],
    ['an url that is not a URI', { ...service, url: 'not a url' }],
    ['an assured date that is not a date', { ...service, assured_date: 'last week' }],
  ])('reject %s', (_, value) => {
    expect(hsdsServiceSchema.safeParse(value).success).toBe(false);
  });
  it('require what HSDS requires of organizations, locations and phones', () => {
    expect(hsdsOrganizationSchema.safeParse({ id: service.id, name: 'X' }).success).toBe(false);
    expect(hsdsLocationSchema.safeParse({ id: service.id }).success).toBe(false);
    expect(hsdsLocationSchema.safeParse({ id: service.id, location_type: 'online' }).success).toBe(false);
    expect(hsdsPhoneSchema.safeParse({ id: service.id }).success).toBe(false);
  });
});

describe('the public directory in HSDS', () => {
  it('covers every entry of every country: emergency number, lines and organisations', () => {
    const expected = entries.reduce((n, e) => n + 1 + e.hotlines.length + e.organisations.length, 0);
    expect(directory.services).toHaveLength(expected);
    expect(directory.organizations).toHaveLength(expected);
    expect(entries.length).toBeGreaterThanOrEqual(45);
  });

  it('emits only objects that match the HSDS schemas, with every link resolving', () => {
    checkEverything(directory);
  });

  it('gives the same ids every time, so consumers update instead of duplicating', () => {
    expect(hsdsFromHelpEntries(entries)).toEqual(directory);
    const qa = entries.find((e) => e.country === 'QA')!;
    const ids = hsdsFromHelpEntry(qa).services.map((s) => s.id);
    expect(directory.services.map((s) => s.id)).toEqual(expect.arrayContaining(ids));
  });

  it('keeps each public source and says what each line is for', () => {
    const us = hsdsFromHelpEntry(entries.find((e) => e.country === 'US')!);
    const shapes = jsonShapes(us);
    const hotline = shapes.services.find((s) => s.name.startsWith('National Human Trafficking Hotline'))!;
    const codes = hotline.attributes!.map((a) => [a.taxonomy_term?.code, a.value]);
    expect(codes).toContainEqual(['anti-trafficking', undefined]);
    expect(codes).toContainEqual(['source', 'https://humantraffickinghotline.org/about-us/what-we-do']);
    expect(hotline.phones!.map((p) => [p.number, p.type])).toEqual([
      ['+1 888 373 7888', 'voice'],
      ['233733', 'text'],
    ]);
    expect(hotline.url).toBe('https://humantraffickinghotline.org/');
    const sources = directory.attributes.filter((a) => a.value?.startsWith('https://'));
    expect(sources).toHaveLength(directory.services.length);
  });

  it('names the country an embassy serves', () => {
    const qa = jsonShapes(hsdsFromHelpEntry(entries.find((e) => e.country === 'QA')!));
    const nepal = qa.services.find((s) => s.name === 'Embassy of Nepal in Doha')!;
    expect(nepal.eligibility_description).toBe('Citizens of Nepal');
    expect(nepal.attributes!.some((a) => a.taxonomy_term?.code === 'represents' && a.value === 'NP')).toBe(
      true,
    );
  });

  it('publishes the day an entry was checked, never who checked it', () => {
    const np = entries.find((e) => e.country === 'NP')!;
    expect(hsdsFromHelpEntry(np).services.every((s) => s.assured_date === undefined)).toBe(true);
    const checked = applyVerification(np, {
      country: 'NP',
      item: { list: 'emergency' },
      lastVerified: '2026-11-30',
      verifiedBy: 'Sita Gurung',
    });
    const tables = hsdsFromHelpEntry(checked);
    expect(tables.services.find((s) => s.name.startsWith('Emergency'))!.assured_date).toBe('2026-11-30');
    expect(JSON.stringify(tables)).not.toContain('Sita');
    checkEverything(tables);
  });
});

describe('the partner directory in HSDS', () => {
  const tables = hsdsFromPartners(partners);

  it('emits only objects that match the HSDS schemas', () => {
    checkEverything(tables);
  });

  it('marks a deactivated partner inactive and gives its intake contact as email or phone', () => {
    const shapes = jsonShapes(tables);
    expect(shapes.services.map((s) => s.status)).toEqual(['active', 'inactive']);
    expect(shapes.services[0]!.contacts![0]!.email).toBe('intake@safehouse.example');
    expect(shapes.services[1]!.contacts![0]!.phones![0]!.number).toBe('+961 1 000 000');
    expect(shapes.services[0]!.service_areas!.map((a) => a.extent)).toEqual(['LB']);
  });
});

describe('HSDS files', () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'waymark-hsds-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  /** RFC 4180 read back, to check what was written. */
  function parseCsv(text: string): string[][] {
    const rows: string[][] = [];
    let row: string[] = [];
    let field = '';
    let quoted = false;
    for (let i = 0; i < text.length; i++) {
      const c = text[i]!;
      if (quoted) {
        if (c === '"' && text[i + 1] === '"') {
          field += '"';
          i++;
        } else if (c === '"') quoted = false;
        else field += c;
      } else if (c === '"') quoted = true;
      else if (c === ',') {
        row.push(field);
        field = '';
      } else if (c === '\r' && text[i + 1] === '\n') {
        row.push(field);
        rows.push(row);
        row = [];
        field = '';
        i++;
      } else field += c;
    }
    return rows;
  }

  it('writes JSON that parses back into valid HSDS objects, and CSV tables row for row', async () => {
    const files = await writeHsdsFolder(folder, hsdsFromPartners(partners));
    expect(files.length).toBe(4 + TABLE_NAMES.length);
    const services = JSON.parse(readFileSync(path.join(folder, 'services.json'), 'utf8')) as unknown[];
    for (const s of services) hsdsServiceSchema.parse(s);
    const tables = hsdsFromPartners(partners);
    for (const name of TABLE_NAMES) {
      const [header, ...rows] = parseCsv(
        readFileSync(path.join(folder, 'csv', CSV_TABLES[name].file), 'utf8'),
      );
      expect(header).toEqual(CSV_TABLES[name].columns);
      expect(rows).toHaveLength(tables[name].length);
      rows.forEach((cells, i) => {
        const row = Object.fromEntries(header!.map((c, k) => [c, cells[k]]).filter(([, v]) => v !== ''));
        const original = tables[name][i] as Record<string, unknown>;
        expect(row).toEqual(Object.fromEntries(Object.entries(original).map(([k, v]) => [k, String(v)])));
      });
    }
    // A name with a comma and quotes survives the round trip.
    expect(toCsv('organizations', tables)).toContain('"Safe House Beirut, ""Dar"""');
  });
});
