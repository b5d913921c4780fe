// A TV app as a third-party relying party would write it with openid-client: the device
// authorization grant (RFC 8628) as a public client. Prints what it saw as JSON.
//   node device-flow.mjs start <issuer> <client_id> <scope>          asks for a device and user code
//   node device-flow.mjs poll <issuer> <client_id> <response JSON>   polls the token endpoint until done
//   node device-flow.mjs refresh <issuer> <client_id> <refresh_token> one refresh, as the TV does hourly
//   node device-flow.mjs revoke <issuer> <client_id> <refresh_token>  signs out: revokes the refresh token
import * as client from 'openid-client';
import { createRemoteJWKSet, jwtVerify } from 'jose';

const [command, issuer, clientId, argument] = process.argv.slice(2);

function failure(error) {
  return { ok: false, error: error?.error ?? error?.code ?? null, status: error?.status ?? null,
    message: String(error?.message ?? error) };
}

async function verified(config, tokens) {
  const jwks = createRemoteJWKSet(new URL(config.serverMetadata().jwks_uri));
  const access = await jwtVerify(tokens.access_token, jwks, { issuer, typ: 'at+jwt' });
  return { ok: true, access_claims: access.payload, access_token: tokens.access_token,
    refresh_token: tokens.refresh_token ?? null, scope: tokens.scope ?? null, id_token: tokens.id_token ?? null };
}

let result;
try {
  const config = await client.discovery(new URL(issuer), clientId, undefined, client.None(),
    { execute: [client.allowInsecureRequests] });
  if (command === 'start') {
    const response = await client.initiateDeviceAuthorization(config, argument ? { scope: argument } : {});
    result = { ok: true, response, device_authorization_endpoint: config.serverMetadata().device_authorization_endpoint };
  } else if (command === 'poll') {
    const response = JSON.parse(argument);
    const tokens = await client.pollDeviceAuthorizationGrant(config, { ...response, interval: 1 });
    result = await verified(config, tokens);
  } else if (command === 'revoke') {
    // the TV signs out: it drops its refresh token, then checks that it no longer works
    await client.tokenRevocation(config, argument, { token_type_hint: 'refresh_token' });
    try {
      await client.refreshTokenGrant(config, argument);
      result = { ok: true, revoked: false };
    } catch (error) {
      result = { ok: true, revoked: true, refresh_error: error?.error ?? null };
    }
  } else if (command === 'refresh') {
    result = await verified(config, await client.refreshTokenGrant(config, argument));
  } else {
    throw new Error(`unknown command ${command}`);
  }
} catch (error) {
  result = failure(error);
}
console.log(JSON.stringify(result));
