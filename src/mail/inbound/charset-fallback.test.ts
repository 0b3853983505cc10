import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { withCharsetFallback } from './charset-fallback.ts';
import { parseMail } from './parse-mail.ts';

const fixture = (name: string) => readFile(new URL(`../fixtures/${name}`, import.meta.url));
const parse = (raw: Buffer) => parseMail(raw, createHash('sha256').update(raw).digest('hex'));

describe('8-bit text without a (right) charset is read as Windows-1252 (issue 16 §8)', () => {
  it('undeclared Latin-1, 8bit', async () => {
    const mail = await parse(await fixture('latin1-undeclared.eml'));
    expect(mail.text).toContain('déjà réglé ? Ça marche.');
    expect(mail.text).not.toContain('\uFFFD');
  });

  it('Windows-1252 declared as UTF-8 (euro sign, curly apostrophe, dash)', async () => {
    const mail = await parse(await fixture('cp1252-declared-utf8.eml'));
    expect(mail.text).toContain('Le loyer de Noël est de 450 € – l’avis est joint.');
  });

  it('undeclared Latin-1 inside quoted-printable', async () => {
    const mail = await parse(await fixture('latin1-qp-undeclared.eml'));
    expect(mail.text).toContain('La demande n° 12 a été déposée à la mairie.');
  });

  it('fixes only the part that needs it: a valid UTF-8 part beside it stays as it is', async () => {
    const mail = await parse(await fixture('mixed-charsets-alternative.eml'));
    expect(mail.text).toContain('Réponse en UTF-8 : déjà vu.');
    expect(mail.html).toContain('Réponse en Latin-1 : déjà vu.');
    expect(`${mail.text}${mail.html}`).not.toMatch(/\uFFFD|Ã©/);
  });

  it('leaves valid UTF-8, other declared charsets and 7-bit mail byte for byte', async () => {
    for (const name of [
      'iso-2022-jp.eml',
      'qp-soft-breaks.eml',
      'gmail-first.eml',
      'outlook-new.eml',
    ]) {
      const raw = await fixture(name);
      expect(await withCharsetFallback(raw), name).toBe(raw);
    }
  });

  it('hands back broken MIME unchanged for the parser to judge', async () => {
    const raw = await fixture('broken-boundary.eml');
    const out = await withCharsetFallback(raw);
    expect(out.equals(raw) || out.length > 0).toBe(true);
    const hostile = Buffer.concat([
      Buffer.from(
        'Content-Type: multipart/mixed; boundary="x"\r\n\r\n--x\r\nContent-Type: text/plain\r\n\r\n',
      ),
      Buffer.from([0xff, 0xfe, 0x00, 0xe9]),
      Buffer.from('\r\n--x'),
    ]);
    await expect(parse(await withCharsetFallback(hostile))).resolves.toBeDefined();
  });
});
