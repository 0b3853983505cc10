import { describe, expect, it } from 'vitest';
import { composerHtmlToText, sanitizeComposerHtml } from './composer-html.ts';

describe('composer HTML', () => {
  it('keeps the editor’s formatting and drops everything hostile', () => {
    const hostile = [
      '<p>Bonjour <b>Claire</b> <i>ici</i></p>',
      '<script>alert(1)</script><style>p{}</style>',
      '<p onclick="x()"><a href="javascript:alert(1)">mauvais</a> <a href="data:text/html,x">d</a></p>',
      '<img src="https://evil.example.org/x.png" onerror="alert(1)">',
      '<iframe src="https://evil.example.org"></iframe><form><input></form>',
      '<a href="https://example.org/a" target="_blank" style="color:red">bon</a>',
      '<svg><script>alert(2)</script></svg><math><mi>x</mi></math>',
    ].join('');
    const clean = sanitizeComposerHtml(hostile);
    expect(clean).toBe(
      '<p>Bonjour <strong>Claire</strong> <em>ici</em></p><p> </p><a href="https://example.org/a" rel="noopener noreferrer">bon</a>x',
    );
    expect(sanitizeComposerHtml(clean)).toBe(clean);
  });

  it('derives the plain text: paragraphs, lists, quotes and links', () => {
    const html = sanitizeComposerHtml(
      '<p>Bonjour,</p><ol><li><p>un</p></li><li><p>deux &amp; trois</p></li></ol><blockquote><p>cité</p></blockquote><p>Voir <a href="mailto:a@example.org">a@example.org</a> et <a href="https://example.org/g">le guide</a>.<br>Fin</p>',
    );
    expect(composerHtmlToText(html)).toBe(
      'Bonjour,\n\n1. un\n2. deux & trois\n\n> cité\n\nVoir a@example.org et le guide <https://example.org/g>.\nFin',
    );
  });
});
