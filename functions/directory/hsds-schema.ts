/**
 * The Open Referral Human Services Data Specification (HSDS 3.0 and 3.1) objects Waymark emits, as
 * zod schemas: each object's required fields, types, formats (uuid, uri, email, date) and enums as
 * the specification's JSON schemas state them (schema/<object>.json), strict, so that nothing
 * outside the specification is sent. Only fields present in both 3.0 and 3.1 are used. The export,
 * the read-only API and the tests all go through these schemas.
 */
import { z } from 'zod';

export const HSDS_VERSION = '3.1';

const id = z.uuid();
const text = z.string();

export const hsdsTaxonomySchema = z.strictObject({
  id,
  name: text,
  description: text,
  uri: z.url().optional(),
  version: text.optional(),
});

export const hsdsTaxonomyTermSchema = z.strictObject({
  id,
  code: text.optional(),
  name: text,
  description: text,
  parent_id: id.optional(),
  taxonomy: text.optional(),
  taxonomy_detail: hsdsTaxonomySchema.optional(),
  language: text.optional(),
  taxonomy_id: id.optional(),
  term_uri: z.url().optional(),
});

export const hsdsAttributeSchema = z.strictObject({
  id,
  link_id: id.optional(),
  taxonomy_term_id: id.optional(),
  link_type: text.optional(),
  link_entity: text.optional(),
  value: text.optional(),
  taxonomy_term: hsdsTaxonomyTermSchema.optional(),
});

export const hsdsLanguageSchema = z.strictObject({
  id,
  service_id: id.optional(),
  location_id: id.optional(),
  phone_id: id.optional(),
  name: text.optional(),
  /** ISO 639-1 or ISO 639-3. */
  code: z
    .string()
    .regex(/^[a-z]{2,3}$/)
    .optional(),
  note: text.optional(),
  attributes: z.array(hsdsAttributeSchema).optional(),
});

export const hsdsPhoneSchema = z.strictObject({
  id,
  location_id: id.optional(),
  service_id: id.optional(),
  organization_id: id.optional(),
  contact_id: id.optional(),
  service_at_location_id: id.optional(),
  number: text,
  extension: z.number().optional(),
  /** RFC 6350 types: text (SMS), voice, fax, cell, video, pager, textphone. */
  type: z.enum(['text', 'voice', 'fax', 'cell', 'video', 'pager', 'textphone']).optional(),
  description: text.optional(),
  languages: z.array(hsdsLanguageSchema).optional(),
  attributes: z.array(hsdsAttributeSchema).optional(),
});

export const hsdsScheduleSchema = z.strictObject({
  id,
  service_id: id.optional(),
  location_id: id.optional(),
  service_at_location_id: id.optional(),
  valid_from: text.optional(),
  valid_to: text.optional(),
  dtstart: text.optional(),
  timezone: z.number().optional(),
  until: text.optional(),
  count: z.number().optional(),
  wkst: z.enum(['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU']).optional(),
  freq: z.enum(['WEEKLY', 'MONTHLY']).optional(),
  interval: z.number().optional(),
  byday: text.optional(),
  byweekno: text.optional(),
  bymonthday: text.optional(),
  byyearday: text.optional(),
  description: text.optional(),
  opens_at: text.optional(),
  closes_at: text.optional(),
  schedule_link: z.url().optional(),
  attending_type: text.optional(),
  notes: text.optional(),
  attributes: z.array(hsdsAttributeSchema).optional(),
});

export const hsdsServiceAreaSchema = z.strictObject({
  id,
  service_id: id.optional(),
  name: text.optional(),
  description: text.optional(),
  extent: text.optional(),
  extent_type: z.enum(['geojson', 'topojson', 'kml', 'text']).optional(),
  uri: text.optional(),
  attributes: z.array(hsdsAttributeSchema).optional(),
});

export const hsdsContactSchema = z.strictObject({
  id,
  organization_id: id.optional(),
  service_id: id.optional(),
  service_at_location_id: id.optional(),
  location_id: id.optional(),
  name: text.optional(),
  title: text.optional(),
  department: text.optional(),
  email: z.email().optional(),
  phones: z.array(hsdsPhoneSchema).optional(),
  attributes: z.array(hsdsAttributeSchema).optional(),
});

