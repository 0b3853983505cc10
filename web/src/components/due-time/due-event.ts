/** Words of the escalation lines of a ticket's history (issue 18): what was due, and when. */
const kindsFr: Record<string, string> = {
  first_response: 'première réponse',
  next_response: 'réponse',
  resolution: 'résolution',
};
const kindsEn: Record<string, string> = {
  first_response: 'first response',
  next_response: 'reply',
  resolution: 'resolution',
};

export const dueKindFr = (kind: unknown): string => kindsFr[String(kind)] ?? 'réponse';
export const dueKindEn = (kind: unknown): string => kindsEn[String(kind)] ?? 'reply';

/** The due time as a short Paris date and hour ("02/03 11:00"); "?" when unreadable. */
export function dueClock(at: unknown, language: 'fr' | 'en'): string {
  const time = Date.parse(String(at));
  if (Number.isNaN(time)) return '?';
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'fr-FR', {
    timeZone: 'Europe/Paris',
    day: '2-digit',
    month: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(time));
}
