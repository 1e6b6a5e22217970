import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CasctlError } from '../../../src/errors.js';
import {
  CAS_COMPATS,
  checkTokenClaims,
  decodeCasToken,
  encodeCasToken,
  type CasCompat,
  type CipherStrategy,
  type ContentEncryption,
} from '../../../src/crypto/cas-cipher.js';

const key = (bits: number) => randomBytes(bits / 8).toString('base64url');
const signingKey = key(512);
const enc512 = key(512);
const enc256 = key(256);
const claims = { iss: 'https://cas.example.org/cas', aud: 'https://app.example.org', sub: 'casuser', jti: 'ST-1-abc', exp: 4102444800, mail: ['a@b', 'c@d'] };
const payloadText = JSON.stringify(claims);

async function failure(promise: Promise<unknown>): Promise<CasctlError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(CasctlError);
    return error as CasctlError;
  }
  throw new Error('expected a failure');
}

describe('encode → decode round trips', () => {
  const cases: [CipherStrategy, ContentEncryption, string, CasCompat][] = [];
  for (const strategy of ['ENCRYPT_AND_SIGN', 'SIGN_AND_ENCRYPT'] as const) {
    for (const compat of CAS_COMPATS) {
      cases.push([strategy, 'A256CBC-HS512', enc512, compat]);
      cases.push([strategy, 'A128CBC-HS256', enc256, compat]);
    }
  }
  it.each(cases)('%s %s compat %s', async (strategy, enc, encryptionKey, compat) => {
    const encoded = await encodeCasToken(payloadText, { signingKey, encryptionKey }, { strategy, enc, compat });
    expect(encoded.token.split('.')).toHaveLength(strategy === 'ENCRYPT_AND_SIGN' ? 3 : 5);
    expect(encoded.headers.jwe).toMatchObject({ alg: 'dir', enc });
    expect(encoded.headers.jwe!.zip === 'DEF').toBe(compat <= 6);
    expect(typeof encoded.headers.jwe!.kid === 'string').toBe(compat >= 6);
    const decoded = await decodeCasToken(encoded.token, { signingKey, encryptionKey });
    expect(decoded.strategy).toBe(strategy);
    expect(decoded.claims).toEqual(claims);
    expect(decoded.payloadText).toBe(payloadText);
    expect(decoded.signatureVerified).toBe(true);
    expect(decoded.decrypted).toBe(true);
    expect(decoded.headers.jws).toEqual(compat === 5 ? { alg: 'HS512' } : { alg: 'HS512', typ: 'JWT' });
  });

  it('compat 8 emits exactly the newest CAS headers', async () => {
    const { token, headers } = await encodeCasToken(payloadText, { signingKey, encryptionKey: enc512 }, { kid: 'k1' });
    expect(Object.keys(headers.jwe!)).toEqual(['alg', 'enc', 'cty', 'typ', 'kid']);
    expect(headers.jwe).toEqual({ alg: 'dir', enc: 'A256CBC-HS512', cty: 'JWT', typ: 'JWT', kid: 'k1' });
    const segment = token.split('.')[1]!;
    expect(segment).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(Buffer.from(segment, 'base64url').toString().split('.')).toHaveLength(5);
  });

  it('one key only gives a JWS or a JWE; no key an unsecured JWT', async () => {
    const signed = await encodeCasToken(payloadText, { signingKey });
    expect(signed.strategy).toBe('SIGN');
    expect((await decodeCasToken(signed.token, { signingKey })).claims).toEqual(claims);
    const encrypted = await encodeCasToken(payloadText, { encryptionKey: enc512 });
    expect(encrypted.token.split('.')).toHaveLength(5);
    const decrypted = await decodeCasToken(encrypted.token, { encryptionKey: enc512 });
    expect(decrypted).toMatchObject({ strategy: 'ENCRYPT', signatureVerified: false, decrypted: true, claims });
    const plain = await encodeCasToken(payloadText, {}, { unsecured: true });
    expect(plain.token.endsWith('.')).toBe(true);
    expect((await decodeCasToken(plain.token)).strategy).toBe('UNSECURED');
    expect((await failure(encodeCasToken(payloadText, {}))).code).toBe('E_KEYS_REQUIRED');
  });

  it('picks the enc the key size fits and says so', async () => {
    const encoded = await encodeCasToken(payloadText, { signingKey, encryptionKey: enc256 });
    expect(encoded.enc).toBe('A128CBC-HS256');
    expect(encoded.notes.join(' ')).toMatch(/crypto.alg=A128CBC-HS256/);
    const wrong = await failure(encodeCasToken(payloadText, { signingKey, encryptionKey: enc256 }, { enc: 'A256CBC-HS512' }));
    expect(wrong.code).toBe('E_ENCRYPTION_KEY_SIZE');
    expect(wrong.category).toBe('input');
  });
});

