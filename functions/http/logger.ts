/**
 * Structured logs as JSON lines. Callers pass named fields, and only fields on the allow-list are
 * written: request bodies, phone numbers, names, report text and IP addresses have no field here, so
 * they cannot end up in a log by accident.
 */

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

const ALLOWED_FIELDS = new Set([
  'requestId',
  'method',
  'route',
  'status',
  'durationMs',
  'database',
  'migrations',
  'port',
  'host',
  'url',
  'errorName',
  'errorCode',
  'count',
  'job',
  'attempt',
  'id',
  'keys',
  'model',
  'source',
  'problem',
]);

export interface LogFields {
  [field: string]: string | number | boolean | string[] | undefined;
}

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

export function createLogger(
  level: LogLevel,
  write: (line: string) => void = (l) => process.stdout.write(l),
): Logger {
  const threshold = ORDER[level];
  const log = (at: Exclude<LogLevel, 'silent'>, msg: string, fields: LogFields = {}) => {
    if (ORDER[at] < threshold) return;
    const entry: Record<string, unknown> = { time: new Date().toISOString(), level: at, msg };
    for (const [key, value] of Object.entries(fields)) {
      if (value !== undefined && ALLOWED_FIELDS.has(key)) entry[key] = value;
    }
    write(`${JSON.stringify(entry)}\n`);
  };
  return {
    debug: (msg, fields) => log('debug', msg, fields),
    info: (msg, fields) => log('info', msg, fields),
    warn: (msg, fields) => log('warn', msg, fields),
    error: (msg, fields) => log('error', msg, fields),
  };
}

/** Path without query string: queries may carry user input, paths are route shapes. */
export function routeOf(url: string): string {
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}
