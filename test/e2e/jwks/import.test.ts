/**
 * `jwks import --pem`: keys made by openssl in PKCS#1, SEC1 and PKCS#8 land in the keystore as CAS
 * writes keys, and are the same keys as jwcrypto reads from the PEM (equal thumbprints).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openssl } from '../../helpers/tools.js';
import { tempDir } from '../../helpers/tmp.js';
import { casctl, casctlJson, jose, jwcrypto, modeOf, readKeys, requirePeers } from './helpers.js';

requirePeers();
const dir = await tempDir('casctl-jwks-import-');
const file = join(dir, 'keystore.jwks');

const THUMBPRINT_OF_PEM = `
import sys
from jwcrypto import jwk
print(jwk.JWK.from_pem(open(sys.argv[1], 'rb').read()).thumbprint())
`;
const THUMBPRINT_OF_KID = `
import sys, json
from jwcrypto import jwk
raw = [k for k in json.load(open(sys.argv[1]))['keys'] if k['kid'] == sys.argv[2]][0]
k = jwk.JWK(**raw)
assert k.has_private
print(k.thumbprint())
`;

async function pem(name: string, args: string[]): Promise<string> {
  const path = join(dir, name);
  await openssl([...args, '-out', path]);
  return path;
}

beforeAll(async () => {
  expect((await casctl(['jwks', 'generate', '--file', file])).code).toBe(0);
});

describe('import', () => {
  it.each([
    ['PKCS#1 RSA', 'rsa-pkcs1.pem', ['genrsa', '-traditional'], ['2048'], 'BEGIN RSA PRIVATE KEY', 'RSA', undefined],
    ['SEC1 EC P-384', 'ec-sec1.pem', ['ecparam', '-name', 'secp384r1', '-genkey', '-noout'], [], 'BEGIN EC PRIVATE KEY', 'EC', 'ES384'],
    ['PKCS#8 EC P-256', 'ec-pkcs8.pem', ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256'], [], 'BEGIN PRIVATE KEY', 'EC', 'ES256'],
    ['PKCS#8 RSA 3072', 'rsa-pkcs8.pem', ['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:3072'], [], 'BEGIN PRIVATE KEY', 'RSA', undefined],
  ])('%s: appended as a future sig key, same key as jwcrypto reads from the PEM', async (_n, name, args, tail, header, kty, alg) => {
    // openssl genrsa takes the size after -out
    const path = join(dir, name);
    await openssl([...args, '-out', path, ...tail]);
    expect(await readFile(path, 'utf8')).toContain(header);
    const before = await readKeys(file);
    const result = await casctlJson<{ added: { kid: string; state: string; use: string } }>(['jwks', 'import', '--file', file, '--pem', path]);
    expect(result.added).toMatchObject({ state: 'future', use: 'sig' });
    expect(result.added.kid).toMatch(/^cas-[A-Za-z]{8}$/);
    const keys = await readKeys(file);
    expect(keys.slice(0, -1)).toEqual(before);
    const added = keys[keys.length - 1]!;
    expect(added).toMatchObject({ kty, kid: result.added.kid, use: 'sig', state: 1 });
    expect(added.alg).toBe(alg);
    expect(Object.keys(added).slice(0, 3)).toEqual(['kty', 'kid', 'use']);
    const fromPem = (await jwcrypto(THUMBPRINT_OF_PEM, [path])).trim();
    const fromStore = (await jwcrypto(THUMBPRINT_OF_KID, [file, added.kid])).trim();
    expect(fromStore).toBe(fromPem);
    // the jose CLI computes the same RFC 7638 thumbprint
    const thp = await jose(['jwk', 'thp', '-i', '-'], JSON.stringify(added));
    expect(thp.stdout.trim()).toBe(fromPem);
  });

  it('--state current --use enc --kid: as asked; the imported key then rotates like any other', async () => {
    const path = await pem('enc.pem', ['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048']);
    const result = await casctl(['jwks', 'import', '--file', file, '--pem', path, '--state', 'current', '--use', 'enc', '--kid', 'pki-enc-2026']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(`added pki-enc-2026 (RSA 2048, enc, current) to ${file}; backup ${file}.bak`);
    const added = (await readKeys(file)).find((k) => k.kid === 'pki-enc-2026')!;
    expect(added).toMatchObject({ use: 'enc', state: 0 });
    expect((await casctl(['jwks', 'rotate', '--file', file])).code).toBe(0);
    expect((await readKeys(file)).find((k) => k.kid === 'pki-enc-2026')!.state).toBe(2);
  });

  it('creates a missing keystore (0600)', async () => {
    const path = await pem('new.pem', ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-521']);
    const target = join(dir, 'fresh.jwks');
    const result = await casctlJson<{ created: boolean }>(['jwks', 'import', '--file', target, '--pem', path, '--state', 'current']);
    expect(result.created).toBe(true);
    expect(await modeOf(target)).toBe(0o600);
    expect((await readKeys(target)).map((k) => [k.crv, k.alg, k.state])).toEqual([['P-521', 'ES512', 0]]);
    expect((await casctl(['jwks', 'check', '--file', target])).code).toBe(0);
  });

  it('refuses a key already in the keystore, a taken kid, a public key, a small RSA key, an encrypted PEM (exit 3)', async () => {
    const before = await readFile(file, 'utf8');
    const again = await casctl(['jwks', 'import', '--file', file, '--pem', join(dir, 'ec-sec1.pem')]);
    expect(again.code).toBe(3);
    expect(again.stderr).toMatch(/is already in the keystore as cas-[A-Za-z]{8}/);

    const other = await pem('other.pem', ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256']);
    const taken = await casctl(['jwks', 'import', '--file', file, '--pem', other, '--kid', 'pki-enc-2026']);
    expect(taken.code).toBe(3);
    expect(taken.stderr).toContain('kid pki-enc-2026 is already used');

    const pub = join(dir, 'public.pem');
    await openssl(['pkey', '-in', other, '-pubout', '-out', pub]);
    const pubResult = await casctl(['--json', 'jwks', 'import', '--file', file, '--pem', pub]);
    expect(pubResult.code).toBe(3);
    expect(JSON.parse(pubResult.stdout).error.code).toBe('E_PEM_INVALID');
    expect(pubResult.stderr).toContain('holds no private key');

    const small = join(dir, 'small.pem');
    await openssl(['genrsa', '-out', small, '1024']);
    const smallResult = await casctl(['jwks', 'import', '--file', file, '--pem', small]);
    expect(smallResult.code).toBe(3);
    expect(smallResult.stderr).toContain('is a 1024-bit RSA key');

    const encrypted = join(dir, 'encrypted.pem');
    await openssl(['pkey', '-in', other, '-aes256', '-passout', 'pass:secret', '-out', encrypted]);
    const encResult = await casctl(['jwks', 'import', '--file', file, '--pem', encrypted]);
    expect(encResult.code).toBe(3);
    expect(encResult.stderr).toContain('is an encrypted private key');

    await writeFile(join(dir, 'garbage.pem'), 'hello');
    expect((await casctl(['jwks', 'import', '--file', file, '--pem', join(dir, 'garbage.pem')])).code).toBe(3);
    expect(await readFile(file, 'utf8')).toBe(before);
  });
});
