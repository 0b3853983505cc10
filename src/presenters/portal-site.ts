import type { Selectable } from 'kysely';
import type { PortalSitesTable } from '../db/schema.ts';
import type { PortalSiteDto } from '../shared/portal-contracts.ts';

/** The public address of a site's logo (an image of the knowledge base), or null. */
export const logoUrlOf = (
  site: Pick<Selectable<PortalSitesTable>, 'logo_sha256'>,
): string | null => (site.logo_sha256 ? `/aide/images/${site.logo_sha256}` : null);

/** A help centre's settings as supervisors edit them. */
export function presentSite(site: Selectable<PortalSitesTable>): PortalSiteDto {
  return {
    departement: site.departement,
    name: site.name,
    colorPrimary: site.color_primary,
    colorAccent: site.color_accent,
    intro: site.intro,
    embedOrigins: site.embed_origins,
    enabled: site.enabled,
    logoUrl: logoUrlOf(site),
  };
}
