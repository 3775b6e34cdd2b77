/**
 * Who is asking, as the rate limits see it: the one answer to "which address is the client's" for
 * every API route and every page. Behind proxies the address comes from X-Forwarded-For, read from
 * the right (each proxy appends the address it saw), so entries a client writes itself, on the
 * left, are never believed. IPv6 clients are grouped by /64, the block one subscriber usually
 * holds, so rotating through it does not buy more attempts. The result only ever goes into a keyed
 * rate-limit hash: never store it, never log it.
 */
import { BlockList, isIPv4, isIPv6 } from 'node:net';
import { z } from 'zod';

/** Whom to believe about the client's address (TRUST_PROXY). */
export type TrustProxy =
  | { kind: 'none' }
  /** This many proxies stand in front of the server, the nearest one being the socket's peer. */
  | { kind: 'hops'; hops: number }
  /** Proxies known by address or range: trusted wherever they appear in the chain. */
  | { kind: 'list'; proxies: BlockList; entries: string[] };

const MAX_HOPS = 10;

/** `1.2.3.4`, `[2001:db8::1]:443`, `1.2.3.4:80`, `fe80::1%eth0` -> the bare address, or undefined. */
export function bareAddress(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  let value = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed) value = bracketed[1]!;
  else if (/^[\d.]+:\d+$/.test(value)) value = value.slice(0, value.indexOf(':'));
  value = value.replace(/%.*$/, '').toLowerCase();
  const mapped = /^::ffff:(?:0:)?(.+)$/.exec(value);
  if (mapped && isIPv6(value)) {
    const tail = mapped[1]!;
    if (isIPv4(tail)) return tail;
    const hex = /^([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(tail);
    if (hex) {
      const n = (Number.parseInt(hex[1]!, 16) << 16) | Number.parseInt(hex[2]!, 16);
      return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
    }
  }
  return isIPv4(value) || isIPv6(value) ? value : undefined;
}

function hextets(address: string): string[] {
  const [head = '', tail] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const fill = tail === undefined ? [] : Array(8 - left.length - right.length).fill('0');
  return [...left, ...fill, ...right];
}

/** The rate-limit identity of an address: IPv4 as it is, IPv6 as its /64 network. */
export function rateLimitIdentity(address: string): string {
  if (!isIPv6(address)) return address;
  const network = hextets(address)
    .slice(0, 4)
    .map((h) => Number.parseInt(h, 16).toString(16));
  return `${network.join(':')}::/64`;
}

function addressKind(address: string): 'ipv4' | 'ipv6' {
  return isIPv4(address) ? 'ipv4' : 'ipv6';
}

function trusts(trust: TrustProxy & { kind: 'list' }, address: string): boolean {
  return trust.proxies.check(address, addressKind(address));
}

/**
 * The client's rate-limit identity. Without trusted proxies it is the socket's peer. With a hop
 * count N, the address N hops from the server (the socket is hop one). With a list, the right-most
 * address that is not a listed proxy, and the socket's peer itself when that is not a listed proxy.
 * An entry that is not an address ends the walk at the last address a trusted proxy vouched for.
 */
export function clientAddressOf(
  headers: Pick<Headers, 'get'>,
  socketAddress: string | undefined,
  trust: TrustProxy,
): string {
  const socket = bareAddress(socketAddress);
  if (!socket) return 'unknown';
  if (trust.kind === 'none') return rateLimitIdentity(socket);
  if (trust.kind === 'list' && !trusts(trust, socket)) return rateLimitIdentity(socket);
  const forwarded = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .reverse();
  let client = socket;
  for (let hop = 0; hop < forwarded.length; hop++) {
    if (trust.kind === 'hops' && hop >= trust.hops) break;
    if (trust.kind === 'list' && !trusts(trust, client)) break;
    const next = bareAddress(forwarded[hop]);
    if (!next) break;
    client = next;
  }
  return rateLimitIdentity(client);
}

/** One TRUST_PROXY entry, `10.0.0.1` or `10.0.0.0/8`, added to the list; false when it is neither. */
function parseEntry(entry: string, list: BlockList): boolean {
  const [literal = '', prefix, ...rest] = entry.split('/');
  if (rest.length > 0 || !(isIPv4(literal) || isIPv6(literal))) return false;
  const address = bareAddress(literal)!;
  const kind = addressKind(address);
  if (prefix === undefined) {
    list.addAddress(address, kind);
    return true;
  }
  // A range written in IPv4-mapped form would need its prefix translated: ask for plain IPv4.
  if (kind !== addressKind(literal) || !/^\d{1,3}$/.test(prefix)) return false;
  const bits = Number(prefix);
  if (bits > (kind === 'ipv4' ? 32 : 128)) return false;
  list.addSubnet(address, bits, kind);
  return true;
}

/** TRUST_PROXY: `false`, a hop count, or a comma-separated list of proxy addresses and CIDR ranges. */
export const trustProxySchema = z
  .string()
  .trim()
  .transform((value, ctx): TrustProxy => {
    if (/^(false|0)$/i.test(value)) return { kind: 'none' };
    if (/^true$/i.test(value)) {
      ctx.addIssue({
        code: 'custom',
        message:
          'cannot be true (any client could then choose its own address): set how many proxies stand in front, e.g. 1, or list their addresses, e.g. 10.0.0.0/8,::1',
      });
      return z.NEVER;
    }
    if (/^\d+$/.test(value)) {
      const hops = Number(value);
      if (hops > MAX_HOPS) {
        ctx.addIssue({ code: 'custom', message: `must be at most ${MAX_HOPS} proxies` });
        return z.NEVER;
      }
      return { kind: 'hops', hops };
    }
    const entries = value.split(',').map((e) => e.trim());
    const proxies = new BlockList();
    const bad = entries.filter((entry) => !parseEntry(entry, proxies));
    if (bad.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `must be false, a number of proxies, or proxy addresses and CIDR ranges separated by commas; not an address or range: ${bad.map((b) => JSON.stringify(b)).join(', ')}`,
      });
      return z.NEVER;
    }
    return { kind: 'list', proxies, entries };
  });
