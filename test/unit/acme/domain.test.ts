import { X509Certificate, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { certNames, parseChain, renewalDecision, sameNames } from '../../../src/acme/cert.js';
import { LETS_ENCRYPT, describeProblem, directoryUrlFor, problemError, retryAfterMs } from '../../../src/acme/client.js';
import { encodeKey, generateKey, parsePrivateKey, spki } from '../../../src/acme/keys.js';
import { caDirName, defaultAccountKeyPath, defaultDomainDir, normalizeNames } from '../../../src/acme/paths.js';
import { openssl } from '../../helpers/tools.js';

const DAY = 86_400_000;

describe('directoryUrlFor (CAS cas.acme.server-url values)', () => {
  it('maps acme4j URIs to Let\'s Encrypt directories and keeps https URLs', () => {
    expect(directoryUrlFor('acme://letsencrypt.org')).toBe(LETS_ENCRYPT.production);
    expect(directoryUrlFor('acme://letsencrypt.org/staging')).toBe(LETS_ENCRYPT.staging);
    expect(directoryUrlFor(' acme://letsencrypt.org/staging/ ')).toBe(LETS_ENCRYPT.staging);
    expect(directoryUrlFor('https://acme.example.net/directory')).toBe('https://acme.example.net/directory');
  });
  it('rejects unknown acme:// hosts and other schemes as usage errors', () => {
    expect(() => directoryUrlFor('acme://pebble')).toThrow(/unknown ACME server acme:\/\/pebble/);
    expect(() => directoryUrlFor('ftp://x')).toThrow(/directory URL/);
    try {
      directoryUrlFor('acme://ssl.com');
    } catch (error) {
      expect((error as { category: string }).category).toBe('usage');
    }
  });
});

describe('renewal decision', () => {
  const notBefore = new Date('2026-01-01T00:00:00Z');
  const notAfter = new Date(notBefore.getTime() + 90 * DAY);
  it('is due in the last third of the lifetime', () => {
    expect(renewalDecision({ notBefore, notAfter }, new Date(notBefore.getTime() + 59 * DAY)).due).toBe(false);
    const at60 = renewalDecision({ notBefore, notAfter }, new Date(notBefore.getTime() + 60 * DAY));
    expect(at60.due).toBe(true);
    expect(at60.dueAt.toISOString()).toBe('2026-03-02T00:00:00.000Z');
    expect(at60.daysLeft).toBe(30);
  });
  it('--days N overrides the third', () => {
    const now = new Date(notAfter.getTime() - 10 * DAY);
    expect(renewalDecision({ notBefore, notAfter }, now, 7).due).toBe(false);
    expect(renewalDecision({ notBefore, notAfter }, now, 14).due).toBe(true);
  });
  it('an expired certificate is due and says so', () => {
    const decision = renewalDecision({ notBefore, notAfter }, new Date(notAfter.getTime() + DAY));
    expect(decision).toMatchObject({ due: true, reason: 'expired' });
  });
  it('compares name sets without order or case', () => {
    expect(sameNames(['A.example.org', 'b.example.org'], ['b.example.org', 'a.example.org'])).toBe(true);
    expect(sameNames(['a.example.org'], ['a.example.org', 'b.example.org'])).toBe(false);
  });
});

describe('names and paths', () => {
  it('normalizes, de-duplicates and refuses what HTTP-01 cannot validate', () => {
    expect(normalizeNames(['CAS.example.org.', 'cas.example.org', 'login.example.org'])).toEqual(['cas.example.org', 'login.example.org']);
    expect(normalizeNames(['a.example.org b.example.org,c.example.org'])).toEqual(['a.example.org', 'b.example.org', 'c.example.org']);
    expect(() => normalizeNames(['*.example.org'])).toThrow(/DNS-01/);
    expect(() => normalizeNames(['192.0.2.1'])).toThrow(/IP addresses/);
    expect(() => normalizeNames(['localhost'])).toThrow(/not a valid DNS name/);
    expect(() => normalizeNames(['-bad.example.org'])).toThrow(/not a valid DNS name/);
    expect(() => normalizeNames([])).toThrow(/no domain/);
  });
  it('uses XDG directories, one account key per CA host', () => {
    const env = { HOME: '/home/cas', XDG_CONFIG_HOME: undefined, XDG_DATA_HOME: '/srv/data' };
    expect(defaultAccountKeyPath(env, LETS_ENCRYPT.production)).toBe('/home/cas/.config/casctl/acme/accounts/acme-v02.api.letsencrypt.org/account.key');
    expect(defaultAccountKeyPath({ HOME: '/h', XDG_CONFIG_HOME: '/etc/x' }, 'https://127.0.0.1:14000/dir')).toBe('/etc/x/casctl/acme/accounts/127.0.0.1_14000/account.key');
    expect(defaultDomainDir(env, 'cas.example.org')).toBe('/srv/data/casctl/acme/cas.example.org');
    expect(defaultDomainDir({ HOME: '/h', XDG_DATA_HOME: 'relative/ignored' }, 'cas.example.org')).toBe('/h/.local/share/casctl/acme/cas.example.org');
    expect(caDirName('https://[::1]:14000/dir')).toBe('__1_14000');
  });
});

describe('keys', () => {
  it('writes RSA as PKCS#1 and EC as SEC1 by default, PKCS#8 on request; reads all three back', async () => {
    const rsa = await generateKey({ type: 'rsa', rsaBits: 2048, curve: 'P-256' });
    const ec = await generateKey({ type: 'ec', rsaBits: 2048, curve: 'P-256' });
    const rsaPem = encodeKey(rsa.key, 'traditional');
    const ecPem = encodeKey(ec.key, 'traditional');
    expect(rsaPem).toMatch(/^-----BEGIN RSA PRIVATE KEY-----/);
    expect(ecPem).toMatch(/^-----BEGIN EC PRIVATE KEY-----/);
    expect(encodeKey(ec.key, 'pkcs8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    for (const pem of [rsaPem, ecPem, encodeKey(rsa.key, 'pkcs8')]) {
      const loaded = parsePrivateKey(pem, 'k.pem', 'domain key');
      expect(loaded.pkcs8).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    }
    expect(spki(parsePrivateKey(rsaPem, 'k', 'k').key).equals(spki(rsa.key))).toBe(true);
    // openssl reads the traditional file as the same key
    const out = await openssl(['pkey', '-pubout'], rsaPem);
    expect(out.stdout).toContain('BEGIN PUBLIC KEY');
  });
  it('refuses encrypted, garbage, Ed25519 and odd-curve keys with exit-3 errors', () => {
    const check = (pem: string, pattern: RegExp) => {
      try {
        parsePrivateKey(pem, '/k.pem', 'account key');
        expect.unreachable();
      } catch (error) {
        expect((error as { category: string }).category).toBe('input');
        expect((error as Error).message).toMatch(pattern);
      }
    };
    check('-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n', /is encrypted/);
    check('not a key', /not a readable PEM private key/);
    const ed = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    check(ed, /ed25519 key; ACME needs RSA or EC/);
    const k1 = generateKeyPairSync('ec', { namedCurve: 'secp256k1' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    check(k1, /curve secp256k1/);
  });
});

describe('chains', () => {
  it('reads names from subjectAltName and the leaf first; refuses files without a certificate', async () => {
    const { stdout: pem } = await openssl([
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', '/dev/null',
      '-subj', '/CN=cas.example.org', '-addext', 'subjectAltName=DNS:cas.example.org,DNS:Login.example.org', '-days', '30',
    ]);
    const chain = parseChain(`${pem}\n${pem}`, 'chain.pem');
    expect(chain).toHaveLength(2);
    expect(chain[0]!.names).toEqual(['cas.example.org', 'login.example.org']);
    expect(certNames(new X509Certificate(pem))).toEqual(['cas.example.org', 'login.example.org']);
    expect(() => parseChain('garbage', 'x.pem')).toThrow(/x\.pem holds no PEM certificate/);
  });
});

describe('problem documents and Retry-After', () => {
  it('names the type, detail and each subproblem', () => {
    const text = describeProblem({
      type: 'urn:ietf:params:acme:error:rejectedIdentifier',
      detail: 'Error creating new order',
      subproblems: [{ type: 'urn:ietf:params:acme:error:rejectedIdentifier', detail: 'forbidden', identifier: { type: 'dns', value: 'x.example' } }],
    });
    expect(text).toBe('rejectedIdentifier: Error creating new order; x.example: rejectedIdentifier: forbidden');
  });
  it('maps problem types to exit categories', () => {
    expect(problemError({ type: 'urn:ietf:params:acme:error:rateLimited', detail: 'x' }, 'u', 'w')).toMatchObject({ category: 'refused', code: 'E_ACME_RATE_LIMITED' });
    expect(problemError({ type: 'urn:ietf:params:acme:error:serverInternal' }, 'u', 'w')).toMatchObject({ category: 'network' });
    expect(problemError({ type: 'urn:ietf:params:acme:error:unauthorized', detail: 'no' }, 'u', 'w')).toMatchObject({ category: 'refused', code: 'E_ACME_PROBLEM', message: 'w: unauthorized: no' });
  });
  it('reads seconds and HTTP dates', () => {
    expect(retryAfterMs('3')).toBe(3000);
    expect(retryAfterMs(new Date(1_000_000 + 5000).toUTCString(), 1_000_000)).toBe(5000);
    expect(retryAfterMs(undefined)).toBeUndefined();
    expect(retryAfterMs('soon')).toBeUndefined();
  });
});
