import { describe, expect, it } from 'vitest';
import { reportInputSchema } from '../../../functions/reports/report-schema.ts';

const base = { description: 'They took our passports at the farm', locale: 'bn' };

describe('report schema', () => {
  it('reads numbers typed with Bengali, Devanagari and Arabic-Indic digits', () => {
    for (const [typed, value] of [
      ['৩', 3],
      ['१२', 12],
      ['٤٥', 45],
      ['10', 10],
    ] as const) {
      expect(reportInputSchema.parse({ ...base, peopleCount: typed }).peopleCount).toBe(value);
    }
  });

  it('treats blank form fields as not given and single checkboxes as lists', () => {
    const parsed = reportInputSchema.parse({ ...base, place: '  ', signs: 'debt', exploitation: '' });
    expect(parsed.place).toBeUndefined();
    expect(parsed.signs).toEqual(['debt']);
    expect(parsed.exploitation).toEqual([]);
  });

  it('asks for a contact detail only when a contact method is chosen', () => {
    expect(reportInputSchema.safeParse({ ...base, contactMethod: 'none' }).success).toBe(true);
    const missing = reportInputSchema.safeParse({ ...base, contactMethod: 'sms', description: 'x' });
    expect(missing.error?.issues.map((i) => i.path[0]).sort()).toEqual(['contactValue', 'description']);
    expect(reportInputSchema.safeParse({ ...base, contactMethod: 'sms', contactValue: 42 }).success).toBe(
      false,
    );
  });
});
