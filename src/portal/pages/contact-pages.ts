/**
 * The guided contact form, three steps that work as plain form posts:
 * 1. what the problem is about (the public natures);
 * 2. the matching answers ("Cela a-t-il résolu votre problème ?");
 * 3. the form itself, with the privacy notice; then the confirmation.
 */
import type { SensitiveKind } from '../../domain/privacy/sensitive-data.ts';
import type { PortalNatureDto } from '../../shared/portal-contracts.ts';
import { attachmentLimits } from '../form/attachments.ts';
import type { FieldErrors } from '../form/contact-input.ts';
import type { ArticleSummary } from '../kb/public-articles.ts';
import { retentionSentence } from '../retention-notice.ts';
import type { PortalSite } from '../sites.ts';
import { html, type SafeHtml } from './html.ts';
import { articleList } from './kb-pages.ts';
import { siteBase } from './layout.ts';

const steps = (current: number) => html`<p class="steps">Étape ${current} sur 3</p>`;

export function stepOneBody(
  site: PortalSite,
  natures: PortalNatureDto[],
  error?: string,
): SafeHtml {
  return html`${steps(1)}
<form method="get" action="${siteBase(site)}/contact/reponses">
${error ? html`<p class="error" role="alert" id="nature-error">${error}</p>` : ''}
<fieldset${error ? html` aria-describedby="nature-error"` : ''}><legend>Quel est votre problème ?</legend>
${natures.map(
  (
    n,
    i,
  ) => html`<div class="choice"><input type="radio" id="nature-${i}" name="nature" value="${n.key}" required${
    n.hint ? html` aria-describedby="nature-${i}-hint"` : ''
  }>
<label for="nature-${i}">${n.label}</label>${n.hint ? html`<p class="hint" id="nature-${i}-hint">${n.hint}</p>` : ''}</div>`,
)}
</fieldset>
<p><button type="submit">Continuer</button></p>
</form>`;
}

export function stepTwoBody(
  site: PortalSite,
  nature: PortalNatureDto,
  articles: ArticleSummary[],
): SafeHtml {
  const base = siteBase(site);
  const formUrl = `${base}/contact/formulaire?nature=${encodeURIComponent(nature.key)}`;
  if (articles.length === 0)
    return html`${steps(2)}
<p>Votre problème : <strong>${nature.label}</strong></p>
<p>Nous n’avons pas encore de réponse écrite sur ce sujet. Écrivez-nous : nous vous répondrons par e-mail.</p>
<p><a class="button" href="${formUrl}">Écrire au support</a></p>`;
  return html`${steps(2)}
<p>Votre problème : <strong>${nature.label}</strong>. Ces réponses peuvent vous aider :</p>
${articleList(site, articles, `?nature=${encodeURIComponent(nature.key)}`)}
<form method="post" action="${base}/contact/reponses">
<input type="hidden" name="nature" value="${nature.key}">
<fieldset><legend>Cela a-t-il résolu votre problème ?</legend>
<button type="submit" name="utile" value="oui">Oui, merci</button>
<button type="submit" name="utile" value="non">Non, écrire au support</button>
</fieldset>
</form>`;
}

export type FormState = {
  nature: PortalNatureDto;
  token: string;
  viewed: string[];
  values: Record<string, string>;
  errors: FieldErrors & { form?: string; pieces?: string };
};

function field(
  state: FormState,
  name: string,
  label: string,
  options: {
    type?: string;
    autocomplete?: string;
    required?: boolean;
    hint?: string;
    maxlength?: number;
    inputmode?: string;
  },
): SafeHtml {
  const error = state.errors[name as keyof FormState['errors']];
  const described = [options.hint ? `${name}-hint` : '', error ? `${name}-error` : '']
    .filter(Boolean)
    .join(' ');
  return html`<div class="field">
<label for="${name}">${label}${options.required ? html` <span class="req">(obligatoire)</span>` : html` <span class="opt">(facultatif)</span>`}</label>
${options.hint ? html`<p class="hint" id="${name}-hint">${options.hint}</p>` : ''}
${error ? html`<p class="error" id="${name}-error">${error}</p>` : ''}
<input type="${options.type ?? 'text'}" id="${name}" name="${name}" value="${state.values[name] ?? ''}"${
    options.autocomplete ? html` autocomplete="${options.autocomplete}"` : ''
  }${options.required ? html` required` : ''}${options.maxlength ? html` maxlength="${options.maxlength}"` : ''}${
    options.inputmode ? html` inputmode="${options.inputmode}"` : ''
  }${described ? html` aria-describedby="${described}"` : ''}${error ? html` aria-invalid="true"` : ''}>
</div>`;
}

