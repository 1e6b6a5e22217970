import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ecCurve, generateJwk, keyIdOf, newKid } from '../../../src/jwks/keygen.js';
import { parseKeystore, publicJwk, serializeKeystore, signingKey, type Jwk } from '../../../src/jwks/keystore.js';

// RSA generation is slow: a few keys made once and handed out in turn (tests that need two different keys get them).
const made = Array.from({ length: 3 }, () => generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }) as Jwk);
let turn = 0;
const rsa = (bits = 2048) =>
  bits === 2048 ? { ...made[turn++ % made.length]! } : (generateKeyPairSync('rsa', { modulusLength: bits }).privateKey.export({ format: 'jwk' }) as Jwk);
const ec = (crv = 'P-256') => generateKeyPairSync('ec', { namedCurve: crv }).privateKey.export({ format: 'jwk' }) as Jwk;
const key = (material: Jwk, extra: Jwk) => ({ kty: material.kty, ...extra, ...material });
const codes = (text: string) => parseKeystore(text).findings.map((f) => f.code);

describe('parseKeystore: what cannot be read', () => {
  it.each([
    ['', 'JWKS_EMPTY'],
    ['{"keys":[{"kty":"RSA","n":"ab', 'JWKS_TRUNCATED'],
    ['keys: []', 'JWKS_NOT_JSON'],
    ['[1,2]', 'JWKS_NOT_JWKS'],
    ['{"kes":[]}', 'JWKS_NO_KEYS_MEMBER'],
    ['{"keys":{}}', 'JWKS_NO_KEYS_MEMBER'],
  ])('%j → %s (blocking error)', (text, code) => {
    const parsed = parseKeystore(text);
    expect(parsed.parsed).toBe(false);
    expect(parsed.findings).toHaveLength(1);
    expect(parsed.findings[0]).toMatchObject({ severity: 'error', code, blocking: true });
  });

  it('reports keys that do not load, each by position and kid', () => {
    const good = key(rsa(), { kid: 'cas-good', use: 'sig', state: 0 });
    const other = rsa();
    const mismatched = { ...key(rsa(), { kid: 'cas-swap', use: 'enc', state: 0 }), d: other.d, p: other.p, q: other.q, dp: other.dp, dq: other.dq, qi: other.qi };
    const text = serializeKeystore([
      good,
      { kty: 'RSA', kid: 'cas-non', n: 'not base64!', e: 'AQAB', state: 1 },
      { kty: 'XYZ', kid: 'cas-kty' },
      mismatched,
      'a string' as unknown as Jwk,
      { ...key(ec('P-256'), { kid: 'cas-ec' }), crv: 'P-999' },
    ]);
    const invalid = parseKeystore(text).findings.filter((f) => f.code === 'JWKS_KEY_INVALID');
    expect(invalid.map((f) => [f.index, f.kid])).toEqual([
      [1, 'cas-non'],
      [2, 'cas-kty'],
      [3, 'cas-swap'],
      [4, undefined],
      [5, 'cas-ec'],
    ]);
    expect(invalid[0]!.message).toContain('"n" is not base64url');
    expect(invalid[1]!.message).toContain('key type "XYZ" is not RSA, EC, OKP or oct');
    expect(invalid[2]!.message).toContain('the private part does not belong to the public key');
    expect(invalid.every((f) => f.blocking)).toBe(true);
  });

  it('state: a string or an unknown number is an error, a missing state a warning', () => {
    const material = rsa();
    const parsed = parseKeystore(
      serializeKeystore([
        key(material, { kid: 'a', use: 'sig', state: '0' }),
        key(rsa(), { kid: 'b', use: 'sig', state: 7 }),
        key(rsa(), { kid: 'c', use: 'sig' }),
      ]),
    );
    expect(parsed.findings.map((f) => [f.code, f.severity, f.kid])).toEqual([
      ['JWKS_STATE_STRING', 'error', 'a'],
      ['JWKS_STATE_UNKNOWN', 'error', 'b'],
      ['JWKS_STATE_MISSING', 'warning', 'c'],
    ]);
    // CAS reads an absent or unknown state as current: the first key is the one it signs with.
    expect(parsed.info.map((k) => k.state)).toEqual(['current', 'current', 'current']);
  });

  it('duplicate kids are a blocking error; a missing kid a warning', () => {
    const parsed = parseKeystore(
      serializeKeystore([key(rsa(), { kid: 'cas-x', use: 'sig', state: 0 }), key(rsa(), { kid: 'cas-x', use: 'enc', state: 0 }), key(rsa(), { use: 'enc', state: 1 })]),
    );
    expect(parsed.findings.map((f) => [f.code, f.index, f.blocking])).toEqual([
      ['JWKS_DUPLICATE_KID', 1, true],
      ['JWKS_KID_MISSING', 2, false],
    ]);
  });

  it('alg labels: P-256 with ES512 is a warning (CAS writes it), ES256 is fine', () => {
    expect(codes(serializeKeystore([key(ec('P-256'), { kid: 'k', use: 'sig', alg: 'ES512', state: 0 })]))).toEqual(['JWKS_ALG_MISMATCH']);
    expect(codes(serializeKeystore([key(ec('P-256'), { kid: 'k', use: 'sig', alg: 'ES256', state: 0 })]))).toEqual([]);
    expect(codes(serializeKeystore([key(ec('P-521'), { kid: 'k', use: 'sig', alg: 'ES512', state: 0 })]))).toEqual([]);
    expect(codes(serializeKeystore([key(rsa(), { kid: 'k', use: 'sig', alg: 'ES256', state: 0 })]))).toEqual(['JWKS_ALG_MISMATCH']);
  });

  it('RSA below 2048 bits is an error that does not block rotate/revoke', () => {
    const parsed = parseKeystore(serializeKeystore([key(rsa(), { kid: 'k', use: 'sig', state: 0 }), key(rsa(1024), { kid: 'w', use: 'sig', state: 2 })]));
    expect(parsed.findings).toEqual([expect.objectContaining({ code: 'JWKS_RSA_TOO_SMALL', severity: 'error', blocking: false, kid: 'w' })]);
    expect(parsed.findings[0]!.message).toContain('1024-bit RSA key');
  });
});

