import { webcrypto } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import en from '#kernel/i18n/strings/en.json';
import { reportInputSchema } from '../../../functions/reports/report-schema.ts';
import {
  chosenFirst,
  clampStep,
  FIELD_STEP,
  FIELDS,
  fieldsOf,
  isValid,
  MAX_FILES,
  MAX_TOTAL_BYTES,
  messageKey,
  problems,
  type ReportValues,
  STEPS,
  uuid,
} from '../../../src/components/report/island/validate.ts';

const base: ReportValues = {
  description: 'They took our passports.',
  peopleCount: '',
  contactMethod: 'none',
  contactValue: '',
  attachments: [],
};
const values = (change: Partial<ReportValues>): ReportValues => ({ ...base, ...change });
const MB = 1024 * 1024;

/** What the server says about the same answers (form posts send strings). */
function serverAccepts(v: ReportValues, field: string): boolean {
  const parsed = reportInputSchema.safeParse({
    locale: 'en',
    description: v.description,
    peopleCount: v.peopleCount,
    contactMethod: v.contactMethod,
    contactValue: v.contactValue,
  });
  return parsed.success || !parsed.error.issues.some((i) => i.path[0] === field);
}

describe('report island: validation', () => {
  it.each([
    ['', false],
    ['         ', false],
    ['too short', false],
    ['  123456789  ', false],
    ['1234567890', true],
    ['  1234567890  ', true],
    ['Someone is locked in the back of the shop.', true],
    ['x'.repeat(10_000), true],
    ['x'.repeat(10_001), false],
  ])('description %j → %s, as the server decides', (description, ok) => {
    const v = values({ description });
    expect(isValid('description', v)).toBe(ok);
    expect(serverAccepts(v, 'description')).toBe(ok);
  });

  it.each([
    ['', true],
    ['  ', true],
    ['1', true],
    ['3', true],
    [' 12 ', true],
    ['100000', true],
    ['100001', false],
    ['0', false],
    ['-2', false],
    ['2.5', false],
    ['many', false],
  ])('people count %j → %s, as the server decides', (peopleCount, ok) => {
    const v = values({ peopleCount });
    expect(isValid('peopleCount', v)).toBe(ok);
    expect(serverAccepts(v, 'peopleCount')).toBe(ok);
  });

  it('flags a number box the browser could not read (it would send it empty)', () => {
    expect(isValid('peopleCount', values({ peopleCount: '', peopleCountUnreadable: true }))).toBe(false);
  });

  it.each([
    ['none', '', true],
    ['', '', true],
    ['none', 'ignored', true],
    ['sms', '', false],
    ['email', '   ', false],
    ['signal', '+977 98 0000 0000', true],
    ['phone', 'x'.repeat(201), false],
  ])('contact %j with %j → %s, as the server decides', (contactMethod, contactValue, ok) => {
    const v = values({ contactMethod, contactValue });
    expect(isValid('contactValue', v)).toBe(ok);
    expect(serverAccepts(v, 'contactValue')).toBe(ok);
  });

  it('uses the server limits for attachments', () => {
    // Read from the source: importing accept-report would load the whole server (database, crypto).
    const server = readFileSync(
      new URL('../../../functions/reports/accept-report.ts', import.meta.url),
      'utf8',
    );
    const constant = (name: string) =>
      new RegExp(`export const ${name} = ([\\d_ *]+);`)
        .exec(server)![1]!
        .split('*')
        .reduce((product, factor) => product * Number(factor.replaceAll('_', '').trim()), 1);
    expect(MAX_FILES).toBe(constant('MAX_ATTACHMENTS'));
    expect(MAX_TOTAL_BYTES).toBe(constant('MAX_ATTACHMENT_BYTES'));
  });

  it.each([
    ['no files', [], true],
    ['one photo', [{ type: 'image/jpeg', size: 2 * MB }], true],
    [
      'each allowed type',
      ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'].map((type) => ({ type, size: 1 })),
      true,
    ],
    ['five files', Array.from({ length: 5 }, () => ({ type: 'image/png', size: MB })), true],
    ['six files', Array.from({ length: 6 }, () => ({ type: 'image/png', size: MB })), false],
    ['exactly 10 MB', [{ type: 'application/pdf', size: 10 * MB }], true],
    [
      'over 10 MB in total',
      [
        { type: 'image/png', size: 6 * MB },
        { type: 'image/webp', size: 4 * MB + 1 },
      ],
      false,
    ],
    ['a video', [{ type: 'video/mp4', size: MB }], false],
    ['an unknown type', [{ type: '', size: MB }], false],
    ['an empty file part (no file chosen)', [{ type: 'application/octet-stream', size: 0 }], true],
  ])('attachments: %s', (_name, attachments, ok) => {
    expect(isValid('attachments', values({ attachments }))).toBe(ok);
  });

  it('lists problems in form order, only for the fields asked about', () => {
    const v = values({ description: 'short', peopleCount: '0', contactMethod: 'sms', contactValue: '' });
    expect(problems(v)).toEqual(['description', 'peopleCount', 'contactValue']);
    expect(problems(v, fieldsOf('where'))).toEqual(['peopleCount']);
    expect(problems(v, fieldsOf('kind'))).toEqual([]);
    expect(problems(base)).toEqual([]);
  });

  it('shows messages that already exist in English', () => {
    for (const field of FIELDS) expect(en).toHaveProperty([messageKey(field)]);
  });
});

describe('report island: steps', () => {
  const form = readFileSync(
    new URL('../../../src/components/report/ReportForm.astro', import.meta.url),
    'utf8',
  );
  const sections = [...form.matchAll(/<section data-step="([a-z]+)">([\s\S]*?)<\/section>/g)];

  it('follows the order of the form', () => {
    expect(sections.map((s) => s[1])).toEqual([...STEPS]);
  });

  it('knows which step shows each checked field', () => {
    for (const field of FIELDS) {
      const holder = sections.find((s) => s[2]!.includes(`name="${field}"`));
      expect(holder?.[1], field).toBe(FIELD_STEP[field]);
    }
  });

  it('keeps step numbers in range', () => {
    expect(clampStep(-1)).toBe(0);
    expect(clampStep(2)).toBe(2);
    expect(clampStep(9)).toBe(STEPS.length - 1);
  });

  it('puts the chosen country first for emergency numbers, the rest in order', () => {
    const entries = [{ country: 'BD' }, { country: 'NP' }, { country: 'PH' }];
    expect(chosenFirst(entries, 'PH').map((e) => e.country)).toEqual(['PH', 'BD', 'NP']);
    expect(chosenFirst(entries, '').map((e) => e.country)).toEqual(['BD', 'NP', 'PH']);
  });
});

describe('report island: idempotency key', () => {
  it('uses randomUUID where the browser has it', () => {
    expect(uuid({ getRandomValues: (a) => webcrypto.getRandomValues(a), randomUUID: () => 'given' })).toBe(
      'given',
    );
  });

  it('builds a valid, random version 4 UUID otherwise', () => {
    const source = { getRandomValues: (a: Uint8Array<ArrayBuffer>) => webcrypto.getRandomValues(a) };
    const a = uuid(source);
    const b = uuid(source);
    expect(z.uuid().safeParse(a).success).toBe(true);
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a).not.toBe(b);
  });
});
