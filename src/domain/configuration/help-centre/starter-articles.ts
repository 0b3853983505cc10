/**
 * Starter articles on the applicants' frequent problems (issue 7). They are
 * DRAFTS written by the Guichet project, not the service's rules: they are
 * loaded unpublished with `needs_review`, and the editor says so until a
 * supervisor has checked and published each one. Plain French, no promise
 * about delays or decisions the support does not make.
 */
export type StarterCategory = { slug: string; title: string; description: string };
export type StarterArticle = {
  slug: string;
  category: string;
  title: string;
  natures: string[];
  body: string;
};

export const starterCategories: StarterCategory[] = [
  {
    slug: 'connexion',
    title: 'Se connecter',
    description: 'Identifiant, mot de passe, activation de l’espace personnel.',
  },
  {
    slug: 'ma-demande',
    title: 'Ma demande',
    description: 'Renouveler, annuler, déposer des documents, suivre sa demande.',
  },
  {
    slug: 'situations',
    title: 'Situations particulières',
    description: 'Demande en attente, doublon, demande inaccessible, commission d’attribution.',
  },
];

const lines = (...text: string[]) => text.join('\n');

export const starterArticles: StarterArticle[] = [
  {
    slug: 'identifiants-oublies',
    category: 'connexion',
    title: 'J’ai oublié mon identifiant ou mon mot de passe',
    natures: ['identifiants-oublies', 'modifier-connexion'],
    body: lines(
      'Sur la page de connexion, utilisez le lien **« Mot de passe oublié »**.',
      '',
      '1. Saisissez l’adresse e-mail que vous avez donnée en créant votre demande.',
      '2. Ouvrez le mail reçu et suivez le lien. Il n’est valable que peu de temps : utilisez-le rapidement.',
      '3. Choisissez un nouveau mot de passe.',
      '',
      'Si vous ne savez plus quelle adresse e-mail vous avez utilisée, essayez vos différentes adresses.',
      'Si aucune ne fonctionne, contactez-nous avec votre nom, votre prénom et, si vous l’avez, le numéro unique de votre demande.',
    ),
  },
  {
    slug: 'mail-activation-non-recu',
    category: 'connexion',
    title: 'Je n’ai pas reçu le mail d’activation ou de nouveau mot de passe',
    natures: ['mail-non-recu', 'activation', 'nouvel-identifiant'],
    body: lines(
      'Le mail peut mettre quelques minutes à arriver.',
      '',
      '- Regardez dans vos **courriers indésirables** (spam) et dans les autres dossiers de votre messagerie.',
      '- Vérifiez l’adresse e-mail saisie : une seule lettre différente et le mail part ailleurs.',
      '- Ne demandez pas plusieurs mails à la suite : seul le dernier lien fonctionne en général.',
      '',
      'Si vous n’avez toujours rien reçu après une heure, contactez-nous en indiquant l’adresse e-mail utilisée.',
    ),
  },
  {
    slug: 'renouveler-ou-annuler',
    category: 'ma-demande',
    title: 'Renouveler ou annuler ma demande',
    natures: ['renouveler-modifier', 'annuler', 'bouton-absent', 'confirmation'],
    body: lines(
      '## Renouveler',
      '',
      'Une demande de logement social doit être renouvelée chaque année. Vous recevez en principe un message avant la date limite.',
      'Connectez-vous à votre espace, vérifiez vos informations puis utilisez le bouton **« Renouveler »**.',
      '',
      'Si vous ne voyez pas ce bouton, la date de renouvellement n’est peut-être pas encore ouverte, ou elle est dépassée : contactez-nous.',
      '',
      '## Annuler',
      '',
      'Depuis votre espace, vous pouvez demander l’annulation de votre demande (par exemple si vous avez trouvé un logement).',
      'Une fois annulée, une demande ne peut en général plus être modifiée : il faut en créer une nouvelle.',
    ),
  },
  {
    slug: 'deposer-des-documents',
    category: 'ma-demande',
    title: 'Déposer mes documents (pièces justificatives)',
    natures: ['pieces', 'saisie'],
    body: lines(
      'Les documents se déposent depuis votre espace, dans la rubrique des pièces justificatives.',
      '',
      '- Formats habituellement acceptés : PDF, JPG ou PNG.',
      '- Un fichier trop lourd peut être refusé : photographiez le document avec une résolution plus faible ou enregistrez-le en PDF.',
      '- Vérifiez que le document est lisible en entier (pas de coin coupé, pas de reflet).',
      '',
      'Si le dépôt échoue toujours, contactez-nous en précisant le message affiché et le type de document.',
    ),
  },
  {
    slug: 'demande-en-attente-de-validation',
    category: 'situations',
    title: 'Ma demande est « en attente de validation »',
    natures: ['attente-validation', 'validation-impossible', 'suivi'],
    body: lines(
      'Une demande saisie en ligne est vérifiée par un service enregistreur avant d’être enregistrée.',
      'Tant que ce n’est pas fait, elle apparaît « en attente de validation ».',
      '',
      '- Vérifiez que toutes les pièces demandées ont bien été déposées.',
      '- Regardez vos mails (et vos courriers indésirables) : le service peut vous avoir demandé un complément.',
      '',
      'Le support technique ne valide pas les demandes lui-même. Si l’attente vous paraît anormalement longue, contactez-nous : nous vous dirons qui joindre.',
    ),
  },
  {
    slug: 'demande-invalidee-doublon',
    category: 'situations',
    title: 'Ma demande a été invalidée comme doublon',
    natures: ['doublon'],
    body: lines(
      'Une personne ne peut avoir qu’une seule demande de logement social active dans le département.',
      'Si une demande existait déjà à votre nom (créée en ligne ou auprès d’un guichet), la nouvelle peut être invalidée comme doublon.',
      '',
      'Dans ce cas, c’est la demande existante qui compte. Pour la retrouver ou la mettre à jour, contactez-nous avec votre nom, votre date de naissance et le numéro unique, si vous l’avez.',
    ),
  },
  {
    slug: 'demande-inaccessible',
    category: 'situations',
    title: 'Ma demande n’est plus accessible',
    natures: ['demande-inaccessible', 'demande-retournee'],
    body: lines(
      'Une demande peut ne plus être accessible en ligne, par exemple :',
      '',
      '- elle n’a pas été renouvelée à temps ;',
      '- elle a été annulée ou radiée ;',
      '- elle vous a été retournée pour être complétée (vous avez alors reçu un mail).',
      '',
      'Contactez-nous en indiquant le numéro unique de votre demande et le message affiché : nous vous expliquerons la situation et la marche à suivre.',
    ),
  },
  {
    slug: 'demande-en-caleol',
    category: 'situations',
    title: 'Ma demande est passée en commission d’attribution (CALEOL)',
    natures: ['caleol', 'urgence'],
    body: lines(
      'Quand votre demande est examinée par une commission d’attribution des logements (CALEOL), elle ne peut plus être modifiée en ligne pendant ce temps.',
      '',
      'Le support technique n’a pas connaissance des décisions des commissions et ne peut pas les influencer.',
      'Pour connaître la suite donnée à votre dossier, adressez-vous au bailleur qui vous a proposé le logement.',
    ),
  },
];
