import { readFile, stat, writeFile, chmod } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../../helpers/run-casctl.js';
import { tempDir } from '../../helpers/tmp.js';

const run = (args: string[]) => runInProcess(['jwk-gen', ...args]);
const b64url = (s: string) => Buffer.from(s, 'base64url');

/** The JSON after the `Full key:` line of jar-style output. */
function fullKey(stdout: string): Record<string, any> {
  expect(stdout.startsWith('Full key:\n')).toBe(true);
  return JSON.parse(stdout.slice('Full key:\n'.length));
}

describe('jwk-gen output (jar style)', () => {
  it('-t oct -s 512: "Full key:" then the Gson-pretty JWK with 64 random bytes; two runs differ', async () => {
    const first = await run(['-t', 'oct', '-s', '512']);
    const second = await run(['-t', 'oct', '-s', '512']);
    expect(first.code).toBe(0);
    expect(first.stderr).toBe('');
    const key = fullKey(first.stdout);
    expect(Object.keys(key)).toEqual(['kty', 'kid', 'k']);
    expect(key.kty).toBe('oct');
    expect(key.kid).toMatch(/^\d{10}$/);
    expect(Math.abs(Number(key.kid) - Date.now() / 1000)).toBeLessThan(60);
    expect(b64url(key.k)).toHaveLength(64);
    expect(key.k).toHaveLength(86);
    expect(fullKey(second.stdout).k).not.toBe(key.k);
    expect(first.stdout).toMatch(/^Full key:\n\{\n  "kty": "oct",\n  "kid": "\d+",\n  "k": "[A-Za-z0-9_-]{86}"\n\}\n$/);
  });

  it('sizes parse as Integer.decode: 0x200, #200 and 01000 are 512 bits, 010 is 8', async () => {
    for (const size of ['0x200', '#200', '01000']) {
      expect(b64url(fullKey((await run(['-t', 'oct', '-s', size])).stdout).k)).toHaveLength(64);
    }
    expect(b64url(fullKey((await run(['-t', 'oct', '-s', '010'])).stdout).k)).toHaveLength(1);
  });

  it('-S wraps in a key set; -p prints "No public key." for oct and the public JWK otherwise', async () => {
    const oct = await run(['-t', 'oct', '-s', '256', '-S', '-p']);
    expect(oct.stdout).toMatch(/^Full key:\n\{\n  "keys": \[\n    \{\n      "kty": "oct",/);
    expect(oct.stdout.endsWith('}\n\nNo public key.\n')).toBe(true);
    const ec = await run(['-t', 'EC', '-c', 'P-256', '-u', 'sig', '-a', 'ES256', '-p']);
    const [full, pub] = ec.stdout.split('\n\nPublic key:\n');
    expect(Object.keys(fullKey(`${full}\n`))).toEqual(['kty', 'd', 'use', 'crv', 'kid', 'x', 'y', 'alg']);
    const publicKey = JSON.parse(pub!);
    expect(Object.keys(publicKey)).toEqual(['kty', 'use', 'crv', 'kid', 'x', 'y', 'alg']);
    expect(publicKey.x).toBe(fullKey(`${full}\n`).x);
  });

  it('-x (RSA) adds "X509 Formatted Keys:" and PUBLIC KEY, PRIVATE KEY, CERTIFICATE blocks', async () => {
    const { code, stdout } = await run(['-t', 'RSA', '-s', '1024', '-x', '-i', 'my key']);
    expect(code).toBe(0);
    const [json, pems] = stdout.split('\n\nX509 Formatted Keys:\n');
    expect(fullKey(`${json}\n`).kid).toBe('my key');
    expect(pems!.match(/-----BEGIN ([A-Z ]+)-----/g)).toEqual([
      '-----BEGIN PUBLIC KEY-----',
      '-----BEGIN PRIVATE KEY-----',
      '-----BEGIN CERTIFICATE-----',
    ]);
  });

  it.each([
    [['-g', 'timestamp', '-u', 'enc'], /^enc-\d{10}$/],
    [['-g', 'date', '-u', 'sig'], /^sig-\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/],
    [['-g', 'date'], /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/],
    [['-g', 'sha256', '-u', 'sig'], /^[A-Za-z0-9_-]{43}$/],
    [['-g', 'sha1'], /^[A-Za-z0-9+/]{27}=$/],
    [['-i', 'cas-2026'], /^cas-2026$/],
  ])('kid with %j matches %s', async (flags, pattern) => {
    const { stdout } = await run(['-t', 'OKP', '-c', 'Ed25519', ...flags]);
    expect(fullKey(stdout).kid).toMatch(pattern);
  });

  it('sha1 kids print their padding as \\u003d, as Gson does', async () => {
    const { stdout } = await run(['-t', 'oct', '-s', '256', '-g', 'sha1']);
    expect(stdout).toMatch(/"kid": "[A-Za-z0-9+/]{27}\\u003d"/);
    const key = fullKey(stdout);
    const { createHash } = await import('node:crypto');
    expect(key.kid).toBe(createHash('sha1').update(b64url(key.k)).digest('base64'));
  });

  it.each([[['-g', 'none']], [['-I']], [['-i', '']]])('no kid with %j', async (flags) => {
    const { stdout } = await run(['-t', 'oct', '-s', '256', ...flags]);
    expect(Object.keys(fullKey(stdout))).toEqual(['kty', 'k']);
  });
});

describe('jwk-gen additions', () => {
  it('--json prints exactly one document: the JWK, or the set with -S', async () => {
    const key = await runInProcess(['--json', 'jwk-gen', '-t', 'EC', '-c', 'P-384']);
    expect(key.code).toBe(0);
    expect(JSON.parse(key.stdout)).toMatchObject({ kty: 'EC', crv: 'P-384' });
    const set = await runInProcess(['jwk-gen', '-t', 'oct', '-s', '512', '-S', '--json']);
    const doc = JSON.parse(set.stdout);
    expect(doc.keys).toHaveLength(1);
    expect(b64url(doc.keys[0].k)).toHaveLength(64);
  });

  it('--k-only prints just k', async () => {
    const { code, stdout, stderr } = await run(['-t', 'oct', '-s', '512', '--k-only']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^[A-Za-z0-9_-]{86}\n$/);
    expect(b64url(stdout.trim())).toHaveLength(64);
  });
});

describe('jwk-gen errors: the jar\'s words on stderr, exit 2', () => {
  it.each([
    [[], 'Key type must be supplied.'],
    [['-t', 'oct'], 'Key size (in bits) is required for key type oct'],
    [['-t', 'RSA'], 'Key size (in bits) is required for key type RSA'],
    [['-t', 'oct', '-s', '100'], 'Key size (in bits) must be divisible by 8, got 100'],
    [['-t', 'oct', '-s', '1e3'], 'Invalid key size: For input string: "1e3"'],
    [['-t', 'oct', '-s', '0x'], 'Invalid key size: For input string: "" under radix 16'],
    [['-t', 'oct', '-s', '09'], 'Invalid key size: For input string: "9" under radix 8'],
    [['-t', 'EC'], 'Curve is required for key type EC'],
    [['-t', 'OKP'], 'Curve is required for key type OKP'],
    [['-t', 'EC', '-c', 'X25519'], 'Curve X25519 is not valid for key type EC'],
    [['-t', 'OKP', '-c', 'secp256k1'], 'Curve secp256k1 is not valid for key type OKP'],
    [['-t', 'oct', '-s', '512', '-u', 'both'], "Invalid key usage, must be 'sig' or 'enc', got both"],
    [['-t', 'ec'], 'Unknown key type: ec'],
    [['-t', 'oct', '-s', '512', '-i', 'a', '-g', 'sha1'], "Failed to parse arguments: The option 'g' was specified but an option from this group has already been selected: 'i'"],
    [['-t', 'oct', '-s', '512', '--idGenerator', 'none', '-I'], "Failed to parse arguments: The option 'I' was specified but an option from this group has already been selected: 'g'"],
    [['-t', 'oct', '-s', '512', '--bogus'], 'Failed to parse arguments: Unrecognized option: --bogus'],
    [['-t', 'oct', '-s'], 'Failed to parse arguments: Missing argument for option: s'],
    [['-t', 'OKP', '-c', 'X25519', '-x'], 'Unknown key type for X509 encoding: OKP'],
  ])('%j → %s', async (args, message) => {
    const { code, stdout, stderr } = await run(args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.split('\n')[0]).toBe(`error: ${message}`);
  });

  it('--json turns a usage error into one error document', async () => {
    const { code, stdout } = await runInProcess(['--json', 'jwk-gen', '-t', 'oct']);
    expect(code).toBe(2);
    expect(JSON.parse(stdout).error).toMatchObject({ code: 'E_JWK_SIZE_MISSING', message: 'Key size (in bits) is required for key type oct' });
  });
});

describe('jwk-gen -o / -S / -P files', () => {
  it('-o writes the key 0600 and prints nothing on stdout; an existing file is refused (exit 3) unless --force', async () => {
    const dir = await tempDir();
    const file = join(dir, 'key.json');
    const first = await run(['-t', 'oct', '-s', '512', '-o', file]);
    expect(first.code).toBe(0);
    expect(first.stdout).toBe('');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const written = await readFile(file, 'utf8');
    expect(b64url(JSON.parse(written).k)).toHaveLength(64);
    expect(written).toMatch(/^\{\n  "kty": "oct",\n/);

    const refused = await run(['-t', 'oct', '-s', '512', '-o', file]);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain(`error: refusing to overwrite existing key file ${file}`);
    expect(await readFile(file, 'utf8')).toBe(written);
    const refusedJson = await runInProcess(['--json', 'jwk-gen', '-t', 'oct', '-s', '512', '-o', file]);
    expect(JSON.parse(refusedJson.stdout).error.code).toBe('E_FILE_EXISTS');

    await chmod(file, 0o640);
    const forced = await run(['-t', 'oct', '-s', '512', '-o', file, '--force']);
    expect(forced.code).toBe(0);
    expect(await readFile(file, 'utf8')).not.toBe(written);
    expect((await stat(file)).mode & 0o777).toBe(0o640); // an existing file keeps its mode
  });

  it('-S -o appends to an existing set, keeping its keys verbatim; -P writes the public set without oct keys', async () => {
    const dir = await tempDir();
    const file = join(dir, 'keys.jwks');
    const pub = join(dir, 'public.jwks');
    await run(['-t', 'oct', '-s', '256', '-S', '-o', file, '-i', 'first']);
    const before = JSON.parse(await readFile(file, 'utf8'));
    expect(before.keys.map((k: { kid: string }) => k.kid)).toEqual(['first']);
    const second = await runInProcess(['--json', 'jwk-gen', '-t', 'RSA', '-s', '1024', '-S', '-o', file, '-P', pub, '-i', 'second']);
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout)).toEqual({ file, kty: 'RSA', kid: 'second', keys: 2, publicFile: pub });
    const after = JSON.parse(await readFile(file, 'utf8'));
    expect(after.keys).toHaveLength(2);
    expect(after.keys[0]).toEqual(before.keys[0]);
    expect(after.keys[1]).toMatchObject({ kty: 'RSA', kid: 'second' });
    expect(after.keys[1].d).toBeDefined();
    const publicSet = JSON.parse(await readFile(pub, 'utf8'));
    expect(publicSet.keys).toEqual([{ kty: 'RSA', e: 'AQAB', kid: 'second', n: after.keys[1].n }]);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await stat(pub)).mode & 0o777).toBe(0o644);
  });

  it.each([
    ['not JSON', '{"keys": [', 'Could not parse existing KeySet: '],
    ['no keys member', '{"kty": "oct"}', 'Could not parse existing KeySet: Missing required "keys" member (an array)'],
    ['a key without kty', '{"keys": [{"k": "AA"}]}', 'Could not parse existing KeySet: Invalid JWK at position 0: missing "kty"'],
    ['empty', '', 'Could not parse existing KeySet: '],
  ])('a corrupt existing set (%s) is exit 3 and left untouched', async (_name, content, message) => {
    const dir = await tempDir();
    const file = join(dir, 'keys.jwks');
    await writeFile(file, content, { mode: 0o600 });
    const { code, stdout, stderr } = await run(['-t', 'oct', '-s', '256', '-S', '-o', file]);
    expect(code).toBe(3);
    expect(stdout).toBe('');
    expect(stderr.split('\n')[0]!.startsWith(`error: ${message}`)).toBe(true);
    expect(await readFile(file, 'utf8')).toBe(content);
    const json = await runInProcess(['--json', 'jwk-gen', '-t', 'oct', '-s', '256', '-S', '-o', file]);
    expect(JSON.parse(json.stdout).error.code).toBe('E_KEYSET_INVALID');
  });

  it('-p and -x are ignored with -o, as in the jar, with a warning', async () => {
    const dir = await tempDir();
    const file = join(dir, 'ec.json');
    const { code, stdout, stderr } = await run(['-t', 'EC', '-c', 'P-256', '-o', file, '-x', '-p']);
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toContain('warning: -x/--x509 is ignored with -o/--output');
    expect(stderr).toContain('warning: -p/--showPubKey is ignored with -o/--output');
    expect(JSON.parse(await readFile(file, 'utf8')).crv).toBe('P-256');
  });

  it('an existing -P file is refused before -o is written (no half result)', async () => {
    const dir = await tempDir();
    const file = join(dir, 'key.json');
    const pub = join(dir, 'pub.json');
    await writeFile(pub, 'keep');
    const { code, stderr } = await run(['-t', 'EC', '-c', 'P-256', '-o', file, '-P', pub]);
    expect(code).toBe(3);
    expect(stderr).toContain(`refusing to overwrite existing public key file ${pub}`);
    await expect(stat(file)).rejects.toThrow();
    expect(await readFile(pub, 'utf8')).toBe('keep');
  });
});
