import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInProcess } from '../../helpers/run-casctl.js';
import { startCasRestServer, type CasRestServer } from '../../helpers/cas-rest-server.js';
import { tempDir } from '../../helpers/tmp.js';

const PASSWORD = 'Mel lon&+=%25 ok';
const SERVICE = 'https://app.example.org/home';
let cas: CasRestServer;
let dir: string;
const env = () => ({ CAS_PW: PASSWORD, CASCTL_SERVER: `${cas.url}/` });
const run = (args: string[], extra: Parameters<typeof runInProcess>[1] = {}) =>
  runInProcess(['ticket', ...args], { ...extra, env: { ...env(), ...(extra.env ?? {}) } });
const json = (stdout: string) => JSON.parse(stdout) as Record<string, any>;

beforeAll(async () => {
  cas = await startCasRestServer({ users: { casuser: PASSWORD }, tokens: true, jwtServices: ['https://jwt.example.org/*'] });
  dir = await tempDir();
});
afterAll(() => cas.stop());

describe('ticket tgt', () => {
  it('prints the TGT from Location, sends a form with Accept: text/plain, normalises the trailing slash of CASCTL_SERVER', async () => {
    const r = await run(['tgt', '-u', 'casuser', '--password-env', 'CAS_PW']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const tgt = r.stdout.trim();
    expect(cas.tgts.get(tgt)?.username).toBe('casuser');
    const sent = cas.requests.at(-1)!;
    expect(sent.path).toBe('/cas/v1/tickets');
    expect(sent.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(sent.headers.accept).toBe('text/plain');
    expect(new URLSearchParams(sent.body).get('password')).toBe(PASSWORD);
  });

  it('--json, password on stdin', async () => {
    const r = await run(['tgt', '-u', 'casuser', '--password-stdin', '--json'], { stdin: `${PASSWORD}\n` });
    expect(r.code).toBe(0);
    const doc = json(r.stdout);
    expect(doc).toMatchObject({ jwt: false });
    expect(doc.location).toBe(`${cas.url}/v1/tickets/${doc.tgt}`);
  });

  it('--token asks for a JWT TGT and --param pairs become claims', async () => {
    const r = await run(['tgt', '-u', 'casuser', '--password-env', 'CAS_PW', '--token', '--param', 'department=ops', '--param', 'x=a=b', '--json']);
    expect(r.code).toBe(0);
    const doc = json(r.stdout);
    expect(doc.jwt).toBe(true);
    expect(doc.location).toBeUndefined();
    const claims = JSON.parse(Buffer.from(doc.tgt.split('.')[1], 'base64url').toString());
    expect(claims).toMatchObject({ sub: 'casuser', department: 'ops', x: 'a=b' });
    expect(claims.jti).toMatch(/^TGT-/);
    expect(new URLSearchParams(cas.requests.at(-1)!.body).get('token')).toBe('true');
  });

  it('--param refuses to override username/password/token (exit 2)', async () => {
    const r = await run(['tgt', '-u', 'casuser', '--password-env', 'CAS_PW', '--param', 'password=x']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--param cannot set 'password'/);
  });

  it('--tgt-out writes the TGT 0600, prints nothing on stdout, refuses to overwrite without --force', async () => {
    const file = join(dir, 'tgt');
    const r = await run(['tgt', '-u', 'casuser', '--password-env', 'CAS_PW', '--tgt-out', file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`written to ${file}`);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const tgt = (await readFile(file, 'utf8')).trim();
    expect(cas.tgts.has(tgt)).toBe(true);
    const again = await run(['tgt', '-u', 'casuser', '--password-env', 'CAS_PW', '--tgt-out', file]);
    expect(again.code).toBe(3);
    expect(again.stderr).toMatch(/refusing to overwrite existing TGT file/);
    const forced = await run(['tgt', '-u', 'casuser', '--password-env', 'CAS_PW', '--tgt-out', file, '--force']);
    expect(forced.code).toBe(0);
    expect((await readFile(file, 'utf8')).trim()).not.toBe(tgt);
  });

  it('401: prints the authentication_exceptions messages, exit 1, and JSON with ok:false', async () => {
    await writeFile(join(dir, 'wrong'), 'wrong\n');
    const r = await run(['tgt', '-u', 'casuser', '--password-file', join(dir, 'wrong'), '--json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error: CAS rejected the authentication of casuser (HTTP 401): Password does not match value on record.:authenticationFailure.FailedLoginException');
    expect(json(r.stdout)).toMatchObject({
      ok: false,
      error: { code: 'E_AUTHENTICATION_FAILED', authenticationExceptions: ['Password does not match value on record.:authenticationFailure.FailedLoginException'] },
    });
    const unknown = await run(['tgt', '-u', 'nobody', '--password-env', 'CAS_PW']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('nobody not found in backing map.');
  });

  it('400: no credentials extracted (blank username), exit 1', async () => {
    const r = await run(['tgt', '-u', ' ', '--password-env', 'CAS_PW']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error: CAS found no credentials in the request (HTTP 400): No credentials are provided or extracted to authenticate the REST request');
  });

  it('415 and 500 answers of /v1/tickets, and a server without the REST module (404)', async () => {
    cas.failNext('POST', '/v1/tickets', 415, '{"status":415,"error":"Unsupported Media Type","path":"/cas/v1/tickets"}', { 'content-type': 'application/json' });
    const r415 = await run(['tgt', '-u', 'casuser', '--password-env', 'CAS_PW']);
    expect(r415.code).toBe(1);
    expect(r415.stderr).toContain("CAS refused the request's content type application/x-www-form-urlencoded (HTTP 415)");
    cas.failNext('POST', '/v1/tickets', 500, 'Could not connect to LDAP: &lt;ldap://x&gt;');
    const r500 = await run(['tgt', '-u', 'casuser', '--password-env', 'CAS_PW']);
    expect(r500.code).toBe(1);
    expect(r500.stderr).toContain('CAS failed with an internal error (HTTP 500): Could not connect to LDAP: <ldap://x>');
    const r404 = await run(['tgt', '-u', 'casuser', '--password-env', 'CAS_PW', '--server', `${cas.url}/wrong`]);
    expect(r404.code).toBe(1);
    expect(r404.stderr).toContain(`error: ${cas.url}/wrong has no CAS REST endpoint /cas/wrong/v1/tickets (HTTP 404)`);
    expect(r404.stderr).toContain('--via login-form');
  });

  it('503 from a proxy and a closed port are network errors (exit 4)', async () => {
    cas.failNext('POST', '/v1/tickets', 503, 'Service Unavailable');
    const r = await run(['tgt', '-u', 'casuser', '--password-env', 'CAS_PW']);
    expect(r.code).toBe(4);
    expect(r.stderr).toContain(`127.0.0.1:${cas.port} is unavailable (HTTP 503)`);
    const refused = await run(['tgt', '-u', 'casuser', '--password-env', 'CAS_PW', '--server', 'http://127.0.0.1:1/cas']);
    expect(refused.code).toBe(4);
    expect(refused.stderr).toContain('error: connection refused by 127.0.0.1:1');
  });
});

describe('ticket st, status, logout', () => {
  const newTgt = async () => (await run(['tgt', '-u', 'casuser', '--password-env', 'CAS_PW'])).stdout.trim();

  it('st from --tgt-file / --tgt-env / --tgt, with the service form-encoded', async () => {
    const tgt = await newTgt();
    const file = join(dir, 'tgt-st');
    await writeFile(file, `${tgt}\n`, { mode: 0o600 });
    for (const source of [['--tgt-file', file], ['--tgt-env', 'MY_TGT'], ['--tgt', tgt]]) {
      const r = await run(['st', '-s', `${SERVICE}?a=1&b=2`, ...source], { env: { MY_TGT: tgt } });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/^ST-\d+-\S+\n$/);
      expect(new URLSearchParams(cas.requests.at(-1)!.body).get('service')).toBe(`${SERVICE}?a=1&b=2`);
      expect(cas.requests.at(-1)!.path).toBe(`/cas/v1/tickets/${tgt}`);
    }
  });

  it('st logs in first when given --username instead of a TGT; --json says jwt:false', async () => {
    const r = await run(['st', '-s', SERVICE, '-u', 'casuser', '--password-env', 'CAS_PW', '--json']);
    expect(r.code).toBe(0);
    expect(json(r.stdout)).toMatchObject({ jwt: false, service: SERVICE, ticket: expect.stringMatching(/^ST-/) });
  });

  it('a JWT service ticket is printed as is and flagged {"jwt":true}', async () => {
    const tgt = await newTgt();
    const r = await run(['st', '-s', 'https://jwt.example.org/app', '--tgt', tgt, '--json']);
    expect(r.code).toBe(0);
    const doc = json(r.stdout);
    expect(doc.jwt).toBe(true);
    expect(JSON.parse(Buffer.from(doc.ticket.split('.')[1], 'base64url').toString())).toMatchObject({ sub: 'casuser', aud: 'https://jwt.example.org/app' });
    expect(r.stderr).toContain('jwtAsServiceTicket');
  });

  it('--renew sends the credentials again; wrong ones are a 401 (exit 1)', async () => {
    const tgt = await newTgt();
    const ok = await run(['st', '-s', SERVICE, '--tgt', tgt, '--renew', '-u', 'casuser', '--password-env', 'CAS_PW']);
    expect(ok.code).toBe(0);
    const form = new URLSearchParams(cas.requests.at(-1)!.body);
    expect([form.get('renew'), form.get('username'), form.get('password')]).toEqual(['true', 'casuser', PASSWORD]);
    const bad = await run(['st', '-s', SERVICE, '--tgt', tgt, '--renew', '-u', 'casuser', '--password-env', 'WRONG'], { env: { WRONG: 'nope' } });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('CAS rejected the authentication of casuser (HTTP 401)');
    const noUser = await run(['st', '-s', SERVICE, '--tgt', tgt, '--renew']);
    expect(noUser.code).toBe(2);
    expect(noUser.stderr).toContain('--renew sends the credentials again');
  });

  it('404 for an unknown TGT and 500 for an unregistered service, exit 1', async () => {
    const r404 = await run(['st', '-s', SERVICE, '--tgt', 'TGT-999-nope-cas01.example.org']);
    expect(r404.code).toBe(1);
    expect(r404.stderr).toContain('error: the ticket-granting ticket is unknown or expired (HTTP 404): TGT-*** could not be found or is considered invalid');
    const tgt = await newTgt();
    const r500 = await run(['st', '-s', 'https://evil.example.net/', '--tgt', tgt, '--json']);
    expect(r500.code).toBe(1);
    expect(r500.stderr).toContain(
      'error: CAS does not recognise the service https://evil.example.net/ (HTTP 500): Target service/application is unspecified or unrecognized in the request',
    );
    expect(json(r500.stdout).error.code).toBe('E_SERVICE_NOT_ALLOWED');
    expect(r500.stderr).toContain("casctl service match 'https://evil.example.net/'");
  });

  it('st needs a TGT or credentials; two TGT sources are a usage error', async () => {
    const none = await run(['st', '-s', SERVICE]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('a ticket-granting ticket or credentials are required');
    const two = await run(['st', '-s', SERVICE, '--tgt', 'TGT-1-a', '--tgt-env', 'X'], { env: { X: 'TGT-1-b' } });
    expect(two.code).toBe(2);
    expect(two.stderr).toContain('give the TGT one way only');
    const missingFile = await run(['st', '-s', SERVICE, '--tgt-file', join(dir, 'nope')]);
    expect(missingFile.code).toBe(3);
    expect(missingFile.stderr).toContain('does not exist');
  });

  it('status: alive exit 0; logout returns the JSON array; then status exit 1', async () => {
    const tgt = await newTgt();
    await run(['st', '-s', SERVICE, '--tgt', tgt]);
    const alive = await run(['status', '--tgt', tgt, '--json']);
    expect(alive.code).toBe(0);
    expect(json(alive.stdout)).toEqual({ ok: true, alive: true });
    const logout = await run(['logout', '--tgt', tgt, '--json']);
    expect(logout.code).toBe(0);
    const doc = json(logout.stdout);
    expect(doc.ok).toBe(true);
    expect(doc.logoutRequests).toHaveLength(1);
    expect(cas.requests.at(-1)).toMatchObject({ method: 'DELETE', path: `/cas/v1/tickets/${tgt}` });
    const gone = await run(['status', '--tgt', tgt]);
    expect(gone.code).toBe(1);
    expect(gone.stdout).toBe('not found (expired or logged out)\n');
    const human = await run(['logout', '--tgt', await newTgt()]);
    expect(human.stdout).toBe('logged out (0 single-logout requests)\n');
  });
});

describe('ticket validate against the stand-in', () => {
  const st = async () => (await run(['st', '-s', SERVICE, '-u', 'casuser', '--password-env', 'CAS_PW'])).stdout.trim();

  it('protocol 3 XML: a table of user and attributes', async () => {
    const r = await run(['validate', '-s', SERVICE, '-t', await st()]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('user      casuser\nemail     casuser@example.org\nmemberOf  staff, ops\n');
  });

  it('protocol 3 JSON format, --json', async () => {
    const r = await run(['validate', '-s', SERVICE, '-t', await st(), '--format', 'json', '--json']);
    expect(r.code).toBe(0);
    expect(cas.requests.at(-1)!.path).toContain('format=JSON');
    expect(json(r.stdout)).toEqual({ ok: true, protocol: 3, user: 'casuser', attributes: { email: ['casuser@example.org'], memberOf: ['staff', 'ops'] } });
  });

  it('a used ticket: CAS code and description, exit 1, error in JSON', async () => {
    const ticket = await st();
    await run(['validate', '-s', SERVICE, '-t', ticket, '--protocol', '2']);
    const r = await run(['validate', '-s', SERVICE, '-t', ticket, '--protocol', '2', '--json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`error: CAS rejected the ticket: INVALID_TICKET: Ticket '${ticket}' not recognized\n`);
    expect(json(r.stdout)).toEqual({
      ok: false,
      protocol: 2,
      error: { code: 'E_TICKET_REJECTED', message: `CAS rejected the ticket: INVALID_TICKET: Ticket '${ticket}' not recognized` },
      cas: { code: 'INVALID_TICKET', description: `Ticket '${ticket}' not recognized` },
    });
  });

  it('protocol 1 and --format json with protocol 1 (usage error)', async () => {
    const r = await run(['validate', '-s', SERVICE, '-t', await st(), '--protocol', '1', '--json']);
    expect(r.code).toBe(0);
    expect(json(r.stdout)).toMatchObject({ ok: true, protocol: 1, user: 'casuser' });
    const bad = await run(['validate', '-s', SERVICE, '-t', 'ST-1', '--protocol', '1', '--format', 'json']);
    expect(bad.code).toBe(2);
    expect((await run(['validate', '-s', SERVICE, '-t', 'ST-1', '--protocol', '4'])).stderr).toContain('--protocol takes 1, 2 or 3');
  });

  it('an HTML page instead of a validation answer is a failed judgement (exit 1), not a crash', async () => {
    cas.failNext('GET', '/p3/serviceValidate', 200, '<html><body>Please log in</body></html>', { 'content-type': 'text/html' });
    const r = await run(['validate', '-s', SERVICE, '-t', 'ST-1', '--json']);
    expect(r.code).toBe(1);
    expect(json(r.stdout)).toMatchObject({ ok: false, error: { code: 'E_VALIDATION_RESPONSE_INVALID' } });
  });
});

describe('ticket check over REST', () => {
  it('TGT → ST → validate → logout, each timed; the TGT is gone afterwards', async () => {
    const before = cas.tgts.size;
    const r = await run(['check', '-s', SERVICE, '-u', 'casuser', '--password-env', 'CAS_PW', '--json']);
    expect(r.code).toBe(0);
    const doc = json(r.stdout);
    expect(doc).toMatchObject({ ok: true, via: 'rest', user: 'casuser', service: SERVICE });
    expect(doc.steps.map((s: { name: string; ok: boolean }) => [s.name, s.ok])).toEqual([['tgt', true], ['st', true], ['validate', true], ['logout', true]]);
    for (const step of doc.steps) expect(typeof step.ms).toBe('number');
    expect(cas.tgts.size).toBe(before);
    const human = await run(['check', '-s', SERVICE, '-u', 'casuser', '--password-env', 'CAS_PW']);
    expect(human.stdout).toMatch(/^OK: CAS login for casuser via rest passed in \d+ ms \(tgt \d+ ms, st \d+ ms, validate \d+ ms, logout \d+ ms\)\n$/);
  });

  it('a refused step fails the check with exit 1 and names the step; the TGT is still destroyed', async () => {
    const before = cas.tgts.size;
    const r = await run(['check', '-s', 'https://unknown.example.net/', '-u', 'casuser', '--password-env', 'CAS_PW']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^FAILED: CAS login for casuser via rest failed at st: CAS does not recognise the service/);
    expect(r.stdout).toMatch(/st \d+ ms failed, logout \d+ ms\)/);
    expect(cas.tgts.size).toBe(before);
  });

  it('--nagios: OK with perfdata, CRITICAL (2) on failure, WARNING (1) above --warn-ms, UNKNOWN (3) without a password', async () => {
    const ok = await run(['check', '-s', SERVICE, '-u', 'casuser', '--password-env', 'CAS_PW', '--nagios', '--warn-ms', '60000', '--crit-ms', '120000']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^CAS OK - login as casuser via rest in \d+ ms \| total=\d+ms;60000;120000;0 tgt=\d+ms;;;0 st=\d+ms;;;0 validate=\d+ms;;;0 logout=\d+ms;;;0\n$/);
    const crit = await run(['check', '-s', SERVICE, '-u', 'casuser', '--password-env', 'WRONG', '--nagios'], { env: { WRONG: 'x' } });
    expect(crit.code).toBe(2);
    expect(crit.stdout).toMatch(/^CAS CRITICAL - login as casuser via rest failed at tgt: CAS rejected the authentication of casuser \(HTTP 401\)/);
    const slow = await startCasRestServer({ users: { casuser: PASSWORD }, delayMs: 20 });
    try {
      const warn = await run(['check', '--server', slow.url, '-s', SERVICE, '-u', 'casuser', '--password-env', 'CAS_PW', '--nagios', '--warn-ms', '1']);
      expect(warn.code).toBe(1);
      expect(warn.stdout).toMatch(/^CAS WARNING - login as casuser via rest in \d+ ms \(more than 1 ms\) \| total=\d+ms;1;;0/);
      const critSlow = await run(['check', '--server', slow.url, '-s', SERVICE, '-u', 'casuser', '--password-env', 'CAS_PW', '--crit-ms', '1', '--json']);
      expect(critSlow.code).toBe(1);
      expect(json(critSlow.stdout)).toMatchObject({ ok: false, error: { code: 'E_CHECK_SLOW' } });
    } finally {
      await slow.stop();
    }
    const unknown = await run(['check', '-s', SERVICE, '-u', 'casuser', '--nagios']);
    expect(unknown.code).toBe(3);
    expect(unknown.stdout).toBe('CAS UNKNOWN - the password for casuser is required\n');
    const down = await run(['check', '--server', 'http://127.0.0.1:1/cas', '-s', SERVICE, '-u', 'casuser', '--password-env', 'CAS_PW', '--nagios']);
    expect(down.code).toBe(2);
    expect(down.stdout).toMatch(/^CAS CRITICAL - login as casuser via rest failed at tgt: connection refused by 127\.0\.0\.1:1 \|/);
  });

  it('network failures exit 4 without --nagios, with the timings so far', async () => {
    const slow = await startCasRestServer({ users: { casuser: PASSWORD }, delayMs: 1500 });
    try {
      const r = await run(['check', '--server', slow.url, '-s', SERVICE, '-u', 'casuser', '--password-env', 'CAS_PW', '--timeout', '0.3', '--json']);
      expect(r.code).toBe(4);
      expect(json(r.stdout)).toMatchObject({ ok: false, error: { code: 'E_TIMEOUT' }, steps: [{ name: 'tgt', ok: false }] });
    } finally {
      await slow.stop();
    }
  });
});

describe('secrets and prompts', () => {
  it('no password source and no TTY: a usage error naming the flags, never a prompt (exit 2)', async () => {
    for (const args of [['tgt', '-u', 'casuser'], ['check', '-s', SERVICE, '-u', 'casuser']]) {
      const r = await run(args, { stdinTTY: false, stderrTTY: true, env: { NO_COLOR: '1' } });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('error: the password for casuser is required');
      expect(r.stderr).toContain('--password-file F, --password-stdin or --password-env VAR');
    }
    const noInput = await run(['tgt', '-u', 'casuser', '--no-input'], { stdinTTY: true, stderrTTY: true });
    expect(noInput.code).toBe(2);
  });

  it('on a terminal, a hidden (masked) prompt asks for the password', async () => {
    const r = await run(['tgt', '-u', 'casuser'], { stdinTTY: true, stderrTTY: true, stdin: `${PASSWORD}\n`, env: { NO_COLOR: '1' } });
    expect(r.code).toBe(0);
    expect(cas.tgts.has(r.stdout.trim())).toBe(true);
    expect(r.stderr).toContain('Password for casuser:');
    expect(r.stderr).toContain('*'.repeat(PASSWORD.length));
    expect(r.stderr).not.toContain(PASSWORD);
  });

  it('--verbose shows the exchange but never the password or a TGT', async () => {
    const r = await run(['--verbose', 'check', '-s', SERVICE, '-u', 'casuser', '--password-env', 'CAS_PW']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('> POST http://127.0.0.1');
    expect(r.stderr).toContain('password=***');
    expect(r.stderr).toContain('TGT-***');
    for (const secret of [PASSWORD, encodeURIComponent(PASSWORD), new URLSearchParams({ p: PASSWORD }).toString().slice(2)]) expect(r.stderr).not.toContain(secret);
    for (const tgt of cas.tgts.keys()) expect(r.stderr).not.toContain(tgt);
    expect(r.stderr).not.toMatch(/TGT-\d+-/);
    const token = await run(['--verbose', 'tgt', '-u', 'casuser', '--password-env', 'CAS_PW', '--token']);
    expect(token.code).toBe(0);
    expect(token.stderr).not.toContain(token.stdout.trim());
  });

  it('the server comes from --server or CASCTL_SERVER, else a usage error', async () => {
    const r = await runInProcess(['ticket', 'tgt', '-u', 'casuser', '--password-env', 'CAS_PW'], { env: { CAS_PW: PASSWORD } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error: the CAS server URL is required');
    expect(r.stderr).toContain('CASCTL_SERVER');
  });
});
