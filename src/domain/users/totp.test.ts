import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, hotp, matchTotp, otpauthUri, totpCode } from './totp.ts';

// RFC 6238 appendix B (SHA-1 key "12345678901234567890"); 8-digit codes.
const rfcKey = Buffer.from('12345678901234567890', 'ascii');
const vectors: [number, string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

describe('TOTP', () => {
  it('gives the RFC 6238 test vectors', () => {
    for (const [seconds, code] of vectors) {
      expect(hotp(rfcKey, Math.floor(seconds / 30), 8)).toBe(code);
    }
  });

  it('gives the RFC 4226 HOTP values', () => {
    expect([0, 1, 2, 9].map((c) => hotp(rfcKey, c))).toEqual([
      '755224',
      '287082',
      '359152',
      '520489',
    ]);
  });

  it('round-trips base32 and builds 6-digit codes from a base32 secret', () => {
    const secret = base32Encode(rfcKey);
    expect(secret).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    expect(base32Decode(secret).equals(rfcKey)).toBe(true);
    expect(totpCode(secret, new Date(59_000))).toBe('287082');
  });

  it('accepts the step before and after, refuses others and non-codes', () => {
    const secret = base32Encode(rfcKey);
    const at = new Date(1_111_111_109_000);
    const step = Math.floor(1_111_111_109 / 30);
    expect(matchTotp(secret, totpCode(secret, at), at)).toBe(step);
    expect(matchTotp(secret, totpCode(secret, new Date(at.getTime() - 30_000)), at)).toBe(step - 1);
    expect(matchTotp(secret, totpCode(secret, new Date(at.getTime() + 30_000)), at)).toBe(step + 1);
    expect(matchTotp(secret, totpCode(secret, new Date(at.getTime() + 90_000)), at)).toBeNull();
    for (const bad of ['', '12345', '1234567', 'abcdef', '12 456']) {
      expect(matchTotp(secret, bad, at)).toBeNull();
    }
  });

  it('writes an otpauth URI with issuer and account', () => {
    const uri = otpauthUri('JBSWY3DPEHPK3PXP', 'admin@example.org');
    expect(uri).toBe(
      'otpauth://totp/Guichet:admin%40example.org?secret=JBSWY3DPEHPK3PXP&issuer=Guichet&algorithm=SHA1&digits=6&period=30',
    );
  });
});
