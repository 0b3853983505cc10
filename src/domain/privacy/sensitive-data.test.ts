import { describe, expect, it } from 'vitest';
import { findSensitiveData, isValidIban, isValidNir, maskSensitiveData } from './sensitive-data.ts';

describe('NIR detection', () => {
  it('accepts a number whose key checks out, with or without separators', () => {
    expect(isValidNir('1850578006084', '91')).toBe(true);
    expect(findSensitiveData('mon numéro : 1 85 05 78 006 084 91 merci')).toHaveLength(1);
    expect(findSensitiveData('185057800608491')).toHaveLength(1);
    expect(findSensitiveData('1.85.05.78.006.084.91')).toHaveLength(1);
  });

  it('refuses a wrong key, so ordinary numbers are left alone', () => {
    expect(isValidNir('1850578006084', '92')).toBe(false);
    expect(findSensitiveData('1 85 05 78 006 084 92')).toEqual([]);
    expect(findSensitiveData('tél. 02 99 12 34 56, demande 035211900123456789')).toEqual([]);
  });

  it('handles Corsica (2A and 2B) with the INSEE key rule', () => {
    const body2A = '185052A006084';
    const key2A = 97 - Number(BigInt('1850519006084') % 97n);
    expect(isValidNir(body2A, String(key2A).padStart(2, '0'))).toBe(true);
    const body2B = '185052B006084';
    const key2B = 97 - Number(BigInt('1850518006084') % 97n);
    expect(isValidNir(body2B, String(key2B).padStart(2, '0'))).toBe(true);
    expect(isValidNir(body2B, String(key2A).padStart(2, '0'))).toBe(key2A === key2B);
  });

  it('does not match inside a longer run of digits or letters', () => {
    expect(findSensitiveData('x185057800608491')).toEqual([]);
    expect(findSensitiveData('1850578006084910')).toEqual([]);
  });
});

describe('IBAN detection', () => {
  it('accepts valid IBANs, grouped or compact', () => {
    expect(isValidIban('FR7630006000011234567890189')).toBe(true);
    expect(isValidIban('GB82 WEST 1234 5698 7654 32')).toBe(true);
    expect(findSensitiveData('IBAN FR76 3000 6000 0112 3456 7890 189.')).toHaveLength(1);
  });

  it('refuses a wrong check digit', () => {
    expect(isValidIban('FR7630006000011234567890188')).toBe(false);
    expect(findSensitiveData('FR76 3000 6000 0112 3456 7890 188')).toEqual([]);
  });
});

describe('masking', () => {
  it('replaces each number by a label that says what it was', () => {
    const result = maskSensitiveData(
      'NIR 1 85 05 78 006 084 91 et IBAN FR76 3000 6000 0112 3456 7890 189, merci',
    );
    expect(result.text).toBe(
      'NIR [numéro de sécurité sociale masqué] et IBAN [IBAN masqué], merci',
    );
    expect(result.masked).toEqual(['nir', 'iban']);
  });

  it('leaves text without sensitive numbers unchanged', () => {
    const text = 'Bonjour, je ne parviens pas à me connecter.';
    expect(maskSensitiveData(text)).toEqual({ text, masked: [] });
  });

  it('survives hostile input', () => {
    expect(maskSensitiveData('\u0000'.repeat(10) + '9'.repeat(100_000)).masked).toEqual([]);
    expect(maskSensitiveData('').text).toBe('');
  });
});
