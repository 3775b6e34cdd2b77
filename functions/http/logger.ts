/**
 * Structured logs as JSON lines for machines, or the same lines made readable for a person at a
 * terminal (`LOG_FORMAT=pretty`). Callers pass named fields, and only fields on the allow-list are
 * written, in either format: request bodies, phone numbers, names, report text and IP addresses have
 * no field here, so they cannot end up in a log by accident.
 */

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
export type LogFormat = 'json' | 'pretty';

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

const ALLOWED_FIELDS = new Set([
  'requestId',
  'method',
  'route',
  'status',
  'durationMs',
  'buildMs',
  'blockMs',
  'indexMs',
  'languages',
  'rssMb',
  'heapMb',
  'externalMb',
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

/** `13:04:05 warn  outbox run failed  job=outbox` */
function prettyLine(entry: Record<string, unknown>): string {
  const { time, level, msg, ...fields } = entry;
  const clock = String(time).slice(11, 19);
  const rest = Object.entries(fields)
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(',') : String(v)}`)
    .join(' ');
  return `${clock} ${String(level).padEnd(5)} ${String(msg)}${rest ? `  ${rest}` : ''}\n`;
}

export function createLogger(
  level: LogLevel,
  write: (line: string) => void = (l) => process.stdout.write(l),
  format: LogFormat = 'json',
): Logger {
  const threshold = ORDER[level];
  const log = (at: Exclude<LogLevel, 'silent'>, msg: string, fields: LogFields = {}) => {
    if (ORDER[at] < threshold) return;
    const entry: Record<string, unknown> = { time: new Date().toISOString(), level: at, msg };
    for (const [key, value] of Object.entries(fields)) {
      if (value !== undefined && ALLOWED_FIELDS.has(key)) entry[key] = value;
    }
    write(format === 'pretty' ? prettyLine(entry) : `${JSON.stringify(entry)}\n`);
  };
  return {
    debug: (msg, fields) => log('debug', msg, fields),
    info: (msg, fields) => log('info', msg, fields),
    warn: (msg, fields) => log('warn', msg, fields),
    error: (msg, fields) => log('error', msg, fields),
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A long run of token characters: a secret by its looks, whatever path it turns up in. */
const TOKEN_LIKE = /^[A-Za-z0-9_-]{32,}$/;

/**
 * The path as a log may show it: no query string (queries may carry user input), and no secrets.
 * Set-up links carry their one-time token in the path, so everything after `/console/setup/`
 * becomes `:token`, however the path is spelt (`%73etup`, `/./`, doubled or back slashes: the URL
 * parser that routes the request undoes all of them); any other segment that looks like a token
 * does too.
 */
export function routeOf(url: string): string {
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  let normal = path;
  try {
    normal = decodeURIComponent(new URL(path.replace(/[\\/]+/g, '/'), 'http://localhost').pathname);
  } catch {
    // Not valid percent-encoding: match on the raw path.
  }
  if (/^\/console\/setup(\/|$)/i.test(normal)) return '/console/setup/:token';
  return path
    .split('/')
    .map((segment) => {
      let decoded = segment;
      try {
        decoded = decodeURIComponent(segment);
      } catch {
        // Matched as it is.
      }
      return TOKEN_LIKE.test(decoded) && !UUID.test(decoded) ? ':token' : segment;
    })
    .join('/');
}
