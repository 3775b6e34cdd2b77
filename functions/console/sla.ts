/**
 * The SLA as two clocks. The first runs from arrival to the first answer (a reply, or a call an
 * operator records) within SLA_MINUTES; the second from arrival to closing within
 * SLA_CLOSE_MINUTES. A clock that stopped in time is met for good: an item claimed and answered is
 * never "overdue" for its first response, whatever its second clock says.
 */
import type { Config } from '../config/load-config.ts';
import type { Priority } from '../queue/priority.ts';

export interface Clock {
  due: Date;
  /** When the clock stopped (answered, closed), or null while it runs. */
  stoppedAt: Date | null;
  /** Past due while running, or stopped after it was due. */
  breached: boolean;
}

export interface SlaClocks {
  firstResponse: Clock;
  close: Clock;
}

type SlaConfig = Pick<Config, 'slaMinutes' | 'slaCloseMinutes'>;

function clock(due: Date, stoppedAt: Date | null, now: Date): Clock {
  return { due, stoppedAt, breached: (stoppedAt ?? now).getTime() > due.getTime() };
}

export function slaClocks(
  config: SlaConfig,
  item: { priority: Priority; createdAt: Date; firstResponseAt: Date | null; closedAt: Date | null },
  now: Date,
): SlaClocks {
  const start = item.createdAt.getTime();
  return {
    firstResponse: clock(
      new Date(start + config.slaMinutes[item.priority] * 60_000),
      item.firstResponseAt ?? item.closedAt,
      now,
    ),
    close: clock(new Date(start + config.slaCloseMinutes[item.priority] * 60_000), item.closedAt, now),
  };
}
