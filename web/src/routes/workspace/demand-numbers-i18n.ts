/**
 * Texts of the ticket's numéros uniques (issue 20 §3). French first, then
 * English; kept apart from workspace-i18n.ts.
 */
import { useI18n } from '../../i18n.ts';

const fr = {
  title: 'Numéros uniques',
  none: 'Aucun numéro unique repéré dans ce ticket.',
  fromText: 'Repéré dans un message',
  byAgent: 'Ajouté à la main',
  remove: (numero: string) => `Retirer le numéro ${numero}`,
  addLabel: 'Ajouter un numéro unique',
  addPlaceholder: '035 0320 012345 AB12C',
  add: 'Ajouter',
  sameDemand: 'Autres tickets sur cette demande',
  noSameDemand: 'Aucun autre ticket sur ces demandes.',
  failed: 'L’enregistrement a échoué. Réessayez.',
};

export type DemandNumberMessages = typeof fr;

const en: DemandNumberMessages = {
  title: 'Demand numbers',
  none: 'No demand number found in this ticket.',
  fromText: 'Found in a message',
  byAgent: 'Added by hand',
  remove: (numero: string) => `Remove number ${numero}`,
  addLabel: 'Add a demand number',
  addPlaceholder: '035 0320 012345 AB12C',
  add: 'Add',
  sameDemand: 'Other tickets about this demand',
  noSameDemand: 'No other ticket about these demands.',
  failed: 'Saving failed. Try again.',
};

export function useDemandNumberI18n(): DemandNumberMessages {
  const { language } = useI18n();
  return language === 'en' ? en : fr;
}