const fieldLabels: Record<string, string> = {
  nom: 'Nom',
  prenom: 'Prénom',
  email: 'Adresse e-mail',
  email_confirmation: 'Confirmation de l’adresse e-mail',
  telephone: 'Téléphone',
  numero_unique: 'Numéro unique',
  message: 'Message',
  pieces: 'Pièces jointes',
};

/** The notice under the form; `retentionMonths` is the Demandeurs policy (null: none). */
export function privacyNotice(site: PortalSite, retentionMonths: number | null): SafeHtml {
  return html`<section class="privacy" aria-labelledby="privacy-title">
<h2 id="privacy-title">Vos données</h2>
<p>Nous enregistrons votre nom, votre prénom, votre adresse e-mail, votre téléphone si vous le donnez, le numéro unique de votre demande, votre message et vos pièces jointes,
pour répondre à votre question et uniquement pour cela. Ils sont lus par l’équipe du support. ${retentionSentence(retentionMonths)}</p>
<p>Ne donnez pas votre numéro de sécurité sociale : le support n’en a pas besoin (s’il figure dans votre message, nous le masquons).
Pour consulter, corriger ou faire effacer vos données, écrivez-nous avec ce formulaire ou lisez <a href="${siteBase(site)}/confidentialite">la page Données personnelles</a>.</p>
</section>`;
}

