/**
 * Step 3 of the contact form, validated: every field's rule and its message
 * in plain French, so the page can show each error beside its field.
 *
 * Numéro unique of a demand: 18 letters or digits; people copy it with spaces
 * or dashes (`044 11 21 12345 6 78A9` …), which are removed before checking.
 */
export type ContactFields = Record<string, string | undefined>;

export type ContactInput = {
  lastName: string;
  firstName: string;
  email: string;
  phone: string | null;
  numeroUnique: string | null;
  message: string;
};

export type FieldErrors = Partial<Record<keyof ContactFields & string, string>>;

export const messageMaxLength = 10_000;

const emailPattern = /^[^\s@<>()[\]\\,;:"]{1,64}@[a-z0-9-]+(\.[a-z0-9-]+)+$/i;

/** The numéro unique without spaces and dashes, upper case; `valid` when 18 letters or digits. */
export function normaliseNumeroUnique(raw: string): { value: string; valid: boolean } {
  const value = raw.replace(/[\s\-‐‑–—.]/g, '').toUpperCase();
  return { value, valid: /^[0-9A-Z]{18}$/.test(value) };
}

const clean = (value: string | undefined) =>
  (value ?? '')
    .normalize('NFC')
    .replace(/\p{Cc}/gu, (c) => (c === '\n' || c === '\t' ? c : ''))
    .trim();

const oneLine = (value: string | undefined) => clean(value).replace(/\s+/g, ' ');

/** Validates step 3; returns the input or the message of each wrong field. */
export function validateContact(fields: ContactFields): {
  input?: ContactInput;
  errors: FieldErrors;
} {
  const errors: FieldErrors = {};
  const lastName = oneLine(fields.nom);
  const firstName = oneLine(fields.prenom);
  const email = oneLine(fields.email).toLowerCase();
  const confirmation = oneLine(fields.email_confirmation).toLowerCase();
  const phone = oneLine(fields.telephone);
  const numero = oneLine(fields.numero_unique);
  const message = clean(fields.message).replace(/\r\n?/g, '\n');

  if (!lastName) errors.nom = 'Indiquez votre nom.';
  else if (lastName.length > 100) errors.nom = 'Votre nom ne peut pas dépasser 100 caractères.';
  if (!firstName) errors.prenom = 'Indiquez votre prénom.';
  else if (firstName.length > 100)
    errors.prenom = 'Votre prénom ne peut pas dépasser 100 caractères.';
  if (!email)
    errors.email = 'Indiquez votre adresse e-mail : nous vous répondrons à cette adresse.';
  else if (email.length > 254 || !emailPattern.test(email))
    errors.email = 'Cette adresse e-mail ne semble pas complète. Exemple : prenom.nom@exemple.fr';
  else if (email !== confirmation)
    errors.email_confirmation = 'Les deux adresses e-mail ne sont pas identiques.';
  if (phone && !/^\+?[0-9 .()-]{6,25}$/.test(phone))
    errors.telephone = 'Ce numéro de téléphone ne semble pas valide. Exemple : 02 40 00 00 00';
  let numeroUnique: string | null = null;
  if (numero) {
    const normalised = normaliseNumeroUnique(numero);
    if (normalised.valid) numeroUnique = normalised.value;
    else
      errors.numero_unique = `Le numéro unique compte 18 caractères (chiffres et lettres) ; vous en avez saisi ${normalised.value.length}. Il figure sur l’attestation d’enregistrement de votre demande. Les espaces et les tirets sont acceptés. Si vous ne l’avez pas, laissez ce champ vide.`;
  }
  if (!message) errors.message = 'Décrivez votre problème en quelques phrases.';
  else if (message.length > messageMaxLength)
    errors.message = `Votre message est trop long (${message.length} caractères, ${messageMaxLength} au plus).`;

  if (Object.keys(errors).length > 0) return { errors };
  return {
    input: { lastName, firstName, email, phone: phone || null, numeroUnique, message },
    errors,
  };
}
