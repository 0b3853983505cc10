/**
 * The frame of every public page of a help centre: skip link, header with the
 * site's name and logo, main content, footer with the Accessibilité page and
 * the privacy notice. French, readable at 320 px, no inline script or style
 * (the site's colours come from /aide/:dept/theme.css).
 */
import type { PortalSite } from '../sites.ts';
import { logoUrlOf } from '../sites.ts';
import { html, type SafeHtml } from './html.ts';
import { incidentBanner } from './status-page.ts';

export type PageOptions = {
  title: string;
  body: SafeHtml;
  /** Breadcrumb above the title: [label, href] pairs. */
  trail?: [string, string][];
  /** The compact frame of the embeddable widget (no header, no footer). */
  compact?: boolean;
  /** Extra text in <title> before the site name (e.g. "Erreur"). */
  titlePrefix?: string;
};

export const siteBase = (site: Pick<PortalSite, 'departement'>): string =>
  `/aide/${site.departement}`;

export function renderPage(site: PortalSite, page: PageOptions): string {
  const base = siteBase(site);
  const logo = logoUrlOf(site);
  const trail =
    page.trail && page.trail.length > 0
      ? html`<nav class="trail" aria-label="Fil d’Ariane"><ol>${page.trail.map(
          ([label, href]) => html`<li><a href="${href}">${label}</a></li>`,
        )}<li aria-current="page">${page.title}</li></ol></nav>`
      : '';
  const header = page.compact
    ? ''
    : html`<a class="skip" href="#contenu">Aller au contenu</a>
<header class="site-header"><div class="wrap">
<a class="brand" href="${base}">${logo ? html`<img src="${logo}" alt="" width="40" height="40">` : ''}<span>${site.name}</span></a>
<nav aria-label="Menu principal"><ul>
<li><a href="${base}">Accueil de l’aide</a></li>
<li><a href="${base}/contact">Contacter le support</a></li>
</ul></nav>
</div></header>`;
  const footer = page.compact
    ? ''
    : html`<footer class="site-footer"><div class="wrap"><ul>
<li><a href="${base}/accessibilite">Accessibilité : non conforme (audit à venir)</a></li>
<li><a href="${base}/confidentialite">Données personnelles</a></li>
<li><a href="/aide">Choisir un autre département</a></li>
</ul></div></footer>`;
  return html`<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${page.titlePrefix ? `${page.titlePrefix} – ` : ''}${page.title} – ${site.name}</title>
<link rel="stylesheet" href="/aide/static/portal.css">
<link rel="stylesheet" href="${base}/theme.css">
<script src="/aide/static/portal.js" defer></script>
</head>
<body${page.compact ? html` class="compact"` : ''}>
${header}
${incidentBanner(site.incidents ?? [])}
<main id="contenu" tabindex="-1"><div class="wrap">
${trail}
<h1>${page.title}</h1>
${page.body}
</div></main>
${footer}
</body>
</html>
`.value;
}

/** A page outside any site (the list of départements, an unknown site). */
export function renderBarePage(title: string, body: SafeHtml): string {
  return html`<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} – Aide à la demande de logement social</title>
<link rel="stylesheet" href="/aide/static/portal.css">
</head>
<body>
<main id="contenu"><div class="wrap">
<h1>${title}</h1>
${body}
</div></main>
</body>
</html>
`.value;
}
