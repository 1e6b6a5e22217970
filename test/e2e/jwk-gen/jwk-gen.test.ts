import { execFile } from 'node:child_process';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runBin } from '../../helpers/run-casctl.js';
import { tempDir } from '../../helpers/tmp.js';
import { SYSTEM_PYTHON, WITHOUT_FILE_PRIVILEGE, denyRead, openssl, python, requireTool } from '../../helpers/tools.js';

// Every key type casctl makes must load in independent implementations: Python's jwcrypto
// (pyca/cryptography) reads the JWK and exports PEM, and OpenSSL checks those keys.

function opensslBinary(args: string[], input?: string | Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = execFile('openssl', args, { encoding: 'buffer' }, (error, out) => (error ? reject(error) : resolve(out)));
    // openssl given files may exit before reading stdin: the EPIPE is not the test's result, its exit status is
    child.stdin!.on('error', () => {});
    child.stdin!.end(input ?? '');
  });
}

const KEY_TYPES = [
  ['RSA', '-s', '2048'],
  ['EC', '-c', 'P-256'],
  ['EC', '-c', 'secp256k1'],
  ['EC', '-c', 'P-384'],
  ['EC', '-c', 'P-521'],
  ['OKP', '-c', 'Ed25519'],
  ['OKP', '-c', 'Ed448'],
  ['OKP', '-c', 'X25519'],
  ['OKP', '-c', 'X448'],
] as const;

// jwcrypto loads each JWK (cryptography validates the numbers) and writes PKCS #8 and SPKI PEM.
const TO_PEM = `
import json, sys, os
from jwcrypto import jwk
out = sys.argv[1]
for i, k in enumerate(json.load(sys.stdin)):
    key = jwk.JWK(**k)
    assert key.has_private, k['kty']
    open(os.path.join(out, f'{i}.key.pem'), 'wb').write(key.export_to_pem(private_key=True, password=None))
    open(os.path.join(out, f'{i}.pub.pem'), 'wb').write(key.export_to_pem())
    print(f"{key.key_type} {key.get('crv', '')}".strip())
`;

