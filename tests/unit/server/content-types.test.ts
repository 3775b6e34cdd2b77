import { describe, expect, it } from 'vitest';
import { contentTypeFor, isCompressible, pickEncoding } from '../../../functions/server/content-types.ts';
import { securityHeaders } from '../../../functions/server/security-headers.ts';

describe('content negotiation', () => {
  it('prefers brotli, then gzip, and honours q=0', () => {
    expect(pickEncoding('gzip, deflate, br')).toBe('br');
    expect(pickEncoding('gzip')).toBe('gzip');
    expect(pickEncoding('br;q=0, gzip;q=0.5')).toBe('gzip');
    expect(pickEncoding('*;q=0')).toBeNull();
    expect(pickEncoding('identity')).toBeNull();
    expect(pickEncoding(undefined)).toBeNull();
  });

  it('compresses text but never event streams or images', () => {
    expect(isCompressible(contentTypeFor('a.html'))).toBe(true);
    expect(isCompressible('application/problem+json')).toBe(true);
    expect(isCompressible('text/event-stream')).toBe(false);
    expect(isCompressible(contentTypeFor('a.png'))).toBe(false);
  });
});

describe('security headers', () => {
  it('forbid inline scripts and framing, and send HSTS only over HTTPS', () => {
    const plain = securityHeaders({ https: false });
    const csp = plain['content-security-policy']!;
    const scriptSrc = csp.split(';').find((d) => d.trim().startsWith('script-src'))!;
    expect(scriptSrc.trim()).toBe("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(plain['referrer-policy']).toBe('no-referrer');
    expect(plain['strict-transport-security']).toBeUndefined();
    expect(securityHeaders({ https: true })['strict-transport-security']).toContain('max-age=');
  });
});
