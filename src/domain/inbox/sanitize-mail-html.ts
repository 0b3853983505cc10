/**
 * Inbound HTML → HTML safe to show in the agent app (RELIABILITY #1–#8).
 *
 * A DOM-based allow-list (sanitize-html on htmlparser2, never regexes):
 * formatting and tables only; no script, style element, form, frame, object,
 * meta or base; no event handler or style url(); links limited to http,
 * https, mailto and tel, opened with rel="noopener noreferrer"; remote images
 * blocked until the agent allows them (the server never fetches them);
 * `cid:` images point at the message's attachments or are dropped. Quoted
 * history is marked `class="quoted"` so the app can fold it. The raw HTML
 * stays in the database and the raw mail in the blob store; sanitising
 * twice gives the same result.
 */
import sanitizeHtml from 'sanitize-html';

export type SanitizeOptions = {
  /** Load remote images (the agent's choice for one message); default false. */
  allowRemoteImages?: boolean;
  /** URL of the attachment with this Content-ID, or null when the message has none. */
  cidUrl?: (cid: string) => string | null;
};

const safeColor = [/^#[0-9a-f]{3,8}$/i, /^[a-z]{3,20}$/i, /^rgba?\(\s*[\d\s,.%]+\)$/i];

const baseOptions: sanitizeHtml.IOptions = {
  allowedTags: [
    'a',
    'abbr',
    'b',
    'big',
    'blockquote',
    'br',
    'caption',
    'center',
    'code',
    'col',
    'colgroup',
    'dd',
    'del',
    'div',
    'dl',
    'dt',
    'em',
    'font',
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'hr',
    'i',
    'img',
    'ins',
    'li',
    'ol',
    'p',
    'pre',
    's',
    'small',
    'span',
    'strike',
    'strong',
    'sub',
    'sup',
    'table',
    'tbody',
    'td',
    'tfoot',
    'th',
    'thead',
    'tr',
    'u',
    'ul',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel', 'target'],
    img: ['src', 'alt', 'title', 'width', 'height', 'data-blocked-src'],
    td: ['colspan', 'rowspan', 'align', 'valign'],
    th: ['colspan', 'rowspan', 'align', 'valign'],
    table: ['border', 'cellpadding', 'cellspacing', 'width'],
    '*': ['dir', 'lang', 'class', 'style'],
  },
  allowedClasses: { '*': ['quoted'] },
  allowedStyles: {
    '*': {
      color: safeColor,
      'background-color': safeColor,
      'text-align': [/^(left|right|center|justify)$/],
      'font-weight': [/^(normal|bold|bolder|lighter|\d{3})$/],
      'font-style': [/^(normal|italic)$/],
      'text-decoration': [/^(none|underline|line-through)$/],
    },
  },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'title', 'head', 'template'],
};

const quoteClasses = /\b(gmail_quote|moz-cite-prefix|yahoo_quoted|protonmail_quote)\b/;

/** Sanitises inbound HTML for display; see the module comment for the rules. */
export function sanitizeMailHtml(html: string, options: SanitizeOptions = {}): string {
  return sanitizeHtml(html, {
    ...baseOptions,
    transformTags: {
      a: (tagName, attribs) => ({
        tagName,
        attribs: { ...attribs, rel: 'noopener noreferrer', target: '_blank' },
      }),
      img: (tagName, attribs): sanitizeHtml.Tag => {
        const src = (attribs.src ?? '').trim();
        const alt = attribs.alt ?? '';
        if (/^cid:/i.test(src)) {
          const url = options.cidUrl?.(src.slice(4).replace(/^<|>$/g, '')) ?? null;
          return {
            tagName,
            attribs: url ? { src: url, alt } : { alt: alt || '[image manquante]' },
          };
        }
        if (/^https?:/i.test(src) && !options.allowRemoteImages)
          return {
            tagName,
            attribs: { alt: alt || '[image distante bloquée]', 'data-blocked-src': src },
          };
        if (attribs['data-blocked-src'] && options.allowRemoteImages)
          return { tagName, attribs: { src: attribs['data-blocked-src'], alt } };
        return { tagName, attribs: { ...attribs } };
      },
      blockquote: (tagName, attribs) => ({ tagName, attribs: { ...attribs, class: 'quoted' } }),
      div: (tagName, attribs) =>
        quoteClasses.test(attribs.class ?? '') ||
        attribs.id === 'divRplyFwdMsg' ||
        attribs.id === 'appendonsend'
          ? { tagName, attribs: { ...attribs, class: 'quoted' } }
          : { tagName, attribs },
    },
  });
}

const quoteStart =
  /^(>|Le .{1,200} a écrit\s*:|On .{1,200} wrote:|-{2,}\s*(Original Message|Message d'origine|Message d’origine)\s*-{2,}|De\s*:\s.+|From:\s.+|Envoyé de mon)/i;

/**
 * Splits a plain-text body into what the sender wrote and the folded rest:
 * quoted history (`>` lines, "Le … a écrit :", "-----Original Message-----",
 * Outlook's "De :" block) and the signature after "-- ".
 */
export function splitQuotedText(text: string): { visible: string; folded: string } {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const cut = lines.findIndex(
    (line, i) => i > 0 && (line === '-- ' || quoteStart.test(line.trim())),
  );
  if (cut < 0) return { visible: text.trimEnd(), folded: '' };
  return { visible: lines.slice(0, cut).join('\n').trimEnd(), folded: lines.slice(cut).join('\n') };
}
