/**
 * Keeps everything the running server writes a JSON line, whoever writes it: Astro's own lines go
 * through its logger destination (astro-log-destination.ts), and console calls by any library,
 * process warnings and a crash become lines of Waymark's logger. What they say is cut to a first
 * line without URL queries; for errors only the error's name is kept, since an error message can
 * quote the input that caused it.
 */
import type { Logger } from '../http/logger.ts';
import { errorNameIn, setFrameworkLog } from './astro-log-destination.ts';
import { currentRequest } from './request-context.ts';

const CONSOLE_LEVELS = {
  debug: 'debug',
  trace: 'debug',
  log: 'info',
  info: 'info',
  warn: 'warn',
  error: 'error',
} as const;

function errorNameOf(args: unknown[]): string | undefined {
  for (const arg of args) {
    if (arg instanceof Error) return arg.name;
    if (typeof arg === 'string' && errorNameIn(arg)) return errorNameIn(arg);
  }
  return undefined;
}

function firstLineOf(args: unknown[]): string {
  const text = typeof args[0] === 'string' ? args[0] : '';
  return (text.split('\n', 1)[0] ?? '').replace(/(\/[^\s?#]*)[?#]\S*/g, '$1').slice(0, 200);
}

export function routeOutputToLog(log: Logger): void {
  setFrameworkLog({ log, current: currentRequest });
  for (const [method, level] of Object.entries(CONSOLE_LEVELS)) {
    (console as unknown as Record<string, (...args: unknown[]) => void>)[method] = (...args) => {
      if (level === 'error')
        log.error('console error', { errorName: errorNameOf(args), ...currentRequest() });
      else log[level](`console: ${firstLineOf(args)}`, currentRequest());
    };
  }
  // Node prints warnings itself through a listener of its own; this one replaces it.
  process.removeAllListeners('warning');
  process.on('warning', (warning) => log.warn(`${warning.name}: ${warning.message.split('\n', 1)[0]}`));
  process.on('uncaughtException', (error) => {
    log.error('uncaught exception', { errorName: error.name, errorCode: (error as { code?: string }).code });
    process.exit(1);
  });
}
