/** Texts of the account pages (invitation, password reset) and of the login page's second step. */
import { useI18n } from '../../i18n.ts';

export type AccountMessages = {
  invitationTitle: string;
  invitationIntro: (name: string, email: string) => string;
  resetTitle: string;
  resetIntro: (email: string) => string;
  newPassword: string;
  passwordHint: string;
  repeatPassword: string;
  mismatch: string;
  submitPassword: string;
  passwordSet: string;
  goToLogin: string;
  invalidLink: string;
  forgotLink: string;
  forgotTitle: string;
  forgotIntro: string;
  forgotSubmit: string;
  forgotSent: string;
  tooMany: string;
  codeLabel: string;
  codeHint: string;
  wrongCode: string;
  backToLogin: string;
};

const fr: AccountMessages = {
  invitationTitle: 'Bienvenue sur Guichet',
  invitationIntro: (name, email) =>
    `Bonjour ${name}, choisissez le mot de passe du compte ${email}.`,
  resetTitle: 'Nouveau mot de passe',
  resetIntro: (email) => `Choisissez un nouveau mot de passe pour ${email}.`,
  newPassword: 'Mot de passe',
  passwordHint: 'Au moins 12 caractères.',
  repeatPassword: 'Confirmez le mot de passe',
  mismatch: 'Les deux mots de passe diffèrent.',
  submitPassword: 'Enregistrer le mot de passe',
  passwordSet: 'Mot de passe enregistré. Vous pouvez vous connecter.',
  goToLogin: 'Aller à la connexion',
  invalidLink: 'Ce lien n’est plus valable (déjà utilisé ou expiré). Demandez-en un nouveau.',
  forgotLink: 'Mot de passe oublié ?',
  forgotTitle: 'Mot de passe oublié',
  forgotIntro:
    'Saisissez l’adresse e-mail de votre compte : si elle existe, vous recevrez un lien valable une heure.',
  forgotSubmit: 'Envoyer le lien',
  forgotSent:
    'Si un compte existe pour cette adresse, un e-mail vient de lui être envoyé. Pensez à vérifier les indésirables.',
  tooMany: 'Trop de demandes. Réessayez dans une minute.',
  codeLabel: 'Code de vérification',
  codeHint: 'Le code à 6 chiffres de votre application, ou un code de secours.',
  wrongCode: 'Code incorrect.',
  backToLogin: 'Retour à la connexion',
};

const en: AccountMessages = {
  invitationTitle: 'Welcome to Guichet',
  invitationIntro: (name, email) => `Hello ${name}, choose the password of the account ${email}.`,
  resetTitle: 'New password',
  resetIntro: (email) => `Choose a new password for ${email}.`,
  newPassword: 'Password',
  passwordHint: 'At least 12 characters.',
  repeatPassword: 'Repeat the password',
  mismatch: 'The two passwords differ.',
  submitPassword: 'Save the password',
  passwordSet: 'Password saved. You can log in.',
  goToLogin: 'Go to the login page',
  invalidLink: 'This link is not valid any more (used or expired). Ask for a new one.',
  forgotLink: 'Forgot your password?',
  forgotTitle: 'Forgotten password',
  forgotIntro:
    'Type the e-mail address of your account: if it exists, you will receive a link valid for one hour.',
  forgotSubmit: 'Send the link',
  forgotSent:
    'If an account exists for this address, an e-mail was just sent to it. Check the spam folder too.',
  tooMany: 'Too many requests. Try again in a minute.',
  codeLabel: 'Verification code',
  codeHint: 'The 6-digit code of your app, or a recovery code.',
  wrongCode: 'Wrong code.',
  backToLogin: 'Back to the login page',
};

export function useAccountI18n() {
  const i18n = useI18n();
  return { ...i18n, c: i18n.language === 'en' ? en : fr };
}
