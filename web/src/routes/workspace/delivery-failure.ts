/**
 * The words of a delivery failure in the thread (issue 16 §12): a bounce says who,
 * the status, the receiving server's words and whether it is final; a delay warning
 * (4.x.x) is not shown as a failure. An outbox refusal (no bounce) gives its reason.
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
  },
  en: {
    final: 'Delivery failed permanently',
    delayed: 'Delivery delayed (the recipient’s server keeps trying)',
    failed: 'Delivery failed',
    to: 'to',
    unknown: 'no reason given',
    colon: ': ',
  },
};

export function describeDeliveryFailure(data: Data, language: 'fr' | 'en'): string {
  const w = words[language];
  const isBounce = 'permanent' in data || 'status' in data;
  const head = !isBounce ? w.failed : data.permanent === false ? w.delayed : w.final;
  const recipient = text(data.recipient);
  const detail = [text(data.status), text(data.diagnostic) ?? text(data.reason) ?? text(data.error)]
    .filter((part): part is string => part !== null)
    .join(' · ');
  return `${head}${recipient ? ` ${w.to} ${recipient}` : ''}${w.colon}${detail || w.unknown}`;
}
