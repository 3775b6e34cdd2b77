/** Priorities of the hotline queue, most urgent first; the rank orders the queue. */

import { PRIORITIES } from '../triage/reason-codes.ts';

export { PRIORITIES };
export type Priority = (typeof PRIORITIES)[number];

export function priorityRank(priority: Priority): number {
  return PRIORITIES.indexOf(priority);
}

export function higherPriority(a: Priority, b: Priority): Priority {
  return priorityRank(a) <= priorityRank(b) ? a : b;
}
