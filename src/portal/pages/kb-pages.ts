/**
 * Knowledge-base pages: the home of a help centre (search, categories, what
 * the support can do), an article with "Cette réponse vous a-t-elle aidé ?",
 * search results, and the list of help centres.
 */

import type { ArticleSummary, PublicArticle } from '../kb/public-articles.ts';
import { excerptOf } from '../markdown.ts';
import type { PortalSite } from '../sites.ts';
import { html, raw, type SafeHtml } from './html.ts';
import { siteBase } from './layout.ts';

export const searchForm = (site: PortalSite, value = '', compact = false): SafeHtml => html`
<form class="search" role="search" action="${siteBase(site)}/recherche" method="get" data-suggest="${siteBase(site)}/suggestions">
<label for="q">Rechercher une réponse</label>
<p class="hint" id="q-hint">Par exemple : mot de passe oublié, renouveler ma demande</p>
<div class="search-row">
<input type="search" id="q" name="q" value="${value}" maxlength="200" autocomplete="off" aria-describedby="q-hint">
<button type="submit">Rechercher</button>
</div>
${compact ? html`<input type="hidden" name="widget" value="1">` : ''}
<div class="suggestions" id="q-suggestions" aria-live="polite"></div>
</form>`;

export const articleList = (
  site: PortalSite,
  articles: ArticleSummary[],
  linkSuffix = '',
  newTab = false,
): SafeHtml =>
  html`<ul class="articles">${articles.map(
    (
      a,
    ) => html`<li><a href="${siteBase(site)}/articles/${a.slug}${linkSuffix}"${newTab ? html` target="_blank" rel="noopener"` : ''}>${a.title}${newTab ? ' (nouvelle fenêtre)' : ''}</a>
<p>${excerptOf(a.body, 160)}</p></li>`,
  )}</ul>`;

export const supportScope = html`<section class="scope" aria-labelledby="scope-title">
<h2 id="scope-title">Ce que le support peut faire pour vous</h2>
<ul>
<li>Vous aider à utiliser le site de la demande de logement social : connexion, saisie, documents, renouvellement.</li>
<li>Vous expliquer un message reçu au sujet de votre demande.</li>
</ul>
<p>Le support ne peut pas attribuer un logement, accélérer une attribution ni se prononcer sur votre dossier : ces questions relèvent du bailleur ou du service qui a enregistré votre demande.</p>
</section>`;

export function homeBody(
  site: PortalSite,
  groups: { slug: string; title: string; description: string; articles: ArticleSummary[] }[],
): SafeHtml {
  const base = siteBase(site);
  return html`
${site.intro ? html`<p class="intro">${site.intro}</p>` : ''}
${searchForm(site)}
${
  groups.length > 0
    ? groups.map(
        (g) => html`<section class="category" aria-labelledby="cat-${g.slug}">
<h2 id="cat-${g.slug}">${g.title}</h2>
${g.description ? html`<p>${g.description}</p>` : ''}
${articleList(site, g.articles)}
</section>`,
      )
    : html`<section class="category" aria-labelledby="empty-title">
<h2 id="empty-title">Aucune réponse publiée pour l’instant</h2>
<p>Les réponses aux questions fréquentes seront bientôt publiées ici. En attendant, écrivez au support avec le bouton « Contacter le support » ci-dessous : il vous répond par e-mail.</p>
</section>`
}
${supportScope}
<p class="cta"><a class="button" href="${base}/contact">Contacter le support</a></p>`;
}

export function articleBody(
  site: PortalSite,
  article: PublicArticle,
  state: { voted?: 'oui'; nature?: string },
): SafeHtml {
  const base = siteBase(site);
  const vote =
    state.voted === 'oui'
      ? html`<p class="notice" role="status">Merci pour votre réponse. Bonne continuation !</p>`
      : html`<form class="vote" method="post" action="${base}/articles/${article.slug}/avis">
<fieldset><legend>Cette réponse vous a-t-elle aidé ?</legend>
${state.nature ? html`<input type="hidden" name="nature" value="${state.nature}">` : ''}
<button type="submit" name="utile" value="oui">Oui</button>
<button type="submit" name="utile" value="non">Non</button>
</fieldset></form>`;
  return html`<div class="article">${raw(article.html)}</div>
<p class="meta">Mis à jour le ${article.publishedAt.toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris' })}</p>
<section class="helped" aria-label="Votre avis">${vote}</section>
<p><a href="${base}">Retour à l’accueil de l’aide</a></p>`;
}

export function searchBody(
  site: PortalSite,
  query: string,
  results: ArticleSummary[],
  compact: boolean,
): SafeHtml {
  const base = siteBase(site);
  const contact = compact
    ? html`<a href="${base}/contact" target="_blank" rel="noopener">Contacter le support (nouvelle fenêtre)</a>`
    : html`<a href="${base}/contact">Contacter le support</a>`;
  return html`${searchForm(site, query, compact)}
<p role="status">${
    query.trim() === ''
      ? 'Saisissez quelques mots pour chercher.'
      : results.length === 0
        ? `Aucune réponse trouvée pour « ${query} ».`
        : `${results.length} réponse${results.length > 1 ? 's' : ''} pour « ${query} ».`
  }</p>
${results.length > 0 ? articleList(site, results, '', compact) : ''}
<p>Vous ne trouvez pas ? ${contact}</p>`;
}

export function sitesBody(sites: PortalSite[]): SafeHtml {
  return html`<p>Choisissez le département de votre demande de logement social.</p>
<ul class="sites">${sites.map((s) => html`<li><a href="/aide/${s.departement}">${s.name}</a></li>`)}</ul>`;
}
