/**
 * `account token decode` through bin/casctl on registration tokens built independently with
 * python3-jwcrypto in CAS's layout (and with `casctl crypto encode`): accepted, expired, wrong issuer,
 * wrong keys, truncated, garbage. Every failure: a clear message, the right exit code, no stack trace.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { runBin, type RunResult } from '../../helpers/run-casctl.js';
import { tempDir } from '../../helpers/tmp.js';
import { requireTool, SYSTEM_PYTHON } from '../../helpers/tools.js';

const SCRIPT = fileURLToPath(new URL('./registration_token.py', import.meta.url));
const exec = promisify(execFile);

interface MakeOptions {
  signing?: string | null;
  encryption?: string | null;
  claims: Record<string, unknown>;
  strategy?: 'ENCRYPT_AND_SIGN' | 'SIGN_AND_ENCRYPT';
  enc?: 'A256CBC-HS512' | 'A128CBC-HS256';
  zip?: boolean;
  kid?: string | null;
}

async function jwcrypto(options: MakeOptions): Promise<string> {
  const child = exec(SYSTEM_PYTHON, [SCRIPT], { maxBuffer: 1024 * 1024 });
  child.child.stdin!.end(JSON.stringify({ signing: signing, encryption: enc512, kid: 'b1946ac9-2c3b-4e35-9f0a-6f3c1d1e9c11', ...options }));
  return (await child).stdout.trim();
}

const prefix = 'https://sso.example.org/cas';
const signing = randomBytes(64).toString('base64url');
const enc512 = randomBytes(64).toString('base64url');
const enc256 = randomBytes(32).toString('base64url');
const env = { REG_SIG: signing, REG_ENC: enc512, REG_ENC256: enc256, OTHER_SIG: randomBytes(64).toString('base64url'), OTHER_ENC: randomBytes(64).toString('base64url') };
const keyFlags = ['--signing-key-env', 'REG_SIG', '--encryption-key-env', 'REG_ENC'];
const now = () => Math.floor(Date.now() / 1000);

/** Claims exactly as DefaultAccountRegistrationService#createToken sets them (jose4j JwtClaims). */
const claims = (over: Record<string, unknown> = {}) => ({
  jti: 'f47ac10b-58cc-4372-a567-0e02b2c3d479',
  iss: prefix,
  aud: prefix,
  exp: now() + 600,
  iat: now(),
  origin: '10.0.0.5',
  client: '203.0.113.7',
  sub: 'casuser',
  username: 'casuser',
  firstName: 'Cas',
  lastName: 'User',
  email: 'casuser@example.org',
  phone: '555-123-4567',
  ...over,
});

const decode = (args: string[], input?: string) => runBin(['--json', 'account', 'token', 'decode', '--server', prefix, ...args], { env, input });

function expectClean(r: RunResult) {
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.stderr).not.toContain('TypeError');
}

let dir: string;
beforeAll(async () => {
  requireTool(SYSTEM_PYTHON, 'python3-jwcrypto builds the independent tokens');
  dir = await tempDir('casctl-account-token-');
});

