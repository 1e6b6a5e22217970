/**
 * casctl against an independent implementation of CAS's cipher format (python3-jwcrypto, Debian):
 * tokens built in CAS's exact layout decode through bin/casctl, and casctl's tokens verify in jwcrypto.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { runBin } from '../../helpers/run-casctl.js';
import { requireTool, SYSTEM_PYTHON } from '../../helpers/tools.js';

const SCRIPT = fileURLToPath(new URL('./cas_jose.py', import.meta.url));
const exec = promisify(execFile);

async function jwcrypto(args: string[], input: unknown): Promise<string> {
  const child = exec(SYSTEM_PYTHON, [SCRIPT, ...args], { maxBuffer: 4 * 1024 * 1024 });
  child.child.stdin!.end(JSON.stringify(input));
  return (await child).stdout.trim();
}

const signing = randomBytes(64).toString('base64url');
const enc512 = randomBytes(64).toString('base64url');
const enc256 = randomBytes(32).toString('base64url');
const claims = {
  iss: 'https://cas.example.org/cas',
  aud: 'https://app.example.org/',
  sub: 'casuser',
  jti: 'ST-1-zz9mKqYvL0cXh3-cas01',
  iat: 1_700_000_000,
  exp: 4_102_444_800,
  email: 'casuser@example.org',
  memberOf: ['staff', 'admins'],
};
const env = { SIG: signing, ENC512: enc512, ENC256: enc256 };

beforeAll(() => {
  requireTool(SYSTEM_PYTHON, 'python3-jwcrypto is the independent JOSE implementation');
});

describe('tokens built by jwcrypto in CAS layout decode through bin/casctl', () => {
  const cases: [string, string, string, string][] = [];
  for (const strategy of ['ENCRYPT_AND_SIGN', 'SIGN_AND_ENCRYPT'])
    for (const enc of ['A256CBC-HS512', 'A128CBC-HS256'])
      for (const zip of ['zip', 'nozip'])
        for (const encoding of strategy === 'ENCRYPT_AND_SIGN' ? ['base64url', 'base64'] : ['base64url']) cases.push([strategy, enc, zip, encoding]);

  it.concurrent.each(cases)('%s %s %s payload %s', async (strategy, enc, zip, encoding) => {
    const encryptionKey = enc === 'A256CBC-HS512' ? enc512 : enc256;
    let token = await jwcrypto(['make', strategy, enc, zip, encoding, 'a5b4c3d2'], { signing, encryption: encryptionKey, claims });
    // The standard-Base64 variant must really carry '+', '/' or '=' (padding comes 2 times in 3).
    for (let i = 0; encoding === 'base64' && !/[+/=]/.test(token.split('.')[1]!) && i < 20; i++) {
      token = await jwcrypto(['make', strategy, enc, zip, encoding, 'a5b4c3d2'], { signing, encryption: encryptionKey, claims });
    }
    if (encoding === 'base64') expect(token.split('.')[1]).toMatch(/^[A-Za-z0-9+/]*[+/=][A-Za-z0-9+/=]*$/);
    const r = await runBin(
      ['--json', 'crypto', 'decode', '--signing-key-env', 'SIG', '--encryption-key-env', enc === 'A256CBC-HS512' ? 'ENC512' : 'ENC256', token],
      { env },
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ ok: true, strategy, signatureVerified: true, decrypted: true, claims });
    expect(out.headers.jwe).toMatchObject({ alg: 'dir', enc, cty: 'JWT', typ: 'JWT', kid: 'a5b4c3d2' });
    expect(out.headers.jwe.zip).toBe(zip === 'zip' ? 'DEF' : undefined);
    expect(out.headers.jws).toEqual({ alg: 'HS512', typ: 'JWT' });
  });

  it('a wrong signing key and a wrong encryption key are told apart (exit 1)', async () => {
    const token = await jwcrypto(['make', 'ENCRYPT_AND_SIGN', 'A256CBC-HS512', 'zip', 'base64url', '-'], { signing, encryption: enc512, claims });
    const other = randomBytes(64).toString('base64url');
    const badSig = await runBin(['crypto', 'decode', '--signing-key-env', 'OTHER', '--encryption-key-env', 'ENC512', token], { env: { ...env, OTHER: other } });
    expect(badSig.code).toBe(1);
    expect(badSig.stderr).toMatch(/^error: the JWS signature does not match: wrong signing key, or the token was altered\n/);
    expect(badSig.stdout).toMatch(/JWS header: \{"alg":"HS512","typ":"JWT"\}/);
    const badEnc = await runBin(['--json', 'crypto', 'decode', '--signing-key-env', 'SIG', '--encryption-key-env', 'OTHER', token], {
      env: { ...env, OTHER: other },
    });
    expect(badEnc.code).toBe(1);
    const doc = JSON.parse(badEnc.stdout);
    expect(doc).toMatchObject({ ok: false, error: { code: 'E_TOKEN_DECRYPTION_FAILED' }, headers: { jwe: { alg: 'dir', zip: 'DEF' } } });
    expect(doc.error.message).toMatch(/wrong encryption key/);
    expect(badEnc.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('tokens encoded by bin/casctl verify and decrypt in jwcrypto', () => {
  const cases: [string, string, string][] = [];
  for (const strategy of ['ENCRYPT_AND_SIGN', 'SIGN_AND_ENCRYPT']) for (const compat of ['5', '6', '7', '8']) for (const enc of ['A256CBC-HS512', 'A128CBC-HS256']) cases.push([strategy, compat, enc]);

  it.concurrent.each(cases)('%s compat %s %s', async (strategy, compat, enc) => {
    const encryptionKey = enc === 'A256CBC-HS512' ? 'ENC512' : 'ENC256';
    const r = await runBin(
      ['--json', 'crypto', 'encode', '-', '--signing-key-env', 'SIG', '--encryption-key-env', encryptionKey, '--strategy', strategy, '--compat', compat, '--enc', enc],
      { env, input: JSON.stringify(claims) },
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const { token, headers } = JSON.parse(r.stdout);
    const read = JSON.parse(await jwcrypto(['read'], { signing, encryption: enc === 'A256CBC-HS512' ? enc512 : enc256, token }));
    expect(read).toMatchObject({ strategy, claims });
    expect(read.jwe).toEqual(headers.jwe);
    expect(read.jws).toEqual(headers.jws);
    expect(read.jwe.zip).toBe(Number(compat) <= 6 ? 'DEF' : undefined);
  });

  it('the newest layout by default: JWS HS512 over JWE dir/A256CBC-HS512 with kid, no zip', async () => {
    const r = await runBin(['crypto', 'encode', '--signing-key-env', 'SIG', '--encryption-key-env', 'ENC512'], { env, input: JSON.stringify(claims) });
    expect(r.code).toBe(0);
    const token = r.stdout.trim();
    const read = JSON.parse(await jwcrypto(['read'], { signing, encryption: enc512, token }));
    expect(read.jws).toEqual({ alg: 'HS512', typ: 'JWT' });
    expect(Object.keys(read.jwe)).toEqual(['alg', 'enc', 'cty', 'typ', 'kid']);
    expect(read.jwe.kid).toMatch(/^[0-9a-f-]{36}$/);
    expect(token.split('.')[1]).toMatch(/^[A-Za-z0-9_-]+$/);
  });
});
