/** Texts of the incidents page and banner (issue 20 §2). French first, then English. */
import { useI18n } from '../../i18n.ts';

const fr = {
  title: 'Incidents',
  intro:
    'Un incident connu se déclare une fois : Guichet propose les tickets qu’il a causés, y lie les nouveaux à leur arrivée, et une seule réponse part vers chacun.',
  declare: 'Déclarer un incident',
  edit: 'Modifier',
  incidentTitle: 'Titre',
  module: 'Module concerné',
  anyModule: 'Non précisé',
  startedAt: 'Début (date et heure)',
  publicText: 'Texte public (aide en ligne et page « État du service »)',
  save: 'Enregistrer',
  ongoing: 'En cours',
  resolved: 'Résolu',
  none: 'Aucun incident déclaré.',
  linkedCount: (linked: number, answered: number) =>
    `${linked} ticket${linked > 1 ? 's' : ''} lié${linked > 1 ? 's' : ''}, ${answered} répondu${answered > 1 ? 's' : ''}`,
  open: 'Ouvrir',
  suggestions: 'Tickets suggérés',
  noSuggestion: 'Aucun ticket à proposer.',
  sameModule: 'même module',
  link: (n: number) => `Lier ${n} ticket${n > 1 ? 's' : ''}`,
  linked: 'Tickets liés',
  noLinked: 'Aucun ticket lié pour l’instant.',
  byGuichet: 'lié par Guichet',
  answered: 'répondu',
  unlink: 'Délier',
  answerAll: 'Répondre à tous les tickets liés',
  answerHint: 'Chaque ticket reçoit sa propre réponse, une seule fois.',
  send: 'Envoyer à tous',
  resolve: 'Résoudre l’incident',
  resolveHint: 'Ce message final part vers chaque ticket lié, qui est ensuite fermé.',
  resolveSend: 'Résoudre et fermer les tickets',
  sent: (sent: number, failed: number) =>
    `${sent} réponse${sent > 1 ? 's' : ''} envoyée${sent > 1 ? 's' : ''}${failed > 0 ? `, ${failed} impossible${failed > 1 ? 's' : ''}` : ''}.`,
  banner: 'Incident en cours :',
  bannerLink: 'Voir les incidents',
  statusPage: 'Page publique « État du service »',
};

export type IncidentMessages = typeof fr;

const en: IncidentMessages = {
  title: 'Incidents',
  intro:
    'Declare a known incident once: Guichet suggests the tickets it caused, links new ones as they arrive, and one answer goes to each.',
  declare: 'Declare an incident',
  edit: 'Edit',
  incidentTitle: 'Title',
  module: 'Module affected',
  anyModule: 'Not said',
  startedAt: 'Start (date and time)',
  publicText: 'Public text (help centre and "Service status" page)',
  save: 'Save',
  ongoing: 'Ongoing',
  resolved: 'Resolved',
  none: 'No incident declared.',
  linkedCount: (linked: number, answered: number) => `${linked} linked, ${answered} answered`,
  open: 'Open',
  suggestions: 'Suggested tickets',
  noSuggestion: 'No ticket to suggest.',
  sameModule: 'same module',
  link: (n: number) => `Link ${n} ticket${n > 1 ? 's' : ''}`,
  linked: 'Linked tickets',
  noLinked: 'No linked ticket yet.',
  byGuichet: 'linked by Guichet',
  answered: 'answered',
  unlink: 'Unlink',
  answerAll: 'Answer every linked ticket',
  answerHint: 'Each ticket gets its own answer, once.',
  send: 'Send to all',
  resolve: 'Resolve the incident',
  resolveHint: 'This final message goes to every linked ticket, which is then closed.',
  resolveSend: 'Resolve and close the tickets',
  sent: (sent: number, failed: number) =>
    `${sent} answer${sent > 1 ? 's' : ''} sent${failed > 0 ? `, ${failed} failed` : ''}.`,
  banner: 'Ongoing incident:',
  bannerLink: 'See the incidents',
  statusPage: 'Public "Service status" page',
};

export function useIncidentI18n(): IncidentMessages {
  const { language } = useI18n();
  return language === 'en' ? en : fr;
}
