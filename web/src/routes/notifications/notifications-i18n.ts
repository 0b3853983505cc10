/**
 * Texts of the notifications (issue 18 §4: the bell, the profile's choices)
 * and of a ticket's snooze and follow-up (§2), French first then English.
 */
import type { NotificationDto, NotificationKind } from '@shared/notification-contracts.ts';
import { useI18n } from '../../i18n.ts';

type Language = 'fr' | 'en';

const clock = (iso: string, language: Language): string =>
  new Date(iso).toLocaleString(language === 'fr' ? 'fr-FR' : 'en-GB', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  });

const hour = (iso: string, language: Language): string =>
  new Date(iso).toLocaleTimeString(language === 'fr' ? 'fr-FR' : 'en-GB', {
    hour: '2-digit',
    minute: '2-digit',
  });

const fr = {
  bell: (unread: number) =>
    unread === 0 ? 'Notifications' : `Notifications, ${unread} non lue${unread > 1 ? 's' : ''}`,
  heading: 'Notifications',
  empty: 'Aucune notification.',
  markAllRead: 'Tout marquer comme lu',
  markRead: 'Marquer comme lu',
  unreadBadge: 'non lue',
  loadFailed: 'Les notifications n’ont pas pu être chargées.',
  enableDesktop: 'Activer les notifications du bureau',
  desktopDenied: 'Le navigateur refuse les notifications du bureau pour ce site.',
  headline: (n: NotificationDto): string => {
    switch (n.kind) {
      case 'new_ticket':
        return 'Nouveau ticket';
      case 'assigned':
        return n.actorName ? `${n.actorName} vous a attribué ce ticket` : 'Ticket attribué';
      case 'customer_reply':
        return 'Le client a répondu';
      case 'mention':
        return `${n.actorName ?? 'Un collègue'} vous a mentionné`;
      case 'target':
        return n.target?.missed
          ? `Objectif dépassé (${hour(n.target.dueAt, 'fr')})`
          : `Échéance proche (${n.target ? hour(n.target.dueAt, 'fr') : '—'})`;
    }
  },
  preferences: 'Notifications',
  preferencesIntro:
    'Choisissez ce dont Guichet vous prévient, dans l’application (cloche et bureau) et par e-mail.',
  kinds: {
    new_ticket: 'Nouveau ticket dans mes boîtes',
    assigned: 'Ticket qui m’est attribué',
    customer_reply: 'Réponse du client sur mes tickets',
    mention: 'Mention @ dans une note interne',
    target: 'Objectif de réponse bientôt ou déjà dépassé',
  } satisfies Record<NotificationKind, string>,
  kindColumn: 'Événement',
  inApp: 'Dans l’application',
  byMail: 'Par e-mail',
  mailMode: 'Envoi des e-mails',
  immediate: 'Immédiatement',
  digest: 'En résumé',
  digestMinutes: 'Résumé toutes les (minutes)',
  desktop: 'Notifications du bureau tant que Guichet est ouvert',
  save: 'Enregistrer mes notifications',
  saved: 'Choix de notifications enregistrés.',
  // snooze and follow-up
  snooze: 'Mettre en attente',
  snoozeUntil: 'En attente jusqu’au',
  snoozeSave: 'Mettre en attente',
  wake: 'Reprendre maintenant',
  snoozedBadge: (iso: string) => `En attente jusqu’au ${clock(iso, 'fr')}`,
  followUp: 'Relance',
  followUpDays: 'Sans réponse du client dans (jours)',
  followUpAction: 'Alors',
  remind: 'Relancer',
  close: 'Fermer le ticket',
  followUpReply: 'Message de relance (réponse enregistrée)',
  followUpSave: 'Programmer',
  followUpRemove: 'Annuler la relance',
  followUpBadge: (iso: string, action: 'remind' | 'close') =>
    `${action === 'remind' ? 'Relance' : 'Fermeture'} le ${clock(iso, 'fr')} sans réponse`,
  noSavedReply: 'Aucune réponse enregistrée : créez-en une pour relancer.',
  waitEvent: (type: string, data: Record<string, unknown>): string | null => {
    switch (type) {
      case 'snoozed':
        return typeof data.until === 'string'
          ? `Mis en attente jusqu’au ${clock(data.until, 'fr')}`
          : 'Mis en attente';
      case 'snooze_ended':
        return data.reason === 'customer_reply'
          ? 'Fin de l’attente : le client a répondu'
          : data.reason === 'time'
            ? 'Fin de l’attente : le ticket revient'
            : 'Fin de l’attente';
      case 'follow_up_set':
        return typeof data.at === 'string'
          ? `Relance programmée : ${data.action === 'close' ? 'fermeture' : `« ${String(data.replyName ?? '')} »`} le ${clock(data.at, 'fr')} sans réponse du client`
          : 'Relance programmée';
      case 'follow_up_cancelled':
        return data.reason === 'customer_reply'
          ? 'Relance annulée : le client a répondu'
          : 'Relance annulée';
      case 'follow_up_fired':
        if (data.done === false)
          return data.action === 'close'
            ? 'Relance : fermeture impossible (champs requis)'
            : 'Relance : message non envoyé (adresse ou réponse enregistrée manquante)';
        return data.action === 'close'
          ? 'Ticket fermé sans réponse du client'
          : 'Relance envoyée au client';
      default:
        return null;
    }
  },
};

