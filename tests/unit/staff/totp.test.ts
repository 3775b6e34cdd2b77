import { describe, expect, it } from 'vitest';
import {
  base32Decode,
  base32Encode,
  otpauthUri,
  totpCode,
  verifyTotp,
} from '../../../functions/staff/totp.ts';

// RFC 6238 appendix B, SHA-1 secret; the RFC's 8-digit codes end in these 6 digits.
const SECRET = Buffer.from('12345678901234567890');
const VECTORS: [number, string][] = [
  [59, '287082'],
  [1111111109, '081804'],
  [1111111111, '050471'],
  [1234567890, '005924'],
  [2000000000, '279037'],
];

describe('TOTP', () => {
  it.each(VECTORS)('matches RFC 6238 at t=%i', (seconds, code) => {
    expect(totpCode(SECRET, new Date(seconds * 1000))).toBe(code);
  });

  it('accepts one step of drift either way, and no more', () => {
    const now = new Date(1_700_000_000_000);
    const at = (s: number) => totpCode(SECRET, new Date(now.getTime() + s * 1000));
    expect(verifyTotp(SECRET, at(0), now)).not.toBeNull();
    expect(verifyTotp(SECRET, at(-30), now)).not.toBeNull();
    expect(verifyTotp(SECRET, at(30), now)).not.toBeNull();
    expect(verifyTotp(SECRET, at(90), now)).toBeNull();
    expect(verifyTotp(SECRET, 'abcdef', now)).toBeNull();
  });

  it('round-trips base32 and builds an otpauth URI apps understand', () => {
    expect(base32Encode(SECRET)).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    expect(base32Decode('gezd gnbv gy3t qojq gezd gnbv gy3t qojq').equals(SECRET)).toBe(true);
    expect(otpauthUri(SECRET, 'ana@example.org')).toBe(
      'otpauth://totp/Waymark%3Aana%40example.org?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Waymark&algorithm=SHA1&digits=6&period=30',
    );
  });
});
