/**
 * Alerts on-call staff by SMS when something reaches `emergency`. The alert says where to look and
 * why, never what the person wrote or who they are.
 */
import type { Queryable } from '../db/database.ts';
import type { Deps } from '../deps.ts';
import { enqueueSms } from './outbox.ts';

export async function alertOnCall(
  db: Queryable,
  deps: Pick<Deps, 'keys' | 'config'>,
  alert: { source: 'sms' | 'report'; reasons: string[]; minor: boolean },
  now: Date,
): Promise<number> {
  const reasons = alert.reasons.slice(0, 4).join(', ') || 'see console';
  const body = `Waymark EMERGENCY (${alert.source === 'sms' ? 'SMS' : 'web report'}${alert.minor ? ', child' : ''}): ${reasons}. Open the console queue now.`;
  for (const to of deps.config.oncallNumbers) await enqueueSms(db, deps, { kind: 'alert', to, body }, now);
  return deps.config.oncallNumbers.length;
}
