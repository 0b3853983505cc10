import { describe, expect, it } from 'vitest';
import { fixture } from '../../../test/mail.ts';
import { parseMail } from '../../mail/inbound/parse-mail.ts';
import { sanitizeMailHtml, splitQuotedText } from './sanitize-mail-html.ts';

const clean = (html: string) => sanitizeMailHtml(html);

describe('sanitizeMailHtml', () => {
  it('removes scripts, nested and obfuscated ones included, and is idempotent (#1, #3)', () => {
    const inputs = [
      "<script>alert('Knock knock')</script><p>ok</p>",
      '<scr<script>ipt>alert(1)</script>',
      '<sCript>alert(1)</sCript>',
      '<script\n>alert(1)</script>',
      '<script>alert(1)',
      '<!--<script>-->alert(1)',
      '<img src=x onerror=alert(1)>',
      '<p onclick="alert(1)" onmouseover="x()">t</p>',
      '<svg onload=alert(1)>',
    ];
    for (const input of inputs) {
      const out = clean(input);
      expect(out, input).not.toMatch(/<script|onerror|onload|onclick|onmouseover|<svg/i);
      expect(clean(out), input).toBe(out);
    }
  });

  it('strips forms, frames, objects, meta refresh and base (#4)', () => {
    const out = clean(
      '<form action="https://evil.example.org/"><input type=password></form><iframe src="x"></iframe><object data=x></object><embed src=x><meta http-equiv=refresh content="0;url=x"><base href="https://evil.example.org/">',
    );
    expect(out).not.toMatch(/<(form|input|iframe|object|embed|meta|base)/i);
  });

  it('keeps only http, https, mailto and tel links, with noopener (#5)', () => {
    for (const href of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      '&#106;avascript:alert(1)',
      'java\tscript:alert(1)',
      'data:text/html,x',
      'vbscript:x',
    ]) {
      expect(clean(`<a href="${href}">x</a>`), href).not.toMatch(/href=/);
    }
    const ok = clean(
      '<a href="https://ok.example.org/a?b=1">ok</a><a href="mailto:a@example.org">m</a><a href="tel:+33200000000">t</a>',
    );
    expect(ok).toContain('href="https://ok.example.org/a?b=1"');
    expect(ok).toContain('rel="noopener noreferrer"');
    expect(ok).toContain('href="mailto:a@example.org"');
    expect(ok).toContain('href="tel:+33200000000"');
  });

  it('drops style elements and dangerous CSS (#6)', () => {
    const out = clean(
      '<style>@import url(https://evil.example.org/x.css)</style><p style="background:url(https://evil.example.org/p);color:red;width:expression(alert(1))">t</p>',
    );
    expect(out).not.toMatch(/@import|url\(|expression|<style/i);
    expect(out).toContain('color:red');
  });

  it('blocks remote images until allowed, never fetching them (#7)', () => {
    const html =
      '<img src="https://tracker.example.org/p.gif?id=1"><img src="http://169.254.169.254/latest/meta-data/">';
    const blocked = clean(html);
    expect(blocked).not.toMatch(/ src=/);
    expect(blocked).toContain('data-blocked-src="https://tracker.example.org/p.gif?id=1"');
    expect(sanitizeMailHtml(html, { allowRemoteImages: true })).toContain(
      'src="https://tracker.example.org/p.gif?id=1"',
    );
  });

  it('maps cid: images to attachments, a missing one to a placeholder (#8)', () => {
    const cidUrl = (cid: string) =>
      cid === 'image001@apple.example.org' ? '/api/attachments/abc?inline=1' : null;
    expect(sanitizeMailHtml('<img src="cid:image001@apple.example.org">', { cidUrl })).toContain(
      'src="/api/attachments/abc?inline=1"',
    );
    const missing = sanitizeMailHtml('<img src="cid:nothing@example.org">', { cidUrl });
    expect(missing).not.toMatch(/ src=/);
    expect(missing).toContain('[image manquante]');
  });

  it('marks quoted history for folding', async () => {
    const mail = await parseMail(await fixture('gmail-first.eml'), '0'.repeat(64));
    expect(clean(mail.html ?? '')).toContain('class="quoted"');
    expect(clean('<blockquote type="cite">old</blockquote>')).toBe(
      '<blockquote class="quoted">old</blockquote>',
    );
  });

  it('sanitises the hostile corpus mail whole (#1–#7)', async () => {
    const mail = await parseMail(await fixture('xss-body.eml'), '0'.repeat(64));
    const out = clean(mail.html ?? '');
    expect(out).not.toMatch(
      /<script|<form|<iframe|<object|<embed|<meta|<base|<style|javascript:|vbscript:|data:text|onerror| src="http/i,
    );
    expect(out).toContain('href="https://ok.example.org/"');
  });
});

describe('splitQuotedText', () => {
  it('folds quoted history and signatures', () => {
    expect(
      splitQuotedText('Merci.\n\nLe lun. 16 nov. 2026 à 10:00, Support a écrit :\n> Bonjour'),
    ).toEqual({
      visible: 'Merci.',
      folded: 'Le lun. 16 nov. 2026 à 10:00, Support a écrit :\n> Bonjour',
    });
    expect(splitQuotedText('Texte\n-- \nClaire').visible).toBe('Texte');
    expect(
      splitQuotedText('Bonjour, je ne reçois plus les mails.\n\nEnvoyé de mon iPhone').visible,
    ).toBe('Bonjour, je ne reçois plus les mails.');
    expect(splitQuotedText('Rien à plier').folded).toBe('');
  });
});
