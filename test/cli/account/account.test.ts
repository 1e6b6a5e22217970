import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeCasToken } from '../../../src/crypto/cas-cipher.js';
import { runInProcess } from '../../helpers/run-casctl.js';
import { tempDir } from '../../helpers/tmp.js';

let dir: string;
beforeAll(async () => {
  dir = await tempDir('casctl-account-cli-');
});

const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at /);

describe('account (in-process)', () => {
  it('lists its commands in help', async () => {
    const r = await runInProcess(['account', '--help']);
    expect(r.code).toBe(0);
    for (const verb of ['lint', 'new-properties', 'keys', 'token']) expect(r.stdout).toContain(verb);
  });

  describe('lint', () => {
    it('reads standard input for -, and exits 0 on a clean file', async () => {
      const properties = (await runInProcess(['account', 'new-properties'])).stdout;
      const r = await runInProcess(['--json', 'account', 'lint', '-'], { stdin: properties });
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, file: '<stdin>', errors: 0, warnings: 0, findings: [] });
    });

    it('exits 1 with the findings and an error member under --json when the file has errors', async () => {
      const file = join(dir, 'bad.json');
      await writeFile(file, '{ "@class": "java.util.HashMap" }\n');
      const r = await runInProcess(['--json', 'account', 'lint', file]);
      expect(r.code).toBe(1);
      const doc = JSON.parse(r.stdout);
      expect(doc.ok).toBe(false);
      expect(doc.error.code).toBe('E_REGISTRATION_PROPERTIES_INVALID');
      expect(doc.findings.map((f: { code: string }) => f.code)).toEqual(['missing-username', 'missing-contact']);
      expect(r.stderr).toBe('');
    });

    it('human output: file:line:col, severity, message, [code], hint, summary; warnings alone exit 0', async () => {
      const file = join(dir, 'warn.hjson');
      const properties = JSON.parse((await runInProcess(['account', 'new-properties'])).stdout);
      properties.phone.order = 3;
      await writeFile(file, JSON.stringify(properties, null, 2));
      const r = await runInProcess(['account', 'lint', file]);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^${file}:\\d+:5: warning: "phone" has order 3, like "email" \\(line \\d+\\).*\\[duplicate-order\\]\\n  hint: `, 'm'));
      expect(r.stdout).toMatch(/! .*warn\.hjson: 0 errors, 1 warning\n$/);
    });

    it('a missing file is a local input error (exit 3), not a judgement', async () => {
      const r = await runInProcess(['account', 'lint', join(dir, 'nope.json')]);
      expect(r.code).toBe(3);
      expect(r.stderr).toContain('registration-properties file');
      expect(r.stderr).toContain('does not exist');
      noStack(r.stderr);
    });
  });

  describe('new-properties', () => {
    it('prints the JSON file on stdout (the same document under --json)', async () => {
      const human = await runInProcess(['account', 'new-properties']);
      const json = await runInProcess(['--json', 'account', 'new-properties']);
      expect(human.code).toBe(0);
      expect(JSON.parse(human.stdout)).toEqual(JSON.parse(json.stdout));
      expect(Object.keys(JSON.parse(human.stdout))).toEqual(['@class', 'username', 'firstName', 'lastName', 'email', 'phone']);
    });

    it('--out writes a 0644 file, refuses to overwrite it (exit 3), --force replaces it', async () => {
      const file = join(dir, 'registration-properties.json');
      const first = await runInProcess(['--json', 'account', 'new-properties', '--out', file]);
      expect(first.code).toBe(0);
      expect(JSON.parse(first.stdout)).toMatchObject({ file, created: true, fields: ['username', 'firstName', 'lastName', 'email', 'phone'] });
      expect((await stat(file)).mode & 0o777).toBe(0o644);
      await writeFile(file, 'edited');
      const again = await runInProcess(['account', 'new-properties', '--out', file]);
      expect(again.code).toBe(3);
      expect(again.stderr).toContain('refusing to overwrite');
      expect(again.stderr).toContain('--force');
      expect(await readFile(file, 'utf8')).toBe('edited');
      const forced = await runInProcess(['account', 'new-properties', '--out', file, '--force']);
      expect(forced.code).toBe(0);
      expect(forced.stdout).toBe('');
      expect(forced.stderr).toContain('replaced');
      expect(JSON.parse(await readFile(file, 'utf8')).username.name).toBe('username');
    });
  });

  describe('keys', () => {
    it('is crypto keys --feature account-registration (same document shape)', async () => {
      const account = JSON.parse((await runInProcess(['--json', 'account', 'keys'])).stdout);
      const crypto = JSON.parse((await runInProcess(['--json', 'crypto', 'keys', '--feature', 'account-registration'])).stdout);
      const shape = (doc: { settings: { name: string; value: string }[] }) => ({
        ...doc,
        settings: doc.settings.map((s) => ({ ...s, value: s.value.length })),
      });
      expect(shape(account)).toEqual(shape(crypto));
      expect(account.settings.map((s: { name: string }) => s.name)).toEqual([
        'cas.account-registration.core.crypto.signing.key',
        'cas.account-registration.core.crypto.encryption.key',
      ]);
      expect(account.settings.map((s: { value: string }) => s.value.length)).toEqual([86, 86]);
    });

    it('--enc A128CBC-HS256 sizes the encryption key for older CAS and adds the alg setting', async () => {
      const r = await runInProcess(['account', 'keys', '--enc', 'A128CBC-HS256', '--format', 'env']);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^CAS_ACCOUNTREGISTRATION_CORE_CRYPTO_ENCRYPTION_KEY=[A-Za-z0-9_-]{43}$/m);
      expect(r.stdout).toMatch(/^CAS_ACCOUNTREGISTRATION_CORE_CRYPTO_ALG=A128CBC-HS256$/m);
    });

    it('--out writes 0600 and never overwrites without --force', async () => {
      const file = join(dir, 'keys.properties');
      expect((await runInProcess(['account', 'keys', '--out', file])).code).toBe(0);
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      const again = await runInProcess(['account', 'keys', '--out', file]);
      expect(again.code).toBe(3);
    });
  });

  describe('token decode', () => {
    const signing = 'S'.repeat(86);
    const encryption = Buffer.alloc(64, 7).toString('base64url');
    const prefix = 'https://sso.example.org/cas';
    const env = { SIG: signing, ENC: encryption };
    const claims = (over: Record<string, unknown> = {}) =>
      JSON.stringify({ jti: 'x', iss: prefix, aud: prefix, exp: Math.floor(Date.now() / 1000) + 300, iat: 1, origin: '10.0.0.5', client: '203.0.113.7', sub: 'casuser', username: 'casuser', ...over });

    it('without a CAS prefix it is a usage error (exit 2) naming --server and --cas-config', async () => {
      const r = await runInProcess(['account', 'token', 'decode', 'x.y.z']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('the CAS prefix is needed');
      expect(r.stderr).toContain('--server');
    });

    it('a signed token without keys is a usage error (exit 2)', async () => {
      const { token } = await encodeCasToken(claims(), { signingKey: signing, encryptionKey: encryption });
      const r = await runInProcess(['--json', 'account', 'token', 'decode', '--server', prefix, token]);
      expect(r.code).toBe(2);
      expect(JSON.parse(r.stdout).error.code).toBe('E_SIGNING_KEY_REQUIRED');
    });

    it('an unset key variable is a usage error (exit 2)', async () => {
      const r = await runInProcess(['account', 'token', 'decode', '--server', prefix, '--signing-key-env', 'NOPE', 'a.b.c']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('NOPE');
    });

    it('accepts a fresh token (exit 0) and prints claims and fields under --json', async () => {
      const { token } = await encodeCasToken(claims(), { signingKey: signing, encryptionKey: encryption });
      const r = await runInProcess(['--json', 'account', 'token', 'decode', '--server', prefix, '--signing-key-env', 'SIG', '--encryption-key-env', 'ENC', token], { env });
      expect(r.code).toBe(0);
      const doc = JSON.parse(r.stdout);
      expect(doc).toMatchObject({ ok: true, accepted: true, strategy: 'ENCRYPT_AND_SIGN', signatureVerified: true, decrypted: true, reasons: [] });
      expect(doc.claims.sub).toBe('casuser');
      expect(doc.fields).toEqual({ username: 'casuser' });
    });

    it('the key flags do not take the key itself on the command line', async () => {
      const r = await runInProcess(['account', 'token', 'decode', '--server', prefix, '--signing-key', signing, 'a.b.c']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("unknown option '--signing-key'");
    });

    it('a missing --cas-config file is exit 3', async () => {
      const r = await runInProcess(['account', 'token', 'decode', '--cas-config', join(dir, 'none.properties'), 'a.b.c']);
      expect(r.code).toBe(3);
    });
  });
});

describe('token decode key files', () => {
  it('a settings file given as a key file is an input error (exit 3) pointing to --cas-config', async () => {
    const file = join(dir, 'keys-as-key.properties');
    const keys = await runInProcess(['account', 'keys']);
    await writeFile(file, keys.stdout);
    const r = await runInProcess(['--json', 'account', 'token', 'decode', '--server', 'https://sso.example.org/cas', '--signing-key-file', file, 'a.b.c']);
    expect(r.code).toBe(3);
    const doc = JSON.parse(r.stdout);
    expect(doc.error.code).toBe('E_KEY_FILE_FORMAT');
    expect(doc.error.hint).toContain('--cas-config');
  });
});
