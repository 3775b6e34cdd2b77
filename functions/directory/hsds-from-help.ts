/**
 * The public help directory in HSDS: for each country, its emergency number, each help line and
 * each organisation become an organization with one service, a location (virtual for lines,
 * physical for offices, whose addresses the directory does not hold), phones, languages, the
 * country as service area, and attributes for what they are, their public source and, for
 * embassies, whom they serve. A service's assured_date is the day staff checked it; who checked
 * is never published. Names and descriptions are in English, the directory's own language.
 */
import type { HelpEntry, Hotline, Organisation } from '#kernel/content/schemas.ts';
import type { HsdsPhone } from './hsds-schema.ts';
import { emptyTables, type HsdsTables, mergeTables } from './hsds-tables.ts';
import { addAttribute, withTaxonomy } from './hsds-taxonomy.ts';
import { stableId } from './stable-id.ts';

const english = {
  region: new Intl.DisplayNames(['en'], { type: 'region' }),
  language: new Intl.DisplayNames(['en'], { type: 'language' }),
};
const countryOf = (code: string) => english.region.of(code) ?? code;

interface Checked {
  source?: { url: string };
  lastVerified?: Date;
  verifiedBy?: string;
}

/** The day a person checked the entry against its source, or nothing while it is unverified. */
const assuredDate = (item: Checked) =>
  item.source && item.lastVerified && item.verifiedBy
    ? item.lastVerified.toISOString().slice(0, 10)
    : undefined;

interface Unit {
  key: string;
  name: string;
  description: string;
  locationType: 'physical' | 'virtual';
  item: Checked;
  web?: string;
  email?: string;
  phones: { number: string; type: NonNullable<HsdsPhone['type']>; description?: string }[];
  languages?: string[];
  hours?: string;
  free?: boolean;
  terms: Parameters<typeof addAttribute>[2][];
  represents?: string;
  regions?: string[];
}

function addUnit(tables: HsdsTables, country: string, unit: Unit): void {
  const key = [country, unit.key];
  const organizationId = stableId('organization', ...key);
  const serviceId = stableId('service', ...key);
  const locationId = stableId('location', ...key);
  const countryName = countryOf(country);
  tables.organizations.push({
    id: organizationId,
    name: unit.name,
    description: unit.description,
    ...(unit.web ? { website: unit.web } : {}),
  });
  tables.services.push({
    id: serviceId,
    organization_id: organizationId,
    name: unit.name,
    description: unit.description,
    status: 'active',
    ...(unit.web ? { url: unit.web } : {}),
    ...(unit.email ? { email: unit.email } : {}),
    ...(unit.free ? { fees_description: 'Free of charge' } : {}),
    ...(unit.represents ? { eligibility_description: `Citizens of ${countryOf(unit.represents)}` } : {}),
    ...(assuredDate(unit.item) ? { assured_date: assuredDate(unit.item) } : {}),
  });
  tables.locations.push({
    id: locationId,
    location_type: unit.locationType,
    organization_id: organizationId,
    name: unit.locationType === 'virtual' ? `${unit.name} (by phone or online)` : unit.name,
    description: [countryName, ...(unit.regions ?? [])].join(', '),
    external_identifier: country,
    external_identifier_type: 'ISO 3166-1 alpha-2',
  });
  tables.service_at_locations.push({
    id: stableId('service-at-location', ...key),
    service_id: serviceId,
    location_id: locationId,
  });
  unit.phones.forEach((phone, i) => {
    const phoneId = stableId('phone', ...key, String(i));
    tables.phones.push({
      id: phoneId,
      service_id: serviceId,
      organization_id: organizationId,
      number: phone.number,
      type: phone.type,
      ...(phone.description ? { description: phone.description } : {}),
    });
  });
  for (const code of unit.languages ?? []) {
    tables.languages.push({
      id: stableId('language', ...key, code),
      service_id: serviceId,
      code,
      name: english.language.of(code) ?? code,
    });
  }
  if (unit.hours && unit.hours !== 'Not stated')
    tables.schedules.push({
      id: stableId('schedule', ...key),
      service_id: serviceId,
      description: unit.hours,
    });
  for (const area of [countryName, ...(unit.regions ?? []).map((r) => `${r}, ${countryName}`)]) {
    tables.service_areas.push({
      id: stableId('service-area', ...key, area),
      service_id: serviceId,
      name: area,
      extent: country,
      extent_type: 'text',
    });
  }
  const link = { id: serviceId, entity: 'service' as const };
  for (const code of unit.terms) addAttribute(tables, link, code);
  if (unit.item.source) addAttribute(tables, link, 'source', unit.item.source.url);
  if (unit.represents) addAttribute(tables, link, 'represents', unit.represents);
}

const PHONE_TYPES = { phone: 'voice', sms: 'text', whatsapp: 'text' } as const;

function hotlineUnit(h: Hotline): Unit {
  return {
    key: `hotline:${h.name}`,
    name: h.name,
    description: `Help line: ${h.kind.replace('-', ' ')}.`,
    locationType: 'virtual',
    item: h,
    web: h.channels.find((c) => c.kind === 'web')?.value,
    email: h.channels.find((c) => c.kind === 'email')?.value,
    phones: h.channels.flatMap((c) =>
      c.kind === 'phone' || c.kind === 'sms' || c.kind === 'whatsapp'
        ? [
            {
              number: c.value,
              type: PHONE_TYPES[c.kind],
              description: c.kind === 'whatsapp' ? 'WhatsApp' : undefined,
            },
          ]
        : [],
    ),
    languages: h.languages,
    hours: h.hours,
    free: h.free,
    terms: [h.kind],
  };
}

function organisationUnit(o: Organisation): Unit {
  return {
    key: `organisation:${o.name}`,
    name: o.name,
    description: `Offers: ${o.services.map((s) => s.replace('-', ' ')).join(', ')}.`,
    locationType: 'physical',
    item: o,
    web: o.web,
    phones: o.phone ? [{ number: o.phone, type: 'voice' }] : [],
    terms: o.services,
    represents: o.represents,
    regions: o.regions,
  };
}

/** One country's help entry as HSDS tables (with the taxonomy, so each country stands alone). */
export function hsdsFromHelpEntry(entry: HelpEntry): HsdsTables {
  const tables = withTaxonomy(emptyTables());
  const country = countryOf(entry.country);
  addUnit(tables, entry.country, {
    key: 'emergency',
    name: `Emergency number – ${country}`,
    description: `The national emergency number in ${country} (police, ambulance).`,
    locationType: 'virtual',
    item: entry.emergency,
    phones: [{ number: entry.emergency.number, type: 'voice' }],
    terms: ['emergency'],
  });
  for (const h of entry.hotlines) addUnit(tables, entry.country, hotlineUnit(h));
  for (const o of entry.organisations) addUnit(tables, entry.country, organisationUnit(o));
  return tables;
}

export function hsdsFromHelpEntries(entries: readonly HelpEntry[]): HsdsTables {
  return mergeTables([...entries].sort((a, b) => a.country.localeCompare(b.country)).map(hsdsFromHelpEntry));
}
