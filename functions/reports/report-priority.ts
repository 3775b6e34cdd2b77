/**
 * A report's queue priority: the triage engine reads the free text, and the reporter's own answers
 * can only raise the result. "Someone is in danger right now" is an emergency by definition.
 */
import { higherPriority, type Priority } from '../queue/priority.ts';
import { storedReasons } from '../triage/triage.ts';
import type { ReportInput } from './report-schema.ts';

const DANGER_SIGNS = new Set(['locked-in', 'cannot-leave', 'violence', 'threats']);

export interface TextTriage {
  priority: Priority;
  score: number;
  minor: boolean;
  reasons: string[];
  /** Version of the triage model that read the text (null: the rules alone). */
  model: string | null;
}

export function reportPriority(input: ReportInput, text: TextTriage): TextTriage {
  let priority = text.priority;
  const reasons = new Set(storedReasons(text.reasons));
  let score = text.score;
  if (input.inDanger === 'yes') {
    priority = 'emergency';
    reasons.add('danger-now');
    score = Math.max(score, 90);
  }
  const minor = text.minor || input.childrenInvolved === 'yes' || input.signs.includes('child');
  if (minor) reasons.add('child');
  if (input.signs.some((s) => DANGER_SIGNS.has(s))) priority = higherPriority(priority, 'urgent');
  if (input.signs.length > 0 || input.exploitation.length > 0 || minor) {
    // Whoever took the time to describe signs of exploitation is not sending noise.
    priority = higherPriority(priority, 'urgent');
    for (const sign of input.signs) reasons.add(sign);
  }
  return { priority, score, minor, reasons: [...reasons].sort(), model: text.model };
}
