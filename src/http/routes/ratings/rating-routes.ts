/**
 * The public rating page behind the three links of every reply (SPEC §4).
 *
 * GET /rate/:token shows the choice and asks to confirm (a mail scanner that
 * follows links records nothing); POST /rate/:token records it with an
 * optional comment. Tokens are signed and expire; a changed rating replaces
 * the previous one (history kept). Server-rendered, no JavaScript, French.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../../db/schema.ts';
import { findRatedReply, recordRating } from '../../../domain/ratings/record-rating.ts';
import type { MailSigner, RatingClaim } from '../../../domain/signing/mail-signer.ts';
import { isAppError } from '../../../errors/app-error.ts';
import { ratingLabels } from '../../../mail/outbound/rating-links.ts';
import { escapeHtml, publicPage } from './public-page.ts';

const formSchema = z.object({
  level: z.enum(['great', 'okay', 'not_good']).optional(),
  comment: z.string().max(2000).optional(),
});

function invalid(reply: FastifyReply): FastifyReply {
  return reply
    .status(404)
    .type('text/html; charset=utf-8')
    .send(
      publicPage('Lien non valide', '<p>Ce lien d’évaluation n’est pas valide ou a expiré.</p>'),
    );
}

function form(token: string, claim: RatingClaim, ticketNumber: number, comment: string): string {
  const options = (['great', 'okay', 'not_good'] as const)
    .map(
      (level) =>
        `<p><input type="radio" id="level-${level}" name="level" value="${level}"${level === claim.level ? ' checked' : ''}>` +
        ` <label for="level-${level}">${ratingLabels[level]}</label></p>`,
    )
    .join('\n');
  return `<p>Votre avis sur notre réponse à la demande n° ${ticketNumber} :</p>
<form method="post" action="/rate/${escapeHtml(token)}">
<fieldset><legend>Votre appréciation</legend>
${options}
</fieldset>
<p><label for="comment">Un commentaire (facultatif)</label><br>
<textarea id="comment" name="comment" rows="5" cols="50" maxlength="2000">${escapeHtml(comment)}</textarea></p>
<p><button type="submit">Confirmer mon évaluation</button></p>
</form>`;
}

/** Registers the public rating page (its own scope, for the form body parser). */
export async function ratingRoutes(
  app: FastifyInstance,
  deps: { db: Kysely<DB>; signer: MailSigner },
): Promise<void> {
  await app.register(async (scope) => {
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 10_000 },
      (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
    );
    const limits = { config: { rateLimit: { max: 60, timeWindow: '1 minute' } } };

    scope.get('/rate/:token', limits, async (request, reply) => {
      const token = String((request.params as { token?: unknown }).token ?? '');
      const claim = deps.signer.verifyRatingToken(token);
      if (!claim) return invalid(reply);
      try {
        const rated = await findRatedReply(deps.db, claim.messageId);
        return reply
          .type('text/html; charset=utf-8')
          .header('cache-control', 'no-store')
          .send(
            publicPage(
              'Évaluer notre réponse',
              form(token, claim, rated.ticketNumber, rated.current?.comment ?? ''),
            ),
          );
      } catch (error) {
        if (isAppError(error) && error.code === 'not_found') return invalid(reply);
        throw error;
      }
    });

    scope.post('/rate/:token', limits, async (request, reply) => {
      const token = String((request.params as { token?: unknown }).token ?? '');
      const claim = deps.signer.verifyRatingToken(token);
      if (!claim) return invalid(reply);
      const parsed = formSchema.safeParse(request.body ?? {});
      if (!parsed.success)
        return reply
          .status(400)
          .type('text/html; charset=utf-8')
          .send(publicPage('Évaluation', '<p>Ce formulaire n’est pas valide.</p>'));
      const comment = parsed.data.comment?.replaceAll('\0', '').trim() || null;
      try {
        await recordRating(deps.db, {
          messageId: claim.messageId,
          level: parsed.data.level ?? claim.level,
          comment,
        });
      } catch (error) {
        if (isAppError(error) && error.code === 'not_found') return invalid(reply);
        throw error;
      }
      return reply
        .type('text/html; charset=utf-8')
        .send(
          publicPage(
            'Merci',
            '<p>Merci, votre évaluation est enregistrée. Vous pouvez la modifier depuis le même lien.</p>',
          ),
        );
    });
  });
}
