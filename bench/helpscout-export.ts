/**
 * Writes a synthetic Help Scout export (Mailbox API 2.0 conversations with
 * embedded threads, newest thread first) and returns the figures it intends,
 * computed from SPEC §4 rules independently of the import:
 *
 * - a ticket counts in the Paris month of its first message; spam and deleted never count;
 * - replies count in the Paris month of each agent reply (notes, phone logs, events do not);
 * - first response = first agent reply or phone call, counted < 1 h, < 2 h, < 24 h, any;
 * - a rating counts in the month of the rated reply, whatever its own date.
 *
 * Deterministic (seeded), streamed to disk (constant memory), synthetic data only
 * (example.org addresses). Used by the import tests and by `npm run bench`.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { defaultConfiguration } from '../src/db/seed/default-config.ts';

export type MailboxSlug = 'partenaires' | 'demandeurs';
export const helpScoutMailboxIds: Record<MailboxSlug, number> = {
  partenaires: 101,
  demandeurs: 102,
};

/** The mapping file an import of this export needs (Help Scout mailbox ids, one renamed field). */
export const generatedMapping = {
  mailboxes: { '101': 'partenaires', '102': 'Demandeurs' },
  fields: { Module: "Module de l'application", 'Champ obsolète': null },
};

export type GeneratorOptions = {
  conversations: number;
  year: number;
  /** Approximate size of each thread body in bytes (default 300). */
  bodyBytes?: number;
  seed?: number;
  /** `lines`: one JSON Lines file at `target`; `pages`: page files of `pageSize` in the folder `target`. */
  layout?: 'lines' | 'pages';
  pageSize?: number;
  /** Changes some conversations (status, a reply's date, a rating): a "newer export". */
  revision?: number;
};

type Counts = {
  tickets: Record<string, number>;
  replies: Record<string, number>;
  firstResponse: {
    tickets: number;
    responded: number;
    under1h: number;
    under2h: number;
    under24h: number;
  };
  ratings: Record<string, { great: number; okay: number; not_good: number }>;
  departements: Record<string, number>;
};

export type IntendedFigures = {
  conversations: number;
  threads: number;
  excluded: { spam: number; deleted: number };
  /** Per mailbox slug. Month keys are `YYYY-MM` (Paris). */
  byMailbox: Record<MailboxSlug, Counts>;
  /** Option texts that match no value (each becomes a value "à vérifier"). */
  unknownOptions: string[];
};

const monthFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
});
/** The Paris month of an instant, `YYYY-MM`. */
export const parisMonth = (date: Date): string => monthFormat.format(date).slice(0, 7);

