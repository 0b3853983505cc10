/**
 * A person's data as one zip: `person.json` (their contacts and, per ticket,
 * its classification and messages) and `attachments/<ticket number>/…` with
 * the attachment files. Bodies are masked like the agents' view (NIR and IBAN
 * replaced by a label, `sensitiveKinds` saying what was there): the zip
 * travels by mail and through agents' hands. Recorded as a privacy request.
 */
import JSZip from 'jszip';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { BlobStore } from '../../storage/blob-store.ts';
import type { Actor } from '../audit/record-audit.ts';
import { findPerson } from './find-person.ts';
import type { PersonQuery } from './person-query.ts';
import { recordPrivacyRequest } from './privacy-requests.ts';
import { maskSensitiveData } from './sensitive-data.ts';

type MaskedText = { text: string | null; masked: string[] };

const mask = (text: string | null): MaskedText => {
  if (text === null) return { text: null, masked: [] };
  const result = maskSensitiveData(text);
  return { text: result.text, masked: result.masked };
};

/** A file name safe in any zip reader: no folders, no control characters, at most 120 characters. */
export function safeFileName(name: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  const cleaned = name.replace(/[\u0000-\u001f\u007f/\\:*?"<>|]/g, '_').replace(/^\.+/, '_');
  return cleaned.slice(-120) || 'file';
}

async function ticketDetails(db: Kysely<DB>, ticketIds: number[]) {
  if (ticketIds.length === 0) return { messages: [], values: [], attachments: [] };
  const [messages, values, attachments] = await Promise.all([
    db
      .selectFrom('messages')
      .select([
        'id',
        'ticket_id',
        'kind',
        'created_at',
        'from_address',
        'to_addresses',
        'cc_addresses',
        'subject',
        'body_text',
        'body_html',
        'call_direction',
        'call_duration_seconds',
      ])
      .where('ticket_id', 'in', ticketIds)
      .where('kind', '<>', 'event')
      .orderBy('created_at')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('ticket_field_values as tfv')
      .innerJoin('fields as f', 'f.id', 'tfv.field_id')
      .innerJoin('field_values as v', 'v.id', 'tfv.value_id')
      .select(['tfv.ticket_id', 'f.label as field', 'v.label as value'])
      .where('tfv.ticket_id', 'in', ticketIds)
      .execute(),
    db
      .selectFrom('attachments')
      .select(['id', 'ticket_id', 'message_id', 'filename', 'content_type', 'size_bytes', 'sha256'])
      .where('ticket_id', 'in', ticketIds)
      .execute(),
  ]);
  return { messages, values, attachments };
}

/** Builds the zip of everything about the person; returns its bytes and counts. */
export async function exportPerson(
  db: Kysely<DB>,
  blobs: BlobStore,
  query: PersonQuery,
  options: { requestedBy: string; actor: Actor; now?: Date },
): Promise<{ zip: Buffer; tickets: number; messages: number; attachments: number }> {
  const findings = await findPerson(db, query);
  const ids = findings.tickets.map((t) => t.id);
  const details = await ticketDetails(db, ids);
  const zip = new JSZip();
  const files = new Map<string, string>();
  let missing = 0;
  for (const a of details.attachments) {
    const number = findings.tickets.find((t) => t.id === a.ticket_id)?.number ?? a.ticket_id;
    const name = `attachments/${number}/${a.id.slice(0, 8)}-${safeFileName(a.filename)}`;
    const bytes = await blobs.get(a.sha256).catch(() => null);
    if (bytes) {
      zip.file(name, bytes);
      files.set(a.id, name);
    } else missing += 1;
  }
  const document = {
    generatedAt: (options.now ?? new Date()).toISOString(),
    notice:
      'Données personnelles détenues par Guichet. Les numéros de sécurité sociale et IBAN sont masqués.',
    contacts: findings.contacts,
    tickets: findings.tickets.map((t) => ({
      number: t.number,
      mailbox: t.mailboxSlug,
      subject: mask(t.subject).text,
      status: t.status,
      createdAt: t.createdAt,
      closedAt: t.closedAt,
      anonymisedAt: t.anonymisedAt,
      foundBy: t.reasons,
      classification: details.values
        .filter((v) => v.ticket_id === t.id)
        .map((v) => ({ field: v.field, value: v.value })),
      messages: details.messages
        .filter((m) => m.ticket_id === t.id)
        .map((m) => {
          const text = mask(m.body_text);
          const html = mask(m.body_html);
          return {
            kind: m.kind,
            at: m.created_at,
            from: m.from_address,
            to: m.to_addresses,
            cc: m.cc_addresses,
            subject: mask(m.subject).text,
            bodyText: text.text,
            bodyHtml: html.text,
            sensitiveKinds: [...new Set([...text.masked, ...html.masked])],
            call: m.call_direction
              ? { direction: m.call_direction, seconds: m.call_duration_seconds }
              : undefined,
            attachments: details.attachments
              .filter((a) => a.message_id === m.id)
              .map((a) => ({
                filename: a.filename,
                contentType: a.content_type,
                sizeBytes: a.size_bytes,
                file: files.get(a.id) ?? null,
              })),
          };
        }),
    })),
  };
  zip.file('person.json', JSON.stringify(document, null, 2));
  const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  const summary = {
    tickets: ids.length,
    messages: details.messages.length,
    attachments: files.size,
    missingFiles: missing,
  };
  await recordPrivacyRequest(db, {
    kind: 'export',
    query,
    requestedBy: options.requestedBy,
    actor: options.actor,
    summary,
  });
  return { zip: bytes, ...summary };
}
