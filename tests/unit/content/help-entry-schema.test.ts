/**
 * The help directory's shape: what each help line is for, embassies and the country they serve,
 * a check recorded whole (the date, who, and the public source) or not at all, channel values a
 * phone can open; the seam that merges a staff verification into an entry; and the shipped
 * directory and sample hotline settings.
 */
import { describe, expect, it } from 'vitest';
import { helpEntrySchema, siteSettingsSchema } from '#kernel/content/schemas.ts';
import { applyVerification, VerificationError } from '#kernel/content/verification.ts';
import { helpEntryProblem } from '../../../studio/schema/document-types.ts';
import { readYamlCollection } from '../../helpers/content-files.ts';

const source = { title: 'Ministry of Labour', url: 'https://www.example.gov/' };
const base = {
  country: 'QA',
  emergency: { number: '999', source },
  hotlines: [
    {
      name: 'Labour line',
      kind: 'labour',
      channels: [{ kind: 'phone', value: '+974 4000 0000' }],
      hours: '24/7',
      languages: ['ar', 'en'],
      source,
    },
  ],
  organisations: [
    { name: 'Embassy of Nepal in Doha', services: ['consular'], represents: 'NP', source },
    { name: 'IOM Qatar', services: ['return-reintegration'], source },
  ],
};
const problems = (value: unknown) =>
  helpEntrySchema.safeParse(value).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];

describe('help entry schema', () => {
  it('accepts hotline kinds and consular entries that name the country they represent', () => {
    expect(problems(base)).toEqual([]);
    const parsed = helpEntrySchema.parse({ ...base, hotlines: [{ ...base.hotlines[0], kind: undefined }] });
    expect(parsed.hotlines[0]!.kind).toBe('general');
  });

  it.each([
    [
      'an unknown hotline kind',
      { hotlines: [{ ...base.hotlines[0], kind: 'trafficking' }] },
      'hotlines.0.kind',
    ],
    [
      'an embassy without the country it represents',
      { organisations: [{ name: 'Embassy', services: ['consular'], source }] },
      'organisations.0.represents',
    ],
    [
      'a country represented by an organisation that is not consular',
      { organisations: [{ name: 'IOM', services: ['legal'], represents: 'NP', source }] },
      'organisations.0.represents',
    ],
    [
      'a date of check without who checked',
      { emergency: { number: '999', source, lastVerified: '2026-11-01' } },
      'emergency.verifiedBy',
    ],
    [
      'who checked without the date',
      { emergency: { number: '999', source, verifiedBy: 'Ana' } },
      'emergency.lastVerified',
    ],
    [
      'a check without a public source',
      { emergency: { number: '999', lastVerified: '2026-11-01', verifiedBy: 'Ana' } },
      'emergency.source',
    ],
    ['the same line twice', { hotlines: [base.hotlines[0], base.hotlines[0]] }, 'hotlines.1.name'],
    [
      'a phone number with letters (keypad spelling)',
      { hotlines: [{ ...base.hotlines[0], channels: [{ kind: 'phone', value: '800 SAVE' }] }] },
      'hotlines.0.channels.0.value',
    ],
    [
      'a website over plain http',
      { hotlines: [{ ...base.hotlines[0], channels: [{ kind: 'web', value: 'http://example.gov/' }] }] },
      'hotlines.0.channels.0.value',
    ],
    [
      'an organisation phone with letters',
      { organisations: [{ ...base.organisations[1], phone: 'ask at desk' }] },
      'organisations.0.phone',
    ],
  ])('refuses %s', (_, change, path) => {
    expect(problems({ ...base, ...change }).map((p) => p.split(':')[0])).toContain(path);
  });

  it('tells Studio editors the same cross-field rules before they publish', () => {
    expect(helpEntryProblem(base)).toBe(true);
    expect(
      helpEntryProblem({ ...base, emergency: { number: '999', source, lastVerified: '2026-11-01' } }),
    ).toMatch(/verified by/);
    expect(helpEntryProblem({ ...base, organisations: [{ name: 'E', services: ['consular'] }] })).toMatch(
      /represents/,
    );
    expect(helpEntryProblem({ ...base, hotlines: [base.hotlines[0], base.hotlines[0]] })).toMatch(/twice/);
  });
});

