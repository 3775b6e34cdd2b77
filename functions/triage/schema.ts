/**
 * The triage result as the rest of Waymark sees it. The zod schema is the single source of truth:
 * the TypeScript type is inferred from it, and the CLI and console validate against it.
 */
import { z } from 'zod';
import { LOCALE_CODES } from '#kernel/i18n/locales.ts';
import { PRIORITIES, REASON_CODES } from './reason-codes.ts';

export const prioritySchema = z.enum(PRIORITIES);
export const reasonCodeSchema = z.enum(REASON_CODES);
/** The learned model's strongest words and the class they pulled towards: `model:'lock'+'door'→emergency`. */
export const modelReasonSchema = z.string().regex(/^model:.+→(?:emergency|urgent|standard|noise)$/);

export const triageResultSchema = z.object({
  priority: prioritySchema,
  /** 0–100, monotone with priority: noise < 15 ≤ standard < 40 ≤ urgent < 70 ≤ emergency. */
  score: z.number().int().min(0).max(100),
  /** The message says a child (under 18) is involved. */
  minor: z.boolean(),
  /** One of the site locales; Arabic and Bengali written in Latin letters report `ar` / `bn`. */
  lang: z.enum(LOCALE_CODES),
  script: z.enum(['latin', 'native']),
  /** 0–1; below about 0.3 the console should offer a language menu instead of guessing. */
  langConfidence: z.number().min(0).max(1),
  reasons: z.array(z.union([reasonCodeSchema, modelReasonSchema])),
  /** Version of the learned model that took part, or null when the rules decided alone. */
  model: z.string().nullable(),
});

export type TriageResult = z.infer<typeof triageResultSchema>;

export const triageInputSchema = z.object({
  text: z.string(),
  /** Earlier messages of the same conversation, oldest first. */
  history: z.array(z.string()).optional(),
});

export type TriageInput = z.infer<typeof triageInputSchema>;
