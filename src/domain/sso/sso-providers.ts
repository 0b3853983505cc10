/**
 * The administrators' OpenID Connect providers (issue 21 §4): saved with their
 * client secret encrypted (MAIL_CREDENTIALS_KEY, like mail passwords; never
 * returned), their allowed e-mail domains and the domains whose addresses may
 * no longer log in with a password. Every change is audited.
 */
import type { Kysely } from 'kysely';
import type { DB, SsoProviderRow } from '../../db/schema.ts';
import { AppError } from '../../errors/app-error.ts';
import type { SsoLoginOptionsDto, SsoProviderInput } from '../../shared/sso-contracts.ts';
import { encryptSecret } from '../../storage/credentials.ts';
import { type Actor, recordAudit } from '../audit/record-audit.ts';

export type SsoProvider = SsoProviderRow & { passwordOffDomains: string[] };

async function withDomains(db: Kysely<DB>, rows: SsoProviderRow[]): Promise<SsoProvider[]> {
  if (rows.length === 0) return [];
  const domains = await db
    .selectFrom('sso_password_off_domains')
    .selectAll()
    .where(
      'provider_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('domain')
    .execute();
  return rows.map((row) => ({
    ...row,
    passwordOffDomains: domains.filter((d) => d.provider_id === row.id).map((d) => d.domain),
  }));
}

export async function listSsoProviders(db: Kysely<DB>): Promise<SsoProvider[]> {
  const rows = await db.selectFrom('sso_providers').selectAll().orderBy('label').execute();
  return withDomains(db, rows);
}

/** The enabled provider of a login button's address; undefined otherwise. */
export async function enabledProviderBySlug(
  db: Kysely<DB>,
  slug: string,
): Promise<SsoProviderRow | undefined> {
  return db
    .selectFrom('sso_providers')
    .selectAll()
    .where('slug', '=', slug)
    .where('enabled', '=', true)
    .executeTakeFirst();
}

/** What the login page shows: the enabled providers' buttons and the password-off domains. */
export async function ssoLoginOptions(db: Kysely<DB>): Promise<SsoLoginOptionsDto> {
  const providers = await db
    .selectFrom('sso_providers')
    .select(['id', 'slug', 'label'])
    .where('enabled', '=', true)
    .orderBy('label')
    .execute();
  const passwordOff = await db
    .selectFrom('sso_password_off_domains')
    .innerJoin('sso_providers', 'sso_providers.id', 'sso_password_off_domains.provider_id')
    .select(['sso_password_off_domains.domain', 'sso_providers.slug'])
    .where('sso_providers.enabled', '=', true)
    .orderBy('domain')
    .execute();
  return {
    providers: providers.map((p) => ({
      slug: p.slug,
      label: p.label,
      startUrl: `/auth/sso/${p.slug}/start`,
    })),
    passwordOff,
  };
}

/**
 * The enabled provider an address must log in with, when password login is off
 * for its domain; null otherwise.
 */
export async function passwordOffProvider(
  db: Kysely<DB>,
  email: string,
): Promise<{ slug: string; label: string } | null> {
  const domain = email.trim().toLowerCase().split('@').pop() ?? '';
  if (domain === '') return null;
  const row = await db
    .selectFrom('sso_password_off_domains')
    .innerJoin('sso_providers', 'sso_providers.id', 'sso_password_off_domains.provider_id')
    .select(['sso_providers.slug', 'sso_providers.label'])
    .where('sso_password_off_domains.domain', '=', domain)
    .where('sso_providers.enabled', '=', true)
    .executeTakeFirst();
  return row ?? null;
}

async function setPasswordOffDomains(
  trx: Kysely<DB>,
  providerId: string,
  domains: string[],
): Promise<void> {
  const unique = [...new Set(domains)];
  const taken = unique.length
    ? await trx
        .selectFrom('sso_password_off_domains')
        .select('domain')
        .where('domain', 'in', unique)
        .where('provider_id', '<>', providerId)
        .execute()
    : [];
  if (taken.length > 0)
    throw new AppError(
      'conflict',
      `Password login is already switched off for ${taken.map((t) => t.domain).join(', ')} by another provider.`,
    );
  await trx.deleteFrom('sso_password_off_domains').where('provider_id', '=', providerId).execute();
  if (unique.length > 0)
    await trx
      .insertInto('sso_password_off_domains')
      .values(unique.map((domain) => ({ domain, provider_id: providerId })))
      .execute();
}

function encrypt(key: Buffer | undefined, secret: string): string {
  if (!key)
    throw new AppError(
      'configuration',
      'Set MAIL_CREDENTIALS_KEY before saving an identity provider: its client secret is stored encrypted with it.',
    );
  return encryptSecret(key, secret);
}

const slugConflict = async <T>(work: () => Promise<T>): Promise<T> => {
  try {
    return await work();
  } catch (error) {
    if (error instanceof Error && /sso_providers_slug_key|unique/i.test(error.message))
      throw new AppError('conflict', 'Another provider already has this address name (slug).');
    throw error;
  }
};

/** Creates (no `id`) or changes a provider; the secret is required when creating. */
export async function saveSsoProvider(
  db: Kysely<DB>,
  options: { id?: string; input: SsoProviderInput; key: Buffer | undefined; actor: Actor },
): Promise<SsoProvider> {
  const { input, actor } = options;
  const values = {
    slug: input.slug,
    label: input.label,
    issuer: input.issuer.replace(/\/+$/, ''),
    client_id: input.clientId,
    scopes: input.scopes,
    default_role: input.defaultRole,
    allowed_domains: [...new Set(input.allowedDomains)],
    verifies_email: input.verifiesEmail,
    enabled: input.enabled,
    updated_at: new Date(),
  };
  const secret =
    input.clientSecret === undefined ? undefined : encrypt(options.key, input.clientSecret);
  const id = await slugConflict(() =>
    db.transaction().execute(async (trx) => {
      let providerId: string;
      if (options.id === undefined) {
        if (secret === undefined)
          throw new AppError('invalid_input', 'clientSecret: required for a new provider.');
        const row = await trx
          .insertInto('sso_providers')
          .values({ ...values, client_secret_enc: secret })
          .returning('id')
          .executeTakeFirstOrThrow();
        providerId = row.id;
      } else {
        const row = await trx
          .updateTable('sso_providers')
          .set({ ...values, ...(secret === undefined ? {} : { client_secret_enc: secret }) })
          .where('id', '=', options.id)
          .returning('id')
          .executeTakeFirst();
        if (!row) throw new AppError('not_found', 'No such identity provider.');
        providerId = row.id;
      }
      await setPasswordOffDomains(trx, providerId, input.passwordOffDomains);
      await recordAudit(trx, {
        action: options.id === undefined ? 'sso.provider_created' : 'sso.provider_updated',
        actorUserId: actor.userId,
        actorLabel: actor.label,
        ip: actor.ip,
        targetType: 'sso_provider',
        targetId: providerId,
        details: {
          slug: input.slug,
          issuer: values.issuer,
          secretChanged: secret !== undefined,
          enabled: input.enabled,
          passwordOffDomains: input.passwordOffDomains,
        },
      });
      return providerId;
    }),
  );
  const [saved] = await withDomains(
    db,
    await db.selectFrom('sso_providers').selectAll().where('id', '=', id).execute(),
  );
  if (!saved) throw new AppError('not_found', 'No such identity provider.');
  return saved;
}

export async function deleteSsoProvider(db: Kysely<DB>, id: string, actor: Actor): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .deleteFrom('sso_providers')
      .where('id', '=', id)
      .returning(['slug'])
      .executeTakeFirst();
    if (!row) throw new AppError('not_found', 'No such identity provider.');
    await recordAudit(trx, {
      action: 'sso.provider_deleted',
      actorUserId: actor.userId,
      actorLabel: actor.label,
      ip: actor.ip,
      targetType: 'sso_provider',
      targetId: id,
      details: { slug: row.slug },
    });
  });
}
