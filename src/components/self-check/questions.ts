/**
 * The job-offer self-check as data: the questions, their answers and which answers are warning
 * signs, following the ILO General Principles and Operational Guidelines for Fair Recruitment and
 * IOM's IRIS standard (no fees for workers, workers keep their documents, a clear contract before
 * departure, licensed recruiters, no deception or coercion, no debt to the recruiter).
 *
 * Not knowing is a warning sign too: a reader who is "not sure" whether they will pay a fee or keep
 * their passport has not been told, and each such answer gets its own advice (what to ask, and
 * when to stop), apart from the advice for a clear "yes".
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
  question('fee', YES_NO, { yes: 'serious', unsure: 'warning' }, true),
  question('passport', YES_NO, { yes: 'serious', unsure: 'warning' }, true),
  question('contract', YES_NO, { no: 'warning', unsure: 'warning' }),
  question('contractMatch', YES_NO, { no: 'serious', unsure: 'warning' }, true),
  question('travelPays', WHO_PAYS, { me: 'warning', unknown: 'warning' }),
  question('licence', YES_NO, { no: 'warning', unsure: 'warning' }),
  question('employerKnown', YES_NO, { no: 'warning', unsure: 'warning' }),
  question('pressure', YES_NO, { yes: 'serious', unsure: 'warning' }),
  question('debt', YES_NO, { yes: 'serious', unsure: 'warning' }, true),
] as const;

/** The answers that mean "I was not told": each gets advice of its own (`advice.<question>.<answer>`). */
export const NOT_SURE_ANSWERS: readonly string[] = ['unsure', 'unknown'];

/** The key (after `selfCheck.`) of the advice for this answer to this question. */
export function adviceKey(question: QuestionId, answer: string): string {
  return NOT_SURE_ANSWERS.includes(answer) ? `advice.${question}.${answer}` : `advice.${question}`;
}

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
  /** The answer that raised it: "not sure" answers have advice of their own. */
  answer: string;
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
      const answer = answers[q.id];
      if (answer !== undefined && flagFor(q, answer) === level) flags.push({ question: q.id, answer, level });
    }
  }
  const level: ResultLevel = flags[0]?.level ?? 'clear';
  return { level, flags };
}
