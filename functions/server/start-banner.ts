/**
 * What a person sees when the server starts in a terminal: where the site, the console and (without
 * a Twilio account) the simulator are, which database and data folder are in use, and the first
 * administrator's set-up link while nobody has set up an account. Log collectors get JSON lines
 * instead; the link, a one-time secret, is never logged.
 */
import type { Config } from '../config/load-config.ts';

export interface BannerFacts {
  config: Pick<Config, 'publicBaseUrl' | 'dataDir' | 'database' | 'twilio'>;
  migrations: number;
  /** The first-admin link, when one is due and may be shown (a terminal, not a log). */
  setupLink?: string | null;
  /** Where the link was written, when it is due but not shown. */
  setupLinkFile?: string;
}

/** The database as it may be shown: no user name or password from DATABASE_URL. */
export function describeDatabase(database: Config['database']): string {
  if (database.kind === 'pglite') return `embedded (PGlite) in ${database.dir}`;
  const url = new URL(database.url);
  return `PostgreSQL at ${url.hostname}${url.port ? `:${url.port}` : ''}${url.pathname}`;
}

export function startBanner(facts: BannerFacts): string {
  const { config } = facts;
  const at = (path: string) => new URL(path, config.publicBaseUrl).href;
  const rows: [string, string][] = [
    ['Public site', at('/')],
    ['Console', at('/console/')],
    ...(config.twilio.simulated
      ? [
          [
            'Simulator',
            `${at('/console/simulator')}  (no Twilio account set: texts stay on this server)`,
          ] as [string, string],
        ]
      : []),
    ['Database', `${describeDatabase(config.database)}, ${facts.migrations} migrations`],
    ['Data folder', config.dataDir],
  ];
  const lines = ['', '  Waymark is running.', '', ...rows.map(([k, v]) => `  ${k.padEnd(12)}  ${v}`), ''];
  if (facts.setupLink) {
    lines.push(
      '  No administrator has set up an account yet. Open this one-time link to do it:',
      `  ${facts.setupLink}`,
      '',
    );
  } else if (facts.setupLinkFile) {
    lines.push(
      `  No administrator has set up an account yet: the one-time link is in ${facts.setupLinkFile}`,
      '',
    );
  }
  lines.push('  Stop with Ctrl+C.', '');
  return `${lines.join('\n')}\n`;
}
