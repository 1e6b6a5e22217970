/**
 * probe and check against endpoints that get the contract wrong: each outcome, its wording and exit code.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrokenEndpoints, startGarbageServer, type BrokenEndpoints } from '../../helpers/restauth-endpoints.js';
import { runBin } from '../../helpers/run-casctl.js';
import { tempDir } from '../../helpers/tmp.js';

let endpoints: BrokenEndpoints;
let garbage: { url: string; close(): Promise<void> };
let pw: string;

beforeAll(async () => {
  endpoints = await startBrokenEndpoints('Mellon');
  garbage = await startGarbageServer();
  const dir = await tempDir('casctl-restauth-broken-');
  pw = join(dir, 'pw');
  await writeFile(pw, 'Mellon\n');
});
afterAll(async () => {
  await endpoints?.close();
  await garbage?.close();
});

const probe = (path: string, extra: string[] = []) =>
  runBin(['--json', 'rest-auth', 'probe', '--url', `${endpoints.url}${path}`, '-u', 'casuser', '--password-file', pw, ...extra]);
const check = (path: string, extra: string[] = []) =>
  runBin(['--json', 'rest-auth', 'check', '--url', `${endpoints.url}${path}`, '-u', 'casuser', '--password-file', pw, ...extra]);
const rows = (stdout: string) =>
  Object.fromEntries((JSON.parse(stdout).checks as { id: string; status: string; detail: string }[]).map((r) => [r.id, r]));

describe('probe: a 200 that CAS cannot read is the FailedLoginException CAS raises (exit 1)', () => {
  it('untyped JSON', async () => {
    const r = await probe('/untyped');
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({
      ok: false,
      status: 200,
      exception: 'FailedLoginException',
      message: 'Unable to detect the authentication principal for casuser',
      error: { code: 'E_REST_AUTH_BAD_PRINCIPAL' },
    });
    expect(doc.reason).toContain('no "@class"');
  });

  it('garbage bytes (human output says why)', async () => {
    const r = await runBin(['rest-auth', 'probe', '--url', `${endpoints.url}/garbage`, '-u', 'casuser', '--password-file', pw]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('CAS would refuse casuser: FailedLoginException');
    expect(r.stdout).toMatch(/why +CAS cannot read the 200 answer: the body is not JSON/);
  });

  it('an X-CAS-PasswordExpirationDate CAS cannot parse', async () => {
    const r = await probe('/bad-expiry');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).reason).toContain('X-CAS-PasswordExpirationDate "in two weeks"');
  });

  it('warnings and an ISO expiration date are reported on success (exit 0)', async () => {
    const r = await probe('/warn');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.warnings).toEqual(['password.expiring.soon', 'Second warning']);
    expect(doc.passwordExpiration).toMatchObject({ format: 'ISO zoned', daysLeft: 10 });
  });
});

describe('probe: transport failures exit 4', () => {
  it('an endpoint slower than the timeout: E_TIMEOUT and that CAS would have timed out', async () => {
    const r = await probe('/slow', ['--timeout', '1']);
    expect(r.code).toBe(4);
    const doc = JSON.parse(r.stdout);
    expect(doc.error.code).toBe('E_TIMEOUT');
    expect(r.stderr).toContain('did not answer within 1 s');
    expect(r.stderr).toContain('CAS waits 5 s');
  });

  it('bytes that are not HTTP at all', async () => {
    const r = await runBin(['--json', 'rest-auth', 'probe', '--url', garbage.url, '-u', 'casuser', '--password-file', pw]);
    expect(r.code).toBe(4);
    expect(JSON.parse(r.stdout).error.code).toMatch(/^E_(NETWORK|CONNECTION_RESET)$/);
  });

  it('nothing listening', async () => {
    const { url } = garbage;
    await garbage.close();
    const r = await runBin(['--json', 'rest-auth', 'probe', '--url', url, '-u', 'casuser', '--password-file', pw]);
    expect(r.code).toBe(4);
    expect(JSON.parse(r.stdout).error.code).toBe('E_CONNECTION_REFUSED');
    garbage = await startGarbageServer();
  });
});

describe('check: each broken contract fails its row (exit 1)', () => {
  it('a correct endpoint passes (exit 0)', async () => {
    const r = await check('/ok');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).ok).toBe(true);
  });

  it('wrong password answered 200 with an error body', async () => {
    const r = await check('/wrong-200');
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.error).toMatchObject({ code: 'E_REST_AUTH_CONTRACT' });
    const row = rows(r.stdout)['wrong-password']!;
    expect(row.status).toBe('fail');
    expect(row.detail).toContain('200 with a body CAS cannot read');
  });

  it('an endpoint that lets anyone in', async () => {
    const r = await check('/always-200');
    expect(r.code).toBe(1);
    const all = rows(r.stdout);
    expect(all['wrong-password']!.detail).toContain('CAS would LOG THE USER IN with a wrong password');
    expect(all['unknown-user']!.status).toBe('fail');
  });

  it('a 500 for a wrong password', async () => {
    const r = await check('/wrong-500');
    expect(r.code).toBe(1);
    expect(rows(r.stdout)['wrong-password']!.detail).toMatch(/^500: a server error/);
  });

  it('untyped principal JSON', async () => {
    const r = await check('/untyped');
    expect(r.code).toBe(1);
    const all = rows(r.stdout);
    expect(all['good-credentials']!.status).toBe('fail');
    expect(all['typed-principal']).toMatchObject({ status: 'fail' });
    expect(all['typed-principal']!.detail).toContain('no "@class"');
  });

  it('a content type that is not JSON', async () => {
    const r = await check('/text-type');
    expect(r.code).toBe(1);
    expect(rows(r.stdout)['content-type']).toMatchObject({ status: 'fail', detail: 'Content-Type: text/plain' });
  });

  it('answers slower than the timeout (with an explicit wrong password and unknown user)', async () => {
    const dir = await tempDir('casctl-restauth-wrong-');
    await writeFile(join(dir, 'wrong'), 'definitely-wrong');
    const r = await check('/slow-wrong', ['--timeout', '1', '--wrong-password-file', join(dir, 'wrong'), '--unknown-user', 'ghost']);
    expect(r.code).toBe(1);
    const all = rows(r.stdout);
    expect(all['good-credentials']!.status).toBe('pass');
    expect(all.timing).toMatchObject({ status: 'fail' });
    expect(all.timing!.detail).toContain('wrong password, unknown user (CAS would have timed out)');
    const received = endpoints.requests.filter((q) => q.path === '/slow-wrong').map((q) => `${q.username}:${q.password}`);
    expect(received).toEqual(['casuser:Mellon', 'casuser:definitely-wrong', 'ghost:definitely-wrong']);
  });
});
