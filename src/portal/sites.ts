/**
 * The help centres (one per département) and the public natures of the
 * contact form: read by the public pages, edited by supervisors.
 */
import type { Kysely, Selectable } from 'kysely';
import type { DB, PortalSitesTable } from '../db/schema.ts';
import { type Actor, recordAudit } from '../domain/audit/record-audit.ts';
import { ongoingIncidents } from '../domain/incidents/incidents.ts';
import { AppError } from '../errors/app-error.ts';
import { presentPortalNature } from '../presenters/portal-nature.ts';
import type { PortalNatureDto, PortalSiteInput } from '../shared/portal-contracts.ts';
import { cachedRead, clearReadCache } from './read-cache.ts';

export type PortalSite = Selectable<PortalSitesTable> & {
  /** The incidents under way (issue 20 §2): every page shows their banner. */
  incidents?: { title: string }[];
};

/**
 * The enabled site of a département with the incidents under way, or undefined
 * (both cached a few seconds, see read-cache.ts).
 */
export async function findSite(
  db: Kysely<DB>,
  departement: string,
): Promise<PortalSite | undefined> {
  const [site, incidents] = await Promise.all([
    cachedRead(db, `site:${departement}`, () =>
      db
        .selectFrom('portal_sites')
        .selectAll()
        .where('departement', '=', departement)
        .where('enabled', '=', true)
        .executeTakeFirst(),
    ),
    cachedRead(db, 'incidents', () => ongoingIncidents(db)),
  ]);
  return site ? { ...site, incidents } : undefined;
}

export async function listSites(db: Kysely<DB>, enabledOnly = false): Promise<PortalSite[]> {
  let query = db.selectFrom('portal_sites').selectAll();
  if (enabledOnly) query = query.where('enabled', '=', true);
  return query.orderBy('departement').execute();
}

export { logoUrlOf } from '../presenters/portal-site.ts';

/** Saves a site's settings (supervisors); returns the site (src/presenters/portal-site.ts). */
export async function updateSite(
  db: Kysely<DB>,
  departement: string,
  input: PortalSiteInput & { logoSha256?: string | null },
  actor: Actor,
): Promise<PortalSite> {
  const row = await db
    .updateTable('portal_sites')
    .set({
      name: input.name,
      color_primary: input.colorPrimary,
      color_accent: input.colorAccent,
      intro: input.intro,
      embed_origins: input.embedOrigins,
      enabled: input.enabled,
      ...(input.logoSha256 !== undefined ? { logo_sha256: input.logoSha256 } : {}),
      updated_at: new Date(),
    })
    .where('departement', '=', departement)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw new AppError('not_found', 'No such help centre.');
  clearReadCache(db);
  await recordAudit(db, {
    action: 'portal.site_updated',
    actorUserId: actor.userId,
    targetType: 'portal_site',
    targetId: departement,
    ip: actor.ip,
  });
  return row;
}

/** The natures of step 1, in order (archived ones hidden; cached a few seconds). */
export function listNatures(db: Kysely<DB>): Promise<PortalNatureDto[]> {
  return cachedRead(db, 'natures', async () => {
    const rows = await db
      .selectFrom('portal_natures')
      .select(['key', 'label', 'hint', 'value_id'])
      .where('archived_at', 'is', null)
      .orderBy('position')
      .execute();
    return rows.map(presentPortalNature);
  });
}
