// Signs as the CDNs' own published signers do, for the Java tests to compare our output with.
//   node cdn-sign.mjs cloudfront <request.json>  -> {"url", "cookies"}   (@aws-sdk/cloudfront-signer)
//     request: {privateKey (PEM), keyPairId, url, expires (epoch s) | policy, ipAddress?, algorithm?}
//   node cdn-sign.mjs akamai <request.json>      -> {"token"}            (akamai-edgeauth)
//     request: {key (hex), startTime, windowSeconds, acl | url, ip?}
// The request is a file, so no key or secret appears in a process list.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { getSignedUrl, getSignedCookies } from '@aws-sdk/cloudfront-signer';

const require = createRequire(import.meta.url);
const [mode, file] = process.argv.slice(2);
const request = JSON.parse(readFileSync(file, 'utf8'));

if (mode === 'cloudfront') {
  const options = {
    url: request.url,
    keyPairId: request.keyPairId,
    privateKey: request.privateKey,
  };
  if (request.policy) {
    options.policy = request.policy;
  } else {
    options.dateLessThan = new Date(request.expires * 1000).toISOString();
    if (request.ipAddress) options.ipAddress = request.ipAddress;
  }
  if (request.algorithm) options.algorithm = request.algorithm;
  console.log(JSON.stringify({ url: getSignedUrl(options), cookies: getSignedCookies(options) }));
} else if (mode === 'akamai') {
  const EdgeAuth = require('akamai-edgeauth');
  const options = { key: request.key, startTime: request.startTime, windowSeconds: request.windowSeconds };
  if (request.ip) options.ip = request.ip;
  const auth = new EdgeAuth(options);
  const token = request.acl ? auth.generateACLToken(request.acl) : auth.generateURLToken(request.url);
  console.log(JSON.stringify({ token }));
} else {
  throw new Error(`unknown mode ${mode}`);
}
