/**
 * The client address as every route and page sees it, for each form TRUST_PROXY takes: believed
 * only as far as trusted proxies vouch for it, read from the right, IPv6 grouped by /64.
 */
import { describe, expect, it } from 'vitest';
import { type ConfigError, loadConfig } from '../../../functions/config/load-config.ts';
import {
  bareAddress,
  clientAddressOf,
  rateLimitIdentity,
  type TrustProxy,
  trustProxySchema,
} from '../../../functions/http/client-address.ts';

const trust = (value: string): TrustProxy => trustProxySchema.parse(value);
const headers = (xff?: string) => new Headers(xff === undefined ? {} : { 'x-forwarded-for': xff });
const client = (value: string, socket: string | undefined, xff?: string) =>
  clientAddressOf(headers(xff), socket, trust(value));

describe('TRUST_PROXY=false', () => {
  it('uses the socket address and ignores X-Forwarded-For', () => {
    expect(client('false', '198.51.100.7', '203.0.113.1')).toBe('198.51.100.7');
    expect(client('0', '198.51.100.7', '203.0.113.1')).toBe('198.51.100.7');
    expect(client('false', undefined)).toBe('unknown');
  });
});

describe('TRUST_PROXY as a hop count', () => {
  it('takes the right-most entry behind one proxy, whatever the client wrote on the left', () => {
    expect(client('1', '10.0.0.2', '203.0.113.9')).toBe('203.0.113.9');
    expect(client('1', '10.0.0.2', '1.2.3.4, 5.6.7.8, 203.0.113.9')).toBe('203.0.113.9');
    expect(client('1', '10.0.0.2', 'spoofed, 203.0.113.9')).toBe('203.0.113.9');
  });

  it('steps over as many proxies as configured', () => {
    // client -> CDN (adds the client) -> load balancer (adds the CDN) -> server.
    expect(client('2', '10.0.0.2', '6.6.6.6, 203.0.113.9, 192.0.2.50')).toBe('203.0.113.9');
  });

  it('falls back to the socket without a header, and stops at the left end of a short one', () => {
    expect(client('1', '10.0.0.2')).toBe('10.0.0.2');
    expect(client('3', '10.0.0.2', '203.0.113.9')).toBe('203.0.113.9');
  });

  it('reads ports and brackets off entries, and ends the walk at an entry that is not an address', () => {
    expect(client('1', '10.0.0.2', '203.0.113.9:51234')).toBe('203.0.113.9');
    expect(client('1', '10.0.0.2', '[2001:db8::1]:443')).toBe('2001:db8:0:0::/64');
    expect(client('2', '10.0.0.2', '6.6.6.6, not-an-address, 192.0.2.50')).toBe('192.0.2.50');
    expect(client('1', '10.0.0.2', 'unknown')).toBe('10.0.0.2');
  });
});

describe('TRUST_PROXY as a list of proxies', () => {
  it('skips trusted proxies from the right and stops at the first address that is not one', () => {
    const list = '10.0.0.0/8, 192.0.2.50';
    expect(client(list, '10.1.2.3', '6.6.6.6, 203.0.113.9, 192.0.2.50, 10.9.9.9')).toBe('203.0.113.9');
    expect(client(list, '10.1.2.3', '203.0.113.9')).toBe('203.0.113.9');
  });

  it('believes no header when the socket peer is not a trusted proxy', () => {
    expect(client('10.0.0.0/8', '198.51.100.7', '203.0.113.9')).toBe('198.51.100.7');
  });

  it('takes the left-most address when every hop is a trusted proxy', () => {
    expect(client('10.0.0.0/8', '10.0.0.1', '10.0.0.9, 10.0.0.8')).toBe('10.0.0.9');
  });

  it('matches IPv6 ranges and IPv4-mapped peers', () => {
    expect(client('::1, fd00::/8', '::1', '2001:db8:1:2:3:4:5:6')).toBe('2001:db8:1:2::/64');
    expect(client('fd00::/8', 'fd12::9', '203.0.113.9')).toBe('203.0.113.9');
    expect(client('127.0.0.1', '::ffff:127.0.0.1', '203.0.113.9')).toBe('203.0.113.9');
  });
});

describe('rate-limit identity', () => {
  it('groups IPv6 addresses by /64', () => {
    expect(rateLimitIdentity('2001:db8:abcd:12::1')).toBe('2001:db8:abcd:12::/64');
    expect(rateLimitIdentity('2001:db8:abcd:12:ffff:ffff:ffff:ffff')).toBe('2001:db8:abcd:12::/64');
    expect(rateLimitIdentity('2001:0db8:abcd:0012::9')).toBe('2001:db8:abcd:12::/64');
    expect(rateLimitIdentity('::1')).toBe('0:0:0:0::/64');
    expect(client('false', '2001:db8:abcd:12::1')).toBe(client('false', '2001:db8:abcd:12:9:9:9:9'));
    expect(client('false', '2001:db8:abcd:12::1')).not.toBe(client('false', '2001:db8:abcd:13::1'));
  });

  it('reads IPv4-mapped IPv6 as IPv4, in either notation', () => {
    expect(bareAddress('::ffff:203.0.113.9')).toBe('203.0.113.9');
    expect(bareAddress('::FFFF:cb00:7109')).toBe('203.0.113.9');
    expect(client('false', '::ffff:203.0.113.9')).toBe('203.0.113.9');
    expect(client('1', '::1', '::ffff:203.0.113.9')).toBe('203.0.113.9');
  });

  it('drops zone ids and refuses what is not an address', () => {
    expect(bareAddress('fe80::1%eth0')).toBe('fe80::1');
    expect(bareAddress('example.org')).toBeUndefined();
    expect(bareAddress('1.2.3.4.5')).toBeUndefined();
  });
});

describe('TRUST_PROXY validation at start', () => {
  const problems = (value: string) => {
    try {
      loadConfig({ TRUST_PROXY: value });
      return '';
    } catch (error) {
      return (error as ConfigError).message;
    }
  };

  it('accepts false, hop counts, and lists of addresses and ranges', () => {
    expect(loadConfig({}).trustProxy).toEqual({ kind: 'none' });
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toEqual({ kind: 'hops', hops: 2 });
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8,::1, 192.0.2.1' }).trustProxy).toMatchObject({
      kind: 'list',
      entries: ['10.0.0.0/8', '::1', '192.0.2.1'],
    });
  });

  it('refuses true, with what to write instead', () => {
    expect(problems('true')).toMatch(/TRUST_PROXY cannot be true.*e\.g\. 1/);
  });

  it('names every entry that is not an address or range', () => {
    const message = problems('10.0.0.0/8, proxy.local, 10.0.0.0/33, 1.2.3.4/x');
    expect(message).toContain('TRUST_PROXY');
    expect(message).toContain('"proxy.local"');
    expect(message).toContain('"10.0.0.0/33"');
    expect(message).toContain('"1.2.3.4/x"');
    expect(message).not.toContain('"10.0.0.0/8"');
    expect(problems('99')).toMatch(/TRUST_PROXY must be at most 10/);
  });
});
