/**
 * Every request made with a token is in the audit log (`api_token.used`, the
 * token's name as actor label, the route and the answer's status), written
 * after the answer left: uses arriving together share one statement (group
 * commit), and the token's last use is updated with them.
 */
import type { Kysely } from 'kysely';
import { coalescePerHandle } from '../../db/coalesce.ts';
import type { DB } from '../../db/schema.ts';

export type TokenUse = {
  tokenId: number;
  tokenName: string;
  userId: string;
  method: string;
  route: string;
  status: number;
  ip: string | null;
  at: Date;
};

/** The actor label of a token's use in the audit log. */
export const tokenActorLabel = (name: string): string => `token: ${name}`.slice(0, 200);

const writeUses = coalescePerHandle(async (db: Kysely<DB>, uses: TokenUse[]) => {
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('audit_events')
      .values(
        uses.map((use) => ({
          at: use.at,
          action: 'api_token.used',
          actor_user_id: use.userId,
          actor_label: tokenActorLabel(use.tokenName),
          target_type: 'api_token',
          target_id: String(use.tokenId),
          ip: use.ip,
          details: JSON.stringify({ method: use.method, route: use.route, status: use.status }),
        })),
      )
      .execute();
    const ids = [...new Set(uses.map((use) => use.tokenId))];
    await trx
      .updateTable('api_tokens')
      .set({ last_used_at: new Date() })
      .where('id', 'in', ids)
      .execute();
  });
  return uses.map(() => undefined);
});

/** Records one use (resolves once written). */
export const recordTokenUse = (db: Kysely<DB>, use: TokenUse): Promise<void> => writeUses(db, use);