export const hsdsLocationSchema = z.strictObject({
  id,
  location_type: z.enum(['physical', 'postal', 'virtual']),
  url: z.url().optional(),
  organization_id: id.optional(),
  name: text.optional(),
  alternate_name: text.optional(),
  description: text.optional(),
  transportation: text.optional(),
  latitude: z.number().optional(),
  longitude: z.number().optional(),
  external_identifier: text.optional(),
  external_identifier_type: text.optional(),
  languages: z.array(hsdsLanguageSchema).optional(),
  phones: z.array(hsdsPhoneSchema).optional(),
  schedules: z.array(hsdsScheduleSchema).optional(),
  attributes: z.array(hsdsAttributeSchema).optional(),
});

export const hsdsServiceAtLocationSchema = z.strictObject({
  id,
  service_id: id.optional(),
  location_id: id.optional(),
  description: text.optional(),
  location: hsdsLocationSchema.optional(),
  attributes: z.array(hsdsAttributeSchema).optional(),
});

export const hsdsOrganizationSchema = z.strictObject({
  id,
  name: text,
  alternate_name: text.optional(),
  description: text,
  email: z.email().optional(),
  website: z.url().optional(),
  tax_status: text.optional(),
  tax_id: text.optional(),
  year_incorporated: z.number().optional(),
  legal_status: text.optional(),
  logo: text.optional(),
  uri: z.url().optional(),
  parent_organization_id: id.optional(),
  contacts: z.array(hsdsContactSchema).optional(),
  phones: z.array(hsdsPhoneSchema).optional(),
  locations: z.array(hsdsLocationSchema).optional(),
  attributes: z.array(hsdsAttributeSchema).optional(),
});

export const hsdsServiceSchema = z.strictObject({
  id,
  organization_id: id.optional(),
  program_id: id.optional(),
  name: text,
  alternate_name: text.optional(),
  description: text.optional(),
  url: z.url().optional(),
  email: z.email().optional(),
  status: z.enum(['active', 'inactive', 'defunct', 'temporarily closed']),
  interpretation_services: text.optional(),
  application_process: text.optional(),
  fees_description: text.optional(),
  wait_time: text.optional(),
  fees: text.optional(),
  accreditations: text.optional(),
  eligibility_description: text.optional(),
  minimum_age: z.number().optional(),
  maximum_age: z.number().optional(),
  /** The date the service's details were last checked. */
  assured_date: z.iso.date().optional(),
  assurer_email: z.email().optional(),
  licenses: text.optional(),
  alert: text.optional(),
  last_modified: z.iso.datetime().optional(),
  phones: z.array(hsdsPhoneSchema).optional(),
  schedules: z.array(hsdsScheduleSchema).optional(),
  service_areas: z.array(hsdsServiceAreaSchema).optional(),
  service_at_locations: z.array(hsdsServiceAtLocationSchema).optional(),
  languages: z.array(hsdsLanguageSchema).optional(),
  organization: hsdsOrganizationSchema.optional(),
  contacts: z.array(hsdsContactSchema).optional(),
  attributes: z.array(hsdsAttributeSchema).optional(),
});

/** The paginated list every HSDS API list endpoint answers with. */
export function hsdsPageSchema<T extends z.ZodType>(item: T) {
  return z.strictObject({
    total_items: z.number().int().min(0),
    total_pages: z.number().int().min(0),
    page_number: z.number().int().min(1),
    size: z.number().int().min(0),
    first_page: z.boolean(),
    last_page: z.boolean(),
    empty: z.boolean(),
    contents: z.array(item),
  });
}

export type HsdsTaxonomy = z.infer<typeof hsdsTaxonomySchema>;
export type HsdsTaxonomyTerm = z.infer<typeof hsdsTaxonomyTermSchema>;
export type HsdsAttribute = z.infer<typeof hsdsAttributeSchema>;
export type HsdsLanguage = z.infer<typeof hsdsLanguageSchema>;
export type HsdsPhone = z.infer<typeof hsdsPhoneSchema>;
export type HsdsSchedule = z.infer<typeof hsdsScheduleSchema>;
export type HsdsServiceArea = z.infer<typeof hsdsServiceAreaSchema>;
export type HsdsContact = z.infer<typeof hsdsContactSchema>;
export type HsdsLocation = z.infer<typeof hsdsLocationSchema>;
export type HsdsServiceAtLocation = z.infer<typeof hsdsServiceAtLocationSchema>;
export type HsdsOrganization = z.infer<typeof hsdsOrganizationSchema>;
export type HsdsService = z.infer<typeof hsdsServiceSchema>;
