/**
 * The two acme-client modules casctl replaces (see client.ts): `./axios` (its transport, here casctl's own
 * HTTP client through acmeTransport) and `./crypto` (it loads @peculiar/x509, asn1js and tsyringe for
 * helpers casctl does with node:crypto; client.js and http.js call only getJwk and getPemBodyAsB64u).
 * Used as they are by the bundle (scripts/build.mjs resolves acme-client's requires here) and, from the
 * sources, through the CommonJS require cache.
 */
import { createPublicKey } from 'node:crypto';

/** The axios-like instance of the running session (set by client.ts before each connect). */
export const acmeTransport: { current: any } = { current: undefined };

const proxy: any = (config: any) => acmeTransport.current(config);
proxy.request = (config: any) => acmeTransport.current.request(config);
proxy.defaults = {
  headers: { common: {} },
  acmeSettings: { httpChallengePort: 80, httpsChallengePort: 443, tlsAlpnChallengePort: 443, retryMaxAttempts: 0, retryDefaultDelay: 1 },
};
proxy.interceptors = { request: { use() {} }, response: { use() {} } };
export const axiosModule = proxy;

const unavailable = () => {
  throw new Error('not available in casctl');
};

export const cryptoModule = {
  getJwk: (keyPem: string | Buffer) => {
    const jwk = createPublicKey(keyPem).export({ format: 'jwk' }) as Record<string, unknown>;
    // RFC 7638: members in lexicographic order (the account thumbprint is computed from this JSON).
    return Object.fromEntries(Object.keys(jwk).sort().map((k) => [k, jwk[k]]));
  },
  getPemBodyAsB64u: (pem: string | Buffer) => {
    const match = /-----BEGIN [^-]+-----([\s\S]+?)-----END [^-]+-----/.exec(pem.toString());
    if (!match) throw new Error('Unable to parse PEM body from string');
    return Buffer.from(match[1]!.replace(/\s+/g, ''), 'base64').toString('base64url');
  },
  readCsrDomains: unavailable,
  readCertificateInfo: unavailable,
  splitPemChain: unavailable,
  isAlpnCertificateAuthorizationValid: unavailable,
};
