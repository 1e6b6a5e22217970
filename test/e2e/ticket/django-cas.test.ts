/**
 * casctl (the built bin) against a real CAS server: Debian's django-cas-server over HTTP and over
 * HTTPS with a throw-away CA. Validation (protocols 1/2/3), the login-form check, TLS.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserLoginTicket, startDjangoCas, type DjangoCas } from '../../helpers/django-cas.js';
import { makeTestCa, type TestCa } from '../../helpers/test-ca.js';
import { runBin } from '../../helpers/run-casctl.js';
import { tempDir } from '../../helpers/tmp.js';

let http: DjangoCas;
let https: DjangoCas;
let ca: TestCa;
let dir: string;

beforeAll(async () => {
  dir = await tempDir();
  ca = await makeTestCa(join(dir, 'ca'));
  [http, https] = await Promise.all([startDjangoCas(), startDjangoCas({ tls: { certFile: ca.certFile, keyFile: ca.keyFile } })]);
});
afterAll(async () => {
  await Promise.all([http?.stop(), https?.stop()]);
});

const pwEnv = (cas: DjangoCas) => ({ CAS_PW: cas.password });
const json = (stdout: string) => JSON.parse(stdout) as Record<string, any>;

describe('ticket validate against django-cas-server', () => {
  it('protocol 3: user and released attributes, as a table and as JSON', async () => {
    const table = await runBin(['ticket', 'validate', '--server', http.url, '-s', http.service, '-t', await browserLoginTicket(http)]);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/^user +casuser\n/);
    expect(table.stdout).toMatch(/^email +casuser@example\.org$/m);
    const r = await runBin(['ticket', 'validate', '--server', http.url, '-s', http.service, '-t', await browserLoginTicket(http), '--json']);
    expect(r.code).toBe(0);
    const doc = json(r.stdout);
    expect(doc).toMatchObject({ ok: true, protocol: 3, user: 'casuser', attributes: { email: ['casuser@example.org'], isFromNewLogin: ['true'] } });
  });

  it('protocol 2 (/serviceValidate) and 1 (/validate)', async () => {
    const p2 = await runBin(['ticket', 'validate', '--server', http.url, '-s', http.service, '-t', await browserLoginTicket(http), '--protocol', '2', '--json']);
    expect(p2.code).toBe(0);
    expect(json(p2.stdout)).toMatchObject({ ok: true, protocol: 2, user: 'casuser' });
    const p1 = await runBin(['ticket', 'validate', '--server', http.url, '-s', http.service, '-t', await browserLoginTicket(http), '--protocol', '1']);
    expect(p1.code).toBe(0);
    expect(p1.stdout).toBe('user  casuser\n');
  });

  it('--format json: django-cas-server answers XML anyway, and that is read', async () => {
    const r = await runBin(['ticket', 'validate', '--server', http.url, '-s', http.service, '-t', await browserLoginTicket(http), '--format', 'json', '--json']);
    expect(r.code).toBe(0);
    expect(json(r.stdout)).toMatchObject({ ok: true, user: 'casuser' });
  });

  it('a used ticket and a ticket for another service: CAS code and description, exit 1', async () => {
    const ticket = await browserLoginTicket(http);
    expect((await runBin(['ticket', 'validate', '--server', http.url, '-s', http.service, '-t', ticket])).code).toBe(0);
    const reused = await runBin(['ticket', 'validate', '--server', http.url, '-s', http.service, '-t', ticket, '--json']);
    expect(reused.code).toBe(1);
    expect(json(reused.stdout)).toMatchObject({ ok: false, error: { code: 'E_TICKET_REJECTED' }, cas: { code: 'INVALID_TICKET' } });
    expect(reused.stderr).toMatch(/^error: CAS rejected the ticket: INVALID_TICKET: /);
    const other = await runBin(['ticket', 'validate', '--server', http.url, '-s', 'https://app.example.org/other', '-t', await browserLoginTicket(http), '--protocol', '2']);
    expect(other.code).toBe(1);
    expect(other.stderr).toMatch(/INVALID_SERVICE/);
    const p1 = await runBin(['ticket', 'validate', '--server', http.url, '-s', http.service, '-t', ticket, '--protocol', '1']);
    expect(p1.code).toBe(1);
    expect(p1.stderr).toContain('CAS 1.0 /validate answered "no"');
  });
});

describe('ticket check --via login-form against django-cas-server', () => {
  it('logs in through the form (hidden lt + csrfmiddlewaretoken + cookies) with a password full of & + = % and spaces', async () => {
    expect(http.password).toMatch(/&/);
    expect(http.password).toMatch(/[+=% ]/);
    const r = await runBin(['ticket', 'check', '--server', `${http.url}/`, '-s', http.service, '-u', 'casuser', '--password-env', 'CAS_PW', '--via', 'login-form', '--json'], {
      env: pwEnv(http),
    });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const doc = json(r.stdout);
    expect(doc).toMatchObject({ ok: true, via: 'login-form', user: 'casuser' });
    expect(doc.steps.map((s: { name: string }) => s.name)).toEqual(['login-page', 'login', 'validate', 'logout']);
  });

  it('a wrong password: the form comes back, exit 1 (CRITICAL 2 with --nagios)', async () => {
    const args = ['ticket', 'check', '--server', http.url, '-s', http.service, '-u', 'casuser', '--password-env', 'BAD', '--via', 'login-form'];
    const r = await runBin(args, { env: { BAD: 'wrong' } });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^FAILED: CAS login for casuser via login-form failed at login: CAS did not log casuser in: it answered with the login form again \(HTTP 200\)/);
    const nagios = await runBin([...args, '--nagios'], { env: { BAD: 'wrong' } });
    expect(nagios.code).toBe(2);
    expect(nagios.stdout).toMatch(/^CAS CRITICAL - .* \| total=\d+ms;;;0 login_page=\d+ms;;;0 login=\d+ms;;;0/);
  });

  it('a service CAS does not allow gets no ticket (exit 1)', async () => {
    const r = await runBin(['ticket', 'check', '--server', http.url, '-s', 'https://evil.example.net/', '-u', 'casuser', '--password-env', 'CAS_PW', '--via', 'login-form', '--json'], {
      env: pwEnv(http),
    });
    expect(r.code).toBe(1);
    expect(json(r.stdout).ok).toBe(false);
  });

  it('--via rest on a server without the REST module: 404 explained, login-form suggested', async () => {
    const r = await runBin(['ticket', 'check', '--server', http.url, '-s', http.service, '-u', 'casuser', '--password-env', 'CAS_PW'], { env: pwEnv(http) });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`failed at tgt: ${http.url} has no CAS REST endpoint /cas/v1/tickets (HTTP 404)`);
    expect(r.stderr).toContain("'casctl ticket check --via login-form' works without it");
  });

  it('--verbose shows the form post but not the password or the session cookie', async () => {
    const r = await runBin(['--verbose', 'ticket', 'check', '--server', http.url, '-s', http.service, '-u', 'casuser', '--password-env', 'CAS_PW', '--via', 'login-form'], {
      env: pwEnv(http),
    });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('> POST ');
    expect(r.stderr).toContain('password=***');
    expect(r.stderr).toMatch(/cookie: csrftoken=\*\*\*; sessionid=\*\*\*/);
    for (const secret of [http.password, encodeURIComponent(http.password), new URLSearchParams({ p: http.password }).toString().slice(2)]) {
      expect(r.stderr).not.toContain(secret);
    }
  });
});

