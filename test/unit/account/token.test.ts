import { describe, expect, it } from 'vitest';
import { judgeRegistrationClaims } from '../../../src/account/token.js';

const prefix = 'https://sso.example.org/cas';
const now = 1_800_000_000;
const good = { jti: 'j', iss: prefix, aud: prefix, sub: 'casuser', exp: now + 60, iat: now, origin: '10.0.0.5', client: '203.0.113.7', email: 'c@example.org' };
const failed = (claims: Record<string, unknown>, options = {}) =>
  judgeRegistrationClaims(claims, { prefix, now, ...options })
    .filter((c) => c.ok === false)
    .map((c) => c.code);

describe('judgeRegistrationClaims (DefaultAccountRegistrationService#validateToken)', () => {
  it('accepts a token CAS made, leaving IPs unchecked unless given', () => {
    const checks = judgeRegistrationClaims(good, { prefix, now });
    expect(checks.filter((c) => c.ok === false)).toEqual([]);
    expect(checks.filter((c) => c.ok === null).map((c) => c.check)).toEqual(['origin', 'client']);
    expect(failed(good, { clientIp: '203.0.113.7', serverIp: '10.0.0.5' })).toEqual([]);
  });

  it('issuer and first audience must equal the prefix exactly', () => {
    expect(failed({ ...good, iss: `${prefix}/` })).toEqual(['E_TOKEN_ISSUER_MISMATCH']);
    expect(judgeRegistrationClaims({ ...good, iss: `${prefix}/` }, { prefix, now })[0]!.message).toMatch(/trailing slash/);
    expect(failed({ ...good, aud: ['https://other/cas', prefix] })).toEqual(['E_TOKEN_AUDIENCE_MISMATCH']);
    expect(failed({ ...good, aud: [prefix, 'x'] })).toEqual([]);
    const { aud: _aud, ...noAud } = good;
    expect(failed(noAud)).toEqual(['E_TOKEN_AUDIENCE_MISMATCH']);
  });

  it('the subject must not be blank', () => {
    expect(failed({ ...good, sub: '  ' })).toEqual(['E_TOKEN_SUBJECT_MISSING']);
  });

  it('expiry: exp before now is rejected, exp equal to now is still accepted (jose4j isBefore)', () => {
    expect(failed({ ...good, exp: now - 1 })).toEqual(['E_TOKEN_EXPIRED']);
    expect(failed({ ...good, exp: now })).toEqual([]);
    expect(failed({ ...good, exp: 'soon' })).toEqual(['E_TOKEN_CLAIMS_INVALID']);
  });

  it('IP claims: compared when given, missing claims fail while the include setting is on', () => {
    expect(failed(good, { clientIp: '198.51.100.1', serverIp: '10.9.9.9' })).toEqual(['E_TOKEN_ORIGIN_MISMATCH', 'E_TOKEN_CLIENT_MISMATCH']);
    const { origin: _o, client: _c, ...noIps } = good;
    expect(failed(noIps, { includeClientIp: true, includeServerIp: true })).toEqual(['E_TOKEN_ORIGIN_MISSING', 'E_TOKEN_CLIENT_MISSING']);
    // without --cas-config the settings are unknown: a token without IP claims came from a CAS that has them off
    expect(failed(noIps)).toEqual([]);
    expect(judgeRegistrationClaims(noIps, { prefix, now }).find((c) => c.check === 'origin')!.message).toMatch(/include-server-ip-address=false/);
    expect(failed(noIps, { includeClientIp: false, includeServerIp: false })).toEqual([]);
  });

  it('reports every failure, not only the first', () => {
    expect(failed({ iss: 'x', aud: 'y', sub: '', exp: now - 600, origin: 'a', client: 'b' }, { clientIp: 'c', serverIp: 'd' })).toEqual([
      'E_TOKEN_ISSUER_MISMATCH',
      'E_TOKEN_AUDIENCE_MISMATCH',
      'E_TOKEN_SUBJECT_MISSING',
      'E_TOKEN_ORIGIN_MISMATCH',
      'E_TOKEN_CLIENT_MISMATCH',
      'E_TOKEN_EXPIRED',
    ]);
  });
});
