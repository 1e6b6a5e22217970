import { randomBytes } from 'node:crypto';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeCasToken } from '../../../src/crypto/cas-cipher.js';
import { parseCasConfig } from '../../../src/config/cas-config.js';
import { runInProcess } from '../../helpers/run-casctl.js';
import { tempDir } from '../../helpers/tmp.js';

const signing = randomBytes(64).toString('base64url');
const encryption = randomBytes(64).toString('base64url');
const env = { SIG: signing, ENC: encryption };
const now = Math.floor(Date.now() / 1000);
const claims = { iss: 'https://cas.example.org/cas', aud: 'https://app.example.org/', sub: 'casuser', iat: now - 10, exp: now + 3600 };
let dir: string;

beforeAll(async () => {
  dir = await tempDir('casctl-crypto-cli-');
});

const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at /);

describe('crypto keys', () => {
  it('prints both keys of a feature as cas.properties lines CAS loads unchanged', async () => {
    const r = await runInProcess(['crypto', 'keys', '--feature', 'token']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const cfg = await parseCasConfig(r.stdout, 'keys.properties');
    const sig = cfg.get('cas.authn.token.crypto.signing.key')!;
    const enc = cfg.get('cas.authn.token.crypto.encryption.key')!;
    expect(sig).toMatch(/^[A-Za-z0-9_-]{86}$/);
    expect(Buffer.from(sig, 'base64url')).toHaveLength(64);
    expect(enc).toMatch(/^[A-Za-z0-9_-]{86}$/);
    expect(cfg.get('cas.authn.token.crypto.alg')).toBeUndefined();
  });

  it('--enc A128CBC-HS256 makes a 256-bit encryption key and says so in an alg line', async () => {
    const r = await runInProcess(['--json', 'crypto', 'keys', '--feature', 'account-registration', '--enc', 'A128CBC-HS256']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ feature: 'account-registration', encryptionBits: 256, enc: 'A128CBC-HS256' });
    const byName = Object.fromEntries(doc.settings.map((s: { name: string; value: string }) => [s.name, s]));
    expect(byName['cas.account-registration.core.crypto.encryption.key'].value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(byName['cas.account-registration.core.crypto.alg']).toMatchObject({ value: 'A128CBC-HS256', env: 'CAS_ACCOUNTREGISTRATION_CORE_CRYPTO_ALG' });
    expect(byName['cas.account-registration.core.crypto.signing.key'].env).toBe('CAS_ACCOUNTREGISTRATION_CORE_CRYPTO_SIGNING_KEY');
  });

  it('env and yaml formats', async () => {
    const envOut = await runInProcess(['crypto', 'keys', '--feature', 'token', '--format', 'env', '--strategy', 'SIGN_AND_ENCRYPT']);
    expect(envOut.stdout).toMatch(/^CAS_AUTHN_TOKEN_CRYPTO_SIGNING_KEY=[A-Za-z0-9_-]{86}$/m);
    expect(envOut.stdout).toMatch(/^CAS_AUTHN_TOKEN_CRYPTO_ENCRYPTION_KEY=[A-Za-z0-9_-]{86}$/m);
    expect(envOut.stdout).toMatch(/^CAS_AUTHN_TOKEN_CRYPTO_STRATEGYTYPE=SIGN_AND_ENCRYPT$/m);
    const yamlOut = await runInProcess(['crypto', 'keys', '--feature', 'tgc', '--format', 'yaml']);
    const cfg = await parseCasConfig(yamlOut.stdout, 'application.yml');
    expect(cfg.get('cas.tgc.crypto.signing.key')).toMatch(/^[A-Za-z0-9_-]{86}$/);
    expect(cfg.get('cas.tgc.crypto.encryption.key')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(cfg.get('cas.tgc.crypto.alg')).toBe('A128CBC-HS256');
  });

  it('webflow gets a random 128-bit AES key, not a JWE key', async () => {
    const r = await runInProcess(['crypto', 'keys', '--feature', 'webflow']);
    const cfg = await parseCasConfig(r.stdout, 'x.properties');
    expect(Buffer.from(cfg.get('cas.webflow.crypto.encryption.key')!, 'base64url')).toHaveLength(16);
    expect(cfg.get('cas.webflow.crypto.signing.key')).toMatch(/^[A-Za-z0-9_-]{86}$/);
    const bad = await runInProcess(['crypto', 'keys', '--feature', 'webflow', '--enc', 'A128CBC-HS256']);
    expect(bad.code).toBe(2);
  });

  it('--out writes 0600, refuses to overwrite (exit 3) and replaces with --force', async () => {
    const file = join(dir, 'token.properties');
    const first = await runInProcess(['crypto', 'keys', '--feature', 'token', '--out', file]);
    expect(first.code).toBe(0);
    expect(first.stdout).toBe('');
    expect(first.stderr).toMatch(/wrote .*token.properties \(mode 0600\)/);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const before = await readFile(file, 'utf8');
    const again = await runInProcess(['--json', 'crypto', 'keys', '--feature', 'token', '--out', file]);
    expect(again.code).toBe(3);
    expect(JSON.parse(again.stdout).error.code).toBe('E_FILE_EXISTS');
    expect(await readFile(file, 'utf8')).toBe(before);
    const forced = await runInProcess(['--json', 'crypto', 'keys', '--feature', 'token', '--out', file, '--force']);
    expect(forced.code).toBe(0);
    const doc = JSON.parse(forced.stdout);
    expect(doc).toMatchObject({ replaced: true, file });
    expect(JSON.stringify(doc)).not.toMatch(/"value"/);
    expect(await readFile(file, 'utf8')).not.toBe(before);
  });

  it('--list and unknown features', async () => {
    const list = JSON.parse((await runInProcess(['--json', 'crypto', 'keys', '--list'])).stdout);
    expect(list.map((f: { feature: string }) => f.feature)).toEqual(expect.arrayContaining(['token', 'account-registration', 'tgc', 'webflow']));
    const unknown = await runInProcess(['crypto', 'keys', '--feature', 'nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown feature 'nope'/);
    expect((await runInProcess(['crypto', 'keys'])).code).toBe(2);
  });
});

describe('crypto decode', () => {
  it('keys from --cas-config --feature (properties and YAML)', async () => {
    const { token } = await encodeCasToken(JSON.stringify(claims), { signingKey: signing, encryptionKey: encryption });
    const props = join(dir, 'cas.properties');
    await writeFile(props, `cas.server.prefix=https://cas.example.org/cas\ncas.authn.token.crypto.signing.key=${signing}\ncas.authn.token.crypto.encryption.key=${encryption}\n`);
    const r = await runInProcess(['crypto', 'decode', '--cas-config', props, '--feature', 'token', '--expect-issuer', claims.iss, token]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Token: {4}ENCRYPT_AND_SIGN \(JWS over the JWE string\), signature verified, decrypted$/m);
    expect(r.stdout).toContain('"sub": "casuser"');
    const yml = join(dir, 'application.yml');
    await writeFile(yml, `cas:\n  authn:\n    token:\n      crypto:\n        signing:\n          key: "${signing}"\n        encryption:\n          key: "${encryption}"\n`);
    const y = await runInProcess(['--json', 'crypto', 'decode', '--cas-config', yml, '--feature', 'token', token]);
    expect(JSON.parse(y.stdout)).toMatchObject({ ok: true, claims });
  });

  it('keys from CAS environment variables with --feature alone', async () => {
    const { token } = await encodeCasToken(JSON.stringify(claims), { signingKey: signing, encryptionKey: encryption });
    const r = await runInProcess(['--json', 'crypto', 'decode', '--feature', 'account-registration', token], {
      env: { CAS_ACCOUNTREGISTRATION_CORE_CRYPTO_SIGNING_KEY: signing, CAS_ACCOUNTREGISTRATION_CORE_CRYPTO_ENCRYPTION_KEY: encryption },
    });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).claims).toEqual(claims);
  });

  it('expired tokens and wrong issuer/audience fail with exit 1 and say when/what', async () => {
    const expired = { ...claims, exp: now - 7200 };
    const { token } = await encodeCasToken(JSON.stringify(expired), { signingKey: signing, encryptionKey: encryption });
    const r = await runInProcess(['crypto', 'decode', '--signing-key-env', 'SIG', '--encryption-key-env', 'ENC', token], { env });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('"sub": "casuser"');
    const when = new Date((now - 7200) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    expect(r.stderr).toBe(`error: the token expired at ${when} (2 h ago)\n`);
    const { token: fresh } = await encodeCasToken(JSON.stringify(claims), { signingKey: signing, encryptionKey: encryption });
    const j = await runInProcess(
      ['--json', 'crypto', 'decode', '--signing-key-env', 'SIG', '--encryption-key-env', 'ENC', '--expect-issuer', 'https://other/cas', '--expect-audience', 'https://x/', fresh],
      { env },
    );
    expect(j.code).toBe(1);
    const doc = JSON.parse(j.stdout);
    expect(doc.ok).toBe(false);
    expect(doc.findings.map((f: { code: string }) => f.code)).toEqual(['E_TOKEN_ISSUER_MISMATCH', 'E_TOKEN_AUDIENCE_MISMATCH']);
    expect(doc.error.code).toBe('E_TOKEN_ISSUER_MISMATCH');
  });

  it('a needed key that is missing is a usage error naming the flags (exit 2)', async () => {
    const { token } = await encodeCasToken(JSON.stringify(claims), { signingKey: signing, encryptionKey: encryption });
    const r = await runInProcess(['crypto', 'decode', '--signing-key-env', 'SIG', token], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/error: the token is encrypted \(dir, A256CBC-HS512\): the encryption key is needed to read it\nhint: pass --encryption-key-file/);
    const unset = await runInProcess(['crypto', 'decode', '--signing-key-env', 'NOPE', token]);
    expect(unset.code).toBe(2);
    expect(unset.stderr).toMatch(/environment variable NOPE \(for the signing key\) is not set/);
  });

  it('an unsecured JWT decodes without keys, and is refused when keys are given', async () => {
    const { token } = await encodeCasToken(JSON.stringify(claims), {}, { unsecured: true });
    const plain = await runInProcess(['--json', 'crypto', 'decode', token]);
    expect(plain.code).toBe(0);
    expect(JSON.parse(plain.stdout)).toMatchObject({ strategy: 'UNSECURED', signatureVerified: false, claims, headers: { jws: { alg: 'none', typ: 'JWT' } } });
    const keyed = await runInProcess(['--json', 'crypto', 'decode', '--signing-key-env', 'SIG', token], { env });
    expect(keyed.code).toBe(1);
    expect(JSON.parse(keyed.stdout).error.code).toBe('E_TOKEN_UNSECURED');
  });

  it('truncated tokens and garbage: exit 1, clear message, no stack trace', async () => {
    const { token } = await encodeCasToken(JSON.stringify(claims), { signingKey: signing, encryptionKey: encryption });
    const cut = await runInProcess(['crypto', 'decode', '--signing-key-env', 'SIG', '--encryption-key-env', 'ENC', token.slice(0, -30)], { env });
    expect(cut.code).toBe(1);
    expect(cut.stderr).toMatch(/^error: the JWS signature is \d+ bytes where HS512 signatures are 64: the token was cut off\n/);
    noStack(cut.stderr);
    const garbage = await runInProcess(['crypto', 'decode', '-', '--signing-key-env', 'SIG'], { env, stdin: 'hello world, not a token' });
    expect(garbage.code).toBe(1);
    expect(garbage.stderr).toMatch(/error: the input is not a token: a space at position 6/);
    const nothing = await runInProcess(['crypto', 'decode']);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toMatch(/no token given/);
  });

  it('webflow values are not JWTs: a usage error, not a confusing failure', async () => {
    const r = await runInProcess(['crypto', 'decode', '--feature', 'webflow', 'x'], { env: { CAS_WEBFLOW_CRYPTO_SIGNING_KEY: 'k' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/webflow values are not JWS\/JWE strings/);
  });
});

describe('crypto encode', () => {
  it('round trip through decode, with --compat 5 layout', async () => {
    const enc = await runInProcess(['--json', 'crypto', 'encode', '-', '--signing-key-env', 'SIG', '--encryption-key-env', 'ENC', '--compat', '5'], {
      env: { SIG: signing, ENC: randomBytes(32).toString('base64url') },
      stdin: JSON.stringify(claims),
    });
    expect(enc.code).toBe(0);
    const doc = JSON.parse(enc.stdout);
    expect(doc).toMatchObject({ compat: 5, enc: 'A128CBC-HS256', headers: { jws: { alg: 'HS512' }, jwe: { zip: 'DEF', alg: 'dir', enc: 'A128CBC-HS256' } } });
    expect(Object.keys(doc.headers.jwe)).toEqual(['zip', 'alg', 'enc']);
  });

  it('bad claims input is exit 3 with the JSON error; --compat 9 is exit 2', async () => {
    const file = join(dir, 'claims.json');
    await writeFile(file, '{"sub": "casuser",');
    const r = await runInProcess(['crypto', 'encode', file, '--signing-key-env', 'SIG'], { env });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^error: the claims in .*claims.json are not valid JSON/);
    const missing = await runInProcess(['crypto', 'encode', join(dir, 'nope.json'), '--signing-key-env', 'SIG'], { env });
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(/claims file .*nope.json does not exist/);
    const compat = await runInProcess(['crypto', 'encode', file, '--compat', '9']);
    expect(compat.code).toBe(2);
    const noKeys = await runInProcess(['crypto', 'encode', '-'], { stdin: '{}' });
    expect(noKeys.code).toBe(2);
    expect(noKeys.stderr).toMatch(/no signing or encryption key given/);
  });

  it('a 256-bit key with the newest layout picks A128CBC-HS256 and warns to set crypto.alg', async () => {
    const r = await runInProcess(['crypto', 'encode', '-', '--signing-key-env', 'SIG', '--encryption-key-env', 'E256'], {
      env: { SIG: signing, E256: randomBytes(32).toString('base64url') },
      stdin: '{"sub":"a"}',
    });
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('.')).toHaveLength(3);
    expect(r.stderr).toMatch(/warning: the 256-bit encryption key fits A128CBC-HS256, not CAS 8's default A256CBC-HS512: set crypto.alg=A128CBC-HS256/);
  });
});
