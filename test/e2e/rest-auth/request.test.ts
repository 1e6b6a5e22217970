/**
 * The request as the endpoint receives it: method, no body, the Authorization header bytes for a
 * non-ASCII password, the encoded password for the digest and crypt encoders (checked against openssl,
 * Python's hashlib and glibc crypt); and no secret in the process list or in --verbose output.
 */
import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrokenEndpoints, type BrokenEndpoints } from '../../helpers/restauth-endpoints.js';
import { baseEnv, casctlCommand, REPO_ROOT, runBin } from '../../helpers/run-casctl.js';
import { tempDir } from '../../helpers/tmp.js';
import { openssl, python, requireTool, SYSTEM_PYTHON } from '../../helpers/tools.js';

requireTool('openssl', 'apt-get install openssl');
requireTool(SYSTEM_PYTHON, 'apt-get install python3');

const PASSWORD = 'pässwörd €-ü:x';
let endpoints: BrokenEndpoints;
let dir: string;
let pwFile: string;

beforeAll(async () => {
  endpoints = await startBrokenEndpoints(PASSWORD);
  dir = await tempDir('casctl-restauth-req-');
  pwFile = join(dir, 'pw');
  await writeFile(pwFile, `${PASSWORD}\n`);
});
afterAll(() => endpoints?.close());

const last = (path: string) => {
  const found = endpoints.requests.filter((r) => r.path === path);
  return found[found.length - 1]!;
};

describe('the request CAS sends', () => {
  it('POST, no body, Authorization: Basic base64(UTF-8 "user:password") byte for byte (python base64)', async () => {
    endpoints.expectPassword = PASSWORD;
    const r = await runBin(['rest-auth', 'probe', '--url', `${endpoints.url}/ok`, '-u', 'casuser', '--password-file', pwFile]);
    expect(r.code).toBe(0);
    const req = last('/ok');
    expect(req.method).toBe('POST');
    expect(req.body.length).toBe(0);
    expect(req.headers['transfer-encoding']).toBeUndefined();
    expect(req.headers['content-length'] ?? '0').toBe('0');
    const { stdout } = await python('import base64, sys; print("Basic " + base64.b64encode(("casuser:" + sys.argv[1]).encode("utf-8")).decode())', [PASSWORD]);
    const sent = req.rawHeaders[req.rawHeaders.findIndex((h) => h.toLowerCase() === 'authorization') + 1]!;
    expect(Buffer.from(sent, 'latin1')).toEqual(Buffer.from(stdout.trim(), 'ascii'));
    expect(req.password).toBe(PASSWORD);
  });

  it('--method PUT sends PUT (CAS 7 cas.authn.rest[].method)', async () => {
    const r = await runBin(['rest-auth', 'probe', '--url', `${endpoints.url}/ok`, '-u', 'casuser', '--password-file', pwFile, '--method', 'put']);
    expect(r.code).toBe(0);
    expect(last('/ok').method).toBe('PUT');
    expect(last('/ok').body.length).toBe(0);
  });

  for (const [cas, ossl] of [
    ['MD5', 'md5'],
    ['SHA-1', 'sha1'],
    ['SHA-256', 'sha256'],
    ['SHA-512', 'sha512'],
  ] as const) {
    it(`default encoder ${cas}: the lower-case hex openssl dgst -${ossl} computes`, async () => {
      const { stdout } = await openssl(['dgst', `-${ossl}`, '-r'], Buffer.from(PASSWORD, 'utf8'));
      const expected = stdout.split(' ')[0]!;
      endpoints.expectPassword = expected;
      const r = await runBin([
        '--json', 'rest-auth', 'probe', '--url', `${endpoints.url}/ok`, '-u', 'casuser', '--password-file', pwFile,
        '--password-encoder', 'default', '--encoding-algorithm', cas,
      ]);
      expect(last('/ok').password).toBe(expected);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout).passwordEncoder).toEqual({ type: 'default', encodingAlgorithm: cas, characterEncoding: 'UTF-8' });
    });
  }

  it('default encoder with ISO-8859-1: what hashlib computes over the Latin-1 bytes', async () => {
    const { stdout } = await python('import hashlib, sys; print(hashlib.sha1(sys.argv[1].encode("iso-8859-1", "replace")).hexdigest())', ['pässwörd']);
    await writeFile(join(dir, 'latin'), 'pässwörd');
    await runBin([
      'rest-auth', 'probe', '--url', `${endpoints.url}/ok`, '-u', 'casuser', '--password-file', join(dir, 'latin'),
      '--password-encoder', 'DEFAULT', '--encoding-algorithm', 'SHA-1', '--character-encoding', 'ISO-8859-1',
    ]);
    expect(last('/ok').password).toBe(stdout.trim());
  });

  it('glibc-crypt SHA-512 with the secret as salt: what glibc crypt(3) computes', async () => {
    const { stdout } = await python('import crypt, sys; print(crypt.crypt(sys.argv[1], "$6$rounds=5000$NaCl4cas"))', [PASSWORD]);
    const r = await runBin(
      [
        'rest-auth', 'probe', '--url', `${endpoints.url}/ok`, '-u', 'casuser', '--password-file', pwFile,
        '--password-encoder', 'glibc-crypt', '--encoding-algorithm', 'SHA-512', '--encoder-strength', '5000', '--encoder-secret-env', 'SALT',
      ],
      { env: { SALT: 'NaCl4cas' } },
    );
    expect(r.stderr).not.toContain('NaCl4cas');
    expect(last('/ok').password).toBe(stdout.trim());
  });

  it('--cas-config supplies uri, method and encoder from cas.authn.rest[1]', async () => {
    const props = join(dir, 'cas.properties');
    await writeFile(
      props,
      [
        'cas.authn.rest[0].uri=http://127.0.0.1:9/unused',
        `cas.authn.rest[1].uri=${endpoints.url}/ok`,
        'cas.authn.rest[1].method=PATCH',
        'cas.authn.rest[1].password-encoder.type=DEFAULT',
        'cas.authn.rest[1].password-encoder.encoding-algorithm=SHA-256',
      ].join('\n'),
    );
    const { stdout } = await python('import hashlib, sys; print(hashlib.sha256(sys.argv[1].encode()).hexdigest())', [PASSWORD]);
    endpoints.expectPassword = stdout.trim();
    const r = await runBin(['--json', 'rest-auth', 'probe', '--cas-config', props, '--handler', '1', '-u', 'casuser', '--password-file', pwFile]);
    expect(r.code).toBe(0);
    expect(last('/ok')).toMatchObject({ method: 'PATCH', password: stdout.trim() });
  });

  it('a salted encoder is a usage error that says why (exit 2), before any request', async () => {
    const before = endpoints.requests.length;
    const r = await runBin(['--json', 'rest-auth', 'probe', '--url', `${endpoints.url}/ok`, '-u', 'casuser', '--password-file', pwFile, '--password-encoder', 'bcrypt']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).error.code).toBe('E_ENCODER_NOT_DETERMINISTIC');
    expect(r.stderr).toContain('draws a new random salt');
    expect(endpoints.requests.length).toBe(before);
  });
});

