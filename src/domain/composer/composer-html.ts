/**
 * The composer's HTML (issue 19 §1): what an agent writes with the editor
 * (bold, italics, lists, links, quotes) is sanitised on the server before it
 * is stored or sent — an allow-list (sanitize-html on htmlparser2): p, br,
 * strong/b, em/i, u, s, ul/ol/li, blockquote, code, pre, a (http, https,
 * mailto only; rel="noopener noreferrer"). Everything else (script, style,
 * event handlers, images, iframes, forms, data: or javascript: links) is
 * dropped, its text kept when it is text. The plain-text alternative of the
 * outgoing mail is derived from the sanitised HTML (`composerHtmlToText`):
 * paragraphs separated by a blank line, `- ` and `1. ` list items, quotes
 * prefixed with `> `, links as `text <url>`.
 */
import sanitizeHtml from 'sanitize-html';

const options: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'strong',
    'b',
    'em',
    'i',
    'u',
    's',
    'ul',
    'ol',
    'li',
    'blockquote',
    'code',
    'pre',
    'a',
  ],
  // rel is the transform's own (below).
  allowedAttributes: { a: ['href', 'rel'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  nonTextTags: ['style', 'script', 'textarea', 'option', 'noscript', 'title', 'head'],
  transformTags: {
    a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer' }),
    b: 'strong',
    i: 'em',
  },
  exclusiveFilter: (frame) => frame.tag === 'a' && !frame.attribs.href,
};

/** The editor's HTML, made safe to store and send (sanitising twice gives the same result). */
export function sanitizeComposerHtml(html: string): string {
  return sanitizeHtml(html, options).trim();
}

const entities: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
};

const decode = (text: string): string =>
  text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X'))
      return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number.parseInt(name.slice(1), 10));
    return entities[name.toLowerCase()] ?? whole;
  });

type ListState = { ordered: boolean; index: number };

const listMarker = /^\s*(-|\d+\.) $/;

/**
 * Plain text of sanitised composer HTML (the mail's text/plain part). Reads
 * the tags `sanitizeComposerHtml` lets through; anything else is skipped.
 */
export function composerHtmlToText(html: string): string {
  const lines: string[] = [];
  let current = '';
  let quoteDepth = 0;
  const lists: ListState[] = [];
  const links: string[] = [];
  const flush = () => {
    const prefix = quoteDepth > 0 ? `${'> '.repeat(quoteDepth)}` : '';
    lines.push(`${prefix}${current.replace(/[ \t]+$/g, '')}`.trimEnd());
    current = '';
  };
  const blank = () => {
    if (current !== '') flush();
    lines.push('> '.repeat(quoteDepth).trimEnd());
  };
  const tokens = html.match(/<[^>]*>|[^<]+/g) ?? [];
  for (const token of tokens) {
    if (!token.startsWith('<')) {
      current += decode(token).replace(/\s+/g, ' ');
      continue;
    }
    const tag = /^<\s*(\/?)\s*([a-z0-9]+)/i.exec(token);
    if (!tag) continue;
    const closing = tag[1] === '/';
    const name = (tag[2] ?? '').toLowerCase();
    switch (name) {
      case 'br':
        flush();
        break;
      case 'p':
      case 'pre':
        if (closing) {
          if (lists.length > 0) flush();
          else blank();
        } else if (current !== '' && !listMarker.test(current)) flush();
        break;
      case 'blockquote':
        if (current !== '') flush();
        if (closing && /^>[> ]*$/.test(lines.at(-1) ?? '')) lines.pop();
        quoteDepth = Math.max(0, quoteDepth + (closing ? -1 : 1));
        if (closing && quoteDepth === 0) lines.push('');
        break;
      case 'ul':
      case 'ol':
        if (current !== '') flush();
        if (closing) {
          lists.pop();
          if (lists.length === 0) blank();
        } else lists.push({ ordered: name === 'ol', index: 0 });
        break;
      case 'li': {
        if (closing) {
          if (current.trim() !== '') flush();
          else current = '';
          break;
        }
        if (current !== '') flush();
        const list = lists.at(-1);
        if (list) list.index += 1;
        const indent = '  '.repeat(Math.max(0, lists.length - 1));
        current = `${indent}${list?.ordered ? `${list.index}. ` : '- '}`;
        break;
      }
      case 'a': {
        if (closing) {
          const href = links.pop();
          const shown = href?.replace(/^mailto:/, '');
          if (shown && !current.includes(shown)) current += ` <${shown}>`;
        } else {
          const href = /href="([^"]*)"/i.exec(token)?.[1];
          links.push(href ? decode(href) : '');
        }
        break;
      }
      default:
        break;
    }
  }
  if (current !== '') flush();
  // No run of blank lines, no blank line at either end.
  const text = lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/\u00a0/g, ' ');
  return text.replace(/^\n+/, '').trimEnd();
}
