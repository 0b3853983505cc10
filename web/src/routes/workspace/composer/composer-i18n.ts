/**
 * Texts of the composer (issue 19 §1–§2): editor controls, files, copies,
 * drafts, "Annuler l'envoi", mentions, forwarding, new conversations and
 * moving a ticket. French first, then English; kept beside the composer.
 */
import { composerLimits, undoSendSeconds } from '@shared/composer-contracts.ts';
import { useI18n } from '../../../i18n.ts';

const megabytes = (bytes: number) => Math.round(bytes / (1024 * 1024));

const fr = {
  toolbar: {
    boldControlLabel: 'Gras',
    italicControlLabel: 'Italique',
    bulletListControlLabel: 'Liste à puces',
    orderedListControlLabel: 'Liste numérotée',
    blockquoteControlLabel: 'Citation',
    linkControlLabel: 'Lien',
    unlinkControlLabel: 'Retirer le lien',
    linkEditorInputLabel: 'Adresse du lien',
    linkEditorInputPlaceholder: 'https://exemple.org/',
    linkEditorExternalLink: 'Ouvrir dans un nouvel onglet',
    linkEditorInternalLink: 'Ouvrir dans le même onglet',
    linkEditorSave: 'Enregistrer',
  },
  toolbarLabel: 'Mise en forme',
  editorLabel: { reply: 'Votre réponse', note: 'Note interne' },
  placeholder: {
    reply: 'Écrivez votre réponse… (glissez ou collez un fichier ou une image)',
    note: 'Note pour l’équipe… tapez @ pour mentionner un collègue',
  },
  to: 'À',
  cc: 'Cc',
  bcc: 'Cci',
  addCc: 'Ajouter Cc / Cci',
  addressHint: 'Adresse e-mail, puis Entrée',
  attach: 'Joindre un fichier',
  limits: `PDF, JPEG, PNG ou Word (DOCX) · ${megabytes(composerLimits.maxBytes)} Mo par fichier, ${composerLimits.maxFiles} fichiers et ${megabytes(composerLimits.maxTotalBytes)} Mo au total`,
  dropHere: 'Déposez les fichiers pour les joindre',
  uploading: 'Envoi du fichier…',
  removeFile: (name: string) => `Retirer ${name}`,
  pastedImage: 'image collée',
  tooLarge: (name: string) =>
    `${name} dépasse ${megabytes(composerLimits.maxBytes)} Mo : il n’a pas été joint.`,
  draftSaved: 'Brouillon enregistré',
  draftSaving: 'Enregistrement du brouillon…',
  draftRestored: 'Brouillon retrouvé',
  variablesHelp: 'Variables : {{prenom}}, {{numero_ticket}}, {{numero_unique}}, {{signature}}',
  queued: (seconds: number) => `Réponse envoyée dans ${seconds} s.`,
  undo: 'Annuler l’envoi',
  undone: 'Envoi annulé : la réponse est revenue dans l’éditeur.',
  undoSeconds: undoSendSeconds,
  sent: 'Envoyé.',
  noteAdded: 'Note ajoutée.',
  mentionPicker: 'Mentionner un collègue',
  mentioned: (names: string) => `Sera notifié : ${names}`,
  forward: 'Transférer',
  forwardTitle: 'Transférer à un tiers',
  forwardTo: 'Destinataires',
  forwardWhat: 'Quoi',
  forwardAll: 'Toute la conversation',
  forwardMessage: (label: string) => `Le message : ${label}`,
  forwardNote: 'Votre message (facultatif)',
  forwardHelp:
    'Les pièces jointes partent avec. Les réponses du tiers reviennent dans ce ticket en notes internes.',
  forwardSend: 'Transférer',
  forwarded: 'Transfert envoyé.',
  cancel: 'Annuler',
  newConversation: 'Écrire',
  newConversationTitle: 'Écrire à un contact ou une organisation',
  mailbox: 'Boîte d’envoi',
  recipient: 'Destinataire',
  recipientHint: 'Nom, adresse ou organisation',
  subject: 'Objet',
  message: 'Message',
  start: 'Envoyer',
  moveLabel: 'Déplacer vers la boîte',
  move: 'Déplacer',
  moved: (mailbox: string) =>
    `Ticket déplacé dans « ${mailbox} » : classez-le avec les champs de cette boîte.`,
};

