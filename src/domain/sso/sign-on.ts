/**
 * A sign-on with an OpenID Connect provider (issue 21 §4), in two steps.
 *
 * `startSignOn`: a state, a nonce and a PKCE verifier; the state's SHA-256 is
 * stored with the others (ten minutes), the state itself goes to the browser in
 * a signed cookie, and the browser goes to the provider.
 *
 * `completeSignOn`: the callback's state must equal the cookie's, and its row is
 * deleted as it is read (a replayed callback finds nothing); the code is
 * exchanged (id_token checked: signature, issuer, audience, nonce); the person
 * is found by the provider's subject, else by a VERIFIED e-mail address
 * (`email_verified`, or a provider declared as verifying), else created with the
 * provider's default role; ProConnect's SIRET sets their organisation. Then a
 * session, as after a password login.
 *
 * Second factor (docs/sso.md): the second factor protects administrators'
 * password logins. A sign-on never opens an administrator's session, nor one of
 * an account with a second factor on: those log in with password and code, so
 * that the identity provider alone never grants administration. A provider's
 * default role is never administrator, and password-off domains spare
 * administrators (a provider that is down never locks the desk out).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB, SsoProviderRow, UserRow } from '../../db/schema.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { createSession, type SessionPolicy } from '../sessions/sessions.ts';
import { secondFactorEnabled } from '../users/second-factor.ts';
import { authorizationRequest, exchangeCode, providerConfiguration } from './oidc-client.ts';
import { type PersonClaims, personFromClaims } from './sso-claims.ts';
import { enabledProviderBySlug } from './sso-providers.ts';
import { SsoRefused } from './sso-refused.ts';

const stateTtlMs = 10 * 60_000;
const hashState = (state: string) => createHash('sha256').update(state).digest('hex');

export const redirectUriOf = (publicUrl: URL, slug: string): string =>
  new URL(`/auth/sso/${slug}/callback`, publicUrl).toString();

async function providerOf(db: Kysely<DB>, slug: string): Promise<SsoProviderRow> {
  const provider = /^[a-z0-9-]{1,40}$/.test(slug)
    ? await enabledProviderBySlug(db, slug)
    : undefined;
  if (!provider)
    throw new SsoRefused('unknown_provider', `no enabled provider "${slug.slice(0, 40)}"`);
  return provider;
}

function requireKey(key: Buffer | undefined): Buffer {
  if (!key) throw new SsoRefused('unavailable', 'MAIL_CREDENTIALS_KEY is not set');
  return key;
}

/** Where to send the browser, and the state for its cookie. */
export async function startSignOn(
  db: Kysely<DB>,
  options: { slug: string; publicUrl: URL; key: Buffer | undefined },
  meta: { ip: string } = { ip: '' },
): Promise<{ url: string; state: string }> {
  try {
    return await beginSignOn(db, options);
  } catch (error) {
    if (error instanceof SsoRefused) await auditRefusal(db, error, options.slug, null, meta.ip);
    throw error;
  }
}

async function auditRefusal(
  db: Kysely<DB>,
  error: SsoRefused,
  slug: string,
  email: string | null,
  ip: string,
): Promise<void> {
  await recordAudit(db, {
    action: 'auth.sso_refused',
    actorLabel: email?.slice(0, 320) ?? null,
    ip: ip || null,
    details: { provider: slug.slice(0, 40), code: error.code, reason: error.reason },
  });
}

async function beginSignOn(
  db: Kysely<DB>,
  options: { slug: string; publicUrl: URL; key: Buffer | undefined },
): Promise<{ url: string; state: string }> {
  const provider = await providerOf(db, options.slug);
  const config = await providerConfiguration(provider, requireKey(options.key));
  const request = await authorizationRequest(config, {
    redirectUri: redirectUriOf(options.publicUrl, provider.slug),
    scopes: provider.scopes,
  });
  const now = new Date();
  await db.deleteFrom('sso_login_states').where('expires_at', '<', now).execute();
  await db
    .insertInto('sso_login_states')
    .values({
      state_hash: hashState(request.state),
      provider_id: provider.id,
      nonce: request.nonce,
      code_verifier: request.codeVerifier,
      expires_at: new Date(now.getTime() + stateTtlMs),
    })
    .execute();
  return { url: request.url.toString(), state: request.state };
}

const sameText = (a: string, b: string): boolean => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
};

export type SignOnResult = { user: UserRow; token: string; csrfToken: string; created: boolean };

/**
 * Completes the sign-on of `callbackUrl` (the address the provider sent the
 * browser to, on our public URL). SsoRefused on every refusal, audited.
 */
