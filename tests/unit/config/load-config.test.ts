import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../functions/config/load-config.ts';

describe('loadConfig', () => {
  it('runs on embedded defaults with no variables at all', () => {
    const config = loadConfig({});
    expect(config.port).toBe(4321);
    expect(config.database.kind).toBe('pglite');
    expect(config.publicBaseUrl.href).toBe('http://localhost:4321/');
    expect(config.https).toBe(false);
  });

  it('switches to PostgreSQL when DATABASE_URL is set', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://waymark@db.internal:5432/waymark' });
    expect(config.database).toMatchObject({
      kind: 'postgres',
      url: 'postgres://waymark@db.internal:5432/waymark',
    });
  });

  it('treats blank variables as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '  ' }).database.kind).toBe('pglite');
  });

  it('names every bad variable in one message', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://localhost/db',
        LOG_LEVEL: 'loud',
        HASH_KEY: 'short',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    for (const name of ['PORT', 'DATABASE_URL', 'LOG_LEVEL', 'HASH_KEY'])
      expect(message).toContain(`- ${name} `);
    expect((error as ConfigError).problems).toHaveLength(4);
  });

  it('rejects ports out of range', () => {
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT must be between 1 and 65535/);
    expect(() => loadConfig({ PORT: '0' })).toThrow(/PORT/);
  });

  it('never repeats a secret value in its message', () => {
    const secret = 'postgres://user:hunter2@';
    expect(() => loadConfig({ DATABASE_URL: secret })).toThrow(ConfigError);
    try {
      loadConfig({ DATABASE_URL: secret });
    } catch (e) {
      expect((e as Error).message).not.toContain('hunter2');
    }
  });

  it('turns on HTTPS behaviour from the public URL', () => {
    expect(loadConfig({ PUBLIC_BASE_URL: 'https://help.example.org' }).https).toBe(true);
  });
});