describe('TLS (django-cas-server over HTTPS, private CA)', () => {
  it('--ca-file adds the private CA: check and validate work', async () => {
    const r = await runBin(['ticket', 'check', '--server', https.url, '-s', https.service, '-u', 'casuser', '--password-env', 'CAS_PW', '--via', 'login-form', '--ca-file', ca.caFile], {
      env: pwEnv(https),
    });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^OK: CAS login for casuser via login-form passed/);
    const v = await runBin(['ticket', 'validate', '--server', https.url, '-s', https.service, '-t', await browserLoginTicket(https, https.service, ca.caFile), '--ca-file', ca.caFile]);
    expect(v.code).toBe(0);
  });

  it('without --ca-file the certificate is not trusted: exit 4 naming the host', async () => {
    const r = await runBin(['ticket', 'validate', '--server', https.url, '-s', https.service, '-t', 'ST-1']);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(new RegExp(`^error: TLS verification of 127\\.0\\.0\\.1:${https.port} failed \\((UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY)\\)`));
    expect(r.stderr).toContain('pass --ca-file');
    const nagios = await runBin(['ticket', 'check', '--server', https.url, '-s', https.service, '-u', 'casuser', '--password-env', 'CAS_PW', '--via', 'login-form', '--nagios'], {
      env: pwEnv(https),
    });
    expect(nagios.code).toBe(2);
    expect(nagios.stdout).toMatch(/^CAS CRITICAL - login as casuser via login-form failed at login-page: TLS verification/);
  });

  it('a CA that did not issue the certificate does not help (exit 4); --insecure works and warns', async () => {
    const other = await makeTestCa(join(dir, 'other-ca'), 'another CA');
    const r = await runBin(['ticket', 'validate', '--server', https.url, '-s', https.service, '-t', 'ST-1', '--ca-file', other.caFile]);
    expect(r.code).toBe(4);
    const insecure = await runBin(['ticket', 'check', '--server', https.url, '-s', https.service, '-u', 'casuser', '--password-env', 'CAS_PW', '--via', 'login-form', '--insecure'], {
      env: pwEnv(https),
    });
    expect(insecure.code).toBe(0);
    expect(insecure.stderr).toContain('warning: TLS certificate verification is disabled (--insecure)');
  });

  it('a missing or non-PEM --ca-file is a local input error (exit 3)', async () => {
    const missing = await runBin(['ticket', 'validate', '--server', https.url, '-s', https.service, '-t', 'ST-1', '--ca-file', join(dir, 'nope.pem')]);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('CA file');
    const junk = join(dir, 'junk.pem');
    await writeFile(junk, 'not a certificate\n');
    const bad = await runBin(['ticket', 'validate', '--server', https.url, '-s', https.service, '-t', 'ST-1', '--ca-file', junk]);
    expect(bad.code).toBe(3);
    expect(bad.stderr).toContain('holds no PEM certificate');
  });
});
