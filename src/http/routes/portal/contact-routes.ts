/**
 * The guided contact form (plain form posts; JavaScript optional):
 *
 *   GET  /aide/:dept/contact                     step 1: what is the problem about
 *   GET  /aide/:dept/contact/reponses?nature=    step 2: the matching answers
 *   POST /aide/:dept/contact/reponses            "Cela a-t-il résolu votre problème ?"
 *   GET  /aide/:dept/contact/formulaire?nature=  step 3: the form (a form start is recorded)
 *   POST /aide/:dept/contact                     multipart: fields + up to 3 files → ticket
 *
 * Abuse (in this order): per-IP limit in the database; multipart limits (20
 * fields, 3 files of 5 MB, 20 kB per field); honeypot; signed timestamp
 * (too fast, forged or stale); field validation; per-address limit.
 */
import type { Multipart } from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  checkFormToken,
  issueFormToken,
  spendFormToken,
} from '../../../portal/abuse/form-token.ts';
import { hitRateLimit, rateKey } from '../../../portal/abuse/rate-limit.ts';
import {
  attachmentLimits,
  cleanFileName,
  detectFileKind,
} from '../../../portal/form/attachments.ts';
import { validateContact } from '../../../portal/form/contact-input.ts';
import { type CheckedFile, submitContact } from '../../../portal/form/submit-contact.ts';
import { articlesForNature } from '../../../portal/kb/public-articles.ts';
import {
  type FormState,
  solvedBody,
  stepOneBody,
  stepThreeBody,
  stepTwoBody,
  thanksBody,
} from '../../../portal/pages/contact-pages.ts';
import { html } from '../../../portal/pages/html.ts';
import { renderPage, siteBase } from '../../../portal/pages/layout.ts';
import { applicantRetentionMonths } from '../../../portal/retention-notice.ts';
import { listNatures, type PortalSite } from '../../../portal/sites.ts';
import { recordPortalEvent } from '../../../portal/stats/portal-events.ts';
import type { PortalNatureDto } from '../../../shared/portal-contracts.ts';
import { containsNul } from '../../hooks/nul-guard.ts';
import { type PortalDeps, sendHtml, siteOf, stringParam, viewedArticles } from './portal-http.ts';

export const multipartLimits = {
  fieldNameSize: 100,
  fieldSize: 20_000,
  fields: 20,
  fileSize: attachmentLimits.maxBytes,
  files: attachmentLimits.maxFiles + 1,
  parts: 30,
  headerPairs: 50,
};

const textFields = new Set([
  'nature',
  'jeton',
  'vus',
  'site_web',
  'nom',
  'prenom',
  'email',
  'email_confirmation',
  'telephone',
  'numero_unique',
  'message',
]);

async function natureOf(deps: PortalDeps, key: string): Promise<PortalNatureDto | undefined> {
  return (await listNatures(deps.db)).find((n) => n.key === key);
}

function trail(site: PortalSite): [string, string][] {
  return [['Accueil de l’aide', siteBase(site)]];
}

type ParsedPost = {
  fields: Record<string, string>;
  files: { name: string; bytes: Buffer }[];
  problem?: string;
  status?: number;
};

/** Reads the multipart body within its limits; a limit crossed becomes a message for the applicant. */
async function readPost(request: FastifyRequest): Promise<ParsedPost> {
  const fields: Record<string, string> = {};
  const files: { name: string; bytes: Buffer }[] = [];
  try {
    for await (const part of request.parts() as AsyncIterableIterator<Multipart>) {
      if (part.type === 'file') {
        const bytes = await part.toBuffer();
        if (part.filename === '' && bytes.length === 0) continue;
        files.push({ name: part.filename, bytes });
        if (files.length > attachmentLimits.maxFiles)
          return {
            fields,
            files,
            status: 413,
            problem: `Vous pouvez joindre ${attachmentLimits.maxFiles} fichiers au plus.`,
          };
      } else {
        if (part.valueTruncated)
          return {
            fields,
            files,
            status: 413,
            problem:
              part.fieldname === 'message'
                ? 'Votre message est trop long (10 000 caractères au plus).'
                : 'Un champ du formulaire est trop long.',
          };
        if (typeof part.value === 'string' && containsNul(part.value))
          return {
            fields,
            files,
            status: 400,
            problem:
              'Un champ du formulaire contient un caractère non autorisé. Corrigez-le puis réessayez.',
          };
        if (textFields.has(part.fieldname) && typeof part.value === 'string')
          fields[part.fieldname] = part.value;
      }
    }
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    if (code === 'FST_REQ_FILE_TOO_LARGE')
      return {
        fields,
        files,
        status: 413,
        problem: 'Un fichier dépasse 5 Mo. Réduisez-le (par exemple en PDF) puis réessayez.',
      };
    if (code === 'FST_FILES_LIMIT')
      return {
        fields,
        files,
        status: 413,
        problem: `Vous pouvez joindre ${attachmentLimits.maxFiles} fichiers au plus.`,
      };
    if (code === 'FST_FIELDS_LIMIT' || code === 'FST_PARTS_LIMIT')
      return {
        fields,
        files,
        status: 413,
        problem: 'Le formulaire envoyé contient trop de champs.',
      };
    if (
      code === 'FST_INVALID_MULTIPART_CONTENT_TYPE' ||
      code === 'FST_MULTIPART_INVALID_CONTENT_TYPE' ||
      code.startsWith('FST_')
    )
      return {
        fields,
        files,
        status: 400,
        problem: 'Le formulaire n’a pas pu être lu. Réessayez depuis la page du formulaire.',
      };
    throw error;
  }
  return { fields, files };
}