describe('other inputs CAS can produce', () => {
  it('GCM content encryption when crypto.alg names it', async () => {
    const k = key(256);
    const encoded = await encodeCasToken(payloadText, { signingKey, encryptionKey: k }, { enc: 'A256GCM' });
    expect(encoded.headers.jwe!.enc).toBe('A256GCM');
    expect((await decodeCasToken(encoded.token, { signingKey, encryptionKey: k })).claims).toEqual(claims);
  });

  it('a CAS 8 oct JWK (JSON) as the encryption key', async () => {
    const { token } = await encodeCasToken(payloadText, { signingKey, encryptionKey: enc512 });
    const jwk = JSON.stringify({ kty: 'oct', k: enc512, kid: 'x' });
    expect((await decodeCasToken(token, { signingKey, encryptionKey: jwk })).claims).toEqual(claims);
    expect((await failure(decodeCasToken(token, { signingKey, encryptionKey: '{"kty":"RSA","n":"x"}' }))).code).toBe('E_ENCRYPTION_KEY_INVALID');
  });

  it('plain JSON (registration token with crypto disabled)', async () => {
    const decoded = await decodeCasToken(`  ${payloadText}\n`);
    expect(decoded).toMatchObject({ strategy: 'NONE', claims });
    expect((await failure(decodeCasToken(payloadText, { signingKey }))).code).toBe('E_TOKEN_UNSECURED');
  });
});

