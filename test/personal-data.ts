/**
 * Personal data on test tickets, in every place Guichet keeps some: the
 * contact, subjects, bodies (text and HTML), addresses, raw mail and
 * attachment blobs, rating comments, the import payload, the outbox, a
 * failed-login audit row. Privacy tests put it there and check it is gone.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../src/db/schema.ts';
import type { BlobStore } from '../src/storage/blob-store.ts';

export type Person = { email: string; name: string; phone: string };

let counter = 0;
/** A fresh synthetic person. */
export function person(prefix = 'personne'): Person {
  counter += 1;
  const n = `${counter}${Date.now().toString(36)}`;
  return {
    email: `${prefix}.${n}@example.org`,
    name: `Camille Testeuse${n}`,
    phone: `06 12 34 ${String(counter % 100).padStart(2, '0')} 78`,
  };
}

/**
 * Makes `person` the contact of `ticketId` and writes their data everywhere.
 * Returns the hashes of the blobs written for them.
 */
export async function givePersonalData(
  db: Kysely<DB>,
  blobs: BlobStore,
  ticketId: number,
  who: Person,
): Promise<{ contactId: string; blobs: string[] }> {
  const contact = await db
    .insertInto('contacts')
    .values({ email: who.email, name: who.name, phone: who.phone })
    .onConflict((oc) =>
      oc.column('email').where('email', 'is not', null).doUpdateSet({ name: who.name }),
    )
    .returning('id')
    .executeTakeFirstOrThrow();
  const ticket = await db
    .updateTable('tickets')
    .set({ contact_id: contact.id, subject: `Dossier de ${who.name}` })
    .where('id', '=', ticketId)
    .returning(['mailbox_id', 'created_at'])
    .executeTakeFirstOrThrow();
  const raw = await blobs.put(
    Buffer.from(
      `From: ${who.name} <${who.email}>\r\nSubject: aide\r\n\r\nBonjour, ${who.phone}\r\n`,
    ),
  );
  const document = await blobs.put(
    Buffer.from(`Attestation de ${who.name} ${who.email} ${ticketId}`),
  );
  const message = await db
    .insertInto('messages')
    .values({
      ticket_id: ticketId,
      mailbox_id: ticket.mailbox_id,
      kind: 'customer',
      author_contact_id: contact.id,
      from_address: who.email,
      to_addresses: ['support@example.org'],
      cc_addresses: [who.email],
      subject: `Question de ${who.name}`,
      body_text: `Bonjour, je suis ${who.name}, joignable au ${who.phone} ou ${who.email}.`,
      body_html: `<p>Bonjour, je suis <b>${who.name}</b> (${who.email})</p>`,
      raw_sha256: raw.sha256,
      created_at: ticket.created_at,
      event_data: JSON.stringify({ from: who.email }),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('attachments')
    .values({
      ticket_id: ticketId,
      message_id: message.id,
      filename: `${who.name} - justificatif.pdf`,
      content_type: 'application/pdf',
      size_bytes: 10,
      sha256: document.sha256,
    })
    .execute();
  const reply =
    (await db
      .selectFrom('messages')
      .select('id')
      .where('ticket_id', '=', ticketId)
      .where('kind', '=', 'reply')
      .executeTakeFirst()) ??
    (await db
      .insertInto('messages')
      .values({
        ticket_id: ticketId,
        mailbox_id: ticket.mailbox_id,
        kind: 'reply',
        to_addresses: [who.email],
        body_text: `Bonjour ${who.name}`,
        created_at: new Date(ticket.created_at.getTime() + 3_600_000),
      })
      .returning('id')
      .executeTakeFirstOrThrow());
  {
    const comment = `Merci, ${who.name} (${who.email})`;
    const rated = await db
      .updateTable('ratings')
      .set({ comment })
      .where('message_id', '=', reply.id)
      .executeTakeFirst();
    if (Number(rated.numUpdatedRows) === 0)
      await db
        .insertInto('ratings')
        .values({
          message_id: reply.id,
          ticket_id: ticketId,
          level: 'great',
          comment,
          rated_at: ticket.created_at,
        })
        .execute();
    await db
      .insertInto('outbox')
      .values({
        mailbox_id: ticket.mailbox_id,
        ticket_id: ticketId,
        message_id: reply.id,
        kind: 'reply',
        rfc_message_id: `<g.${ticketId}.${counter}.${Date.now()}@example.org>`,
        to_address: who.email,
        status: 'sent',
        last_error: `450 mailbox of ${who.email} busy`,
      })
      .execute();
  }
  await db
    .insertInto('import_records')
    .values({
      source: 'test',
      source_id: `t-${ticketId}`,
      ticket_id: ticketId,
      content_hash: 'a'.repeat(64),
      run_id: '00000000-0000-4000-8000-000000000000',
      file: 'export.jsonl',
      line: 1,
      extra: JSON.stringify({ customer: { email: who.email, name: who.name } }),
    })
    .onConflict((oc) => oc.columns(['source', 'source_id']).doNothing())
    .execute();
  return { contactId: contact.id, blobs: [raw.sha256, document.sha256] };
}