export function stepThreeBody(
  site: PortalSite,
  state: FormState,
  retentionMonths: number | null,
): SafeHtml {
  const base = siteBase(site);
  const problems = Object.entries(state.errors).filter(([, message]) => message);
  const summary =
    problems.length > 0
      ? html`<div class="error-summary" role="alert" tabindex="-1" id="erreurs">
<h2>Le formulaire n’a pas pu être envoyé</h2>
<ul>${problems.map(([name, message]) =>
          name === 'form'
            ? html`<li>${message}</li>`
            : html`<li><a href="#${name}">${fieldLabels[name] ?? name} : ${message}</a></li>`,
        )}</ul>
</div>`
      : '';
  const messageError = state.errors.message;
  const piecesError = state.errors.pieces;
  return html`${steps(3)}
${summary}
<p>Votre problème : <strong>${state.nature.label}</strong> (<a href="${base}/contact">changer</a>)</p>
<form method="post" action="${base}/contact" enctype="multipart/form-data" novalidate>
<input type="hidden" name="nature" value="${state.nature.key}">
<input type="hidden" name="jeton" value="${state.token}">
<input type="hidden" name="vus" value="${state.viewed.join(',')}">
<div class="hp"><label for="site_web">Ne remplissez pas ce champ</label><input type="text" id="site_web" name="site_web" tabindex="-1" autocomplete="off"></div>
${field(state, 'nom', 'Nom', { autocomplete: 'family-name', required: true, maxlength: 100 })}
${field(state, 'prenom', 'Prénom', { autocomplete: 'given-name', required: true, maxlength: 100 })}
${field(state, 'email', 'Adresse e-mail', { type: 'email', autocomplete: 'email', required: true, maxlength: 254, hint: 'Nous vous répondrons à cette adresse. Exemple : prenom.nom@exemple.fr' })}
${field(state, 'email_confirmation', 'Confirmation de l’adresse e-mail', { type: 'email', autocomplete: 'email', required: true, maxlength: 254, hint: 'Saisissez la même adresse une seconde fois.' })}
${field(state, 'telephone', 'Téléphone', { type: 'tel', autocomplete: 'tel', maxlength: 25, hint: 'Si vous préférez être rappelé. Exemple : 02 40 00 00 00' })}
<div class="field"><p class="label-like">Département</p><p><strong>${site.departement}</strong> (<a href="/aide">changer</a>)</p></div>
${field(state, 'numero_unique', 'Numéro unique de votre demande', { maxlength: 40, hint: '18 caractères, sur l’attestation d’enregistrement. Les espaces et les tirets sont acceptés.' })}
<div class="field">
<label for="message">Message <span class="req">(obligatoire)</span></label>
<p class="hint" id="message-hint">Décrivez votre problème et ce que vous avez déjà essayé. 10 000 caractères au plus.</p>
${messageError ? html`<p class="error" id="message-error">${messageError}</p>` : ''}
<textarea id="message" name="message" rows="8" maxlength="10000" required aria-describedby="message-hint${messageError ? ' message-error' : ''}"${messageError ? html` aria-invalid="true"` : ''}>${state.values.message ?? ''}</textarea>
</div>
<div class="field">
<label for="pieces">Pièces jointes <span class="opt">(facultatif)</span></label>
<p class="hint" id="pieces-hint">${attachmentLimits.maxFiles} fichiers au plus, 5 Mo chacun : PDF, JPG, PNG ou DOCX.${
    problems.length > 0 ? ' Si vous en aviez choisi, ajoutez-les à nouveau.' : ''
  }</p>
${piecesError ? html`<p class="error" id="pieces-error">${piecesError}</p>` : ''}
<input type="file" id="pieces" name="pieces" multiple accept=".pdf,.jpg,.jpeg,.png,.docx,application/pdf,image/jpeg,image/png,application/vnd.openxmlformats-officedocument.wordprocessingml.document" aria-describedby="pieces-hint${piecesError ? ' pieces-error' : ''}">
</div>
${privacyNotice(site, retentionMonths)}
<p><button type="submit">Envoyer mon message</button></p>
</form>`;
}

const maskedNotice: Record<SensitiveKind, string> = {
  nir: 'Votre message contenait un numéro de sécurité sociale. Nous l’avons masqué avant de l’enregistrer : le support n’en a pas besoin, et c’est une donnée sensible qu’il vaut mieux ne pas envoyer par internet.',
  iban: 'Votre message contenait des coordonnées bancaires (IBAN). Nous les avons masquées avant de les enregistrer : le support n’en a pas besoin.',
};

/** What the applicant is told of e-mail: only what will be sent (issue 15 §1). */
function mailPromise(mail: { replies: boolean; acknowledged: boolean }): string {
  if (mail.acknowledged)
    return 'Vous allez recevoir un e-mail de confirmation. Nous vous répondrons par e-mail, en général sous deux jours ouvrés. Pensez à regarder vos courriers indésirables.';
  if (mail.replies)
    return 'Nous vous répondrons par e-mail, en général sous deux jours ouvrés. Pensez à regarder vos courriers indésirables.';
  return 'Notez ce numéro : il permet au support de retrouver votre demande si vous le contactez à son sujet.';
}

export function thanksBody(
  site: PortalSite,
  number: number,
  masked: SensitiveKind[],
  mail: { replies: boolean; acknowledged: boolean } = { replies: true, acknowledged: true },
): SafeHtml {
  return html`<p role="status">Votre message est bien envoyé. Son numéro est <strong>${number}</strong>.</p>
<p>${mailPromise(mail)}</p>
${[...new Set(masked)].map((kind) => html`<p class="notice">${maskedNotice[kind]}</p>`)}
<p><a href="${siteBase(site)}">Retour à l’accueil de l’aide</a></p>`;
}

export function solvedBody(site: PortalSite): SafeHtml {
  return html`<p role="status">Tant mieux ! Merci de nous l’avoir dit.</p>
<p><a href="${siteBase(site)}">Retour à l’accueil de l’aide</a></p>`;
}
