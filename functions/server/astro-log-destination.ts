/**
 * Astro's own log lines (its router, its Node adapter, a page that throws) as Waymark's JSON lines.
 * Astro loads this destination through `logger` in astro.config.mjs, in the build and in the
 * server alike. The running server registers its logger here at start; without one (`astro build`,
 * `astro dev`) Astro's usual terminal output is kept. An error keeps only its route and the name of
 * the error: Astro's text quotes the URL and the stack, and an error message can quote input.
 */
import type { AstroLoggerDestination, AstroLoggerMessage } from 'astro';
import terminalDestination from 'astro/logger/node';
import type { LogFields, Logger } from '../http/logger.ts';

// A global, not a module variable: the server runs from source and Astro's copy of this module
// from the build, and both must see the same logger.
const SINK = Symbol.for('waymark.framework-log');

export interface FrameworkLog {
  log: Logger;
  /** The request being answered when the line was written (its id and route), if any. */
  current(): LogFields | undefined;
}

export function setFrameworkLog(sink: FrameworkLog | undefined): void {
  (globalThis as Record<symbol, unknown>)[SINK] = sink;
}

export function frameworkLog(): FrameworkLog | undefined {
  return (globalThis as Record<symbol, FrameworkLog | undefined>)[SINK];
}

const URL_QUERY = /((?:https?:\/\/[^\s/?#]+)?\/[^\s?#]*)[?#]\S*/g;

/** The path of the first URL in the text, if any. */
function routeIn(text: string): string | undefined {
  const url = /https?:\/\/[^\s/?#]+(\/[^\s?#]*)/.exec(text);
  return url?.[1];
}

export function errorNameIn(text: string): string | undefined {
  return /^\s*((?:[A-Z][A-Za-z]*)?(?:Error|Exception))\b/m.exec(text)?.[1];
}

/** One Astro message as a log call: the level, the message, and the fields that may be kept. */
export function describeAstroMessage(message: AstroLoggerMessage): {
  level: 'debug' | 'info' | 'warn' | 'error';
  msg: string;
  fields: LogFields;
} {
  const level = message.level === 'silent' ? 'debug' : message.level;
  const source = message.label && message.label !== 'SKIP_FORMAT' ? `astro ${message.label}` : 'astro';
  if (level === 'error') {
    return {
      level,
      msg: `${source} error`,
      fields: { route: routeIn(message.message), errorName: errorNameIn(message.message) },
    };
  }
  const firstLine = (message.message.split('\n', 1)[0] ?? '').replace(URL_QUERY, '$1').slice(0, 300);
  return { level, msg: `${source}: ${firstLine}`, fields: {} };
}

export default function waymarkLogDestination(): AstroLoggerDestination {
  const terminal = terminalDestination();
  return {
    write(message) {
      const sink = frameworkLog();
      if (!sink) return terminal.write(message);
      const { level, msg, fields } = describeAstroMessage(message);
      sink.log[level](msg, { ...fields, ...sink.current() });
    },
  };
}