describe('tokens made by jwcrypto in CAS layout', () => {
  it.concurrent.each([
    ['ENCRYPT_AND_SIGN', 'A256CBC-HS512', false, 'newest CAS'],
    ['SIGN_AND_ENCRYPT', 'A256CBC-HS512', false, 'strategy-type SIGN_AND_ENCRYPT'],
    ['ENCRYPT_AND_SIGN', 'A128CBC-HS256', true, 'CAS 6.x (zip DEF, 256-bit key)'],
  ] as const)('%s %s zip=%s (%s) is accepted with its claims', async (strategy, enc, zip, _label) => {
    const encryption = enc === 'A256CBC-HS512' ? enc512 : enc256;
    const token = await jwcrypto({ claims: claims(), strategy, enc, zip, encryption });
    const r = await decode(['--signing-key-env', 'REG_SIG', '--encryption-key-env', enc === 'A256CBC-HS512' ? 'REG_ENC' : 'REG_ENC256', token]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ ok: true, accepted: true, strategy, signatureVerified: true, decrypted: true, reasons: [] });
    expect(doc.headers.jwe).toMatchObject({ alg: 'dir', enc, cty: 'JWT', typ: 'JWT', ...(zip ? { zip: 'DEF' } : {}) });
    expect(doc.claims).toMatchObject({ iss: prefix, aud: prefix, sub: 'casuser', origin: '10.0.0.5', client: '203.0.113.7' });
    expect(doc.fields).toEqual({ username: 'casuser', firstName: 'Cas', lastName: 'User', email: 'casuser@example.org', phone: '555-123-4567' });
    expect(doc.checks.map((c: { check: string; ok: boolean | null }) => [c.check, c.ok])).toEqual([
      ['decode', true],
      ['issuer', true],
      ['audience', true],
      ['subject', true],
      ['origin', null],
      ['client', null],
      ['expiration', true],
    ]);
  });

  it('human output: verdict, claims, fields and checks on stdout; exit 0', async () => {
    const token = await jwcrypto({ claims: claims() });
    const r = await runBin(['account', 'token', 'decode', '--server', prefix, ...keyFlags, '--client-ip', '203.0.113.7', '--server-ip', '10.0.0.5', token], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^✔ accepted: CAS \(prefix https:\/\/sso\.example\.org\/cas\) would accept this registration token now\n/);
    expect(r.stdout).toMatch(/^ {2}sub +casuser$/m);
    expect(r.stdout).toMatch(/^ {2}email +casuser@example\.org$/m);
    expect(r.stdout).toMatch(/✔ client +client 203\.0\.113\.7 is the client IP address/);
    expect(r.stderr).toBe('');
  });

  it('reads the token from standard input with -', async () => {
    const token = await jwcrypto({ claims: claims() });
    const r = await decode([...keyFlags, '-'], `${token}\n`);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).accepted).toBe(true);
  });

  it('an expired token is rejected (exit 1) saying when it expired', async () => {
    const token = await jwcrypto({ claims: claims({ iat: now() - 900, exp: now() - 840 }) });
    const r = await decode([...keyFlags, token]);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ ok: false, accepted: false, error: { code: 'E_TOKEN_EXPIRED' } });
    expect(doc.error.message).toMatch(/^the token expired at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \(14 min ago\)$/);
    const human = await runBin(['account', 'token', 'decode', '--server', prefix, ...keyFlags, token], { env });
    expect(human.code).toBe(1);
    expect(human.stdout).toMatch(/^✖ rejected: /);
    expect(human.stdout).toMatch(/✖ expiration the token expired at .* \[E_TOKEN_EXPIRED\]/);
  });

  it('a token from another CAS (issuer and audience) is rejected with both reasons', async () => {
    const token = await jwcrypto({ claims: claims({ iss: 'https://other.example.org/cas', aud: 'https://other.example.org/cas' }) });
    const r = await decode([...keyFlags, token]);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.reasons.map((x: { code: string }) => x.code)).toEqual(['E_TOKEN_ISSUER_MISMATCH', 'E_TOKEN_AUDIENCE_MISMATCH']);
    expect(doc.reasons[0].message).toBe('iss is "https://other.example.org/cas", not the CAS prefix "https://sso.example.org/cas"');
  });

  it('client and server IP mismatches are reasons when --client-ip/--server-ip are given', async () => {
    const token = await jwcrypto({ claims: claims() });
    const r = await decode([...keyFlags, '--client-ip', '198.51.100.9', '--server-ip', '10.0.0.6', token]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).reasons.map((x: { code: string }) => x.code)).toEqual(['E_TOKEN_ORIGIN_MISMATCH', 'E_TOKEN_CLIENT_MISMATCH']);
  });

  it('the wrong signing key is a bad signature (exit 1)', async () => {
    const token = await jwcrypto({ claims: claims() });
    const r = await decode(['--signing-key-env', 'OTHER_SIG', '--encryption-key-env', 'REG_ENC', token]);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ ok: false, accepted: false, error: { code: 'E_TOKEN_SIGNATURE_INVALID' } });
    expect(doc.error.message).toMatch(/signature does not match: wrong signing key/);
    expectClean(r);
  });

  it('the wrong encryption key fails decryption (exit 1)', async () => {
    const token = await jwcrypto({ claims: claims() });
    const r = await decode(['--signing-key-env', 'REG_SIG', '--encryption-key-env', 'OTHER_ENC', token]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).error.code).toBe('E_TOKEN_DECRYPTION_FAILED');
    expectClean(r);
  });

  it('truncated tokens are rejected as cut off (exit 1), at any length', async () => {
    const token = await jwcrypto({ claims: claims() });
    for (const cut of [token.slice(0, token.length - 7), token.slice(0, token.lastIndexOf('.')), token.slice(0, 40)]) {
      const r = await decode([...keyFlags, cut]);
      expect(r.code).toBe(1);
      const doc = JSON.parse(r.stdout);
      expect(doc.accepted).toBe(false);
      expect(['E_TOKEN_TRUNCATED', 'E_TOKEN_MALFORMED', 'E_TOKEN_SIGNATURE_INVALID']).toContain(doc.error.code);
      expectClean(r);
    }
    const human = await runBin(['account', 'token', 'decode', '--server', prefix, ...keyFlags, token.slice(0, token.length - 7)], { env });
    expect(human.code).toBe(1);
    expect(human.stdout).toContain('the token was cut off');
  });

  it('garbage is rejected (exit 1) with a clear message', async () => {
    const r = await decode([...keyFlags, '-'], randomBytes(4096).toString('latin1'));
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).error.message).toMatch(/^the input is not a token/);
    expectClean(r);
  });
});

