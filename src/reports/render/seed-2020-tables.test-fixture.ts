/**
 * The breakdown tables of the seed's 2020 report (shared/seed), label and count
 * as printed, in the printed order. Percentages are not copied: SPEC §4 has
 * them computed from these counts (the seed has four slips).
 */

export type Entry = [label: string, count: number];

export const SEED_1C: Entry[] = [
  ['44', 1137],
  ['35', 507],
  ['49', 481],
  ['56', 357],
  ['29', 332],
  ['22', 253],
  ['85', 231],
  ['72', 214],
  ['53', 132],
  ['Autre FP', 10],
];

export const SEED_1D: Entry[] = [
  ['Gestion comptes utilisateurs - UGE', 1649],
  ["Dde d'aide utilisation logiciel", 469],
  ['Dde restauration dde NR AN AR', 340],
  ['Problème technique', 278],
  ["Dde d'infos", 264],
  ['Dde paramétrage application', 184],
  ['Anomalie Applicative', 167],
  ['Modification suite attribution ou proposition', 42],
  ['Extraction de données à réaliser', 41],
  ['Modification dde', 40],
  ['Aide LPSD', 30],
  ['Lenteurs/Coupures', 28],
  ['Echanges SNE', 26],
  ['Autre', 18],
  ['Problème configuration poste', 13],
  ['Dde accès nouveau partenaire', 12],
  ['Editions personnalisées', 11],
  ["Mise à jour carnet d'adresses", 8],
  ['Bien ou demande bloqué', 7],
  ["Pb transfert d'échanges avec GL", 6],
  ['Pb calcul données financières', 6],
  ['Dde infos traitement ddes GP', 5],
  ['Gestion des pièces justificatives', 3],
  ['Dde annulation refus proposition', 3],
  ['Pb doublon avec GP', 2],
  ["Dde d'évolution", 2],
];

export const SEED_1E: Entry[] = [
  ['Comptes utilisateurs - Organismes', 1666],
  ['Demande', 873],
  ['Accès Imhoweb', 200],
  ['Gestion / Paramètres', 142],
  ['Interfaces', 140],
  ['Propositions', 133],
  ['Observatoire', 128],
  ['Suivi CAL', 127],
  ['Recherche demandeur', 65],
  ['Autre', 38],
  ['Offre', 33],
  ['Echanges SNE', 28],
  ['Editions personnalisées', 27],
  ['Tableaux de bord', 23],
  ['Editions - suivi des échanges', 11],
  ['Prospections', 10],
  ['Saisie en ligne', 8],
  ['Champs paramétrables par orga', 2],
];

export const SEED_1F: Entry[] = [
  ['Bailleur social', 2473],
  ['Collectivités - EPCI', 827],
  ['Action Logement Services', 131],
  ['Etat', 98],
  ['ADIL 44', 84],
  ['Handirect', 41],
];

export const SEED_2C: Entry[] = [
  ['44', 787],
  ['35', 633],
  ['49', 468],
  ['56', 326],
  ['29', 257],
  ['85', 217],
  ['72', 137],
  ['22', 111],
  ['53', 103],
];

export const SEED_2D: Entry[] = [
  ['Oubli infos de connexion', 824],
  ['Dde infos procédure ou suivi dossier', 657],
  ['Difficulté saisie infos', 367],
  ['Dde inaccessible (NR AR AN SA ou supprimée)', 251],
  ['Problème technique', 203],
  ['Pb enregistrement des pièces justif.', 154],
  ['Pb activation espace personnel', 119],
  ['Dde modification infos de connexion', 100],
  ['Dde modif ou creation ou rmtv demande', 63],
  ['Dde suppression/ajout codemandeur', 48],
  ['Dde infos suite réception mail dde retournée', 46],
  ['Dde tjrs en attente de validation', 44],
  ['Dde annulation dde', 30],
  ['Ne voit pas le bouton renouveler ou valider', 26],
  ['Validation dde impossible', 26],
  ['Mail activation ou réinitialisation MDP non reçu', 20],
  ['Autre', 19],
  ['Dde prise en compte dossier urgent', 13],
  ['Dde confirmation dde créée ou rnvlee', 12],
  ['Doublon', 6],
  ['Dde inaccessible car inscrite en CAL', 5],
  ['En attente', 5],
  ['Pb nouvel identifiant non confirmé par ddeur', 1],
];
