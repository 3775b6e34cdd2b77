import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../functions/config/load-config.ts';
import { describeDatabase, startBanner } from '../../../functions/server/start-banner.ts';

describe('start banner', () => {
  const config = loadConfig({ DATA_DIR: '/srv/waymark', PUBLIC_BASE_URL: 'https://hotline.example.org' });

  it('names the site, console, simulator, database and data folder, and the set-up link', () => {
    const text = startBanner({
      config,
      migrations: 11,
      setupLink: 'https://hotline.example.org/console/setup/abc',
    });
    expect(text).toContain('Public site   https://hotline.example.org/');
    expect(text).toContain('Console       https://hotline.example.org/console/');
    expect(text).toContain('Simulator     https://hotline.example.org/console/simulator');
    expect(text).toContain('embedded (PGlite) in /srv/waymark/pglite, 11 migrations');
    expect(text).toContain('Data folder   /srv/waymark');
    expect(text).toContain('https://hotline.example.org/console/setup/abc');
  });

  it('leaves the simulator out with a Twilio account, and names the link file when the link is not shown', () => {
    const live = loadConfig({
      DATA_DIR: '/srv/waymark',
      TWILIO_ACCOUNT_SID: `AC${'0'.repeat(32)}`,
      TWILIO_AUTH_TOKEN: 'f'.repeat(32),
      TWILIO_FROM: '+15005550006',
    });
    const text = startBanner({
      config: live,
      migrations: 3,
      setupLinkFile: '/srv/waymark/first-admin-link.txt',
    });
    expect(text).not.toContain('Simulator');
    expect(text).toContain('the one-time link is in /srv/waymark/first-admin-link.txt');
    expect(text).not.toContain('/console/setup/');
  });

  it('never shows the credentials of DATABASE_URL', () => {
    expect(
      describeDatabase({
        kind: 'postgres',
        url: 'postgres://waymark:s3cret@db.example.org:5433/hotline',
        poolSize: 4,
      }),
    ).toBe('PostgreSQL at db.example.org:5433/hotline');
  });
});
