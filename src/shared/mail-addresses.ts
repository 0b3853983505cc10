/**
 * Outgoing header safety (RELIABILITY #29): addresses must be plain
 * `local@domain` without spaces, brackets, quotes or line breaks; display
 * names and subjects lose every control character before nodemailer
 * encodes them (RFC 2047), so no input can add a header line.
 */
import { z } from 'zod';

const addressPattern = /^[^\s<>"'(),;:\\[\]@\p{Cc}]{1,64}@[^\s<>"'(),;:\\[\]@\p{Cc}]{1,253}$/u;

/** Whether `address` is safe to put in an outgoing header and SMTP envelope. */
export const isSafeAddress = (address: string): boolean =>
  address.length <= 320 && addressPattern.test(address) && address.includes('.');

/** zod schema of an address Guichet may send to; lowercased. */
export const sendableAddressSchema = z
  .string()
  .trim()
  .toLowerCase()
  .refine(isSafeAddress, 'not a valid e-mail address');

/** Text for a header (subject, display name): one line, no control characters, capped. */
export const headerText = (value: string, max = 250): string =>
  value
    .replace(/\p{Cc}+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, max);
