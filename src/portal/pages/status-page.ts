/**
 * The public status page `/statut` (issue 20 §2): the incidents under way, then
 * the history of the last ones, escaped, numéros uniques masked (a public text
 * might quote one). Server-rendered: it reads without JavaScript.
 */
import { maskNumeroUnique } from '../../shared/numero-unique.ts';
import { html, type SafeHtml } from './html.ts';

export type PublicIncident = {
  title: string;
  publicText: string;
  startedAt: Date;
  resolvedAt: Date | null;
  moduleLabel: string | null;
};

const when = (date: Date) =>
  new Intl.DateTimeFormat('fr-FR', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Europe/Paris',
  }).format(date);

const paragraphs = (text: string): SafeHtml[] =>
  maskNumeroUnique(text)
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((p) => html`<p>${p}</p>`);

function incidentBlock(incident: PublicIncident): SafeHtml {
  return html`<article class="incident">
<h3>${maskNumeroUnique(incident.title)}</h3>
<p class="incident-dates">Depuis le ${when(incident.startedAt)}${
    incident.resolvedAt ? html` — résolu le ${when(incident.resolvedAt)}` : ''
  }${incident.moduleLabel ? html` · ${incident.moduleLabel}` : ''}</p>
${paragraphs(incident.publicText)}
</article>`;
}

export function statusBody(ongoing: PublicIncident[], past: PublicIncident[]): SafeHtml {
  return html`<section aria-labelledby="en-cours">
<h2 id="en-cours">Incidents en cours</h2>
${
  ongoing.length === 0
    ? html`<p class="status-ok">Aucun incident en cours : l’application fonctionne normalement.</p>`
    : ongoing.map(incidentBlock)
}
</section>
<section aria-labelledby="historique">
<h2 id="historique">Derniers incidents résolus</h2>
${past.length === 0 ? html`<p>Aucun incident résolu récemment.</p>` : past.map(incidentBlock)}
</section>
<p><a href="/aide">Accueil de l’aide</a></p>`;
}

/** The help centre's banner while incidents last (every page of a site). */
export function incidentBanner(incidents: { title: string }[]): SafeHtml | '' {
  if (incidents.length === 0) return '';
  return html`<div class="incident-banner" role="status"><div class="wrap">
<strong>Incident en cours :</strong> ${incidents.map((i, n) => html`${n > 0 ? ' ; ' : ''}${maskNumeroUnique(i.title)}`)}.
<a href="/statut">Voir l’état du service</a>
</div></div>`;
}
