import { describe, expect, it } from 'vitest';
import { STRINGS } from '#kernel/i18n/ui.ts';
import {
  type Answers,
  adviceKey,
  answersSchema,
  assess,
  flagFor,
  OTHER_COUNTRY,
  QUESTIONS,
  type QuestionId,
} from '../../../src/components/self-check/questions.ts';

/** The answers of a fair offer: no question raises a flag. */
const fair: Answers = {
  fee: 'no',
  passport: 'no',
  contract: 'yes',
  contractMatch: 'yes',
  travelPays: 'employer',
  licence: 'yes',
  employerKnown: 'yes',
  pressure: 'no',
  debt: 'no',
  destination: 'MY',
};

/**
 * Every answer that raises a flag, and how serious. Not knowing is a warning sign wherever the
 * question offers "not sure": a reader who was not told about fees or the passport must ask.
 */
const expected: [QuestionId, string, 'serious' | 'warning'][] = [
  ['fee', 'yes', 'serious'],
  ['fee', 'unsure', 'warning'],
  ['passport', 'yes', 'serious'],
  ['passport', 'unsure', 'warning'],
  ['contract', 'no', 'warning'],
  ['contract', 'unsure', 'warning'],
  ['contractMatch', 'no', 'serious'],
  ['contractMatch', 'unsure', 'warning'],
  ['travelPays', 'me', 'warning'],
  ['travelPays', 'unknown', 'warning'],
  ['licence', 'no', 'warning'],
  ['licence', 'unsure', 'warning'],
  ['employerKnown', 'no', 'warning'],
  ['employerKnown', 'unsure', 'warning'],
  ['pressure', 'yes', 'serious'],
  ['pressure', 'unsure', 'warning'],
  ['debt', 'yes', 'serious'],
  ['debt', 'unsure', 'warning'],
];

const answer = (question: QuestionId, value: string): Answers => answersSchema.parse({ [question]: value });

describe('self-check questions', () => {
  it('have unique ids, and flag only answers they offer', () => {
    const ids = QUESTIONS.map((q) => q.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const q of QUESTIONS) {
      for (const key of Object.keys(q.flags)) expect(q.options as readonly string[]).toContain(key);
    }
  });

  it('are exactly the answers the schema knows, plus the destination', () => {
    expect(Object.keys(answersSchema.shape).sort()).toEqual(
      [...QUESTIONS.map((q) => q.id), 'destination'].sort(),
    );
  });
});

