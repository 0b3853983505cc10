/**
 * A ticket's due time as people read it (issue 18): "à répondre dans 23 min",
 * "en retard de 2 h". Pure: the time now is given.
 */
import type { Language } from '@shared/contracts.ts';
import type { DueKind } from '@shared/targets-contracts.ts';

/** How near: `late` (passed), `soon` (within the hour), `later`. */
export type DueUrgency = 'late' | 'soon' | 'later';

export type DueText = { text: string; urgency: DueUrgency };

const minuteMs = 60_000;

/**
 * A span in minutes, hours and days, coarser as it grows: "23 min", "2 h",
 * "2 h 15", "3 j", "1 j 4 h" (English: "23 min", "2 h", "2 h 15", "3 d", "1 d 4 h").
 * Under a minute reads as one minute.
 */
export function formatSpan(ms: number, language: Language = 'fr'): string {
  const minutes = Math.max(1, Math.floor(Math.abs(ms) / minuteMs));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) {
    const rest = minutes % 60;
    return rest === 0 ? `${hours} h` : `${hours} h ${String(rest).padStart(2, '0')}`;
  }
  const days = Math.floor(hours / 24);
  const restHours = hours % 24;
  const day = language === 'en' ? 'd' : 'j';
  return restHours === 0 ? `${days} ${day}` : `${days} ${day} ${restHours} h`;
}

const verbs: Record<Language, Record<DueKind, string>> = {
  fr: { first_response: 'à répondre', next_response: 'à répondre', resolution: 'à résoudre' },
  en: { first_response: 'reply', next_response: 'reply', resolution: 'resolve' },
};

/** The due time relative to `now`; an unreadable time gives null. */
export function formatDue(
  due: { at: string; kind: DueKind },
  now: Date,
  language: Language = 'fr',
): DueText | null {
  const at = Date.parse(due.at);
  if (Number.isNaN(at)) return null;
  const left = at - now.getTime();
  if (left < 0) {
    const span = formatSpan(left, language);
    return {
      text: language === 'en' ? `late by ${span}` : `en retard de ${span}`,
      urgency: 'late',
    };
  }
  const span = formatSpan(left, language);
  const verb = verbs[language][due.kind];
  return {
    text: language === 'en' ? `${verb} within ${span}` : `${verb} dans ${span}`,
    urgency: left <= 60 * minuteMs ? 'soon' : 'later',
  };
}
