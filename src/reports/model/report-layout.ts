/**
 * The seed report's layout, as data: titles and percentage decimals per
 * mailbox and field (01-C has no percentage column, 01-D/E/F one decimal,
 * 02-C none, 02-D two). Fields the seed does not know get one decimal.
 */

export type FieldLayout = { title: string; firstColumn: string; decimals: number | null };

const seedLayouts: Record<string, FieldLayout> = {
  'partenaires/departement': {
    title: 'Volumétrie et répartition par département',
    firstColumn: 'Départements',
    decimals: null,
  },
  'partenaires/nature': {
    title: 'Répartition par nature de problème',
    firstColumn: 'Nature de problème',
    decimals: 1,
  },
  'partenaires/module': {
    title: 'Répartition par module de l’application',
    firstColumn: 'Module de l’application',
    decimals: 1,
  },
  'partenaires/partner_type': {
    title: 'Répartition par type de partenaire',
    firstColumn: 'Type de partenaire',
    decimals: 1,
  },
  'demandeurs/departement': {
    title: 'Volumétrie et répartition par département',
    firstColumn: 'Départements',
    decimals: 0,
  },
  'demandeurs/nature': {
    title: 'Répartition par nature de problème',
    firstColumn: 'Nature du problème',
    decimals: 2,
  },
};

/** The layout of a field's table: the seed's when it has one, else a title from the field's label. */
export function fieldLayout(
  mailboxSlug: string,
  fieldKey: string,
  fieldLabel: string,
): FieldLayout {
  return (
    seedLayouts[`${mailboxSlug}/${fieldKey}`] ?? {
      title: `Répartition par ${fieldLabel.toLocaleLowerCase('fr')}`,
      firstColumn: fieldLabel,
      decimals: 1,
    }
  );
}

/** Part titles: one part per mailbox, then the review part. */
export function mailboxPartTitle(name: string): string {
  return `Le support aux ${name}`;
}

export const REVIEW_PART_TITLE = 'Bilans, évolutions et analyse des supports';

/** "Support partenaires" — how the seed names a mailbox in its review tables. */
export function supportName(name: string): string {
  return `Support ${name.toLocaleLowerCase('fr')}`;
}

/** Section letter for the n-th section of a part (0 → A). */
export const sectionLetter = (n: number): string => String.fromCharCode(65 + Math.min(n, 25));