describe('assess', () => {
  it('is clear with no answers and with the answers of a fair offer', () => {
    expect(assess({})).toEqual({ level: 'clear', flags: [] });
    expect(assess(fair)).toEqual({ level: 'clear', flags: [] });
  });

  it.each(expected)('flags %s = %s as %s', (question, value, level) => {
    const flags = [{ question, answer: value, level }];
    expect(assess(answer(question, value))).toEqual({ level, flags });
    expect(assess({ ...fair, ...answer(question, value) })).toEqual({ level, flags });
  });

  it('gives every "not sure" its own advice, in every language, apart from the advice for a clear answer', () => {
    const notSure = expected.filter(([, value]) => value === 'unsure' || value === 'unknown');
    expect(notSure.map(([q]) => q)).toEqual(expect.arrayContaining(['fee', 'passport']));
    for (const [question, value] of notSure) {
      const own = adviceKey(question, value);
      expect(own).not.toBe(adviceKey(question, 'yes'));
      for (const [locale, strings] of Object.entries(STRINGS)) {
        const text = strings[`selfCheck.${own}` as keyof typeof strings];
        expect(text, `${locale}: selfCheck.${own}`).toBeTruthy();
        expect(text).not.toBe(strings[`selfCheck.advice.${question}` as keyof typeof strings]);
      }
    }
  });

  it('raises nothing for every other answer', () => {
    for (const q of QUESTIONS) {
      for (const option of q.options) {
        if (expected.some(([id, value]) => id === q.id && value === option)) continue;
        expect(assess(answer(q.id, option)), `${q.id}=${option}`).toEqual({ level: 'clear', flags: [] });
      }
    }
  });

  it('ranks serious above warning, and lists serious flags first, then in question order', () => {
    const result = assess({ ...fair, contract: 'no', fee: 'yes', licence: 'unsure', debt: 'yes' });
    expect(result.level).toBe('serious');
    expect(result.flags).toEqual([
      { question: 'fee', answer: 'yes', level: 'serious' },
      { question: 'debt', answer: 'yes', level: 'serious' },
      { question: 'contract', answer: 'no', level: 'warning' },
      { question: 'licence', answer: 'unsure', level: 'warning' },
    ]);
  });

  it('is warning with warnings only, however many', () => {
    const result = assess({ contract: 'unsure', travelPays: 'me', licence: 'no', employerKnown: 'no' });
    expect(result.level).toBe('warning');
    expect(result.flags.every((f) => f.level === 'warning')).toBe(true);
    expect(result.flags).toHaveLength(4);
  });

  it('is serious with one serious flag among many warnings', () => {
    const result = assess({
      contract: 'no',
      travelPays: 'unknown',
      licence: 'no',
      employerKnown: 'no',
      pressure: 'yes',
    });
    expect(result.level).toBe('serious');
    expect(result.flags[0]).toEqual({ question: 'pressure', answer: 'yes', level: 'serious' });
  });

  it('does not depend on the destination', () => {
    expect(assess({ ...fair, destination: OTHER_COUNTRY })).toEqual(assess(fair));
    expect(assess({ fee: 'yes', destination: 'QA' })).toEqual(assess({ fee: 'yes' }));
  });

  it('is deterministic and does not change its input', () => {
    const answers: Answers = { fee: 'yes', contract: 'no' };
    const copy = structuredClone(answers);
    expect(assess(answers)).toEqual(assess(answers));
    expect(answers).toEqual(copy);
  });

  it('raises nothing for an answer a question does not offer, even an inherited property name', () => {
    const fee = QUESTIONS.find((q) => q.id === 'fee')!;
    expect(flagFor(fee, 'constructor')).toBeUndefined();
    expect(flagFor(fee, 'toString')).toBeUndefined();
    expect(flagFor(fee, undefined)).toBeUndefined();
    expect(assess({ fee: 'maybe' } as unknown as Answers)).toEqual({ level: 'clear', flags: [] });
  });
});

describe('answersSchema', () => {
  it('accepts no answers, some answers and all answers', () => {
    expect(answersSchema.safeParse({}).success).toBe(true);
    expect(answersSchema.safeParse({ fee: 'unsure' }).success).toBe(true);
    expect(answersSchema.safeParse(fair).success).toBe(true);
    expect(answersSchema.safeParse({ ...fair, destination: OTHER_COUNTRY }).success).toBe(true);
  });

  it.each([
    ['an answer a question does not offer', { fee: 'maybe' }],
    ['a yes/no answer to the who-pays question', { travelPays: 'yes' }],
    ['a who-pays answer to a yes/no question', { passport: 'employer' }],
    ['a different case', { fee: 'Yes' }],
    ['a boolean', { fee: true }],
    ['null', { fee: null }],
    ['an unknown question', { salary: 'yes' }],
    ['a prototype key', JSON.parse('{"__proto__": {"fee": "yes"}}')],
    ['a lower-case country code', { destination: 'my' }],
    ['a country name', { destination: 'Malaysia' }],
    ['a three-letter code', { destination: 'MYS' }],
  ])('rejects %s', (_, value) => {
    expect(answersSchema.safeParse(value).success).toBe(false);
  });

  it('rejects what is not an object', () => {
    for (const value of [null, undefined, 'fee=yes', ['yes'], 1]) {
      expect(answersSchema.safeParse(value).success).toBe(false);
    }
  });
});
