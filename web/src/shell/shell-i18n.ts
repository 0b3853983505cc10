/**
 * Texts of the application shell (header, side navigation, the "page not
 * found" and "access refused" pages, display preferences), French first then
 * English. Kept beside the shell so other pages' dictionaries stay untouched.
 */
import { useI18n } from '../i18n.ts';

const fr = {
  openMenu: 'Ouvrir le menu',
  closeMenu: 'Fermer le menu',
  ticketsNav: 'Boîtes et dossiers',
  ticketsHeading: 'Tickets',
  allMailboxes: 'Toutes les boîtes',
  live: 'Mises à jour en direct',
  liveOff: 'Connexion en direct perdue, reconnexion…',
  notFoundTitle: 'Page introuvable',
  notFoundText: 'Cette adresse ne correspond à aucune page de Guichet.',
  forbiddenTitle: 'Accès refusé',
  forbiddenText: (role: string) =>
    `Votre rôle (${role}) ne permet pas d’ouvrir cette page. Demandez l’accès à un administrateur.`,
  backHome: 'Retour à l’accueil',
  display: 'Affichage',
  appearance: 'Apparence',
  colorSchemes: { light: 'Clair', dark: 'Sombre' },
  density: 'Densité des listes',
  densities: { comfortable: 'Confortable', compact: 'Compacte' },
  preferencesSaved: 'Préférence enregistrée.',
};

export type ShellMessages = typeof fr;

const en: ShellMessages = {
  openMenu: 'Open the menu',
  closeMenu: 'Close the menu',
  ticketsNav: 'Mailboxes and folders',
  ticketsHeading: 'Tickets',
  allMailboxes: 'All mailboxes',
  live: 'Live updates',
  liveOff: 'Live connection lost, reconnecting…',
  notFoundTitle: 'Page not found',
  notFoundText: 'This address matches no page of Guichet.',
  forbiddenTitle: 'Access refused',
  forbiddenText: (role: string) =>
    `Your role (${role}) may not open this page. Ask an administrator for access.`,
  backHome: 'Back to the start page',
  display: 'Display',
  appearance: 'Appearance',
  colorSchemes: { light: 'Light', dark: 'Dark' },
  density: 'List density',
  densities: { comfortable: 'Comfortable', compact: 'Compact' },
  preferencesSaved: 'Preference saved.',
};

export function useShellI18n(): ShellMessages {
  return useI18n().language === 'en' ? en : fr;
}