describe('applyVerification', () => {
  const entry = helpEntrySchema.parse(base);

  it('records who checked which entry and when, and changes nothing else', () => {
    const checked = applyVerification(entry, {
      country: 'QA',
      item: { list: 'organisations', name: 'IOM Qatar' },
      lastVerified: '2026-12-01',
      verifiedBy: 'Ana Costa',
    });
    expect(checked.organisations[1]).toMatchObject({
      lastVerified: new Date('2026-12-01T00:00:00Z'),
      verifiedBy: 'Ana Costa',
    });
    expect({ ...checked, organisations: [checked.organisations[0]] }).toEqual({
      ...entry,
      organisations: [entry.organisations[0]],
    });
    expect(entry.organisations[1]!.verifiedBy).toBeUndefined();
    const emergency = applyVerification(entry, {
      country: 'QA',
      item: { list: 'emergency' },
      lastVerified: '2026-12-02',
      verifiedBy: 'Ana Costa',
    });
    expect(emergency.emergency.verifiedBy).toBe('Ana Costa');
  });

  it('refuses a record for another country, an entry that does not exist, and an entry without a source', () => {
    const record = {
      item: { list: 'hotlines', name: 'Labour line' },
      lastVerified: '2026-12-01',
      verifiedBy: 'Ana',
    } as const;
    expect(() => applyVerification(entry, { ...record, country: 'NP' })).toThrow(VerificationError);
    expect(() =>
      applyVerification(entry, { ...record, country: 'QA', item: { list: 'hotlines', name: 'Nope' } }),
    ).toThrow(/no hotlines entry named "Nope"/);
    const unsourced = helpEntrySchema.parse({
      ...base,
      hotlines: [{ ...base.hotlines[0], source: undefined }],
    });
    expect(() => applyVerification(unsourced, { ...record, country: 'QA' })).toThrow(/source/);
  });
});

describe('the shipped directory', () => {
  const entries = readYamlCollection('help').map((f) => helpEntrySchema.parse(f.data));

  it('covers the main corridors, origin and destination', () => {
    const countries = entries.map((e) => e.country);
    expect(countries.length).toBeGreaterThanOrEqual(45);
    expect(countries).toEqual(
      expect.arrayContaining(['QA', 'BD', 'NP', 'SA', 'AE', 'MY', 'PH', 'IT', 'US', 'GB']),
    );
  });

  it('is shown unverified until staff confirm it: nothing ships with a check', () => {
    for (const e of entries) {
      for (const item of [e.emergency, ...e.hotlines, ...e.organisations])
        expect(item.lastVerified ?? item.verifiedBy, e.country).toBeUndefined();
    }
  });

  it('lists the embassies of the main origin countries in the Gulf', () => {
    const qa = entries.find((e) => e.country === 'QA')!;
    expect(
      qa.organisations
        .filter((o) => o.represents)
        .map((o) => o.represents)
        .sort(),
    ).toEqual(['BD', 'IN', 'LK', 'NP', 'PH', 'PK']);
  });
});

describe('the sample site settings', () => {
  const [file] = readYamlCollection('settings');
  const settings = siteSettingsSchema.parse(file!.data);

  it('ship a clearly fictitious example hotline, marked as an example', () => {
    expect(settings.hotline.example).toBe(true);
    // Ofcom's ranges for drama and fiction: 07700 900000-900999 and 020 7946 0000-0999.
    for (const number of [settings.hotline.sms, settings.hotline.whatsapp, settings.hotline.phone]) {
      expect(number).toMatch(/^\+44 (7700 900\d{3}|20 7946 0\d{3})$/);
    }
  });

  it('refuse a hotline with no way to reach it, or hours that end before they start', () => {
    const { sms: _s, whatsapp: _w, phone: _p, ...none } = settings.hotline;
    expect(siteSettingsSchema.safeParse({ hotline: none }).success).toBe(false);
    const backwards = {
      ...settings.hotline,
      hours: { ...settings.hotline.hours, opens: '22:00', closes: '08:00' },
    };
    expect(siteSettingsSchema.safeParse({ hotline: backwards }).success).toBe(false);
    expect(
      siteSettingsSchema.safeParse({ hotline: { ...settings.hotline, phone: '07700 900123' } }).success,
    ).toBe(false);
  });
});
