/**
 * The data of the workspace benchmarks (bench/workspace.ts, and its smaller A/B
 * twin bench/workspace-ab.ts): one generator, so that both measure the same
 * shape of inbox.
 */
import pg from 'pg';

export const words = [
  'accès',
  'module',
  'demande',
  'radiation',
  'renouvellement',
  'attestation',
  'mot de passe',
  'certificat',
  'bailleur',
  'logement',
  'dossier',
  'pièce',
  'justificatif',
  'commission',
  'attribution',
  'refus',
  'relance',
  'connexion',
  'compte',
  'identifiant',
];

/** Pairs of the words above: each word is in about half of the tickets. */
export const commonPairs: [string, string][] = [
  ['radiation', 'logement'],
  ['demande', 'attestation'],
  ['bailleur', 'dossier'],
  ['renouvellement', 'pièce'],
  ['commission', 'refus'],
  ['connexion', 'compte'],
  ['justificatif', 'relance'],
  ['certificat', 'identifiant'],
  ['module', 'attribution'],
  ['accès', 'logement'],
];

export type WorkspaceShape = {
  tickets: number;
  contacts: number;
  messagesPerTicket: number;
  /** maintenance_work_mem for the index builds ('512MB' for the full benchmark). */
  maintenanceWorkMem?: string;
};

/**
 * `tickets` tickets (2 % open, 1 % pending, 1 % spam, 55 % Partenaires),
 * `contacts` contacts and `messagesPerTicket` messages each, with their search
 * documents: triggers off, indexes built after.
 */
export async function generateWorkspace(url: string, shape: WorkspaceShape): Promise<void> {
  const { tickets: ticketCount, contacts: contactCount, messagesPerTicket } = shape;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const q = (text: string) => client.query(text);
  await q(`set session_replication_role = replica`);
  await q(`set maintenance_work_mem = '${shape.maintenanceWorkMem ?? '512MB'}'`);
  await q(`set work_mem = '256MB'`);
  await q('drop index tickets_document_idx');
  await q('drop index contacts_search_idx');
  const w = `array[${words.map((x) => `'${x}'`).join(',')}]`;
  await q(`insert into contacts (email, name)
    select 'contact' || i || '@bailleur-' || (i % 90) || '.example.org', 'Contact ' || i || ' ' || (${w})[1 + i % 20]
    from generate_series(1, ${contactCount}) i`);
  await q(`create temp table c as select id, row_number() over (order by id) as n from contacts`);
  await q(`create index on c (n)`);
  await q(`insert into tickets (mailbox_id, status, subject, channel, contact_id, created_at, last_message_at)
    select case when i % 100 < 55 then p.id else a.id end,
      case when i % 100 < 2 then 'active' when i % 100 = 2 then 'pending' when i % 100 = 3 then 'spam' else 'closed' end,
      'Question ' || (${w})[1 + i % 20] || ' ' || (${w})[1 + (i / 20) % 20],
      'email', c.id,
      timestamptz '2021-01-01' + make_interval(secs => i * 150.0),
      timestamptz '2021-01-01' + make_interval(secs => i * 150.0 + 3600)
    from generate_series(1, ${ticketCount}) i
    join c on c.n = 1 + i % ${contactCount}
    cross join (select id from mailboxes where slug = 'partenaires') p
    cross join (select id from mailboxes where slug = 'demandeurs') a`);
  await q(`insert into messages (ticket_id, mailbox_id, kind, created_at, body_text)
    select t.id, t.mailbox_id, case when k % 2 = 1 then 'customer' else 'reply' end,
      t.created_at + make_interval(mins => k * 10),
      'Bonjour, au sujet de la ' || (${w})[1 + (t.id + k) % 20] || ' et du ' || (${w})[1 + (t.id * 7 + k) % 20]
        || ', numéro unique NU' || lpad(t.id::text, 16, '0') || '. Merci de votre aide.'
    from tickets t cross join generate_series(1, ${messagesPerTicket}) k`);
  // the search documents, as the triggers (off here) would have made them
  await q(`create temp table d as
    select ticket_id, left(string_agg(left(coalesce(subject, '') || ' ' || coalesce(body_text, ''), 50000),
      ' ' order by id), 200000) as text
    from messages group by ticket_id`);
  await q('create index on d (ticket_id)');
  await q(`update tickets t
    set search_document = guichet_search_vector(t.subject, d.text)
      || guichet_contact_vector(c.name, c.email)
    from d, contacts c where d.ticket_id = t.id and c.id = t.contact_id`);
  await q('create index tickets_document_idx on tickets using gin (search_document)');
  await q(
    `create index contacts_search_idx on contacts using gin (public.guichet_contact_vector(name, email))`,
  );
  await q('vacuum analyze');
  await client.end();
}