describe('jwk-gen through bin/casctl', () => {
  beforeAll(() => {
    requireTool('openssl', 'apt-get install openssl');
    requireTool(SYSTEM_PYTHON, 'apt-get install python3-jwcrypto');
  });

  it('-t oct -s 512 prints "Full key:" and a JWK with 64 random bytes that jwcrypto and openssl agree on', async () => {
    const { code, stdout, stderr } = await runBin(['jwk-gen', '-t', 'oct', '-s', '512', '-a', 'HS256']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout.startsWith('Full key:\n{\n  "kty": "oct",\n')).toBe(true);
    const jwk = JSON.parse(stdout.slice('Full key:\n'.length));
    const secret = Buffer.from(jwk.k, 'base64url');
    expect(secret).toHaveLength(64);
    // jwcrypto signs with the JWK; openssl computes the same HMAC from the raw bytes.
    const { stdout: signature } = await python(
      `import json, sys
from jwcrypto import jwk, jws
key = jwk.JWK(**json.load(sys.stdin))
s = jws.JWS(b'payload'); s.add_signature(key, alg='HS256', protected=json.dumps({"alg": "HS256"}))
d = json.loads(s.serialize()); print(d['protected'], d['signature'])`,
      [],
      JSON.stringify(jwk),
    );
    const [protectedHeader, jwsSignature] = signature.trim().split(' ');
    const signingInput = join(await tempDir(), 'signing-input');
    await writeFile(signingInput, `${protectedHeader}.${Buffer.from('payload').toString('base64url')}`);
    const mac = await opensslBinary(['mac', '-digest', 'SHA256', '-macopt', `hexkey:${secret.toString('hex')}`, '-binary', '-in', signingInput, 'HMAC']);
    expect(jwsSignature).toBe(mac.toString('base64url'));
  });

  it('every RSA, EC and OKP key loads in jwcrypto, and openssl accepts the private and public keys', async () => {
    const dir = await tempDir();
    const keys = [];
    for (const [kty, flag, value] of KEY_TYPES) {
      const { code, stdout, stderr } = await runBin(['--json', 'jwk-gen', '-t', kty, flag, value, '-u', 'sig']);
      expect(code, stderr).toBe(0);
      keys.push(JSON.parse(stdout));
    }
    const { stdout } = await python(TO_PEM, [dir], JSON.stringify(keys));
    expect(stdout.trim().split('\n')).toEqual(KEY_TYPES.map(([kty, flag, value]) => `${kty} ${flag === '-c' ? value : ''}`.trim()));
    for (let i = 0; i < keys.length; i++) {
      const privatePem = join(dir, `${i}.key.pem`);
      const publicPem = join(dir, `${i}.pub.pem`);
      const check = await openssl(['pkey', '-in', privatePem, '-check', '-noout']);
      expect(check.stdout, `${keys[i].kty} ${keys[i].crv ?? ''}`).toContain('valid');
      // x/y (or n/e) really belong to d: openssl derives the public key from the private one.
      const derived = await opensslBinary(['pkey', '-in', privatePem, '-pubout', '-outform', 'DER']);
      const given = await opensslBinary(['pkey', '-pubin', '-in', publicPem, '-outform', 'DER']);
      expect(derived.equals(given), `${keys[i].kty} ${keys[i].crv ?? ''}`).toBe(true);
    }
  });

  it.each([
    ['RSA', '-s', '2048', 'sha256WithRSAEncryption'],
    ['EC', '-c', 'P-256', 'ecdsa-with-SHA256'],
    ['EC', '-c', 'secp256k1', 'ecdsa-with-SHA256'],
    ['EC', '-c', 'P-384', 'ecdsa-with-SHA256'],
    ['EC', '-c', 'P-521', 'ecdsa-with-SHA256'],
  ])('-x %s %s %s: the self-signed certificate verifies with openssl and holds the key', async (kty, flag, value, algorithm) => {
    const dir = await tempDir();
    const { code, stdout } = await runBin(['jwk-gen', '-t', kty, flag, value, '-x', '-u', 'sig', '-g', 'sha1']);
    expect(code).toBe(0);
    const [json, pems] = stdout.split('\n\nX509 Formatted Keys:\n');
    const jwk = JSON.parse(json!.slice('Full key:\n'.length));
    const block = (label: string) => new RegExp(`-----BEGIN ${label}-----\\n[\\s\\S]+?-----END ${label}-----\\n`).exec(pems!)![0];
    const cert = join(dir, 'cert.pem');
    const key = join(dir, 'key.pem');
    await writeFile(cert, block('CERTIFICATE'));
    await writeFile(key, block('PRIVATE KEY'));
    const text = (await openssl(['x509', '-in', cert, '-noout', '-text'])).stdout;
    expect(text).toContain('Version: 3 (0x2)');
    expect(text).toContain(`Signature Algorithm: ${algorithm}`);
    // CN = URLEncoder.encode(kid): the Base64 padding '=' becomes %3D
    expect(text).toContain(`Subject: CN = ${jwk.kid.replace(/\+/g, '%2B').replace(/\//g, '%2F').replace(/=/g, '%3D')}`);
    expect((await openssl(['verify', '-CAfile', cert, cert])).stdout.trim()).toBe(`${cert}: OK`);
    const certKey = await opensslBinary(['x509', '-in', cert, '-noout', '-pubkey']);
    expect(certKey.toString()).toBe(block('PUBLIC KEY'));
    const fromPrivate = await opensslBinary(['pkey', '-in', key, '-pubout']);
    expect(fromPrivate.toString()).toBe(block('PUBLIC KEY'));
    const dates = (await openssl(['x509', '-in', cert, '-noout', '-startdate', '-enddate'])).stdout;
    const [start, end] = dates.trim().split('\n').map((line) => Date.parse(line.split('=')[1]!));
    expect(end! - start!).toBe(300 * 86_400_000);
  });

  it('concurrent -S -o appends to one set all land (the set is locked while it is rewritten)', async () => {
    const dir = await tempDir();
    const file = join(dir, 'keys.jwks');
    const runs = await Promise.all(
      ['a', 'b', 'c', 'd'].map((kid) => runBin(['jwk-gen', '-t', 'oct', '-s', '256', '-S', '-o', file, '-i', kid, '--quiet'])),
    );
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0, 0]);
    const kids = JSON.parse(await readFile(file, 'utf8')).keys.map((k: { kid: string }) => k.kid);
    expect(kids.sort()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('usage errors: the jar\'s message on stderr, nothing on stdout, exit 2', async () => {
    const { code, stdout, stderr } = await runBin(['jwk-gen', '-t', 'oct', '-s', '0x1F']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.split('\n')[0]).toBe('error: Key size (in bits) must be divisible by 8, got 31');
  });

  it('-o writes 0600; -S -o appends; an unreadable existing set is exit 3 and left untouched', async () => {
    const dir = await tempDir();
    const shared = join(dir, 'shared');
    await mkdir(shared);
    await chmod(shared, 0o777);
    const file = join(shared, 'keys.jwks');
    expect((await runBin(['jwk-gen', '-t', 'EC', '-c', 'P-256', '-S', '-o', file, '--quiet'])).code).toBe(0);
    expect((await runBin(['jwk-gen', '-t', 'OKP', '-c', 'Ed25519', '-S', '-o', file])).code).toBe(0);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const content = await readFile(file, 'utf8');
    expect(JSON.parse(content).keys.map((k: { kty: string }) => k.kty)).toEqual(['EC', 'OKP']);

    await denyRead(file); // the run without DAC override may take the lock here, but not read the set
    const denied = await runBin(['jwk-gen', '-t', 'oct', '-s', '256', '-S', '-o', file], { prefix: WITHOUT_FILE_PRIVILEGE });
    expect(denied.code).toBe(3);
    expect(denied.stderr.split('\n')[0]).toBe(`error: Could not read existing KeySet: ${file} (Permission denied)`);
    expect(await readFile(file, 'utf8')).toBe(content);
  });
});
