// A native phone app (a public client) with openid-client: authorization code + PKCE through
// ticketbooth's login form, then what such an app does later: refresh (rotation, and a stolen
// copy replayed), or RP-initiated logout. Prints what it saw as JSON.
//   node native-app.mjs race    <issuer> <client_id> <redirect_uri> <username> <password> <scope>
//   node native-app.mjs refresh <issuer> <client_id> <redirect_uri> <username> <password> <scope>
//   node native-app.mjs logout  <issuer> <client_id> <redirect_uri> <username> <password> <scope> <post_logout_redirect_uri>
import * as client from 'openid-client';
import { createRemoteJWKSet, jwtVerify } from 'jose';

const [mode, issuer, clientId, redirectUri, username, password, scope, postLogoutRedirectUri] = process.argv.slice(2);
const cookies = new Map();
let stepName = 'discovery';

async function browse(url, init = {}) {
  // the viewer's browser: asks for HTML and keeps cookies
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

async function authorize(config, signIn) {
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(config, { redirect_uri: redirectUri, scope, state, nonce,
    code_challenge: await client.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256' });
  let step = await follow(url.href);
  if (!step.callback) {
    if (!signIn) return { login_page: true };
    const page = await step.response.text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page)?.[1];
    if (!csrf) throw new Error(`no login form: ${step.response.status}`);
    step = await follow(new URL('/login', issuer).href, { method: 'POST',
      body: new URLSearchParams({ username, password, _csrf: csrf }),
      headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  }
  if (!step.callback) throw new Error(`login did not return to the client: ${step.response.status}`);
  return client.authorizationCodeGrant(config, step.callback,
    { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce });
}

/** A refresh that is expected to fail: its OAuth error code, or what came back instead. */
async function refreshError(config, token) {
  try {
    await client.refreshTokenGrant(config, token);
    return 'succeeded';
  } catch (error) {
    return error?.error ?? String(error?.message ?? error);
  }
}

try {
  const config = await client.discovery(new URL(issuer), clientId, undefined, client.None(),
    { execute: [client.allowInsecureRequests] });
  const metadata = config.serverMetadata();
  stepName = 'authorize';
  const tokens = await authorize(config, true);
  const jwks = createRemoteJWKSet(new URL(metadata.jwks_uri));
  const out = { ok: true, end_session_endpoint: metadata.end_session_endpoint ?? null,
    refresh_token_issued: Boolean(tokens.refresh_token) };
  if (mode === 'refresh') {
    stepName = 'refresh';
    const first = await client.refreshTokenGrant(config, tokens.refresh_token);
    out.rotated = Boolean(first.refresh_token) && first.refresh_token !== tokens.refresh_token;
    out.refreshed_access_claims = (await jwtVerify(first.access_token, jwks, { issuer, typ: 'at+jwt' })).payload;
    out.refreshed_id_token = Boolean(first.id_token);
    const second = await client.refreshTokenGrant(config, first.refresh_token);
    out.rotated_again = Boolean(second.refresh_token) && second.refresh_token !== first.refresh_token;
    stepName = 'reuse';
    // a thief replays the first refresh token, long since rotated away
    out.reuse_error = await refreshError(config, tokens.refresh_token);
    // the viewer's app, holding the current token, refreshes next: the whole sign-in has ended
    out.current_after_reuse_error = await refreshError(config, second.refresh_token);
  } else if (mode === 'race') {
    stepName = 'race';
    // the app and a stolen copy refresh with the same token at the same moment
    const raced = await Promise.allSettled([1, 2, 3, 4].map(() => client.refreshTokenGrant(config, tokens.refresh_token)));
    out.race_succeeded = raced.filter((r) => r.status === 'fulfilled').length;
    out.race_errors = raced.filter((r) => r.status === 'rejected').map((r) => r.reason?.error ?? String(r.reason));
    out.after_race = [];
    for (const r of raced.filter((r) => r.status === 'fulfilled')) {
      out.after_race.push(await refreshError(config, r.value.refresh_token));
    }
    out.finally = [];
    for (const r of raced.filter((r) => r.status === 'fulfilled')) {
      out.finally.push(await refreshError(config, r.value.refresh_token));
    }
  } else if (mode === 'logout') {
    stepName = 'logout';
    const unregistered = await browse(client.buildEndSessionUrl(config, { id_token_hint: tokens.id_token,
      post_logout_redirect_uri: 'https://evil.example/', state: 'x' }).href);
    out.unregistered_status = unregistered.status;
    out.unregistered_location = unregistered.headers.get('location');
    const logout = await browse(client.buildEndSessionUrl(config, { id_token_hint: tokens.id_token,
      post_logout_redirect_uri: postLogoutRedirectUri, state: 'bye' }).href);
    out.logout_status = logout.status;
    out.logout_location = logout.headers.get('location');
    out.logout_body = logout.status === 302 ? null : (await logout.text()).slice(0, 300);
    stepName = 'after-logout';
    out.signed_in_after_logout = !(await authorize(config, false)).login_page;
    out.refresh_after_logout_error = await refreshError(config, tokens.refresh_token);
  }
  console.log(JSON.stringify(out));
} catch (error) {
  console.log(JSON.stringify({ ok: false, step: stepName, status: error?.cause?.status ?? error?.status ?? null,
    error: String(error?.message ?? error), code: error?.code ?? null, oauth_error: error?.error ?? null }));
}
