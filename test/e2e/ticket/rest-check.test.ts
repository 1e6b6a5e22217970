/**
 * `ticket check` as a monitoring system runs it: the built executable (bin/casctl, or CASCTL_BIN) against
 * the REST stand-in, a whole login (TGT → ST → validate → logout) with the answer as JSON and as a
 * Nagios line.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCasRestServer, type CasRestServer } from '../../helpers/cas-rest-server.js';
import { runBin } from '../../helpers/run-casctl.js';

const PASSWORD = 'Mel lon&+=%25 ok';
const SERVICE = 'https://app.example.org/home';
let cas: CasRestServer;

beforeAll(async () => {
  cas = await startCasRestServer({ users: { casuser: PASSWORD }, attributes: { mail: ['casuser@example.org'] } });
});
afterAll(() => cas.stop());

describe('ticket check against the REST stand-in, as a probe runs it', () => {
  it('a full login: four steps timed, the ticket validated for the user, the TGT destroyed', async () => {
    const before = cas.tgts.size;
    const r = await runBin(['--json', 'ticket', 'check', '--server', cas.url, '-s', SERVICE, '-u', 'casuser', '--password-env', 'CAS_PW'], {
      env: { CAS_PW: PASSWORD },
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { ok: boolean; user: string; steps: { name: string; ok: boolean; ms: number }[] };
    expect(doc).toMatchObject({ ok: true, via: 'rest', user: 'casuser', service: SERVICE });
    expect(doc.steps.map((s) => [s.name, s.ok])).toEqual([['tgt', true], ['st', true], ['validate', true], ['logout', true]]);
    expect(cas.tgts.size).toBe(before);
    const paths = cas.requests.slice(-4).map((q) => `${q.method} ${q.path.replace(/TGT-[^/?]+/, 'TGT').split('?')[0]}`);
    expect(paths).toEqual(['POST /cas/v1/tickets', 'POST /cas/v1/tickets/TGT', 'GET /cas/p3/serviceValidate', 'DELETE /cas/v1/tickets/TGT']);
  });

  it('--nagios: CRITICAL (2) naming the step when CAS rejects the password', async () => {
    const r = await runBin(['ticket', 'check', '--server', cas.url, '-s', SERVICE, '-u', 'casuser', '--password-env', 'CAS_PW', '--nagios'], {
      env: { CAS_PW: 'wrong' },
    });
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/^CAS CRITICAL - login as casuser via rest failed at tgt: CAS rejected the authentication of casuser \(HTTP 401\)/);
  });
});
