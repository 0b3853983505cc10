/**
 * One synthetic Help Scout conversation of the generator (helpscout-export.ts),
 * with the facts the intended figures are computed from. 4 threads each:
 * customer, lineitem, then a reply (or a phone call and a reply, or no response),
 * then a note, a second reply or a customer follow-up.
 */
import { defaultConfiguration } from '../src/domain/configuration/default-config.ts';

export type MailboxSlug = 'partenaires' | 'demandeurs';
export const helpScoutMailboxIds: Record<MailboxSlug, number> = {
  partenaires: 101,
  demandeurs: 102,
};

export const HOUR = 3_600_000;
const levels = ['great', 'great', 'okay', 'not_good'] as const;

const fieldLabels = (slug: MailboxSlug, key: string): string[] =>
  defaultConfiguration.mailboxes
    .find((m) => m.slug === slug)
    ?.fields.find((f) => f.key === key)
    ?.values.map((v) => v.label) ?? [];

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

export type ConversationContext = {
  conversations: number;
  year: number;
  revision: number;
  random: () => number;
  bodies: string[];
};

export type GeneratedConversation = {
  conversation: Record<string, unknown>;
  slug: MailboxSlug;
  created: Date;
  spam: boolean;
  deleted: boolean;
  threads: number;
  replies: Date[];
  firstResponse: Date | null;
  rating: { level: (typeof levels)[number]; at: Date } | null;
  departement: string;
};

/** The `i`-th conversation of an export (deterministic for a given context and PRNG state). */
export function buildConversation(i: number, context: ConversationContext): GeneratedConversation {
  const { random, revision, bodies } = context;
  const slug: MailboxSlug = i % 5 < 3 ? 'partenaires' : 'demandeurs';
  const month = Math.floor((i / context.conversations) * 12);
  const lastDay = new Date(Date.UTC(context.year, month + 1, 0)).getUTCDate();
  // Every 25th ticket at 22:45 UTC on the last day of its month: still that month in
  // Paris in winter (23:45), already the next month in summer (00:45).
  const created =
    i % 25 === 0
      ? new Date(Date.UTC(context.year, month, lastDay, 22, 45))
      : new Date(
          Date.UTC(
            context.year,
            month,
            1 + Math.floor(random() * (lastDay - 1)),
            6 + Math.floor(random() * 12),
            Math.floor(random() * 60),
          ),
        );
  // 0: 30 min, 1: 90 min, 2: 5 h, 3: 30 h, 4: no response; independent of the mailbox.
  const bucket = (i + Math.floor(i / 5)) % 5;
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
  return {
    conversation,
    slug,
    created,
    spam,
    deleted,
    threads: threads.length,
    replies,
    firstResponse,
    rating,
    departement,
  };
}
