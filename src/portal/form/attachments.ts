/**
 * The contact form's attachments: at most 3 files of 5 MB, PDF, JPEG, PNG or
 * DOCX, recognised by their bytes (never by their name or declared type):
 *
 *   PDF  `%PDF-`            JPEG `FF D8 FF`        PNG `89 50 4E 47 0D 0A 1A 0A`
 *   DOCX a ZIP (`PK 03 04`) holding `word/document.xml`, no macros (.docm)
 *
 * A file that is also something else (a PDF or image carrying a ZIP archive or
 * HTML/script: a polyglot) is refused. The stored name is the applicant's,
 * reduced to a plain base name (no path, no control or bidi characters) with
 * the extension of the detected type.
 */
import JSZip from 'jszip';

export const attachmentLimits = { maxFiles: 3, maxBytes: 5 * 1024 * 1024 } as const;

export type FileKind = { ext: 'pdf' | 'jpg' | 'png' | 'docx'; contentType: string };

const kinds = {
  pdf: { ext: 'pdf', contentType: 'application/pdf' },
  jpg: { ext: 'jpg', contentType: 'image/jpeg' },
  png: { ext: 'png', contentType: 'image/png' },
  docx: {
    ext: 'docx',
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  },
} as const satisfies Record<string, FileKind>;

const startsWith = (bytes: Buffer, signature: number[]) =>
  bytes.length >= signature.length && signature.every((b, i) => bytes[i] === b);

const zipLocal = [0x50, 0x4b, 0x03, 0x04];
/** Markers of a second format hidden in a PDF or an image (ZIP records, HTML, script). */
const zipMarkers = [Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from([0x50, 0x4b, 0x05, 0x06])];
const markupMarkers = [/<script/i, /<html/i, /<svg/i, /<iframe/i, /javascript:/i];

function carriesAnotherFormat(bytes: Buffer): boolean {
  if (zipMarkers.some((marker) => bytes.includes(marker))) return true;
  const text = bytes.toString('latin1');
  return markupMarkers.some((marker) => marker.test(text));
}

async function isDocx(bytes: Buffer): Promise<boolean> {
  try {
    const zip = await JSZip.loadAsync(bytes, { checkCRC32: false });
    if (!zip.file('word/document.xml')) return false;
    const types = await zip.file('[Content_Types].xml')?.async('string');
    return types !== undefined && !/macroEnabled/i.test(types) && !zip.file('word/vbaProject.bin');
  } catch {
    return false;
  }
}

/** The type of `bytes`, or null when it is none of the accepted ones (or a polyglot). */
export async function detectFileKind(bytes: Buffer): Promise<FileKind | null> {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d]))
    return carriesAnotherFormat(bytes) ? null : kinds.pdf;
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return carriesAnotherFormat(bytes) ? null : kinds.jpg;
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    return carriesAnotherFormat(bytes) ? null : kinds.png;
  if (startsWith(bytes, zipLocal)) return (await isDocx(bytes)) ? kinds.docx : null;
  return null;
}

/**
 * A safe file name: the last path segment, without control, format (bidi
 * overrides, zero-width) or separator characters, 100 characters at most,
 * ending with the detected extension.
 */
export function cleanFileName(name: string, kind: FileKind): string {
  const base = name.normalize('NFC').split(/[/\\]/).pop() ?? '';
  const cleaned = base
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '')
    .replace(/[<>:"|?*]/g, '_')
    .replace(/\s+/g, ' ')
    .replace(/\.[^.]{0,10}$/, '');
  const stem =
    cleaned
      .replace(/^[.\s]+/, '')
      .slice(0, 90)
      .trim() || 'piece-jointe';
  return `${stem}.${kind.ext}`;
}
