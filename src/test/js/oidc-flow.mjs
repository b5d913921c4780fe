// A real third-party relying party: openid-client performs discovery, authorization code + PKCE
// (driving ticketbooth's login form over HTTP), token exchange, userinfo and refresh; jose then
// verifies the ID and access tokens against the published JWKS. Prints what it saw as JSON.
//   node oidc-flow.mjs <issuer> <client_id> <redirect_uri> <username> <password> <scope> [client_secret]
import * as client from 'openid-client';
import { createRemoteJWKSet, jwtVerify, decodeProtectedHeader } from 'jose';

const [issuer, clientId, redirectUri, username, password, scope, clientSecret] = process.argv.slice(2);
const cookies = new Map();
let stepName = 'discovery';

async function browse(url, init = {}) {
  // the user's browser: asks for HTML and keeps cookies
  const headers = { accept: 'text/html,application/xhtml+xml', ...(init.headers ?? {}),
    cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
  const response = await fetch(url, { ...init, headers, redirect: 'manual' });
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const eq = pair.indexOf('=');
    cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
  }
  return response;
}

/** Follows redirects inside the server until one leaves for the client's redirect URI. */
async function follow(url, init) {
  let response = await browse(url, init);
  for (let hops = 0; hops < 10; hops++) {
    const location = response.headers.get('location');
    if (!location) return { response };
    const next = new URL(location, url);
    if (next.href.startsWith(redirectUri)) return { callback: next };
    url = next.href;
    response = await browse(url);
  }
  throw new Error('too many redirects');
}

try {
  const config = await client.discovery(new URL(issuer), clientId, undefined,
    clientSecret ? client.ClientSecretBasic(clientSecret) : client.None(),
    { execute: [client.allowInsecureRequests] });
  stepName = 'authorize';
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const authorizationUrl = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri, scope, state, nonce,
    code_challenge: await client.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256',
  });

  let step = await follow(authorizationUrl.href);
  if (!step.callback) {
    const page = await step.response.text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page)?.[1];
    if (!csrf) throw new Error(`no login form at ${step.response.url}: ${step.response.status}`);
    const form = new URLSearchParams({ username, password, _csrf: csrf });
    step = await follow(new URL('/login', issuer).href, {
      method: 'POST', body: form, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  }
  if (!step.callback) throw new Error(`login did not return to the client: ${step.response.status}`);

  stepName = 'token';
  const tokens = await client.authorizationCodeGrant(config, step.callback,
    { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce });
  const idClaims = tokens.claims();
  stepName = 'userinfo';
  const userinfo = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
  stepName = 'refresh';
  const refreshed = tokens.refresh_token ? await client.refreshTokenGrant(config, tokens.refresh_token) : null;

  stepName = 'verify';
  const jwks = createRemoteJWKSet(new URL(config.serverMetadata().jwks_uri));
  const id = await jwtVerify(tokens.id_token, jwks, { issuer, audience: clientId });
  const access = await jwtVerify(tokens.access_token, jwks, { issuer,
    typ: decodeProtectedHeader(tokens.access_token).typ });
  const refreshedAccess = refreshed ? await jwtVerify(refreshed.access_token, jwks, { issuer }) : null;

  console.log(JSON.stringify({
    ok: true, jwks_uri: config.serverMetadata().jwks_uri, id_claims: id.payload, id_header: id.protectedHeader,
    access_claims: access.payload, access_header: access.protectedHeader, access_token: tokens.access_token,
    userinfo, refreshed_access_claims: refreshedAccess?.payload ?? null, refresh_token_issued: Boolean(tokens.refresh_token),
    refresh_rotated: Boolean(refreshed?.refresh_token) && refreshed.refresh_token !== tokens.refresh_token,
  }));
} catch (error) {
  let body = null;
  try { body = typeof error?.cause?.text === 'function' ? (await error.cause.text()).slice(0, 500) : null; } catch { /* ignore */ }
  console.log(JSON.stringify({ ok: false, step: stepName, body, status: error?.cause?.status ?? error?.status ?? null,
    www: error?.response?.headers?.get?.('www-authenticate') ?? null, error: String(error?.message ?? error), code: error?.code ?? null,
    cause: String(error?.cause?.message ?? error?.cause ?? '') }));
}
