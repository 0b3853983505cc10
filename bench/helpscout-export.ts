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
import {
  buildConversation,
  type ConversationContext,
  type GeneratedConversation,
  HOUR,
  helpScoutMailboxIds,
  type MailboxSlug,
} from './helpscout-conversation.ts';

export { helpScoutMailboxIds, type MailboxSlug };

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

/** Adds one conversation to the intended figures (SPEC §4: spam and deleted never count). */
function account(intended: IntendedFigures, g: GeneratedConversation): void {
  intended.threads += g.threads;
  if (g.spam) {
    intended.excluded.spam++;
    return;
  }
  if (g.deleted) {
    intended.excluded.deleted++;
    return;
  }
  const counts = intended.byMailbox[g.slug];
  bump(counts.tickets, parisMonth(g.created));
  for (const reply of g.replies) bump(counts.replies, parisMonth(reply));
  counts.firstResponse.tickets++;
  if (g.firstResponse) {
    const ms = g.firstResponse.getTime() - g.created.getTime();
    counts.firstResponse.responded++;
    if (ms < HOUR) counts.firstResponse.under1h++;
    if (ms < 2 * HOUR) counts.firstResponse.under2h++;
    if (ms < 24 * HOUR) counts.firstResponse.under24h++;
  }
  if (g.rating) {
    const key = parisMonth(g.rating.at);
    const month = counts.ratings[key] ?? { great: 0, okay: 0, not_good: 0 };
    month[g.rating.level]++;
    counts.ratings[key] = month;
  }
  bump(counts.departements, g.departement);
}

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
  const context: ConversationContext = {
    conversations: options.conversations,
    year: options.year,
    revision,
    random,
    bodies,
  };

  for (let i = 0; i < options.conversations; i++) {
    const generated = buildConversation(i, context);
    account(intended, generated);
    const text = JSON.stringify(generated.conversation);
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
