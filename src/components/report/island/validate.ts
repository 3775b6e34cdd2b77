/**
 * The report form's rules as the browser checks them, mirroring `functions/reports/report-schema.ts`
 * and the attachment limits of `functions/reports/accept-report.ts` (the server checks again; this
 * only saves the reporter a round trip). Also the order of the steps and which field lives where.
 * No DOM here, so it is unit-tested in Node.
 */

export const STEPS = ['danger', 'what', 'where', 'kind', 'contact'] as const;
export type Step = (typeof STEPS)[number];

/** The fields the browser checks, each with the step that shows it (in form order). */
export const FIELD_STEP = {
  description: 'what',
  peopleCount: 'where',
  contactValue: 'contact',
  attachments: 'contact',
} as const satisfies Record<string, Step>;
export type Field = keyof typeof FIELD_STEP;
export const FIELDS = Object.keys(FIELD_STEP) as Field[];

export const MAX_FILES = 5;
export const MAX_TOTAL_BYTES = 10 * 1024 * 1024;
export const FILE_TYPES: readonly string[] = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'];

export interface FileLike {
  type: string;
  size: number;
}

export interface ReportValues {
  description: string;
  peopleCount: string;
  /** The browser could not read what was typed into the number box (e.g. letters): value is then ''. */
  peopleCountUnreadable?: boolean;
  contactMethod: string;
  contactValue: string;
  attachments: readonly FileLike[];
}

/** The existing translated message for each field (`report.error.<field>`). */
export const messageKey = (field: Field) => `report.error.${field}`;

const RULES: Record<Field, (v: ReportValues) => boolean> = {
  description: (v) => {
    const length = v.description.trim().length;
    return length >= 10 && length <= 10_000;
  },
  peopleCount: (v) => {
    if (v.peopleCountUnreadable) return false;
    const text = v.peopleCount.trim();
    if (text === '') return true;
    const n = Number(text);
    return Number.isInteger(n) && n >= 1 && n <= 100_000;
  },
  contactValue: (v) => {
    const value = v.contactValue.trim();
    if (value.length > 200) return false;
    return v.contactMethod === '' || v.contactMethod === 'none' || value !== '';
  },
  attachments: (v) => {
    // An empty file part is what a browser sends for "no file"; the server ignores it too.
    const files = v.attachments.filter((f) => f.size > 0);
    const total = files.reduce((sum, f) => sum + f.size, 0);
    return (
      files.length <= MAX_FILES && total <= MAX_TOTAL_BYTES && files.every((f) => FILE_TYPES.includes(f.type))
    );
  },
};

export const isValid = (field: Field, values: ReportValues): boolean => RULES[field](values);

/** The fields (of `fields`, default all) that break a rule, in form order. */
export function problems(values: ReportValues, fields: readonly Field[] = FIELDS): Field[] {
  return FIELDS.filter((f) => fields.includes(f) && !isValid(f, values));
}

export const fieldsOf = (step: Step): Field[] => FIELDS.filter((f) => FIELD_STEP[f] === step);

export const clampStep = (index: number): number => Math.min(Math.max(index, 0), STEPS.length - 1);

/** Emergency entries with the chosen country first, the rest in their given (alphabetical) order. */
export function chosenFirst<T extends { country: string }>(entries: readonly T[], country: string): T[] {
  return [...entries.filter((e) => e.country === country), ...entries.filter((e) => e.country !== country)];
}

/**
 * A random (version 4) UUID for the idempotency key: `crypto.randomUUID` where the browser has it
 * (it needs a recent browser on HTTPS), otherwise built from `crypto.getRandomValues`.
 */
export function uuid(source: {
  getRandomValues(array: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer>;
  randomUUID?: () => string;
}): string {
  if (typeof source.randomUUID === 'function') return source.randomUUID();
  const b = source.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
