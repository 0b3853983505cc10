/** Texts of single sign-on: the login page's buttons and refusals, the administrators' section. */
import { type SsoErrorCode, ssoErrorMessages } from '@shared/sso-contracts.ts';
import { useI18n } from '../../i18n.ts';

export type SsoMessages = {
  signInWith: (label: string) => string;
  or: string;
  refusedTitle: string;
  refused: Record<SsoErrorCode, string>;
  passwordOff: (label: string) => string;
  sectionTitle: string;
  sectionIntro: string;
  noProvider: string;
  add: string;
  edit: (label: string) => string;
  remove: string;
  removeConfirm: (label: string) => string;
  save: string;
  cancel: string;
  saved: string;
  enabledBadge: string;
  disabledBadge: string;
  fields: {
    label: string;
    labelHint: string;
    slug: string;
    slugHint: string;
    issuer: string;
    issuerHint: string;
    clientId: string;
    clientSecret: string;
    clientSecretKeep: string;
    scopes: string;
    scopesHint: string;
    defaultRole: string;
    defaultRoleHint: string;
    allowedDomains: string;
    allowedDomainsHint: string;
    verifiesEmail: string;
    verifiesEmailHint: string;
    passwordOffDomains: string;
    passwordOffDomainsHint: string;
    enabled: string;
    redirectUri: string;
  };
  roles: Record<'supervisor' | 'agent' | 'viewer', string>;
  saveFailed: (message: string) => string;
  secondFactorNote: string;
};

const fr: SsoMessages = {
  signInWith: (label) => `Se connecter avec ${label}`,
  or: 'ou avec votre mot de passe',
  refusedTitle: 'Connexion refusée',
  refused: ssoErrorMessages,
  passwordOff: (label) =>
    `La connexion par mot de passe est désactivée pour cette adresse : utilisez le bouton « Se connecter avec ${label} ».`,
  sectionTitle: 'Connexion unique (OpenID Connect)',
  sectionIntro:
    'Les fournisseurs d’identité (ProConnect, ou tout fournisseur OpenID Connect) proposés sur la page de connexion. Un compte est rattaché par son adresse e-mail vérifiée, ou créé à la première connexion avec le rôle choisi.',
  noProvider: 'Aucun fournisseur d’identité.',
  add: 'Ajouter un fournisseur',
  edit: (label) => `Modifier ${label}`.trim(),
  remove: 'Supprimer',
  removeConfirm: (label) =>
    `Supprimer ${label} ? Les comptes créés restent ; ils se connecteront par mot de passe ou par un autre fournisseur.`,
  save: 'Enregistrer',
  cancel: 'Annuler',
  saved: 'Fournisseur enregistré.',
  enabledBadge: 'Actif',
  disabledBadge: 'Désactivé',
  fields: {
    label: 'Libellé du bouton',
    labelHint: 'Affiché « Se connecter avec … » sur la page de connexion.',
    slug: 'Identifiant',
    slugHint: 'Minuscules, chiffres et tirets ; fait partie de l’adresse de retour.',
    issuer: 'Adresse de l’émetteur (issuer)',
    issuerHint: 'Par exemple https://auth.agentconnect.gouv.fr/api/v2',
    clientId: 'Identifiant client (client_id)',
    clientSecret: 'Secret client',
    clientSecretKeep: 'Laisser vide pour garder le secret enregistré.',
    scopes: 'Portées (scopes)',
    scopesHint: 'Séparées par des espaces ; openid est obligatoire.',
    defaultRole: 'Rôle des nouveaux comptes',
    defaultRoleHint:
      'Jamais administrateur : les administrateurs se connectent avec leur second facteur.',
    allowedDomains: 'Domaines e-mail autorisés',
    allowedDomainsHint: 'Un par ligne ou séparés par des virgules ; vide : tous.',
    verifiesEmail: 'Le fournisseur vérifie les adresses e-mail qu’il transmet',
    verifiesEmailHint: 'Sinon, la revendication email_verified doit être vraie.',
    passwordOffDomains: 'Domaines sans mot de passe',
    passwordOffDomainsHint:
      'Ces adresses ne peuvent plus se connecter par mot de passe (sauf les administrateurs) : elles utilisent ce fournisseur.',
    enabled: 'Proposé sur la page de connexion',
    redirectUri: 'Adresse de retour à déclarer chez le fournisseur',
  },
  roles: { supervisor: 'Superviseur', agent: 'Agent', viewer: 'Lecteur' },
  saveFailed: (message) => `Enregistrement impossible : ${message}`,
  secondFactorNote:
    'Second facteur : une connexion unique n’ouvre jamais la session d’un administrateur ni d’un compte protégé par un second facteur ; ceux-ci se connectent avec leur mot de passe et leur code.',
};

const en: SsoMessages = {
  ...fr,
  signInWith: (label) => `Sign in with ${label}`,
  or: 'or with your password',
  refusedTitle: 'Sign-in refused',
  refused: {
    state:
      'The sign-in could not be verified (expired, already used or opened in another browser). Start again from the sign-in button.',
    issuer:
      'The identity provider does not answer under its configured address (different issuer): sign-in refused.',
    provider: 'The identity provider refused or interrupted the sign-in.',
    token:
      'The identity provider’s answer is not valid (token invalid, already used or meant for another application): sign-in refused.',
    email_missing: 'The identity provider sent no e-mail address: sign-in refused.',
    email_unverified:
      'Your e-mail address is not verified by the identity provider: sign-in refused.',
    domain: 'Addresses of this domain may not sign in through this identity provider.',
    account_disabled: 'This account is disabled. Ask an administrator.',
    administrator:
      'Administrators sign in with their password and second factor, not through this provider.',
    unknown_provider: 'This identity provider does not exist or is not enabled.',
    unavailable: 'The identity provider does not answer right now. Try again in a few minutes.',
  },
  passwordOff: (label) => `Password sign-in is off for this address: use “Sign in with ${label}”.`,
};

export function useSsoI18n() {
  const i18n = useI18n();
  return { ...i18n, s: i18n.language === 'en' ? en : fr };
}
