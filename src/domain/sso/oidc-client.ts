/**
 * The OpenID Connect protocol, through openid-client (v6, a maintained certified
 * client): discovery (the issuer must be the one configured), the authorization
 * address with PKCE (S256), state and nonce, and the code exchange, which checks
 * the id_token (signature from the provider's keys, issuer, audience, nonce,
 * expiry) before the userinfo endpoint is read for the same subject.
 *
 * Plain http is accepted only for a provider on this machine (tests, a local
 * development provider); any other issuer must use https.
 */
import * as oidc from 'openid-client';
import type { SsoProviderRow } from '../../db/schema.ts';
import { decryptSecret } from '../../storage/credentials.ts';
import { SsoRefused } from './sso-refused.ts';

const cacheMs = 10 * 60_000;
const cache = new Map<string, { at: number; config: Promise<oidc.Configuration> }>();

const localHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);

function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return `${typeof code === 'string' ? `${code}: ` : ''}${error.message}`.slice(0, 300);
  }
  return 'unknown error';
}

/** Whether a failure is the network's (the provider unreachable), not a refusal. */
function unreachable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const cause = (error as { cause?: unknown }).cause;
  return (
    error.name === 'TypeError' ||
    error.name === 'AbortError' ||
    error.name === 'TimeoutError' ||
    (cause instanceof Error && /ECONNREFUSED|ENOTFOUND|ETIMEDOUT|ECONNRESET/.test(cause.message))
  );
}

async function discover(provider: SsoProviderRow, key: Buffer): Promise<oidc.Configuration> {
  const issuer = new URL(provider.issuer);
  const insecure = issuer.protocol === 'http:' && localHosts.has(issuer.hostname);
  if (issuer.protocol !== 'https:' && !insecure)
    throw new SsoRefused('issuer', 'the issuer must use https');
  try {
    return await oidc.discovery(
      issuer,
      provider.client_id,
      undefined,
      oidc.ClientSecretBasic(decryptSecret(key, provider.client_secret_enc)),
      { timeout: 10, ...(insecure ? { execute: [oidc.allowInsecureRequests] } : {}) },
    );
  } catch (error) {
    if (error instanceof SsoRefused) throw error;
    if (unreachable(error)) throw new SsoRefused('unavailable', describe(error));
    throw new SsoRefused('issuer', describe(error));
  }
}

/** The provider's configuration (discovered once, kept ten minutes, renewed when it changes). */
export function providerConfiguration(
  provider: SsoProviderRow,
  key: Buffer,
): Promise<oidc.Configuration> {
  const cacheKey = `${provider.id}:${provider.updated_at.getTime()}`;
  const hit = cache.get(cacheKey);
  if (hit && Date.now() - hit.at < cacheMs) return hit.config;
  const config = discover(provider, key);
  cache.set(cacheKey, { at: Date.now(), config });
  config.catch(() => cache.delete(cacheKey));
  return config;
}

export type AuthorizationRequest = { url: URL; state: string; nonce: string; codeVerifier: string };

export async function authorizationRequest(
  config: oidc.Configuration,
  options: { redirectUri: string; scopes: string },
): Promise<AuthorizationRequest> {
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: options.redirectUri,
    scope: options.scopes,
    response_type: 'code',
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  return { url, state, nonce, codeVerifier };
}

export type SignOnClaims = Record<string, unknown> & { sub: string };

/**
 * Exchanges the callback's code and returns the person's claims (id_token then
 * userinfo, same subject). SsoRefused('provider') when the provider answered
 * with an error, ('token') when the exchange or the id_token does not hold.
 */
export async function exchangeCode(
  config: oidc.Configuration,
  callbackUrl: URL,
  checks: { state: string; nonce: string; codeVerifier: string; redirectUri: string },
): Promise<SignOnClaims> {
  if (callbackUrl.searchParams.has('error'))
    throw new SsoRefused(
      'provider',
      `${callbackUrl.searchParams.get('error')}: ${callbackUrl.searchParams.get('error_description') ?? ''}`.slice(
        0,
        300,
      ),
    );
  let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
  try {
    tokens = await oidc.authorizationCodeGrant(
      config,
      callbackUrl,
      {
        pkceCodeVerifier: checks.codeVerifier,
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        idTokenExpected: true,
      },
      { redirect_uri: checks.redirectUri },
    );
  } catch (error) {
    if (unreachable(error)) throw new SsoRefused('unavailable', describe(error));
    throw new SsoRefused('token', describe(error));
  }
  const idClaims = tokens.claims();
  if (!idClaims) throw new SsoRefused('token', 'no id_token');
  let userinfo: Record<string, unknown> = {};
  try {
    userinfo = await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub);
  } catch (error) {
    if (unreachable(error)) throw new SsoRefused('unavailable', describe(error));
    throw new SsoRefused('token', `userinfo: ${describe(error)}`);
  }
  return { ...idClaims, ...userinfo, sub: idClaims.sub };
}
