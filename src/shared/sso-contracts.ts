/**
 * Single sign-on with OpenID Connect (issue 21 §4): the administrators' provider
 * settings, the login page's buttons, and why a sign-on was refused (the code the
 * callback puts in the address, its sentence in French for the login page).
 */
import { z } from 'zod';

const domainSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(?=.{3,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'domaine invalide');

/** What an administrator sends to create or change a provider (the secret only when it changes). */
export const ssoProviderInputSchema = z.object({
  slug: z
    .string()
    .trim()
    .regex(/^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/),
  label: z.string().trim().min(1).max(80),
  /** https (plain http only for a provider on this machine: oidc-client.ts). */
  issuer: z
    .url({ protocol: /^https?$/ })
    .max(500)
    .refine((u) => !/[?#]/.test(u), 'sans paramètres'),
  clientId: z.string().trim().min(1).max(300),
  clientSecret: z.string().min(1).max(1000).optional(),
  scopes: z
    .string()
    .trim()
    .max(500)
    .regex(/^[\x21-\x7e]+( [\x21-\x7e]+)*$/)
    .refine((s) => s.split(' ').includes('openid'), 'openid est obligatoire'),
  /** New accounts' role: never administrator (see docs/sso.md). */
  defaultRole: z.enum(['supervisor', 'agent', 'viewer']),
  /** Addresses accepted from this provider; empty: any. */
  allowedDomains: z.array(domainSchema).max(200),
  /** The provider checks the addresses it gives (ProConnect does): email_verified is not required. */
  verifiesEmail: z.boolean(),
  /** Domains whose addresses may not log in with a password any more (this provider's button instead). */
  passwordOffDomains: z.array(domainSchema).max(200),
  enabled: z.boolean(),
});
export type SsoProviderInput = z.infer<typeof ssoProviderInputSchema>;

export type SsoProviderDto = Omit<SsoProviderInput, 'clientSecret'> & {
  id: string;
  /** A secret is stored (never returned). */
  hasClientSecret: boolean;
  /** The address to register at the provider. */
  redirectUri: string;
  updatedAt: string;
};

/** A button of the login page. */
export type SsoButtonDto = { slug: string; label: string; startUrl: string };

export type SsoLoginOptionsDto = {
  providers: SsoButtonDto[];
  /** Domains whose addresses must use a provider, and which one. */
  passwordOff: { domain: string; slug: string }[];
};

/** Why a sign-on was refused: the callback's `?sso=` code. */
export const ssoErrorCodes = [
  'state',
  'issuer',
  'provider',
  'token',
  'email_missing',
  'email_unverified',
  'domain',
  'account_disabled',
  'administrator',
  'unknown_provider',
  'unavailable',
] as const;
export type SsoErrorCode = (typeof ssoErrorCodes)[number];

export const isSsoErrorCode = (value: unknown): value is SsoErrorCode =>
  typeof value === 'string' && (ssoErrorCodes as readonly string[]).includes(value);

/** The login page's sentence for each refusal (French: the app's only language on screen). */
export const ssoErrorMessages: Record<SsoErrorCode, string> = {
  state:
    'La connexion n’a pas pu être vérifiée (lien expiré, déjà utilisé ou ouvert dans un autre navigateur). Recommencez depuis le bouton de connexion.',
  issuer:
    'Le fournisseur d’identité ne se présente pas sous l’adresse configurée (émetteur différent) : connexion refusée. Un administrateur doit vérifier ses réglages.',
  provider:
    'Le fournisseur d’identité a refusé ou interrompu la connexion. Recommencez, ou connectez-vous autrement.',
  token:
    'La réponse du fournisseur d’identité n’est pas valide (jeton invalide, déjà utilisé ou destiné à une autre application) : connexion refusée.',
  email_missing: 'Le fournisseur d’identité n’a pas transmis d’adresse e-mail : connexion refusée.',
  email_unverified:
    'Votre adresse e-mail n’est pas vérifiée par le fournisseur d’identité : connexion refusée.',
  domain: 'Les adresses de ce domaine ne peuvent pas se connecter par ce fournisseur d’identité.',
  account_disabled: 'Ce compte est désactivé. Adressez-vous à un administrateur.',
  administrator:
    'Les administrateurs se connectent avec leur mot de passe et leur second facteur, pas par ce fournisseur d’identité.',
  unknown_provider: 'Ce fournisseur d’identité n’existe pas ou n’est pas activé.',
  unavailable:
    'Le fournisseur d’identité ne répond pas pour le moment. Réessayez dans quelques minutes.',
};
