/**
 * The job-offer self-check as data: the questions, their answers and which answers are warning
 * signs, following the ILO General Principles and Operational Guidelines for Fair Recruitment and
 * IOM's IRIS standard (no fees for workers, workers keep their documents, a clear contract before
 * departure, licensed recruiters, no deception or coercion, no debt to the recruiter).
 *
 * One source of truth for the browser island, the printable no-JavaScript checklist and the tests.
 * `assess` is pure and runs in the reader's browser: nothing is sent or stored.
 */
import { z } from 'zod';

export type Level = 'serious' | 'warning';
export type ResultLevel = Level | 'clear';

type Options = readonly [string, ...string[]];

export interface Question<I extends string = string, O extends Options = Options> {
  readonly id: I;
  readonly options: O;
  /** Answers that are warning signs, and how serious. Answers not listed raise nothing. */
  readonly flags: Readonly<Partial<Record<O[number], Level>>>;
  /** Whether `selfCheck.hint.<id>` explains the question with examples. */
  readonly hint: boolean;
}

const YES_NO = ['yes', 'no', 'unsure'] as const;
const WHO_PAYS = ['employer', 'me', 'unknown'] as const;

function question<const I extends string, const O extends Options>(
  id: I,
  options: O,
  flags: Partial<Record<O[number], Level>>,
  hint = false,
): Question<I, O> {
  return { id, options, flags, hint };
}

/** In the order they are asked. The destination country is asked last, separately (`destination`). */
export const QUESTIONS = [
  question('fee', YES_NO, { yes: 'serious' }, true),
  question('passport', YES_NO, { yes: 'serious' }, true),
  question('contract', YES_NO, { no: 'warning', unsure: 'warning' }),
  question('contractMatch', YES_NO, { no: 'serious' }, true),
  question('travelPays', WHO_PAYS, { me: 'warning', unknown: 'warning' }),
  question('licence', YES_NO, { no: 'warning', unsure: 'warning' }),
  question('employerKnown', YES_NO, { no: 'warning' }),
  question('pressure', YES_NO, { yes: 'serious' }),
  question('debt', YES_NO, { yes: 'serious' }, true),
] as const;

export type QuestionId = (typeof QUESTIONS)[number]['id'];

/** The answer to the destination question when the country is not in the help directory. */
export const OTHER_COUNTRY = 'other';

type AnswersShape = {
  [Q in (typeof QUESTIONS)[number] as Q['id']]: z.ZodOptional<z.ZodEnum<{ [K in Q['options'][number]]: K }>>;
} & {
  destination: z.ZodOptional<z.ZodUnion<[z.ZodString, z.ZodLiteral<typeof OTHER_COUNTRY>]>>;
};

/**
 * What a reader may answer; every question may be skipped. Built from QUESTIONS, and wrapped in a
 * pure function call so that the browser bundle, which never validates, leaves zod out.
 */
export const answersSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    ...Object.fromEntries(QUESTIONS.map((q) => [q.id, z.enum(q.options).optional()])),
    destination: z.union([z.string().regex(/^[A-Z]{2}$/), z.literal(OTHER_COUNTRY)]).optional(),
  } as AnswersShape))();

export type Answers = z.infer<typeof answersSchema>;

export interface Flag {
  question: QuestionId;
  level: Level;
}

export interface Assessment {
  /** `serious` if any serious flag, else `warning` if any flag, else `clear`. */
  level: ResultLevel;
  /** Serious flags first, then warnings; within a level, in question order. */
  flags: Flag[];
}

/** The flag level an answer raises, if any; an unknown answer raises nothing. */
export function flagFor(q: Question, answer: string | undefined): Level | undefined {
  return answer !== undefined && Object.hasOwn(q.flags, answer) ? q.flags[answer] : undefined;
}

export function assess(answers: Answers): Assessment {
  const flags: Flag[] = [];
  for (const level of ['serious', 'warning'] as const) {
    for (const q of QUESTIONS as readonly Question<QuestionId>[]) {
      if (flagFor(q, answers[q.id]) === level) flags.push({ question: q.id, level });
    }
  }
  const level: ResultLevel = flags[0]?.level ?? 'clear';
  return { level, flags };
}
