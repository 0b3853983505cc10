/**
 * Year-over-year changes (SPEC §4): counts as a % change (`percentChange`,
 * src/shared/reports/format.ts), shares as a change in points between the
 * rounded shares that the report prints.
 */

export const changesDefinition = {
  term: 'Évolutions',
  text:
    'Les nombres de tickets et de réponses sont comparés à la même période de l’année précédente en % d’évolution, ' +
    'arrondi à l’unité ; les parts (temps de réponse, satisfaction) en points d’écart entre les pourcentages affichés.',
};

export const percentagesDefinition = {
  term: 'Pourcentages',
  text:
    'Calculés à partir des nombres de tickets, arrondis au plus proche (la moitié vers le haut), avec le nombre ' +
    'de décimales de chaque tableau. Dans les graphiques, les plus petites valeurs sont regroupées sous « Autre » ; ' +
    'les tableaux listent toujours toutes les valeurs.',
};
