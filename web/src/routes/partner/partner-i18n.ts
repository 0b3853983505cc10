/** Texts of a partner's own view (issue 21 §5). */
import type { PartnerTicketStatus } from '@shared/partner-contracts.ts';
import { useI18n } from '../../i18n.ts';

export type PartnerMessages = {
  heading: (organisation: string) => string;
  ticketsHeading: string;
  none: string;
  choose: string;
  status: Record<PartnerTicketStatus, string>;
  fromPartner: string;
  fromDesk: string;
  replyLabel: string;
  send: string;
  sendFailed: string;
  loadFailed: string;
  logout: string;
};

const fr: PartnerMessages = {
  heading: (organisation) => `Dossiers de ${organisation}`,
  ticketsHeading: 'Vos dossiers',
  none: 'Aucun dossier pour votre organisation.',
  choose: 'Choisissez un dossier pour lire les échanges.',
  status: { active: 'En cours', pending: 'En attente de votre réponse', closed: 'Clos' },
  fromPartner: 'Vous',
  fromDesk: 'Le guichet',
  replyLabel: 'Votre message',
  send: 'Envoyer',
  sendFailed: 'Le message n’a pas pu être envoyé. Réessayez.',
  loadFailed: 'Les dossiers n’ont pas pu être chargés.',
  logout: 'Se déconnecter',
};

const en: PartnerMessages = {
  heading: (organisation) => `Cases of ${organisation}`,
  ticketsHeading: 'Your cases',
  none: 'No case for your organisation.',
  choose: 'Choose a case to read the thread.',
  status: { active: 'In progress', pending: 'Waiting for your answer', closed: 'Closed' },
  fromPartner: 'You',
  fromDesk: 'The desk',
  replyLabel: 'Your message',
  send: 'Send',
  sendFailed: 'The message could not be sent. Try again.',
  loadFailed: 'The cases could not be loaded.',
  logout: 'Log out',
};

export function usePartnerI18n() {
  const i18n = useI18n();
  return { ...i18n, p: i18n.language === 'en' ? en : fr };
}
