/**
 * The acknowledgement of a contact-form ticket: the number to quote and what
 * the support can and cannot do (SPEC §2), so the applicant knows what to
 * expect. `{{ticket}}` and `{{subject}}` are filled by the mail composer.
 */
export const formAcknowledgement = {
  subject: 'Votre demande d’aide n° {{ticket}} est bien enregistrée',
  body: [
    'Bonjour,',
    '',
    'Nous avons bien reçu votre message (« {{subject}} »). Il est enregistré sous le numéro {{ticket}} :',
    'indiquez ce numéro si vous nous écrivez à nouveau. Pour compléter votre message, répondez simplement à ce mail.',
    '',
    'Ce que le support peut faire : vous aider à utiliser le site de la demande de logement social',
    '(connexion, saisie, pièces justificatives, renouvellement, messages reçus).',
    'Ce qu’il ne peut pas faire : attribuer un logement, accélérer une attribution ou se prononcer sur votre dossier ;',
    'ces questions relèvent du bailleur ou du service qui a enregistré votre demande.',
    '',
    'Nous vous répondons par e-mail, en général sous deux jours ouvrés.',
    '',
    'Ceci est un message automatique.',
  ].join('\n'),
};
