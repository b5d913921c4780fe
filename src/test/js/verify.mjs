// Verifies a JWT the way a video platform would, with npm's jose, and prints what it saw as JSON.
//   node verify.mjs jwks <jwks-url> <token> <issuer|-> <audience|-> [alg]
//   node verify.mjs spki <pem-file> <token> [alg]
// alg (default RS256) is the one algorithm the platform accepts. JOSE_NOW (epoch seconds), when
// set, is the time to check exp and nbf at: the test server's clock, which tests move.
import { readFileSync } from 'node:fs';
import { createRemoteJWKSet, importSPKI, jwtVerify, decodeProtectedHeader } from 'jose';

const [mode, source, token, issuer, audience] = process.argv.slice(2);
const alg = (mode === 'spki' ? process.argv[5] : process.argv[7]) || 'RS256';
try {
  let key;
  if (mode === 'jwks') {
    key = createRemoteJWKSet(new URL(source));
  } else if (mode === 'spki') {
    key = await importSPKI(readFileSync(source, 'utf8'), alg);
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
  const options = { algorithms: [alg] };
  if (process.env.JOSE_NOW) options.currentDate = new Date(Number(process.env.JOSE_NOW) * 1000);
  if (mode === 'jwks' && issuer && issuer !== '-') options.issuer = issuer;
  if (audience && audience !== '-') options.audience = audience;
  const { payload, protectedHeader } = await jwtVerify(token, key, options);
  console.log(JSON.stringify({ verified: true, header: protectedHeader, payload }));
} catch (error) {
  let header = null;
  try { header = decodeProtectedHeader(token); } catch { /* not even a JWS */ }
  console.log(JSON.stringify({ verified: false, code: error.code ?? null, error: String(error.message), header }));
}
