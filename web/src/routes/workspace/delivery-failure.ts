/**
 * The words of a delivery failure in the thread (issue 16 §12): a bounce says who,
 * the status, the receiving server's words and whether it is final; a delay warning
 * (4.x.x) is not shown as a failure. An outbox refusal (no bounce) gives its category
 * in words, and to administrators the relay's own answer too (issue 16 §2).
 */
type Data = Record<string, unknown>;

const text = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : null;

const words = {
  fr: {
    final: 'Échec de remise définitif',
    delayed: 'Remise retardée (le serveur du destinataire réessaie)',
    failed: 'Échec de remise',
    to: 'à',
    unknown: 'raison non précisée',
    colon: ' : ',
    categories: {
      unset: 'aucun serveur d’envoi n’est configuré',
      dns: 'le nom du serveur d’envoi est introuvable (DNS)',
      refused: 'le serveur d’envoi refuse la connexion',
      tls: 'la connexion chiffrée (TLS) au serveur d’envoi a échoué',
      auth: 'le serveur d’envoi refuse l’identifiant ou le mot de passe',
      timeout: 'le serveur d’envoi ne répond pas (délai dépassé)',
      not_allowed: 'l’adresse du serveur d’envoi n’est pas autorisée',
      credentials_key: 'la clé de chiffrement des mots de passe manque',
      rejected: 'le serveur d’envoi a refusé le message',
      other: 'erreur du serveur d’envoi',
    },
  },
  en: {
    final: 'Delivery failed permanently',
    delayed: 'Delivery delayed (the recipient’s server keeps trying)',
    failed: 'Delivery failed',
    to: 'to',
    unknown: 'no reason given',
    colon: ': ',
    categories: {
      unset: 'no sending server is set',
      dns: 'the sending server’s name cannot be found (DNS)',
      refused: 'the sending server refuses the connection',
      tls: 'the encrypted connection (TLS) to the sending server failed',
      auth: 'the sending server refuses the user name or password',
      timeout: 'the sending server does not answer (timed out)',
      not_allowed: 'the sending server’s address is not allowed',
      credentials_key: 'the password encryption key is missing',
      rejected: 'the sending server refused the message',
      other: 'sending server error',
    },
  },
};

export function describeDeliveryFailure(data: Data, language: 'fr' | 'en'): string {
  const w = words[language];
  const isBounce = 'permanent' in data || 'status' in data;
  const head = !isBounce ? w.failed : data.permanent === false ? w.delayed : w.final;
  const recipient = text(data.recipient);
  const category = text(data.category);
  const categoryWords =
    category === null
      ? null
      : (w.categories[category as keyof typeof w.categories] ?? w.categories.other);
  const detail = [
    text(data.status),
    categoryWords,
    text(data.diagnostic) ?? text(data.reason) ?? text(data.error),
  ]
    .filter((part): part is string => part !== null)
    .join(' · ');
  return `${head}${recipient ? ` ${w.to} ${recipient}` : ''}${w.colon}${detail || w.unknown}`;
}