describe('precise failures', () => {
  it('wrong signing key', async () => {
    const { token } = await encodeCasToken(payloadText, { signingKey, encryptionKey: enc512 });
    const error = await failure(decodeCasToken(token, { signingKey: key(512), encryptionKey: enc512 }));
    expect(error.code).toBe('E_TOKEN_SIGNATURE_INVALID');
    expect(error.category).toBe('refused');
    expect(error.message).toMatch(/wrong signing key/);
  });

  it('the signing key is the text, not its base64 decoding', async () => {
    const { token } = await encodeCasToken(payloadText, { signingKey, encryptionKey: enc512 });
    const asBytes = Buffer.from(signingKey, 'base64url').toString('latin1');
    expect((await failure(decodeCasToken(token, { signingKey: asBytes, encryptionKey: enc512 }))).code).toBe('E_TOKEN_SIGNATURE_INVALID');
  });

  it('wrong encryption key (same size) and wrong size', async () => {
    const { token } = await encodeCasToken(payloadText, { signingKey, encryptionKey: enc512 });
    const wrong = await failure(decodeCasToken(token, { signingKey, encryptionKey: key(512) }));
    expect(wrong.code).toBe('E_TOKEN_DECRYPTION_FAILED');
    expect(wrong.message).toMatch(/wrong encryption key/);
    const size = await failure(decodeCasToken(token, { signingKey, encryptionKey: enc256 }));
    expect(size.code).toBe('E_TOKEN_DECRYPTION_FAILED');
    expect(size.message).toMatch(/256 bits but the token's enc A256CBC-HS512 needs a 512-bit key/);
  });

  it('SIGN_AND_ENCRYPT: wrong signing key is found after decryption', async () => {
    const { token } = await encodeCasToken(payloadText, { signingKey, encryptionKey: enc512 }, { strategy: 'SIGN_AND_ENCRYPT' });
    const error = await failure(decodeCasToken(token, { signingKey: 'not-the-key', encryptionKey: enc512 }));
    expect(error.code).toBe('E_TOKEN_SIGNATURE_INVALID');
    expect(error.message).toMatch(/inner JWS/);
  });

  it('truncated tokens', async () => {
    const { token } = await encodeCasToken(payloadText, { signingKey, encryptionKey: enc512 });
    const cut = await failure(decodeCasToken(token.slice(0, token.length - 20), { signingKey, encryptionKey: enc512 }));
    expect(cut.code).toBe('E_TOKEN_TRUNCATED');
    const twoSegments = await failure(decodeCasToken(token.slice(0, token.lastIndexOf('.')), { signingKey, encryptionKey: enc512 }));
    expect(twoSegments.code).toBe('E_TOKEN_TRUNCATED');
    expect(twoSegments.message).toMatch(/2 dot-separated segments/);
    const jwe = (await encodeCasToken(payloadText, { signingKey, encryptionKey: enc512 }, { strategy: 'SIGN_AND_ENCRYPT' })).token;
    expect((await failure(decodeCasToken(jwe.slice(0, -10), { signingKey, encryptionKey: enc512 }))).code).toBe('E_TOKEN_TRUNCATED');
  });

  it('garbage, empty, missing keys, unsecured with keys', async () => {
    const garbage = await failure(decodeCasToken(randomBytes(4096).toString('latin1'), { signingKey }));
    expect(garbage.code).toBe('E_TOKEN_MALFORMED');
    expect((await failure(decodeCasToken('  \n', {}))).code).toBe('E_TOKEN_EMPTY');
    expect((await failure(decodeCasToken('abc.def.ghi', {}))).code).toBe('E_TOKEN_MALFORMED');
    const { token } = await encodeCasToken(payloadText, { signingKey, encryptionKey: enc512 });
    const noSigning = await failure(decodeCasToken(token, { encryptionKey: enc512 }));
    expect(noSigning.code).toBe('E_SIGNING_KEY_REQUIRED');
    expect(noSigning.category).toBe('usage');
    const noEnc = await failure(decodeCasToken(token, { signingKey }));
    expect(noEnc.code).toBe('E_ENCRYPTION_KEY_REQUIRED');
    const unsecured = (await encodeCasToken(payloadText, {}, { unsecured: true })).token;
    expect((await failure(decodeCasToken(unsecured, { signingKey }))).code).toBe('E_TOKEN_UNSECURED');
    expect((await failure(decodeCasToken(token, { signingKey, encryptionKey: 'not base64!' }))).code).toBe('E_ENCRYPTION_KEY_INVALID');
  });

  it('lenient JWS payload: standard Base64 with padding, and CAS 5.0 base64-in-base64url', async () => {
    const { token } = await encodeCasToken(payloadText, { signingKey, encryptionKey: enc512 }, { compat: 5 });
    const segment = token.split('.')[1]!;
    expect(segment).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
    const decoded = await decodeCasToken(token, { signingKey, encryptionKey: enc512 });
    expect(decoded.payloadEncoding).toBe(segment.includes('=') || /[+/]/.test(segment) ? 'base64' : 'base64url');
    // CAS 5.0: jws.setPayload(base64(jwe)) → segment = base64url(base64(jwe))
    const inner = Buffer.from(segment, 'base64').toString();
    const { createHmac } = await import('node:crypto');
    const header = Buffer.from('{"alg":"HS512"}').toString('base64url');
    const payload = Buffer.from(Buffer.from(inner).toString('base64')).toString('base64url');
    const signature = createHmac('sha512', signingKey).update(`${header}.${payload}`).digest('base64url');
    const old = await decodeCasToken(`${header}.${payload}.${signature}`, { signingKey, encryptionKey: enc512 });
    expect(old.payloadEncoding).toBe('base64-in-base64url');
    expect(old.claims).toEqual(claims);
  });
});

describe('checkTokenClaims', () => {
  it('expiry, issuer, audience', () => {
    const now = 2_000_000_000;
    const ok = checkTokenClaims({ exp: now + 60, iss: 'a', aud: ['x', 'y'] }, { now, expectIssuer: 'a', expectAudience: 'y' });
    expect(ok).toMatchObject({ ok: true, expired: false });
    const bad = checkTokenClaims({ exp: now - 3600, iss: 'b', aud: 'x' }, { now, expectIssuer: 'a', expectAudience: 'y' });
    expect(bad.ok).toBe(false);
    expect(bad.findings.map((f) => f.code)).toEqual(['E_TOKEN_EXPIRED', 'E_TOKEN_ISSUER_MISMATCH', 'E_TOKEN_AUDIENCE_MISMATCH']);
    expect(bad.findings[0]!.message).toBe('the token expired at 2033-05-18T02:33:20Z (60 min ago)');
  });
});
