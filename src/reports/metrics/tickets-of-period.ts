/**
 * Tickets of a period (SPEC §4): tickets whose creation — their first message
 * — falls in the period, in Europe/Paris time. Spam and deleted tickets never
 * count. Breakdowns count each ticket under its value for a field, or under
 * "Non renseigné" when it has none; merged values count under the value they
 * were merged into.
 */
import type { PeriodTicketFacts } from './ticket-aggregates.ts';

export { aggregateTickets } from './ticket-aggregates.ts';

export const ticketsDefinition = {
  term: 'Tickets',
  text:
    'Un ticket compte dans la période où il a été créé (date de son premier message, heure de Paris : ' +
    'un message reçu le 1er janvier à 0 h 30 compte en janvier). Les spams et les tickets supprimés ne comptent jamais.',
};

export const missingValueDefinition = {
  term: 'Non renseigné',
  text: 'Tickets de la période sans valeur pour le champ : ils sont comptés à part plutôt qu’omis.',
};

/** Label of the row counting tickets without a value. */
export const MISSING_LABEL = 'Non renseigné';

export type ValueCount = { id: string; label: string; position: number; count: number };

export type FieldValueLabel = {
  id: string;
  label: string;
  position: number;
  mergedIntoId: string | null;
};

/**
 * Counts of one field for a period: every value the field offers (zeros
 * included, so tables are complete), merged values added to the value they
 * were merged into, then "Non renseigné" for tickets without a value.
 */
export function breakdownOfField(
  facts: PeriodTicketFacts,
  fieldId: string,
  values: FieldValueLabel[],
): { values: ValueCount[]; missing: number } {
  const byId = new Map(values.map((v) => [v.id, v]));
  const rootOf = (id: string): string => {
    let current = id;
    // follow merges; a cycle (which the schema does not forbid) stops at the first repeat
    for (const seen = new Set<string>(); !seen.has(current); ) {
      seen.add(current);
      const next = byId.get(current)?.mergedIntoId;
      if (!next) break;
      current = next;
    }
    return current;
  };
  const counts = new Map<string, number>();
  let withValue = 0;
  for (const [valueId, n] of facts.byValue.get(fieldId) ?? []) {
    const root = rootOf(valueId);
    counts.set(root, (counts.get(root) ?? 0) + n);
    withValue += n;
  }
  const rows = values
    .filter((v) => v.mergedIntoId === null)
    .map((v) => ({ id: v.id, label: v.label, position: v.position, count: counts.get(v.id) ?? 0 }));
  return { values: rows, missing: Math.max(0, facts.tickets - withValue) };
}