const en: typeof fr = {
  bell: (unread) => (unread === 0 ? 'Notifications' : `Notifications, ${unread} unread`),
  heading: 'Notifications',
  empty: 'No notifications.',
  markAllRead: 'Mark all as read',
  markRead: 'Mark as read',
  unreadBadge: 'unread',
  loadFailed: 'The notifications could not be loaded.',
  enableDesktop: 'Turn on desktop notifications',
  desktopDenied: 'The browser refuses desktop notifications for this site.',
  headline: (n) => {
    switch (n.kind) {
      case 'new_ticket':
        return 'New ticket';
      case 'assigned':
        return n.actorName ? `${n.actorName} assigned this ticket to you` : 'Ticket assigned';
      case 'customer_reply':
        return 'The customer answered';
      case 'mention':
        return `${n.actorName ?? 'A colleague'} mentioned you`;
      case 'target':
        return n.target?.missed
          ? `Target missed (${hour(n.target.dueAt, 'en')})`
          : `Due soon (${n.target ? hour(n.target.dueAt, 'en') : '—'})`;
    }
  },
  preferences: 'Notifications',
  preferencesIntro: 'Choose what Guichet tells you, in the app (bell and desktop) and by e-mail.',
  kinds: {
    new_ticket: 'New ticket in my mailboxes',
    assigned: 'Ticket assigned to me',
    customer_reply: 'Customer answer on my tickets',
    mention: '@mention in an internal note',
    target: 'Response target about to be missed or missed',
  },
  kindColumn: 'Event',
  inApp: 'In the app',
  byMail: 'By e-mail',
  mailMode: 'E-mail sending',
  immediate: 'At once',
  digest: 'As a digest',
  digestMinutes: 'Digest every (minutes)',
  desktop: 'Desktop notifications while Guichet is open',
  save: 'Save my notifications',
  saved: 'Notification choices saved.',
  snooze: 'Snooze',
  snoozeUntil: 'Snoozed until',
  snoozeSave: 'Snooze',
  wake: 'Resume now',
  snoozedBadge: (iso) => `Snoozed until ${clock(iso, 'en')}`,
  followUp: 'Follow-up',
  followUpDays: 'Without the customer’s answer in (days)',
  followUpAction: 'Then',
  remind: 'Remind',
  close: 'Close the ticket',
  followUpReply: 'Reminder (saved reply)',
  followUpSave: 'Schedule',
  followUpRemove: 'Cancel the follow-up',
  followUpBadge: (iso, action) =>
    `${action === 'remind' ? 'Reminder' : 'Closing'} on ${clock(iso, 'en')} without an answer`,
  noSavedReply: 'No saved reply: create one to send reminders.',
  waitEvent: (type, data) => {
    switch (type) {
      case 'snoozed':
        return typeof data.until === 'string'
          ? `Snoozed until ${clock(data.until, 'en')}`
          : 'Snoozed';
      case 'snooze_ended':
        return data.reason === 'customer_reply'
          ? 'Snooze ended: the customer answered'
          : 'Snooze ended';
      case 'follow_up_set':
        return 'Follow-up scheduled';
      case 'follow_up_cancelled':
        return data.reason === 'customer_reply'
          ? 'Follow-up cancelled: the customer answered'
          : 'Follow-up cancelled';
      case 'follow_up_fired':
        if (data.done === false) return 'Follow-up could not be done';
        return data.action === 'close'
          ? 'Closed without the customer’s answer'
          : 'Reminder sent to the customer';
      default:
        return null;
    }
  },
};

export const notificationTexts = { fr, en };

export function useNotificationsI18n(): typeof fr {
  return notificationTexts[useI18n().language];
}
