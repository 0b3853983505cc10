/**
 * Article Markdown → safe HTML. `marked` parses; `sanitize-html` keeps an
 * allow-list (no script, no style, no event handler, no iframe). Images are
 * kept only when they point at the help centre's own image route
 * (`/aide/images/<sha256>`), links only to http(s), mailto and tel. An
 * article's `# Title` becomes a level-2 heading: the page has its own h1.
 */
import { marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

const imagePath = /^\/aide\/images\/[0-9a-f]{64}$/;

const options: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'hr',
    'h2',
    'h3',
    'h4',
    'ul',
    'ol',
    'li',
    'strong',
    'em',
    'a',
    'img',
    'code',
    'pre',
    'blockquote',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
  ],
  allowedAttributes: { a: ['href'], img: ['src', 'alt'], th: ['scope'] },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesByTag: { img: [] },
  allowProtocolRelative: false,
  transformTags: { h1: 'h2', h5: 'h4', h6: 'h4' },
  exclusiveFilter: (frame) => frame.tag === 'img' && !imagePath.test(frame.attribs.src ?? ''),
};

/** Renders article Markdown to sanitised HTML. */
export function renderMarkdown(markdown: string): string {
  const html = marked.parse(markdown, { async: false, gfm: true, breaks: false });
  return sanitizeHtml(html, options);
}

const excerpts = new Map<string, string>();

/** The first paragraph as plain text (search results, step 2 of the form); memoised, pages list the same few. */
export function excerptOf(markdown: string, max = 200): string {
  const key = `${max}:${markdown}`;
  const known = excerpts.get(key);
  if (known !== undefined) return known;
  const excerpt = computeExcerpt(markdown, max);
  if (excerpts.size >= 2000) excerpts.clear();
  excerpts.set(key, excerpt);
  return excerpt;
}

function computeExcerpt(markdown: string, max: number): string {
  const text = sanitizeHtml(marked.parse(markdown, { async: false }), {
    allowedTags: [],
    allowedAttributes: {},
  })
    .replace(/\s+/g, ' ')
    .trim();
  const plain = text
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");
  return plain.length > max ? `${plain.slice(0, max - 1).trimEnd()}…` : plain;
}
