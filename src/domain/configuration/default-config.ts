/**
 * The default configuration of SPEC §2–§3: two mailboxes and their
 * classification fields, with the labels of the team's 2020 activity report
 * (../shared/seed), letter for letter. It is data: supervisors rename, reorder,
 * archive and add values afterwards, and `guichet config export|import` moves it.
 */
import type { ConfigDocument } from './config-document.ts';

const departements = ['44', '35', '49', '56', '29', '22', '85', '72', '53'];

/** Table 01-D, in the seed's order. */
const partnerNatures = [
  'Gestion comptes utilisateurs - UGE',
  "Dde d'aide utilisation logiciel",
  'Dde restauration dde NR AN AR',
  'Problème technique',
  "Dde d'infos",
  'Dde paramétrage application',
  'Anomalie Applicative',
  'Modification suite attribution ou proposition',
  'Extraction de données à réaliser',
  'Modification dde',
  'Aide LPSD',
  'Lenteurs/Coupures',
  'Echanges SNE',
  'Autre',
  'Problème configuration poste',
  'Dde accès nouveau partenaire',
  'Editions personnalisées',
  "Mise à jour carnet d'adresses",
  'Bien ou demande bloqué',
  "Pb transfert d'échanges avec GL",
  'Pb calcul données financières',
  'Dde infos traitement ddes GP',
  'Gestion des pièces justificatives',
  'Dde annulation refus proposition',
  'Pb doublon avec GP',
  "Dde d'évolution",
];

/** Table 01-E. */
const modules = [
  'Comptes utilisateurs - Organismes',
  'Demande',
  'Accès Imhoweb',
  'Gestion / Paramètres',
  'Interfaces',
  'Propositions',
  'Observatoire',
  'Suivi CAL',
  'Recherche demandeur',
  'Autre',
  'Offre',
  'Echanges SNE',
  'Editions personnalisées',
  'Tableaux de bord',
  'Editions - suivi des échanges',
  'Prospections',
  'Saisie en ligne',
  'Champs paramétrables par orga',
];

/** Table 01-F. */
const partnerTypes = [
  'Bailleur social',
  'Collectivités - EPCI',
  'Action Logement Services',
  'Etat',
  'ADIL 44',
  'Handirect',
];

/** Table 02-D. */
const applicantNatures = [
  'Oubli infos de connexion',
  'Dde infos procédure ou suivi dossier',
  'Difficulté saisie infos',
  'Dde inaccessible (NR AR AN SA ou supprimée)',
  'Problème technique',
  'Pb enregistrement des pièces justif.',
  'Pb activation espace personnel',
  'Dde modification infos de connexion',
  'Dde modif ou creation ou rmtv demande',
  'Dde suppression/ajout codemandeur',
  'Dde infos suite réception mail dde retournée',
  'Dde tjrs en attente de validation',
  'Dde annulation dde',
  'Ne voit pas le bouton renouveler ou valider',
  'Validation dde impossible',
  'Mail activation ou réinitialisation MDP non reçu',
  'Autre',
  'Dde prise en compte dossier urgent',
  'Dde confirmation dde créée ou rnvlee',
  'Doublon',
  'Dde inaccessible car inscrite en CAL',
  'En attente',
  'Pb nouvel identifiant non confirmé par ddeur',
];

const values = (labels: string[]) => labels.map((label, position) => ({ label, position }));

export const defaultConfiguration = {
  format: 'guichet-config',
  version: 1,
  mailboxes: [
    {
      slug: 'partenaires',
      name: 'Partenaires',
      position: 0,
      addresses: [],
      fields: [
        {
          key: 'departement',
          label: 'Département',
          position: 0,
          values: values([...departements, 'Autre FP']),
        },
        { key: 'nature', label: 'Nature du problème', position: 1, values: values(partnerNatures) },
        { key: 'module', label: "Module de l'application", position: 2, values: values(modules) },
        {
          key: 'partner_type',
          label: 'Type de partenaire',
          position: 3,
          values: values(partnerTypes),
        },
      ],
    },
    {
      slug: 'demandeurs',
      name: 'Demandeurs',
      position: 1,
      addresses: [],
      fields: [
        { key: 'departement', label: 'Département', position: 0, values: values(departements) },
        {
          key: 'nature',
          label: 'Nature du problème',
          position: 1,
          values: values(applicantNatures),
        },
      ],
    },
  ],
  settings: {},
} satisfies ConfigDocument;

/**
 * Retention policies set on first start, in months after closing (per mailbox
 * slug). Demandeurs: three years, the duration the help centre's privacy
 * notice announced from the start (it now reads the policy itself). Partners'
 * mail is professional correspondence: no default, the team decides.
 */
export const defaultRetentionMonths: Record<string, number> = { demandeurs: 36 };