describe('keys and prefix from --cas-config', () => {
  it('takes cas.server.prefix, the account-registration keys and the include-…-ip settings from cas.properties', async () => {
    const config = join(dir, 'cas.properties');
    await writeFile(
      config,
      [
        'cas.server.name=https://sso.example.org',
        'cas.server.prefix=${cas.server.name}/cas',
        `cas.account-registration.core.crypto.signing.key=${signing}`,
        `cas.account-registration.core.crypto.encryption.key=${enc512}`,
        'cas.account-registration.core.include-client-ip-address=false',
        '',
      ].join('\n'),
    );
    const { client: _client, ...noClient } = claims();
    const token = await jwcrypto({ claims: noClient });
    const r = await runBin(['--json', 'account', 'token', 'decode', '--cas-config', config, token], { env });
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.prefix).toBe(prefix);
    expect(doc.checks.find((c: { check: string }) => c.check === 'client')).toMatchObject({ ok: null });
  });

  it('with the include settings at their default (on), a token without an origin claim is rejected', async () => {
    const config = join(dir, 'defaults.properties');
    await writeFile(config, `cas.server.prefix=${prefix}\ncas.account-registration.core.crypto.signing.key=${signing}\ncas.account-registration.core.crypto.encryption.key=${enc512}\n`);
    const { origin: _origin, ...noOrigin } = claims();
    const token = await jwcrypto({ claims: noOrigin });
    const r = await runBin(['--json', 'account', 'token', 'decode', '--cas-config', config, token], { env });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).reasons.map((x: { code: string }) => x.code)).toEqual(['E_TOKEN_ORIGIN_MISSING']);
  });

  it('a token of the other strategy than the configured strategy-type is rejected', async () => {
    const config = join(dir, 'strategy.properties');
    await writeFile(
      config,
      `cas.server.prefix=${prefix}\ncas.account-registration.core.crypto.strategy-type=SIGN_AND_ENCRYPT\ncas.account-registration.core.include-server-ip-address=false\ncas.account-registration.core.include-client-ip-address=false\n`,
    );
    const token = await jwcrypto({ claims: claims(), strategy: 'ENCRYPT_AND_SIGN' });
    const r = await runBin(['--json', 'account', 'token', 'decode', '--cas-config', config, ...keyFlags, token], { env });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).reasons.map((x: { code: string }) => x.code)).toEqual(['E_TOKEN_STRATEGY_MISMATCH']);
  });

  it('with crypto disabled CAS hands out plain JSON claims; casctl judges them too', async () => {
    const config = join(dir, 'plain.properties');
    await writeFile(config, `cas.server.prefix=${prefix}\ncas.account-registration.core.crypto.enabled=false\n`);
    const token = await jwcrypto({ claims: claims(), signing: null, encryption: null });
    expect(token.startsWith('{')).toBe(true);
    const r = await runBin(['--json', 'account', 'token', 'decode', '--cas-config', config, '-'], { env, input: token });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ accepted: true, strategy: 'NONE' });
  });

  it('a signed token and a config without keys: usage error naming the missing setting (exit 2)', async () => {
    const config = join(dir, 'nokeys.properties');
    await writeFile(config, `cas.server.prefix=${prefix}\n`);
    const token = await jwcrypto({ claims: claims() });
    const r = await runBin(['account', 'token', 'decode', '--cas-config', config, token], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('does not set cas.account-registration.core.crypto.signing.key');
    expectClean(r);
  });
});

describe('round trip with casctl crypto encode', () => {
  it.concurrent.each([['8'], ['6']])('crypto encode --compat %s → account token decode accepts it', async (compat) => {
    const file = join(dir, `claims-${compat}.json`);
    await writeFile(file, JSON.stringify(claims()));
    const encryptionEnv = compat === '8' ? 'REG_ENC' : 'REG_ENC256';
    const encoded = await runBin(
      ['crypto', 'encode', '--feature', 'account-registration', '--compat', compat, '--signing-key-env', 'REG_SIG', '--encryption-key-env', encryptionEnv, file],
      { env },
    );
    expect(encoded.code).toBe(0);
    const r = await decode(['--signing-key-env', 'REG_SIG', '--encryption-key-env', encryptionEnv, encoded.stdout.trim()]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.accepted).toBe(true);
    expect(doc.headers.jwe.enc).toBe(compat === '8' ? 'A256CBC-HS512' : 'A128CBC-HS256');
  });
});