/** Checks every file by its bytes; returns the accepted files or the message of the first refused one. */
async function checkFiles(
  files: { name: string; bytes: Buffer }[],
): Promise<{ files: CheckedFile[]; problem?: string }> {
  const checked: CheckedFile[] = [];
  for (const file of files) {
    const kind = await detectFileKind(file.bytes);
    const shown = cleanFileName(file.name, { ext: 'pdf', contentType: '' }).replace(/\.pdf$/, '');
    if (!kind)
      return {
        files: [],
        problem: `Le fichier « ${shown} » n’est pas un PDF, une image JPG ou PNG, ou un document DOCX. Enregistrez-le dans l’un de ces formats.`,
      };
    checked.push({
      filename: cleanFileName(file.name, kind),
      contentType: kind.contentType,
      bytes: file.bytes,
    });
  }
  return { files: checked };
}

export function contactRoutes(app: FastifyInstance, deps: PortalDeps): void {
  const { db } = deps;

  const formPage = async (site: PortalSite, state: FormState, reply: FastifyReply, status = 200) =>
    sendHtml(
      reply,
      renderPage(site, {
        title: 'Écrire au support',
        titlePrefix: Object.keys(state.errors).length > 0 ? 'Erreur' : undefined,
        body: stepThreeBody(site, state, await applicantRetentionMonths(db)),
        trail: trail(site),
      }),
      { status },
    );

  app.get('/aide/:dept/contact', async (request, reply) => {
    const site = await siteOf(deps, request, reply);
    if (!site) return reply;
    const natures = await listNatures(db);
    const from = stringParam(request.query, 'depuis');
    const body = html`${from ? html`<p class="notice">Désolés que cette réponse ne vous ait pas aidé. Dites-nous quel est votre problème : nous vous proposerons d’autres réponses, puis le formulaire.</p>` : ''}${stepOneBody(site, natures)}`;
    return sendHtml(
      reply,
      renderPage(site, { title: 'Contacter le support', body, trail: trail(site) }),
    );
  });

  app.get('/aide/:dept/contact/reponses', async (request, reply) => {
    const site = await siteOf(deps, request, reply);
    if (!site) return reply;
    const nature = await natureOf(deps, stringParam(request.query, 'nature', 63));
    if (!nature) {
      const body = stepOneBody(
        site,
        await listNatures(db),
        'Choisissez le problème qui correspond le mieux au vôtre.',
      );
      return sendHtml(
        reply,
        renderPage(site, {
          title: 'Contacter le support',
          titlePrefix: 'Erreur',
          body,
          trail: trail(site),
        }),
        { status: 400 },
      );
    }
    const articles = await articlesForNature(db, site.departement, nature.key);
    return sendHtml(
      reply,
      renderPage(site, {
        title: 'Ces réponses peuvent vous aider',
        body: stepTwoBody(site, nature, articles),
        trail: trail(site),
      }),
    );
  });

  app.post('/aide/:dept/contact/reponses', async (request, reply) => {
    const site = await siteOf(deps, request, reply);
    if (!site) return reply;
    const nature = await natureOf(deps, stringParam(request.body, 'nature', 63));
    if (!nature) return reply.redirect(`${siteBase(site)}/contact`, 303);
    const solved = stringParam(request.body, 'utile') === 'oui';
    await recordPortalEvent(db, {
      departement: site.departement,
      kind: solved ? 'vote_yes' : 'vote_no',
      natureKey: nature.key,
    });
    if (!solved)
      return reply.redirect(
        `${siteBase(site)}/contact/formulaire?nature=${encodeURIComponent(nature.key)}`,
        303,
      );
    return sendHtml(
      reply,
      renderPage(site, { title: 'Problème résolu', body: solvedBody(site), trail: trail(site) }),
    );
  });

  app.get('/aide/:dept/contact/formulaire', async (request, reply) => {
    const site = await siteOf(deps, request, reply);
    if (!site) return reply;
    const nature = await natureOf(deps, stringParam(request.query, 'nature', 63));
    if (!nature) return reply.redirect(`${siteBase(site)}/contact`, 303);
    await recordPortalEvent(db, {
      departement: site.departement,
      kind: 'form_start',
      natureKey: nature.key,
    });
    return formPage(
      site,
      {
        nature,
        token: issueFormToken(deps.secret, site.departement, nature.key),
        viewed: viewedArticles(request),
        values: {},
        errors: {},
      },
      reply,
    );
  });

  app.post('/aide/:dept/contact', async (request, reply) => {
    const site = await siteOf(deps, request, reply);
    if (!site) return reply;
    const byIp = await hitRateLimit(
      db,
      rateKey(deps.secret, 'ip', request.ip),
      deps.limits.formPerIp,
    );
    if (!byIp.allowed) return tooMany(site, reply, byIp.retryAfterSeconds);
    const post = await readPost(request);
    const nature = await natureOf(deps, post.fields.nature ?? '');
    if (!nature && post.problem) {
      const body = html`<p role="alert">${post.problem}</p><p><a href="${siteBase(site)}/contact">Revenir au formulaire</a></p>`;
      return sendHtml(
        reply,
        renderPage(site, { title: 'Écrire au support', titlePrefix: 'Erreur', body }),
        { status: post.status ?? 400 },
      );
    }
    if (!nature) return reply.redirect(`${siteBase(site)}/contact`, 303);
    const viewed = viewedArticles(request, post.fields.vus ?? '');
    const state: FormState = {
      nature,
      token: post.fields.jeton ?? '',
      viewed,
      values: post.fields,
      errors: {},
    };
    if (post.problem)
      return formPage(site, { ...state, errors: { form: post.problem } }, reply, post.status);
    if ((post.fields.site_web ?? '') !== '')
      return formPage(
        site,
        {
          ...state,
          errors: {
            form: 'Le formulaire n’a pas pu être envoyé. Laissez vide le champ « Ne remplissez pas ce champ ».',
          },
        },
        reply,
        400,
      );
    const token = checkFormToken(deps.secret, state.token, {
      departement: site.departement,
      nature: nature.key,
      minSeconds: deps.limits.minSubmitSeconds,
    });
    // A token sent too early stays valid for the next try; an expired or forged one is replaced.
    const nextToken =
      token === 'ok' || token === 'too_fast'
        ? state.token
        : issueFormToken(deps.secret, site.departement, nature.key);
    // The missing or wrong fields first: an empty form sent at once names them,
    // rather than saying it came too fast.
    const { input, errors } = validateContact(post.fields);
    const files = await checkFiles(post.files);
    if (!input || files.problem)
      return formPage(
        site,
        {
          ...state,
          token: nextToken,
          errors: { ...errors, ...(files.problem ? { pieces: files.problem } : {}) },
        },
        reply,
        400,
      );
    if (token !== 'ok') {
      const message =
        token === 'too_fast'
          ? 'Le formulaire a été envoyé trop vite. Vérifiez vos informations puis envoyez-le à nouveau.'
          : 'La page du formulaire a expiré. Vérifiez vos informations puis envoyez-le à nouveau.';
      return formPage(site, { ...state, token: nextToken, errors: { form: message } }, reply, 400);
    }
    const byEmail = await hitRateLimit(
      db,
      rateKey(deps.secret, 'email', input.email),
      deps.limits.formPerEmail,
    );
    if (!byEmail.allowed) return tooMany(site, reply, byEmail.retryAfterSeconds);
    // Spent only now, when the message is about to be sent: a form sent back
    // with a wrong field keeps its token, a replayed one is refused.
    if (!(await spendFormToken(db, state.token)))
      return formPage(
        site,
        {
          ...state,
          errors: {
            form: 'Ce formulaire a déjà été envoyé. Pour écrire un nouveau message, rechargez la page du formulaire.',
          },
        },
        reply,
        409,
      );
    const result = await submitContact(
      { db, blobs: deps.blobs, signer: deps.signer, relay: deps.relay },
      {
        departement: site.departement,
        nature,
        input,
        files: files.files,
        viewedArticleIds: viewed,
      },
    );
    return sendHtml(
      reply,
      renderPage(site, {
        title: 'Message envoyé',
        body: thanksBody(site, result.number, result.masked, result.mail),
        trail: trail(site),
      }),
    );
  });
}

function tooMany(site: PortalSite, reply: FastifyReply, retryAfterSeconds: number): FastifyReply {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  void reply.header('retry-after', String(retryAfterSeconds));
  return sendHtml(
    reply,
    renderPage(site, {
      title: 'Trop de messages envoyés',
      body: html`<p role="alert">Nous avons reçu beaucoup de messages depuis votre connexion ou votre adresse e-mail. Réessayez dans ${minutes} minute${minutes > 1 ? 's' : ''}.</p>
<p>Si vous nous avez déjà écrit, inutile de renvoyer votre message : nous vous répondrons par e-mail.</p>`,
    }),
    { status: 429 },
  );
}
