/**
 * The Accessibilité statement and the privacy notice of a help centre, and
 * the site's theme (its colours, kept readable: a colour that fails the
 * WCAG AA contrast against white text falls back to the default).
 */
import { retentionSentence } from '../retention-notice.ts';
import type { PortalSite } from '../sites.ts';
import { html, type SafeHtml } from './html.ts';
import { siteBase } from './layout.ts';

export function accessibilityBody(site: PortalSite): SafeHtml {
  return html`<p>Nous voulons que cette aide soit utilisable par toutes et tous, y compris avec un lecteur d’écran, au clavier seul, avec un zoom important ou sur un petit téléphone.</p>
<h2>État de conformité</h2>
<p>Ce site vise le niveau AA des règles WCAG 2.1, sur lesquelles s’appuie le RGAA (référentiel général d’amélioration de l’accessibilité).
Il n’a pas encore fait l’objet d’un audit RGAA complet : il est donc déclaré <strong>non conforme</strong> jusqu’à cet audit.</p>
<h2>Ce qui est vérifié</h2>
<ul>
<li>Chaque page est contrôlée automatiquement (axe-core) à chaque version du logiciel.</li>
<li>Le parcours « chercher une réponse, puis écrire au support » est testé au clavier seul, sans JavaScript et sur un écran de 320 pixels de large.</li>
<li>Les pages fonctionnent sans JavaScript ; le JavaScript n’ajoute que des suggestions de recherche.</li>
</ul>
<h2>Vous rencontrez une difficulté ?</h2>
<p>Si vous ne pouvez pas utiliser une partie de ce site, <a href="${siteBase(site)}/contact">écrivez-nous</a> en précisant la page et le problème : nous vous répondrons et vous apporterons l’information par un autre moyen.</p>
<h2>Voies de recours</h2>
<p>Si vous n’obtenez pas de réponse satisfaisante, vous pouvez contacter le Défenseur des droits (formulaire en ligne sur defenseurdesdroits.fr, ou par courrier gratuit : Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07).</p>`;
}

/** The "Données personnelles" page; `retentionMonths` is the Demandeurs policy (null: none). */
export function privacyBody(site: PortalSite, retentionMonths: number | null): SafeHtml {
  return html`<h2>Ce que nous collectons</h2>
<p>Quand vous lisez l’aide, nous ne collectons aucune donnée personnelle : nous comptons seulement les pages lues, les recherches (sans les nombres ni les adresses e-mail qu’elles contiennent) et les réponses « Oui / Non », sans votre adresse IP.
Un petit cookie technique retient, le temps de votre visite, les articles que vous avez lus, pour les joindre à votre message si vous nous écrivez.</p>
<p>Quand vous nous écrivez, nous enregistrons votre nom, votre prénom, votre adresse e-mail, votre téléphone (facultatif), le numéro unique de votre demande (facultatif), votre message et vos pièces jointes.</p>
<h2>Pourquoi</h2>
<p>Uniquement pour répondre à votre question et mesurer, sans vous identifier, si l’aide en ligne est utile.</p>
<h2>Combien de temps</h2>
<p>${retentionSentence(retentionMonths, 'Vos messages et vos pièces jointes')}
Vous pouvez aussi demander leur effacement à tout moment (voir « Vos droits »). Les compteurs de l’aide ne contiennent aucune donnée personnelle.</p>
<h2>Qui les lit</h2>
<p>Seule l’équipe du support de la demande de logement social. Vos données ne sont ni vendues ni utilisées pour de la publicité.</p>
<h2>Vos droits</h2>
<p>Vous pouvez demander à consulter, corriger ou effacer vos données en <a href="${siteBase(site)}/contact">écrivant au support</a>.
Si vous estimez que vos droits ne sont pas respectés, vous pouvez saisir la CNIL (cnil.fr).</p>
<h2>Votre numéro de sécurité sociale</h2>
<p>Le support n’en a jamais besoin. S’il figure dans votre message, il est masqué avant d’être enregistré.</p>`;
}

const defaults = { primary: '#1d4f91', accent: '#f3f6fb' };

function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** WCAG contrast ratio of two #rrggbb colours. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** The site's colours as CSS variables; unreadable choices fall back to the defaults. */
export function themeCss(site: PortalSite): string {
  const primary =
    contrastRatio(site.color_primary, '#ffffff') >= 4.5 ? site.color_primary : defaults.primary;
  const accent =
    contrastRatio(site.color_accent, '#1a1a1a') >= 7 ? site.color_accent : defaults.accent;
  return `:root{--primary:${primary};--accent:${accent};}\n`;
}
