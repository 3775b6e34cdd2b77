/**
 * The partner directory page of the page table: administrators add organisations (who takes
 * referrals, for what, where, in which languages) and deactivate or reactivate them. Countries and
 * languages are picked by name and stored as codes; a refused form keeps what was typed, an accepted
 * one starts empty for the next partner.
 */

import { z } from 'zod';
import type { UiKey } from '#kernel/i18n/ui.ts';
import { countries, countryName, languageName, languages } from '../console/code-names.ts';
import type { PageData, StaffPageContext } from '../console/page-table.ts';
import { staffPage } from '../console/page-table.ts';
import { HttpError } from '../http/http-error.ts';
import { createPartner, listPartners, partnerSchema, setPartnerActive } from './partners.ts';
import { PARTNER_SERVICES } from './referral-schema.ts';

const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim();
const optionalNumber = (form: FormData, name: string) =>
  text(form, name) === '' ? undefined : Number(text(form, name));

export const partnersPage = staffPage({
  path: '/console/partners',
  access: { permission: 'partner:manage' },
  async load({ deps, form, locale }: StaffPageContext, state) {
    const added = state?.added === true;
    // After a partner is added the form starts empty; after a refusal it keeps what was typed.
    const kept = form && !added ? form : undefined;
    const partners = await listPartners(deps.db, { includeInactive: true });
    return {
      added,
      partners: partners.map((p) => ({
        ...p,
        regionNames: p.regions.map((c) => countryName(locale, c)),
        languageNames: p.languages.map((c) => languageName(locale, c)),
      })),
      services: PARTNER_SERVICES,
      countries: countries(locale),
      languages: languages(locale),
      values: {
        name: kept ? text(kept, 'name') : '',
        services: kept ? kept.getAll('services').map(String) : [],
        regions: kept ? kept.getAll('regions').map(String) : [],
        languages: kept ? kept.getAll('languages').map(String) : [],
        intakeContact: kept ? text(kept, 'intakeContact') : '',
        ackHours: kept ? text(kept, 'ackHours') : '',
        retentionDays: kept ? text(kept, 'retentionDays') : '',
      },
    };
  },
  actions: {
    toggle: {
      async run({ deps, session }, form) {
        const id = z.uuid().safeParse(text(form, 'partner'));
        if (!id.success) throw new HttpError(404, 'not-found', 'There is no such partner.');
        await setPartnerActive(deps, session.user.id, id.data, text(form, 'active') === 'true');
        return '/console/partners';
      },
    },
    add: {
      async run({ deps, session, t }, form) {
        const parsed = partnerSchema.safeParse({
          name: text(form, 'name'),
          services: form.getAll('services').map(String),
          regions: form.getAll('regions').map((c) => String(c).toUpperCase()),
          languages: form.getAll('languages').map((c) => String(c).toLowerCase()),
          intakeContact: text(form, 'intakeContact'),
          ackHours: optionalNumber(form, 'ackHours'),
          retentionDays: optionalNumber(form, 'retentionDays'),
        });
        if (!parsed.success) {
          // One line per field, however many rules it broke.
          const fields = [...new Set(parsed.error.issues.map((i) => String(i.path[0])))];
          throw new HttpError(422, 'partner-invalid', t('console.partner.invalid'), {
            fields: fields.map((f) => ({
              field: t(`console.partner.${f}` as UiKey),
              message: parsed.error.issues.find((i) => String(i.path[0]) === f)!.message,
            })),
          });
        }
        await createPartner(deps, session.user.id, parsed.data);
        return { state: { added: true } };
      },
    },
  },
});
export type PartnersPageData = PageData<typeof partnersPage>;