export type ComposerMessages = typeof fr;

const en: ComposerMessages = {
  ...fr,
  toolbar: {
    boldControlLabel: 'Bold',
    italicControlLabel: 'Italic',
    bulletListControlLabel: 'Bulleted list',
    orderedListControlLabel: 'Numbered list',
    blockquoteControlLabel: 'Quote',
    linkControlLabel: 'Link',
    unlinkControlLabel: 'Remove link',
    linkEditorInputLabel: 'Link address',
    linkEditorInputPlaceholder: 'https://example.org/',
    linkEditorExternalLink: 'Open in a new tab',
    linkEditorInternalLink: 'Open in the same tab',
    linkEditorSave: 'Save',
  },
  toolbarLabel: 'Formatting',
  editorLabel: { reply: 'Your reply', note: 'Internal note' },
  placeholder: {
    reply: 'Write your reply… (drop or paste a file or an image)',
    note: 'Note for the team… type @ to mention a colleague',
  },
  to: 'To',
  addCc: 'Add Cc / Bcc',
  bcc: 'Bcc',
  addressHint: 'E-mail address, then Enter',
  attach: 'Attach a file',
  limits: `PDF, JPEG, PNG or Word (DOCX) · ${megabytes(composerLimits.maxBytes)} MB per file, ${composerLimits.maxFiles} files and ${megabytes(composerLimits.maxTotalBytes)} MB in all`,
  dropHere: 'Drop the files to attach them',
  uploading: 'Uploading…',
  removeFile: (name: string) => `Remove ${name}`,
  pastedImage: 'pasted image',
  tooLarge: (name: string) =>
    `${name} is larger than ${megabytes(composerLimits.maxBytes)} MB: not attached.`,
  draftSaved: 'Draft saved',
  draftSaving: 'Saving draft…',
  draftRestored: 'Draft restored',
  variablesHelp: 'Variables: {{prenom}}, {{numero_ticket}}, {{numero_unique}}, {{signature}}',
  queued: (seconds: number) => `Reply leaves in ${seconds} s.`,
  undo: 'Undo send',
  undone: 'Send undone: the reply is back in the editor.',
  sent: 'Sent.',
  noteAdded: 'Note added.',
  mentionPicker: 'Mention a colleague',
  mentioned: (names: string) => `Will be notified: ${names}`,
  forward: 'Forward',
  forwardTitle: 'Forward to a third party',
  forwardTo: 'Recipients',
  forwardWhat: 'What',
  forwardAll: 'The whole conversation',
  forwardMessage: (label: string) => `The message: ${label}`,
  forwardNote: 'Your message (optional)',
  forwardHelp:
    'Attachments go with it. The third party’s answers come back to this ticket as internal notes.',
  forwardSend: 'Forward',
  forwarded: 'Forward sent.',
  cancel: 'Cancel',
  newConversation: 'Write',
  newConversationTitle: 'Write to a contact or an organisation',
  mailbox: 'Send from',
  recipient: 'Recipient',
  recipientHint: 'Name, address or organisation',
  subject: 'Subject',
  message: 'Message',
  start: 'Send',
  moveLabel: 'Move to mailbox',
  move: 'Move',
  moved: (mailbox: string) =>
    `Ticket moved to “${mailbox}”: classify it with that mailbox’s fields.`,
};

export const composerMessages: Record<'fr' | 'en', ComposerMessages> = { fr, en };

export function useComposerI18n(): ComposerMessages {
  const { language } = useI18n();
  return language === 'en' ? en : fr;
}
