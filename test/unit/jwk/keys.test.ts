import { createHash, createPrivateKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateKey, makeKid, thumbprint, type KeySpec } from '../../../src/jwk/keys.js';
import { execFile } from 'node:child_process';
import { python } from '../../helpers/tools.js';

function opensslBinary(args: string[], input: string | Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = execFile('openssl', args, { encoding: 'buffer' }, (error, out) => (error ? reject(error) : resolve(out)));
    child.stdin!.end(input);
  });
}

const NOW = new Date('2026-03-04T05:06:07.890Z');
const b64url = (s: string) => Buffer.from(s, 'base64url');

describe('generateKey', () => {
  it('-t oct -s 512 gives exactly 64 random bytes, different every time', async () => {
    const a = await generateKey({ kty: 'oct', size: 512, kid: { kind: 'none' } });
    const b = await generateKey({ kty: 'oct', size: 512, kid: { kind: 'none' } });
    expect(Object.keys(a.jwk)).toEqual(['kty', 'k']);
    expect(a.jwk.k).toMatch(/^[A-Za-z0-9_-]{86}$/);
    expect(b64url(a.jwk.k!)).toHaveLength(64);
    expect(a.jwk.k).not.toBe(b.jwk.k);
    expect(a.publicJwk).toBeUndefined();
  });

  it('puts members in the jar order (Nimbus HashMap) for each key type', async () => {
    const common = { use: 'sig' as const, alg: 'X', kid: { kind: 'specified' as const, kid: 'k1' } };
    const rsa = await generateKey({ kty: 'RSA', size: 1024, ...common });
    expect(Object.keys(rsa.jwk)).toEqual(['p', 'kty', 'q', 'd', 'e', 'use', 'kid', 'qi', 'dp', 'alg', 'dq', 'n']);
    expect(Object.keys(rsa.publicJwk!)).toEqual(['kty', 'e', 'use', 'kid', 'alg', 'n']);
    expect(rsa.jwk.e).toBe('AQAB');
    const ec = await generateKey({ kty: 'EC', crv: 'secp256k1', ...common });
    expect(Object.keys(ec.jwk)).toEqual(['kty', 'd', 'use', 'crv', 'kid', 'x', 'y', 'alg']);
    expect(ec.jwk.crv).toBe('secp256k1');
    const okp = await generateKey({ kty: 'OKP', crv: 'Ed448', ...common });
    expect(Object.keys(okp.jwk)).toEqual(['kty', 'd', 'use', 'crv', 'kid', 'x', 'alg']);
    const oct = await generateKey({ kty: 'oct', size: 256, ...common });
    expect(Object.keys(oct.jwk)).toEqual(['kty', 'use', 'kid', 'k', 'alg']);
  });

  it.each([
    ['P-256', 32],
    ['secp256k1', 32],
    ['P-384', 48],
    ['P-521', 66],
  ] as const)('EC %s coordinates have the curve size (%d bytes)', async (crv, bytes) => {
    const key = await generateKey({ kty: 'EC', crv, kid: { kind: 'none' } });
    expect(b64url(key.jwk.x!)).toHaveLength(bytes);
    expect(b64url(key.jwk.y!)).toHaveLength(bytes);
    expect(b64url(key.jwk.d!)).toHaveLength(bytes);
  });

  it.each([
    ['Ed25519', 32],
    ['X25519', 32],
    ['Ed448', 57],
    ['X448', 56],
  ] as const)('OKP %s has a raw %d-byte x', async (crv, bytes) => {
    const key = await generateKey({ kty: 'OKP', crv, kid: { kind: 'none' } });
    expect(key.jwk.crv).toBe(crv);
    expect(b64url(key.jwk.x!)).toHaveLength(bytes);
  });
});

describe('key IDs (KeyIdGenerator)', () => {
  it('timestamp and date carry the usage prefix; date is an ISO instant in whole seconds', () => {
    expect(makeKid({ kind: 'timestamp' }, undefined, Buffer.alloc(0), NOW)).toBe(String(Math.floor(NOW.getTime() / 1000)));
    expect(makeKid({ kind: 'timestamp' }, 'enc', Buffer.alloc(0), NOW)).toBe(`enc-${Math.floor(NOW.getTime() / 1000)}`);
    expect(makeKid({ kind: 'date' }, 'sig', Buffer.alloc(0), NOW)).toBe('sig-2026-03-04T05:06:07Z');
    expect(makeKid({ kind: 'date' }, undefined, Buffer.alloc(0), NOW)).toBe('2026-03-04T05:06:07Z');
    expect(makeKid({ kind: 'none' }, 'sig', Buffer.alloc(0), NOW)).toBeUndefined();
    expect(makeKid({ kind: 'specified', kid: '' }, 'sig', Buffer.alloc(0), NOW)).toBeUndefined();
    expect(makeKid({ kind: 'specified', kid: 'mine' }, 'sig', Buffer.alloc(0), NOW)).toBe('mine');
  });

  it('sha256 is base64url (no padding), sha1 standard Base64 with padding', () => {
    const bytes = Buffer.from('abc');
    expect(makeKid({ kind: 'sha256' }, 'sig', bytes)).toBe('ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0');
    expect(makeKid({ kind: 'sha1' }, 'sig', bytes)).toBe('qZk+NkcGgWq6PiVxeFDCbJzQ2J0=');
  });

  it('oct hashes the secret, OKP the raw x', async () => {
    const oct = await generateKey({ kty: 'oct', size: 128, kid: { kind: 'sha256' } });
    expect(oct.jwk.kid).toBe(createHash('sha256').update(b64url(oct.jwk.k!)).digest('base64url'));
    const okp = await generateKey({ kty: 'OKP', crv: 'X25519', kid: { kind: 'sha1' } });
    expect(okp.jwk.kid).toBe(createHash('sha1').update(b64url(okp.jwk.x!)).digest('base64'));
  });

  it.each([
    { kty: 'RSA', size: 1024 },
    { kty: 'EC', crv: 'P-384' },
  ] as const)('$kty hashes the SubjectPublicKeyInfo DER (as re-encoded by openssl)', async (shape) => {
    const key = await generateKey({ ...shape, kid: { kind: 'sha256' } } as KeySpec);
    const pem = createPrivateKey({ key: key.jwk, format: 'jwk' }).export({ type: 'pkcs8', format: 'pem' });
    const der = await opensslBinary(['pkey', '-pubout', '-outform', 'DER'], pem);
    expect(der.length).toBeGreaterThan(0);
    expect(key.jwk.kid).toBe(createHash('sha256').update(der).digest('base64url'));
  });
});

describe('thumbprint (RFC 7638)', () => {
  it('equals jwcrypto\'s thumbprint for each key type', async () => {
    const keys = await Promise.all([
      generateKey({ kty: 'RSA', size: 1024, kid: { kind: 'none' } }),
      generateKey({ kty: 'EC', crv: 'P-256', kid: { kind: 'none' } }),
      generateKey({ kty: 'OKP', crv: 'Ed25519', kid: { kind: 'none' } }),
      generateKey({ kty: 'oct', size: 256, kid: { kind: 'none' } }),
    ]);
    const { stdout } = await python(
      'import json,sys\nfrom jwcrypto import jwk\nfor k in json.load(sys.stdin): print(jwk.JWK(**k).thumbprint())',
      [],
      JSON.stringify(keys.map((k) => k.jwk)),
    );
    expect(stdout.trim().split('\n')).toEqual(keys.map((k) => thumbprint(k.jwk)));
  });
});
