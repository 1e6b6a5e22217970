/**
 * bin/casctl crypto on bad input, as a user meets it: a clear message, the documented exit code,
 * never a stack trace.
 */
import { randomBytes } from 'node:crypto';
import { stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeCasToken } from '../../../src/crypto/cas-cipher.js';
import { runBin } from '../../helpers/run-casctl.js';
import { tempDir } from '../../helpers/tmp.js';
import { WITHOUT_FILE_PRIVILEGE, denyRead } from '../../helpers/tools.js';

const signing = randomBytes(64).toString('base64url');
const encryption = randomBytes(64).toString('base64url');
const env = { SIG: signing, ENC: encryption };
const claims = { sub: 'casuser', iss: 'https://cas.example.org/cas', exp: 4102444800 };
let dir: string;
let token: string;

const noStack = (text: string) => {
  expect(text).not.toMatch(/\n\s+at /);
  expect(text).not.toMatch(/node:internal|Error:/);
};

beforeAll(async () => {
  dir = await tempDir('casctl-crypto-e2e-');
  token = (await encodeCasToken(JSON.stringify(claims), { signingKey: signing, encryptionKey: encryption })).token;
});

describe('crypto decode through bin/casctl: malformed input', () => {
  it('1 MB of random bytes on stdin: exit 1, one clear line', async () => {
    const r = await runBin(['crypto', 'decode', '-', '--signing-key-env', 'SIG', '--encryption-key-env', 'ENC'], {
      env,
      input: randomBytes(1024 * 1024),
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^error: the input is not a token: .+ at position \d+ never appears in a JWT\/JWS\/JWE \(\d+ characters read\)\nhint: /);
    noStack(r.stderr);
  });

  it('1 MB of base64-looking garbage in three segments: exit 1 (not a JOSE header)', async () => {
    const junk = `${randomBytes(400_000).toString('base64url')}.${randomBytes(300_000).toString('base64url')}.abc`;
    const r = await runBin(['--json', 'crypto', 'decode', '-', '--signing-key-env', 'SIG'], { env, input: junk });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, error: { code: 'E_TOKEN_MALFORMED' } });
    expect(r.stderr).toMatch(/^error: the JWS header \(first segment\) is not base64url-encoded JSON/);
  });

  it('a truncated token (cut inside the payload and at a dot)', async () => {
    const cutAtDot = token.slice(0, token.lastIndexOf('.'));
    const atDot = await runBin(['crypto', 'decode', '--signing-key-env', 'SIG', '--encryption-key-env', 'ENC', cutAtDot], { env });
    expect(atDot.code).toBe(1);
    expect(atDot.stderr).toMatch(/^error: the token has 2 dot-separated segments; a JWS\/JWT has 3 and a JWE 5: it looks cut off\n/);
    const half = token.slice(0, Math.floor(token.length / 2));
    const r = await runBin(['--json', 'crypto', 'decode', '--signing-key-env', 'SIG', '--encryption-key-env', 'ENC', half], { env });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).error.code).toMatch(/^E_TOKEN_(TRUNCATED|MALFORMED)$/);
    noStack(r.stderr);
  });

  it('an unreadable key file is exit 3 naming the file', async () => {
    const keyFile = join(dir, 'signing.key');
    await writeFile(keyFile, `${signing}\n`);
    await denyRead(keyFile);
    const r = await runBin(['crypto', 'decode', '--signing-key-file', keyFile, '--encryption-key-env', 'ENC', token], { env, prefix: WITHOUT_FILE_PRIVILEGE });
    expect(r.code).toBe(3);
    expect(r.stderr).toBe(`error: permission denied for signing key file ${keyFile}\nhint: check the file and directory permissions, or run as a user that may access it\n`);
    const ok = await runBin(['crypto', 'decode', '--signing-key-file', keyFile, '--encryption-key-env', 'ENC', token], { env });
    expect(ok.code).toBe(0);
    const missing = await runBin(['crypto', 'decode', '--signing-key-file', join(dir, 'none'), token], { env });
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(/^error: signing key file .*none does not exist\n/);
  });

  it('a CAS config without the keys is exit 3; an unreadable one too', async () => {
    const cfg = join(dir, 'empty.properties');
    await writeFile(cfg, 'cas.server.prefix=https://cas.example.org/cas\n');
    const r = await runBin(['crypto', 'decode', '--cas-config', cfg, '--feature', 'token', token]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/sets neither cas.authn.token.crypto.signing.key nor cas.authn.token.crypto.encryption.key/);
    await denyRead(cfg);
    const denied = await runBin(['crypto', 'decode', '--cas-config', cfg, '--feature', 'token', token], { prefix: WITHOUT_FILE_PRIVILEGE });
    expect(denied.code).toBe(3);
    expect(denied.stderr).toMatch(/^error: permission denied for CAS configuration /);
  });
});

describe('crypto keys through bin/casctl', () => {
  it('writes a 0600 file CAS loads and never overwrites it without --force', async () => {
    const file = join(dir, 'acct.env');
    const r = await runBin(['crypto', 'keys', '--feature', 'account-registration', '--format', 'env', '--out', file]);
    expect(r.code).toBe(0);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const again = await runBin(['crypto', 'keys', '--feature', 'account-registration', '--format', 'env', '--out', file]);
    expect(again.code).toBe(3);
    expect(again.stderr).toBe(`error: refusing to overwrite existing keys file ${file}\nhint: pass --force to replace it\n`);
  });

  it('keys minted by casctl encode and decode through bin/casctl', async () => {
    const keys = JSON.parse((await runBin(['--json', 'crypto', 'keys', '--feature', 'account-registration'])).stdout);
    const [sig, enc] = keys.settings.map((s: { value: string }) => s.value);
    const e = await runBin(['crypto', 'encode', '--feature', 'account-registration'], {
      env: { CAS_ACCOUNTREGISTRATION_CORE_CRYPTO_SIGNING_KEY: sig, CAS_ACCOUNTREGISTRATION_CORE_CRYPTO_ENCRYPTION_KEY: enc },
      input: JSON.stringify(claims),
    });
    expect(e.code).toBe(0);
    const d = await runBin(['--json', 'crypto', 'decode', '--feature', 'account-registration', '--expect-issuer', claims.iss, e.stdout.trim()], {
      env: { CAS_ACCOUNTREGISTRATION_CORE_CRYPTO_SIGNING_KEY: sig, CAS_ACCOUNTREGISTRATION_CORE_CRYPTO_ENCRYPTION_KEY: enc },
    });
    expect(d.code).toBe(0);
    expect(JSON.parse(d.stdout)).toMatchObject({ ok: true, strategy: 'ENCRYPT_AND_SIGN', claims });
  });
});