describe('no secret leaks', () => {
  it('not in the process list (/proc/<pid>/cmdline) while the request is in flight', async () => {
    const child = spawn(...casctlCommand(['rest-auth', 'probe', '--url', `${endpoints.url}/slow`, '-u', 'casuser', '--password-env', 'CAS_PW', '--timeout', '2']), {
      cwd: REPO_ROOT,
      env: baseEnv({ CAS_PW: PASSWORD }) as NodeJS.ProcessEnv,
      stdio: 'ignore',
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const before = endpoints.requests.filter((r) => r.path === '/slow').length;
    const deadline = Date.now() + 10_000;
    while (endpoints.requests.filter((r) => r.path === '/slow').length === before && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const cmdline = (await readFile(`/proc/${child.pid}/cmdline`)).toString('utf8');
    expect(cmdline).toContain('--password-env\u0000CAS_PW');
    expect(cmdline).not.toContain(PASSWORD);
    expect(cmdline).not.toContain(Buffer.from(`casuser:${PASSWORD}`).toString('base64'));
    expect(await exited).toBe(4);
  });

  it('not in --verbose output, even when the endpoint echoes it (raw, encoded, Base64)', async () => {
    const sha = (await python('import hashlib, sys; print(hashlib.sha256(sys.argv[1].encode()).hexdigest())', [PASSWORD])).stdout.trim();
    for (const extra of [[], ['--password-encoder', 'default', '--encoding-algorithm', 'SHA-256']]) {
      const r = await runBin(['--verbose', 'rest-auth', 'probe', '--url', `${endpoints.url}/echo`, '-u', 'casuser', '--password-stdin', ...extra], {
        input: `${PASSWORD}\n`,
      });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('> authorization: Basic ***');
      expect(r.stderr).toContain('< 401');
      expect(r.stderr).toContain('wrong password ***');
      expect(last('/echo').password).toBe(extra.length ? sha : PASSWORD);
      for (const secret of [PASSWORD, sha, Buffer.from(`casuser:${PASSWORD}`).toString('base64'), Buffer.from(`casuser:${sha}`).toString('base64')]) {
        expect(r.stderr).not.toContain(secret);
        expect(r.stdout).not.toContain(secret);
      }
    }
  });
});
