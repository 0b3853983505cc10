/**
 * Step 1 of the contact form: the Demandeurs natures of SPEC §3 (table 02-D)
 * worded for the public, each filed under its internal value. Data: a
 * supervisor rewords, reorders or remaps them (`portal_natures`). "En attente"
 * is an agent's working state, not something an applicant picks.
 */
export type PublicNature = { key: string; label: string; hint?: string; internal: string };

export const publicNatures: PublicNature[] = [
  {
    key: 'identifiants-oublies',
    label: 'J’ai oublié mon identifiant ou mon mot de passe',
    internal: 'Oubli infos de connexion',
  },
  {
    key: 'mail-non-recu',
    label: 'Je n’ai pas reçu le mail d’activation ou de nouveau mot de passe',
    internal: 'Mail activation ou réinitialisation MDP non reçu',
  },
  {
    key: 'activation',
    label: 'Je n’arrive pas à activer mon espace personnel',
    internal: 'Pb activation espace personnel',
  },
  {
    key: 'nouvel-identifiant',
    label: 'J’ai changé d’identifiant et il n’est pas confirmé',
    internal: 'Pb nouvel identifiant non confirmé par ddeur',
  },
  {
    key: 'modifier-connexion',
    label: 'Je veux changer mon adresse e-mail ou mes informations de connexion',
    internal: 'Dde modification infos de connexion',
  },
  { key: 'saisie', label: 'J’ai du mal à remplir ma demande', internal: 'Difficulté saisie infos' },
  {
    key: 'pieces',
    label: 'Je n’arrive pas à déposer mes documents (pièces justificatives)',
    internal: 'Pb enregistrement des pièces justif.',
  },
  {
    key: 'renouveler-modifier',
    label: 'Je veux renouveler, modifier ou créer ma demande',
    internal: 'Dde modif ou creation ou rmtv demande',
  },
  {
    key: 'bouton-absent',
    label: 'Je ne vois pas le bouton « Renouveler » ou « Valider »',
    internal: 'Ne voit pas le bouton renouveler ou valider',
  },
  {
    key: 'validation-impossible',
    label: 'Je n’arrive pas à valider ma demande',
    internal: 'Validation dde impossible',
  },
  {
    key: 'attente-validation',
    label: 'Ma demande est toujours « en attente de validation »',
    internal: 'Dde tjrs en attente de validation',
  },
  { key: 'annuler', label: 'Je veux annuler ma demande', internal: 'Dde annulation dde' },
  {
    key: 'codemandeur',
    label: 'Je veux ajouter ou retirer une personne de ma demande (codemandeur)',
    internal: 'Dde suppression/ajout codemandeur',
  },
  {
    key: 'demande-inaccessible',
    label: 'Ma demande n’est plus accessible',
    internal: 'Dde inaccessible (NR AR AN SA ou supprimée)',
  },
  {
    key: 'caleol',
    label: 'Ma demande est passée en commission d’attribution (CALEOL)',
    internal: 'Dde inaccessible car inscrite en CAL',
  },
  { key: 'doublon', label: 'Ma demande a été invalidée comme doublon', internal: 'Doublon' },
  {
    key: 'demande-retournee',
    label: 'J’ai reçu un mail me disant que ma demande m’est retournée',
    internal: 'Dde infos suite réception mail dde retournée',
  },
  {
    key: 'suivi',
    label: 'J’ai une question sur la procédure ou le suivi de mon dossier',
    internal: 'Dde infos procédure ou suivi dossier',
  },
  {
    key: 'confirmation',
    label: 'Je veux savoir si ma demande est bien enregistrée ou renouvelée',
    internal: 'Dde confirmation dde créée ou rnvlee',
  },
  {
    key: 'urgence',
    label: 'Ma situation est urgente',
    internal: 'Dde prise en compte dossier urgent',
  },
  {
    key: 'technique',
    label: 'Le site ne fonctionne pas (message d’erreur, page blanche…)',
    internal: 'Problème technique',
  },
  { key: 'autre', label: 'Autre question', internal: 'Autre' },
];
