/**
 * The partner directory (organisations the hotline refers people to) in HSDS, for staff only:
 * each partner an organization with one service (inactive while the partner is deactivated), its
 * services as attributes, its languages, the countries it serves as service areas, and its intake
 * contact as a contact with an email or a phone, whichever it is.
 */
import { z } from 'zod';
import type { Partner } from '../referrals/partners.ts';
import { emptyTables, type HsdsTables } from './hsds-tables.ts';
import { addAttribute, withTaxonomy } from './hsds-taxonomy.ts';
import { stableId } from './stable-id.ts';

const english = {
  region: new Intl.DisplayNames(['en'], { type: 'region' }),
  language: new Intl.DisplayNames(['en'], { type: 'language' }),
};
const looksLikePhone = (value: string) => /^\+?[0-9][0-9 ()-]{4,}$/.test(value.trim());

export function hsdsFromPartners(partners: readonly Partner[]): HsdsTables {
  const tables = withTaxonomy(emptyTables());
  for (const partner of partners) {
    const serviceId = stableId('partner-service', partner.id);
    const description = `Partner organisation. Offers: ${partner.services.map((s) => s.replace('-', ' ')).join(', ')}.`;
    tables.organizations.push({ id: partner.id, name: partner.name, description });
    tables.services.push({
      id: serviceId,
      organization_id: partner.id,
      name: partner.name,
      description,
      status: partner.active ? 'active' : 'inactive',
    });
    for (const service of partner.services)
      addAttribute(tables, { id: serviceId, entity: 'service' }, service);
    for (const code of partner.languages) {
      tables.languages.push({
        id: stableId('partner-language', partner.id, code),
        service_id: serviceId,
        code,
        name: english.language.of(code) ?? code,
      });
    }
    for (const region of partner.regions) {
      tables.service_areas.push({
        id: stableId('partner-area', partner.id, region),
        service_id: serviceId,
        name: english.region.of(region) ?? region,
        extent: region,
        extent_type: 'text',
      });
    }
    const contactId = stableId('partner-contact', partner.id);
    const intake = partner.intakeContact.trim();
    const email = z.email().safeParse(intake).success ? intake : undefined;
    tables.contacts.push({
      id: contactId,
      service_id: serviceId,
      organization_id: partner.id,
      name: 'Intake',
      ...(email ? { email } : looksLikePhone(intake) ? {} : { title: intake }),
    });
    if (!email && looksLikePhone(intake)) {
      tables.phones.push({
        id: stableId('partner-phone', partner.id),
        contact_id: contactId,
        organization_id: partner.id,
        number: intake,
        type: 'voice',
        description: 'Intake',
      });
    }
  }
  return tables;
}
