/** Texts of the response targets page (issue 18), French first then English, loaded with the page. */
import { useI18n } from '../../i18n.ts';

const fr = {
  title: 'Objectifs de réponse',
  intro:
    'Par boîte, éventuellement pour une valeur de champ ou un type d’organisation. Une modification s’applique aux tickets ouverts ensuite.',
  listHeading: 'Objectifs en vigueur',
  none: 'Aucun objectif pour l’instant.',
  columns: {
    mailbox: 'Boîte',
    scope: 'Tickets concernés',
    firstResponse: 'Première réponse',
    nextResponse: 'Réponse suivante',
    resolution: 'Résolution',
    hours: 'Heures',
    warn: 'Alerte avant',
    since: 'Depuis',
    actions: 'Actions',
  },
  wholeMailbox: 'Toute la boîte',
  removed: 'Supprimé',
  businessHours: 'Heures ouvrées',
  calendarHours: 'Heures calendaires',
  noDuration: '—',
  edit: 'Modifier',
  remove: 'Supprimer',
  confirmRemove: (mailbox: string) =>
    `Supprimer cet objectif de « ${mailbox} » pour les tickets ouverts à partir de maintenant ?`,
  history: (n: number) => `${n} version${n > 1 ? 's' : ''}`,
  formNew: 'Nouvel objectif',
  formEdit: 'Modifier l’objectif',
  mailbox: 'Boîte',
  chooseMailbox: 'Choisir une boîte',
  narrowing: 'Tickets concernés',
  organisationType: (label: string) => `Type d’organisation : ${label}`,
  firstResponse: 'Première réponse sous',
  nextResponse: 'Réponse suivante sous',
  resolution: 'Résolution sous',
  warnBefore: 'Prévenir l’agent assigné avant l’échéance',
  durationHint: 'Ex. : 45 min, 1 h, 1 h 30, 2 j. Vide : pas d’objectif.',
  useBusinessHours: 'Compter en heures ouvrées (jours fériés exclus)',
  save: 'Enregistrer',
  cancel: 'Annuler',
  saved: 'Objectif enregistré.',
  invalid: {
    firstResponse: 'Durée de première réponse illisible.',
    nextResponse: 'Durée de réponse suivante illisible.',
    resolution: 'Durée de résolution illisible.',
    warnBefore: 'Délai d’alerte illisible.',
    none: 'Indiquez au moins une durée.',
    mailbox: 'Choisissez une boîte.',
  },
};

export type TargetMessages = typeof fr;

const en: TargetMessages = {
  title: 'Response targets',
  intro:
    'Per mailbox, optionally for a field value or an organisation type. A change applies to tickets opened afterwards.',
  listHeading: 'Targets in force',
  none: 'No target yet.',
  columns: {
    mailbox: 'Mailbox',
    scope: 'Tickets',
    firstResponse: 'First response',
    nextResponse: 'Next response',
    resolution: 'Resolution',
    hours: 'Hours',
    warn: 'Warn before',
    since: 'Since',
    actions: 'Actions',
  },
  wholeMailbox: 'Whole mailbox',
  removed: 'Removed',
  businessHours: 'Business hours',
  calendarHours: 'Calendar hours',
  noDuration: '—',
  edit: 'Change',
  remove: 'Remove',
  confirmRemove: (mailbox: string) =>
    `Remove this target of “${mailbox}” for tickets opened from now on?`,
  history: (n: number) => `${n} version${n > 1 ? 's' : ''}`,
  formNew: 'New target',
  formEdit: 'Change the target',
  mailbox: 'Mailbox',
  chooseMailbox: 'Choose a mailbox',
  narrowing: 'Tickets',
  organisationType: (label: string) => `Organisation type: ${label}`,
  firstResponse: 'First response within',
  nextResponse: 'Next response within',
  resolution: 'Resolution within',
  warnBefore: 'Warn the assignee before the due time',
  durationHint: 'E.g. 45 min, 1 h, 1 h 30, 2 d. Empty: no target.',
  useBusinessHours: 'Count business hours (public holidays excluded)',
  save: 'Save',
  cancel: 'Cancel',
  saved: 'Target saved.',
  invalid: {
    firstResponse: 'Unreadable first-response duration.',
    nextResponse: 'Unreadable next-response duration.',
    resolution: 'Unreadable resolution duration.',
    warnBefore: 'Unreadable warning delay.',
    none: 'Give at least one duration.',
    mailbox: 'Choose a mailbox.',
  },
};

export function useTargetI18n(): TargetMessages {
  const { language } = useI18n();
  return language === 'en' ? en : fr;
}