/** mulberry32: a small seeded PRNG, so that a seed always writes the same export. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const fieldLabels = (slug: MailboxSlug, key: string): string[] =>
  defaultConfiguration.mailboxes
    .find((m) => m.slug === slug)
    ?.fields.find((f) => f.key === key)
    ?.values.map((v) => v.label) ?? [];

const HOUR = 3_600_000;
const levels = ['great', 'great', 'okay', 'not_good'] as const;
const words =
  'bonjour demande logement dossier pièce justificative accès compte mot de passe rendez-vous bailleur commune département numéro unique'.split(
    ' ',
  );

function emptyCounts(): Counts {
  return {
    tickets: {},
    replies: {},
    firstResponse: { tickets: 0, responded: 0, under1h: 0, under2h: 0, under24h: 0 },
    ratings: {},
    departements: {},
  };
}

const bump = (record: Record<string, number>, key: string) => {
  record[key] = (record[key] ?? 0) + 1;
};

/** Writes the export to `target` and returns the figures it intends. */
export async function writeHelpScoutExport(
  target: string,
  options: GeneratorOptions,
): Promise<IntendedFigures> {
  const random = prng(options.seed ?? 2020);
  const bodyBytes = options.bodyBytes ?? 300;
  const layout = options.layout ?? 'lines';
  const pageSize = options.pageSize ?? 50;
  const revision = options.revision ?? 0;
  const bodies = Array.from({ length: 32 }, () => {
    let text = '';
    while (text.length < bodyBytes) text += `${words[Math.floor(random() * words.length)]} `;
    return `<p>${text.slice(0, Math.max(0, bodyBytes - 8))}</p>`;
  });
  const intended: IntendedFigures = {
    conversations: options.conversations,
    threads: 0,
    excluded: { spam: 0, deleted: 0 },
    byMailbox: { partenaires: emptyCounts(), demandeurs: emptyCounts() },
    unknownOptions: ['Nouveau module (import)'],
  };
  await mkdir(layout === 'pages' ? target : path.dirname(target), { recursive: true });
  let out = createWriteStream(layout === 'lines' ? target : path.join(target, 'page-00001.json'));
  let page = 1;
  let inPage = 0;
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  if (layout === 'pages') await write('{"_embedded":{"conversations":[\n');
  const natures = {
    partenaires: fieldLabels('partenaires', 'nature'),
    demandeurs: fieldLabels('demandeurs', 'nature'),
  };
  const departements = {
    partenaires: fieldLabels('partenaires', 'departement'),
    demandeurs: fieldLabels('demandeurs', 'departement'),
  };
  const modules = fieldLabels('partenaires', 'module');
  const partnerTypes = fieldLabels('partenaires', 'partner_type');

  for (let i = 0; i < options.conversations; i++) {
    const slug: MailboxSlug = i % 5 < 3 ? 'partenaires' : 'demandeurs';
    const month = Math.floor((i / options.conversations) * 12);
    const lastDay = new Date(Date.UTC(options.year, month + 1, 0)).getUTCDate();
    // Every 25th ticket at 22:45 UTC on the last day of its month: still that month in
    // Paris in winter (23:45), already the next month in summer (00:45).
    const created =
      i % 25 === 0
        ? new Date(Date.UTC(options.year, month, lastDay, 22, 45))
        : new Date(
            Date.UTC(
              options.year,
              month,
              1 + Math.floor(random() * (lastDay - 1)),
              6 + Math.floor(random() * 12),
              Math.floor(random() * 60),
            ),
          );
    const bucket = i % 5; // 0: 30 min, 1: 90 min, 2: 5 h, 3: 30 h, 4: no response
    const delayHours = [0.5, 1.5, 5, 30][bucket];
    const spam = i % 97 === 96;
    const deleted = !spam && i % 89 === 88;
    const customer =
      slug === 'partenaires'
        ? {
            id: 5000 + (i % 700),
            email: `${i % 11 === 0 ? 'élodie' : 'agent'}.${i % 700}@bailleur-${i % 40}.example.org`,
            first: 'Claude',
            last: `Partenaire ${i % 700}`,
          }
        : {
            id: 90000 + i,
            email: `demandeur.${i}@example.org`,
            first: 'Dominique',
            last: `Demandeur ${i}`,
          };
    const threads: Record<string, unknown>[] = [];
    const body = (n: number) => `${bodies[(i + n) % bodies.length]}<p>#${i}-${n}</p>`;
    const user = {
      type: 'user',
      id: 7,
      email: 'agent.helpscout@example.org',
      first: 'Agent',
      last: 'Support',
    };
    const id = (n: number) => 1_000_000 + i * 10 + n;
    threads.push({
      id: id(1),
      type: 'customer',
      state: 'published',
      createdAt: created.toISOString(),
      createdBy: { type: 'customer', ...customer },
      body: body(1),
    });
    threads.push({
      id: id(2),
      type: 'lineitem',
      state: 'published',
      createdAt: new Date(created.getTime() + 1000).toISOString(),
      createdBy: user,
      action: { type: 'assigned', text: 'Assigned to Agent' },
    });
    let firstResponse: Date | null = null;
    const replies: Date[] = [];
    let rating: { level: (typeof levels)[number]; at: Date } | null = null;
    if (delayHours !== undefined) {
      let at = new Date(created.getTime() + delayHours * HOUR);
      if (revision > 0 && i % 7 === 0) at = new Date(at.getTime() + 10 * 60_000);
      firstResponse = at;
      if (i % 10 === 0) {
        // A logged phone call is the first response; the written reply follows.
        threads.push({
          id: id(3),
          type: 'phone',
          state: 'published',
          createdAt: at.toISOString(),
          createdBy: user,
          body: '<p>Appel</p>',
        });
        const reply = new Date(at.getTime() + 2 * HOUR);
        replies.push(reply);
        threads.push({
          id: id(4),
          type: 'reply',
          state: 'published',
          createdAt: reply.toISOString(),
          createdBy: user,
          body: body(4),
        });
      } else {
        replies.push(at);
        const thread: Record<string, unknown> = {
          id: id(3),
          type: 'reply',
          state: 'published',
          createdAt: at.toISOString(),
          createdBy: user,
          body: body(3),
        };
        if (i % 4 === 0 || (revision > 0 && i % 4 === 1 && i % 3 === 0)) {
          const level = levels[(i >> 2) % levels.length] ?? 'great';
          rating = { level, at };
          thread.rating = {
            rating: level,
            comments: level === 'not_good' ? 'Pas de réponse claire' : null,
            createdAt: new Date(at.getTime() + 40 * 24 * HOUR).toISOString(),
          };
        }
        threads.push(thread);
        if (i % 3 === 0) {
          const second = new Date(at.getTime() + 3 * HOUR);
          replies.push(second);
          threads.push({
            id: id(4),
            type: 'reply',
            state: 'published',
            createdAt: second.toISOString(),
            createdBy: user,
            body: body(4),
          });
        } else {
          threads.push({
            id: id(4),
            type: 'note',
            state: 'published',
            createdAt: new Date(at.getTime() + HOUR).toISOString(),
            createdBy: user,
            body: body(4),
          });
        }
      }
    } else {
      threads.push({
        id: id(3),
        type: 'note',
        state: 'published',
        createdAt: new Date(created.getTime() + HOUR).toISOString(),
        createdBy: user,
        body: body(3),
      });
      threads.push({
        id: id(4),
        type: 'customer',
        state: 'published',
        createdAt: new Date(created.getTime() + 50 * HOUR).toISOString(),
        createdBy: { type: 'customer', ...customer },
        body: body(4),
      });
    }
    const departement = departements[slug][i % departements[slug].length] ?? '44';
    const customFields = [
      { id: 1, name: 'Département', value: departement, text: departement },
      {
        id: 2,
        name: 'NATURE DU PROBLEME',
        value: '',
        text: natures[slug][i % natures[slug].length],
      },
    ];
    if (slug === 'partenaires') {
      const module =
        i % 50 === 7 ? 'Nouveau module (import)' : (modules[i % modules.length] ?? 'Demande');
      customFields.push({ id: 3, name: 'Module', value: '', text: module.toUpperCase() });
      customFields.push({
        id: 4,
        name: 'Type de partenaire',
        value: '',
        text: partnerTypes[i % partnerTypes.length] ?? 'Etat',
      });
    }
    if (i % 9 === 0) customFields.push({ id: 9, name: 'Champ obsolète', value: '', text: 'x' });
    const closed = revision > 0 && i % 7 === 0 ? 'active' : 'closed';
    const conversation = {
      id: 500_000 + i,
      number: 20_000 + i,
      subject: `Demande ${i}`,
      status: spam ? 'spam' : closed,
      state: deleted ? 'deleted' : 'published',
      mailboxId: helpScoutMailboxIds[slug],
      createdAt: created.toISOString(),
      closedAt: closed === 'closed' ? new Date(created.getTime() + 60 * HOUR).toISOString() : null,
      primaryCustomer: customer,
      assignee: user,
      tags: i % 6 === 0 ? [{ id: 1, tag: 'import-test' }] : [],
      customFields,
      // The API lists threads newest first.
      _embedded: { threads: threads.reverse() },
    };
    intended.threads += threads.length;
    if (spam) intended.excluded.spam++;
    else if (deleted) intended.excluded.deleted++;
    else {
      const counts = intended.byMailbox[slug];
      bump(counts.tickets, parisMonth(created));
      for (const reply of replies) bump(counts.replies, parisMonth(reply));
      counts.firstResponse.tickets++;
      if (firstResponse) {
        const ms = firstResponse.getTime() - created.getTime();
        counts.firstResponse.responded++;
        if (ms < HOUR) counts.firstResponse.under1h++;
        if (ms < 2 * HOUR) counts.firstResponse.under2h++;
        if (ms < 24 * HOUR) counts.firstResponse.under24h++;
      }
      if (rating) {
        const key = parisMonth(rating.at);
        counts.ratings[key] ??= { great: 0, okay: 0, not_good: 0 };
        counts.ratings[key][rating.level]++;
      }
      bump(counts.departements, departement);
    }
    const text = JSON.stringify(conversation);
    if (layout === 'lines') {
      await write(`${text}\n`);
    } else {
      await write(`${inPage > 0 ? ',\n' : ''}${text}`);
      inPage++;
      if (inPage === pageSize && i < options.conversations - 1) {
        await write(`]},"page":{"size":${pageSize},"number":${page}}}\n`);
        out.end();
        await once(out, 'close');
        page++;
        inPage = 0;
        out = createWriteStream(path.join(target, `page-${String(page).padStart(5, '0')}.json`));
        await write('{"_embedded":{"conversations":[\n');
      }
    }
  }
  if (layout === 'pages') await write(`]},"page":{"size":${pageSize},"number":${page}}}\n`);
  out.end();
  await once(out, 'close');
  return intended;
}
