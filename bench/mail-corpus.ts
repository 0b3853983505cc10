/**
 * The mail benchmark's corpus: realistic French support mail from partners
 * (bailleurs, mairies, associations), text or text + HTML, one in twenty with
 * a 50 KB PDF attachment, one in ten a reply (In-Reply-To, References,
 * « RE : ») to an earlier mail of the same run. Synthetic data, example.org
 * domains only; the same `run` and index always give the same bytes.
 */
import { randomBytes } from 'node:crypto';

const organisations = [
  'bailleur-44',
  'mairie-reze',
  'habitat-atlantique',
  'ccas-nantes',
  'asso-logement-49',
  'sem-vendee',
  'office-public-85',
  'foyer-jeunes-travailleurs',
];
const firstNames = ['Camille', 'Léa', 'Hugo', 'Chloé', 'Théo', 'Manon', 'Noé', 'Inès', 'Jules'];
const lastNames = ['Martin', 'Bernard', 'Dubois', 'Lefèvre', 'Moreau', 'Girard', 'Fournier'];
const subjects = [
  'Accès impossible au dossier de demande de logement',
  'Mot de passe oublié sur le portail partenaires',
  'Relevé de charges 2026 — écart constaté',
  'Demande de mutation : pièces justificatives',
  'Problème de connexion depuis la mise à jour',
  'Attestation de droits à transmettre au locataire',
  'Question sur la commission d’attribution du 12',
  'Erreur « dossier introuvable » à l’enregistrement',
];
const paragraphs = [
  'Je me permets de vous relancer au sujet de la demande transmise la semaine dernière : le dossier reste bloqué à l’étape de validation et le locataire attend une réponse.',
  'Depuis ce matin, l’écran affiche « session expirée » dès que j’ouvre la fiche. J’ai vidé le cache du navigateur et essayé avec un autre poste, sans succès.',
  'Vous trouverez ci-dessous les références du dossier ainsi que la copie de l’avis d’imposition demandée. Merci de me confirmer la bonne réception des pièces.',
  'Pourriez-vous m’indiquer le délai de traitement habituel ? Nous devons présenter le dossier en commission d’attribution avant la fin du mois.',
  'Le montant indiqué sur le relevé ne correspond pas à la régularisation annoncée en réunion. Pouvez-vous vérifier le calcul des charges récupérables ?',
  'Nous avons bien noté vos remarques et complété le formulaire. Je reste à votre disposition pour tout renseignement complémentaire.',
];

/** 50 KB of PDF-looking bytes, base64 in 76-character lines. */
const attachment = (() => {
  const bytes = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(50 * 1024 - 9)]);
  return bytes.toString('base64').replace(/.{76}/g, '$&\r\n');
})();

const pick = <T>(list: readonly T[], n: number): T => list[n % list.length] as T;

export const messageIdOf = (run: string, i: number): string => `<intake-${run}-${i}@example.org>`;

/** Which earlier mail `i` replies to, or null (one mail in ten is a reply). */
function repliesTo(i: number): number | null {
  return i >= 20 && i % 10 === 7 ? i - 7 - ((i * 7) % 13) : null;
}

function sender(thread: number): { name: string; address: string } {
  const first = pick(firstNames, thread);
  const last = pick(lastNames, Math.floor(thread / 3));
  const org = pick(organisations, Math.floor(thread / 2));
  const local = `${first}.${last}`.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  return { name: `${first} ${last}`, address: `${local}.${thread}@${org}.example.org` };
}

/** Mail number `i` of a run; a reply has the sender, subject and thread of the mail it answers. */
export function frenchMail(run: string, i: number): Buffer {
  const parent = repliesTo(i);
  let thread = parent ?? i;
  for (let up = repliesTo(thread); up !== null; up = repliesTo(thread)) thread = up;
  const from = sender(thread);
  const subject = `${parent === null ? '' : 'RE : '}${pick(subjects, thread)} (réf. ${run}-${thread})`;
  const body = [
    'Bonjour,',
    '',
    pick(paragraphs, i),
    pick(paragraphs, i + 2),
    ...(i % 3 === 0 ? [pick(paragraphs, i + 4)] : []),
    '',
    `Référence dossier : DL-${run}-${String(thread).padStart(6, '0')}`,
    '',
    'Bien cordialement,',
    from.name,
    `Service habitat — ${from.address.split('@')[1]}`,
  ].join('\r\n');
  const headers = [
    `From: ${from.name} <${from.address}>`,
    'To: Support partenaires <support@example.org>',
    `Subject: =?UTF-8?B?${Buffer.from(subject).toString('base64')}?=`,
    `Message-ID: ${messageIdOf(run, i)}`,
    ...(parent === null
      ? []
      : [`In-Reply-To: ${messageIdOf(run, parent)}`, `References: ${messageIdOf(run, parent)}`]),
    `Date: Mon, 16 Nov 2026 ${String(8 + (i % 10)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00 +0100`,
    'MIME-Version: 1.0',
  ];
  const withFile = i % 20 === 3;
  const html = i % 2 === 0;
  const b = `=_b${i}`;
  const textPart = ['Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit'];
  const parts: string[] = [];
  if (!withFile && !html) return Buffer.from([...headers, ...textPart, '', body, ''].join('\r\n'));
  parts.push([...textPart, '', body].join('\r\n'));
  if (html)
    parts.push(
      [
        'Content-Type: text/html; charset=utf-8',
        'Content-Transfer-Encoding: 8bit',
        '',
        `<html><body>${body
          .split('\r\n')
          .map((l) => `<p>${l.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`)
          .join('')}</body></html>`,
      ].join('\r\n'),
    );
  if (withFile)
    parts.push(
      [
        `Content-Type: application/pdf; name="avis-imposition-${thread}.pdf"`,
        'Content-Transfer-Encoding: base64',
        `Content-Disposition: attachment; filename="avis-imposition-${thread}.pdf"`,
        '',
        attachment,
      ].join('\r\n'),
    );
  const type = withFile ? 'multipart/mixed' : 'multipart/alternative';
  return Buffer.from(
    [
      ...headers,
      `Content-Type: ${type}; boundary="${b}"`,
      '',
      ...parts.map((p) => `--${b}\r\n${p}`),
      `--${b}--`,
      '',
    ].join('\r\n'),
  );
}