describe('signingKey: the key CAS signs with', () => {
  const pub = (jwk: Jwk) => publicJwk(jwk)!;
  it('is the first current asymmetric sig key with a private part, in file order', () => {
    const info = parseKeystore(
      serializeKeystore([
        { kty: 'oct', kid: 'hmac', use: 'sig', k: 'c2VjcmV0c2VjcmV0c2VjcmV0', state: 0 },
        pub(key(rsa(), { kid: 'public-only', use: 'sig', state: 0 })),
        key(rsa(), { kid: 'enc', use: 'enc', state: 0 }),
        key(rsa(), { kid: 'future', use: 'sig', state: 1 }),
        key(rsa(), { kid: 'this-one', use: 'sig', state: 0 }),
        key(rsa(), { kid: 'second', use: 'sig', state: 0 }),
      ]),
    ).info;
    expect(signingKey(info)?.kid).toBe('this-one');
  });

  it('falls back to any use when no key says sig; an absent state counts as current', () => {
    const info = parseKeystore(serializeKeystore([key(rsa(), { kid: 'prev', use: 'enc', state: 2 }), key(rsa(), { kid: 'nostate' })])).info;
    expect(signingKey(info)?.kid).toBe('nostate');
  });

  it('none when only future/previous keys are left: an error finding', () => {
    const parsed = parseKeystore(serializeKeystore([key(rsa(), { kid: 'f', use: 'sig', state: 1 })]));
    expect(signingKey(parsed.info)).toBeUndefined();
    expect(parsed.findings.map((f) => [f.code, f.blocking])).toEqual([['JWKS_NO_SIGNING_KEY', false]]);
  });
});

describe('publicJwk: as /oidc/jwks publishes a key', () => {
  it('drops private members, keeps state, never publishes oct keys', () => {
    const jwk = { ...key(rsa(), { kid: 'k', use: 'sig' }), state: 2 };
    const pub = publicJwk(jwk)!;
    expect(Object.keys(pub)).toEqual(['kty', 'kid', 'use', 'n', 'e', 'state']);
    expect(publicJwk({ kty: 'oct', k: 'AAAA' })).toBeUndefined();
    expect(Object.keys(publicJwk(key(ec('P-384'), { kid: 'e' }))!).sort()).toEqual(['crv', 'kid', 'kty', 'x', 'y']);
  });
});

describe('key generation', () => {
  it('writes members in jose4j order with an integer state; RSA has no alg', async () => {
    const jwk = await generateJwk({ spec: { type: 'RSA', size: 2048 }, use: 'sig', state: 'future', kid: 'cas-AbCdEfGh' });
    expect(Object.keys(jwk)).toEqual(['kty', 'kid', 'use', 'n', 'e', 'd', 'p', 'q', 'dp', 'dq', 'qi', 'state']);
    expect(jwk.state).toBe(1);
    expect(Buffer.from(jwk.n as string, 'base64url').length).toBe(256);
  });

  it.each([
    [256, 'P-256', 'ES256'],
    [384, 'P-384', 'ES384'],
    [521, 'P-521', 'ES512'],
    [512, 'P-521', 'ES512'],
  ])('EC size %i → %s labelled %s (sig); enc keys carry no alg', async (size, crv, alg) => {
    expect(ecCurve(size)).toEqual({ crv, alg });
    const sig = await generateJwk({ spec: { type: 'EC', size }, use: 'sig', state: 'current', kid: 'k' });
    expect(sig).toMatchObject({ kty: 'EC', crv, alg, use: 'sig', state: 0 });
    expect(Object.keys(sig)).toEqual(['kty', 'kid', 'use', 'alg', 'crv', 'x', 'y', 'd', 'state']);
    const enc = await generateJwk({ spec: { type: 'EC', size }, use: 'enc', state: 'current', kid: 'k2' });
    expect(enc.alg).toBeUndefined();
    expect(parseKeystore(serializeKeystore([sig, enc])).findings).toEqual([]);
  });

  it('kids are <key-id>-<8 letters>', () => {
    const kid = newKid('cas');
    expect(kid).toMatch(/^cas-[A-Za-z]{8}$/);
    expect(keyIdOf(kid)).toBe('cas');
    expect(keyIdOf('my-sso-AbCdEfGh')).toBe('my-sso');
    expect(keyIdOf('nothing')).toBeUndefined();
  });

  it('serializes compact on one line, like jose4j toJson', () => {
    const text = serializeKeystore([{ kty: 'oct', k: 'AA', state: 0 }]);
    expect(text).toBe('{"keys":[{"kty":"oct","k":"AA","state":0}]}');
  });
});

describe('truncation', () => {
  it('a file cut off mid-member (with or without a final newline) is reported as truncated', () => {
    for (const text of ['{"keys":[{"kty":"RSA","kid":"x"', '{"keys":[{"kty":"RSA","kid":"x"\n', '{"keys":[{"kty":"RSA","kid":"x', '{"keys":[']) {
      expect(parseKeystore(text).findings.map((f) => f.code)).toEqual(['JWKS_TRUNCATED']);
    }
    expect(parseKeystore('{"keys":[} trailing').findings.map((f) => f.code)).toEqual(['JWKS_NOT_JSON']);
  });
});
