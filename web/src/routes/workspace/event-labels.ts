/**
 * The thread's events that the workspace's own texts do not name: what a Help
 * Scout import kept (`helpscout.lineitem`, `helpscout.forwardparent`, …) and
 * any event type a newer version records. Help Scout wrote its line items in
 * English ("Marked as Closed", "Assigned to Anne"): the usual ones are said
 * again in the page's language, the others by what they are. Never the raw
 * type. Pure.
 */

type Language = 'fr' | 'en';

const helpScoutStatuses: Record<string, { fr: string; en: string }> = {
  active: { fr: 'Ouvert', en: 'Open' },
  open: { fr: 'Ouvert', en: 'Open' },
  pending: { fr: 'En attente', en: 'Pending' },
  closed: { fr: 'Fermé', en: 'Closed' },
  spam: { fr: 'Indésirable', en: 'Spam' },
};

const kinds: Record<string, { fr: string; en: string }> = {
  forwardparent: { fr: 'Message transféré', en: 'Message forwarded' },
  forwardchild: { fr: 'Ticket créé par un transfert', en: 'Ticket created by a forward' },
  chat: { fr: 'Discussion en direct', en: 'Live chat' },
  draft: { fr: 'Brouillon jamais envoyé', en: 'Draft never sent' },
};

const origin = { fr: ' (historique Help Scout)', en: ' (Help Scout history)' };

/** What a Help Scout line item said, in `language`; null when it is not a usual one. */
function lineItemText(text: string, language: Language): string | null {
  const status = /\bmarked as (\w+)/i.exec(text)?.[1]?.toLowerCase();
  if (status) {
    const words = helpScoutStatuses[status];
    if (words) return language === 'fr' ? `Statut : ${words.fr}` : `Status: ${words.en}`;
  }
  if (/\bunassigned\b/i.test(text)) return language === 'fr' ? 'Désassigné' : 'Unassigned';
  const assignee = /\bassigned to (.{1,200})$/i.exec(text.trim())?.[1]?.trim();
  if (assignee) {
    // "Assigned to yourself" and the like are Help Scout's words, not a name.
    if (/^(you|yourself|me|anyone)$/i.test(assignee))
      return language === 'fr' ? 'Assigné' : 'Assigned';
    return language === 'fr' ? `Assigné à ${assignee}` : `Assigned to ${assignee}`;
  }
  if (/\bmoved\b/i.test(text))
    return language === 'fr' ? 'Déplacé depuis une autre boîte' : 'Moved from another mailbox';
  if (/\bmerged\b/i.test(text)) return language === 'fr' ? 'Tickets fusionnés' : 'Tickets merged';
  return null;
}

/** An event type the workspace's texts do not name, in words. */
export function otherEventLabel(
  type: string,
  data: Record<string, unknown>,
  language: Language,
): string {
  if (type.startsWith('helpscout.')) {
    const kind = type.slice('helpscout.'.length);
    if (kind === 'lineitem') {
      const action = data.action as { text?: unknown } | undefined;
      const said = typeof action?.text === 'string' ? lineItemText(action.text, language) : null;
      const fallback = language === 'fr' ? 'Modification du ticket' : 'Ticket changed';
      return `${said ?? fallback}${origin[language]}`;
    }
    const words = kinds[kind];
    if (words) return `${words[language]}${origin[language]}`;
    return `${language === 'fr' ? 'Élément importé' : 'Imported item'}${origin[language]}`;
  }
  return language === 'fr' ? 'Événement' : 'Event';
}