export async function completeSignOn(
  db: Kysely<DB>,
  options: {
    slug: string;
    callbackUrl: URL;
    cookieState: string | null;
    publicUrl: URL;
    key: Buffer | undefined;
    policy: SessionPolicy;
    meta: { ip: string; userAgent: string | null };
  },
): Promise<SignOnResult> {
  let person: PersonClaims | null = null;
  let provider: SsoProviderRow | null = null;
  try {
    provider = await providerOf(db, options.slug);
    const state = options.callbackUrl.searchParams.get('state') ?? '';
    if (!options.cookieState || state === '' || !sameText(state, options.cookieState))
      throw new SsoRefused('state', 'the state differs from the browser’s');
    const spent = await db
      .deleteFrom('sso_login_states')
      .where('state_hash', '=', hashState(state))
      .where('provider_id', '=', provider.id)
      .returning(['nonce', 'code_verifier', 'expires_at'])
      .executeTakeFirst();
    if (!spent || spent.expires_at.getTime() < Date.now())
      throw new SsoRefused('state', 'unknown, spent or expired state');
    const config = await providerConfiguration(provider, requireKey(options.key));
    const claims = await exchangeCode(config, options.callbackUrl, {
      state,
      nonce: spent.nonce,
      codeVerifier: spent.code_verifier,
      redirectUri: redirectUriOf(options.publicUrl, provider.slug),
    });
    person = personFromClaims(claims, provider);
    const { user, created } = await accountOf(db, provider, person, options.meta.ip);
    if (user.disabled_at !== null) throw new SsoRefused('account_disabled', 'disabled account');
    if (user.role === 'admin' || (await secondFactorEnabled(db, user.id)))
      throw new SsoRefused('administrator', `role ${user.role}`);
    await setOrganisationFromSiret(db, user.id, person.siret);
    const session = await createSession(db, user.id, options.policy, options.meta);
    await db
      .updateTable('users')
      .set({ last_login_at: new Date() })
      .where('id', '=', user.id)
      .execute();
    await recordAudit(db, {
      action: 'auth.login',
      actorUserId: user.id,
      ip: options.meta.ip,
      details: { method: 'sso', provider: provider.slug },
    });
    return { user, created, ...session };
  } catch (error) {
    if (error instanceof SsoRefused)
      await auditRefusal(
        db,
        error,
        provider?.slug ?? options.slug,
        person?.email ?? null,
        options.meta.ip,
      );
    throw error;
  }
}

/** The account of the person: linked by subject, else by verified e-mail, else created. */
async function accountOf(
  db: Kysely<DB>,
  provider: SsoProviderRow,
  person: PersonClaims,
  ip: string,
): Promise<{ user: UserRow; created: boolean }> {
  return db.transaction().execute(async (trx) => {
    const linked = await trx
      .selectFrom('sso_identities')
      .innerJoin('users', 'users.id', 'sso_identities.user_id')
      .selectAll('users')
      .where('sso_identities.provider_id', '=', provider.id)
      .where('sso_identities.subject', '=', person.subject)
      .executeTakeFirst();
    if (linked) {
      await trx
        .updateTable('sso_identities')
        .set({ last_login_at: new Date() })
        .where('provider_id', '=', provider.id)
        .where('subject', '=', person.subject)
        .execute();
      return { user: linked, created: false };
    }
    let user = await trx
      .selectFrom('users')
      .selectAll()
      .where('email', '=', person.email)
      .executeTakeFirst();
    let created = false;
    if (!user) {
      user = await trx
        .insertInto('users')
        .values({
          email: person.email,
          name: person.name,
          role: provider.default_role,
          password_hash: null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      created = true;
      await recordAudit(trx, {
        action: 'user.created',
        actorLabel: `sso:${provider.slug}`,
        ip,
        targetType: 'user',
        targetId: user.id,
        details: { role: user.role, via: 'sso', provider: provider.slug },
      });
    }
    await trx
      .insertInto('sso_identities')
      .values({ provider_id: provider.id, subject: person.subject, user_id: user.id })
      .execute();
    await recordAudit(trx, {
      action: 'sso.account_linked',
      actorLabel: `sso:${provider.slug}`,
      ip,
      targetType: 'user',
      targetId: user.id,
      details: { provider: provider.slug, created },
    });
    return { user, created };
  });
}

/** ProConnect's SIRET → the organisation of the directory that holds it (none: unchanged). */
async function setOrganisationFromSiret(
  db: Kysely<DB>,
  userId: string,
  siret: string | null,
): Promise<void> {
  if (!siret) return;
  const organisation = await db
    .selectFrom('organisations')
    .select('id')
    .where('siret', '=', siret)
    .executeTakeFirst();
  if (!organisation) return;
  await db
    .insertInto('user_organisations')
    .values({ user_id: userId, organisation_id: organisation.id })
    .onConflict((oc) =>
      oc
        .column('user_id')
        .doUpdateSet({ organisation_id: organisation.id, updated_at: new Date() }),
    )
    .execute();
}
