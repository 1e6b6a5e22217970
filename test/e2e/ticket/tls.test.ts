/**
 * `ticket check` over TLS against the REST stand-in: trust is Node's store plus --ca-file (a bundle
 * may hold several CAs), an untrusted or wrong-name certificate is exit 4 with the same words as
 * before the secure context was built once, and the four requests share one TLS connection.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCasRestServer, type CasRestServer } from '../../helpers/cas-rest-server.js';
import { makeTestCa, type TestCa } from '../../helpers/test-ca.js';
import { runBin } from '../../helpers/run-casctl.js';
import { tempDir } from '../../helpers/tmp.js';

const SERVICE = 'https://app.example.org/probe';
const PASSWORD = 'tls & +=% pw';
let dir: string;
let ca: TestCa;
let other: TestCa;
let wrongName: TestCa;
let cas: CasRestServer;
let misnamed: CasRestServer;

const tlsOf = async (pair: TestCa) => ({ cert: await readFile(pair.certFile, 'utf8'), key: await readFile(pair.keyFile, 'utf8') });

beforeAll(async () => {
  dir = await tempDir();
  [ca, other, wrongName] = await Promise.all([
    makeTestCa(join(dir, 'ca')),
    makeTestCa(join(dir, 'other'), 'another test CA'),
    makeTestCa(join(dir, 'wrong-name'), 'a CA naming another host', 'DNS:cas.example.org'),
  ]);
  [cas, misnamed] = await Promise.all([
    startCasRestServer({ users: { casuser: PASSWORD }, tls: await tlsOf(ca) }),
    startCasRestServer({ users: { casuser: PASSWORD }, tls: await tlsOf(wrongName) }),
  ]);
});
afterAll(async () => {
  await Promise.all([cas?.stop(), misnamed?.stop()]);
});

const check = (server: CasRestServer, extra: string[]) =>
  runBin(['ticket', 'check', '--server', server.url, '-s', SERVICE, '-u', 'casuser', '--password-env', 'CAS_PW', ...extra], { env: { CAS_PW: PASSWORD } });

const HINT = 'hint: pass --ca-file with the CA that issued the server certificate (never --insecure in production)\n';

/** The verdict on stdout (a failed check is a result), the way out on stderr, exit 4. */
function expectTlsFailure(r: { code: number | null; stdout: string; stderr: string }, server: CasRestServer, reason: string) {
  expect(r.code).toBe(4);
  const verdict = `FAILED: CAS login for casuser via rest failed at tgt: TLS verification of 127.0.0.1:${server.port} failed (${reason})`;
  expect(r.stdout).toMatch(new RegExp(`^${verdict.replace(/[.()]/g, '\\$&')} \\(tgt \\d+(\\.\\d+)? ms failed\\)\n$`));
  expect(r.stderr).toBe(HINT);
}

describe('ticket check over TLS', () => {
  it('--ca-file trusts the private CA: four requests on one TLS connection, no second handshake', async () => {
    const before = { ...cas.connections };
    const r = await check(cas, ['--ca-file', ca.caFile, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.steps.map((s: { name: string; ok: boolean }) => `${s.name}:${s.ok}`)).toEqual(['tgt:true', 'st:true', 'validate:true', 'logout:true']);
    expect(cas.connections.accepted - before.accepted).toBe(1);
    expect(cas.connections.resumed - before.resumed).toBe(0);
    expect(cas.requests.slice(-4).map((q) => q.method)).toEqual(['POST', 'POST', 'GET', 'DELETE']);
  });

  it('a --ca-file bundle: the issuing CA second in the file still counts', async () => {
    const bundle = join(dir, 'bundle.pem');
    await writeFile(bundle, `${await readFile(other.caFile, 'utf8')}${await readFile(ca.caFile, 'utf8')}`);
    const r = await check(cas, ['--ca-file', bundle, '--quiet']);
    expect(r.code, r.stderr).toBe(0);
  });

  it('without --ca-file the certificate is untrusted: exit 4, host and reason named, no stack', async () => {
    const r = await check(cas, []);
    expectTlsFailure(r, cas, 'UNABLE_TO_VERIFY_LEAF_SIGNATURE');
  });

  it('a --ca-file that did not issue the certificate does not help: the same exit 4 and words', async () => {
    const r = await check(cas, ['--ca-file', other.caFile]);
    expectTlsFailure(r, cas, 'UNABLE_TO_VERIFY_LEAF_SIGNATURE');
  });

  it('a trusted certificate for another host name fails: exit 4 (ERR_TLS_CERT_ALTNAME_INVALID)', async () => {
    const r = await check(misnamed, ['--ca-file', wrongName.caFile]);
    expectTlsFailure(r, misnamed, 'ERR_TLS_CERT_ALTNAME_INVALID');
    expect(misnamed.requests).toEqual([]);
  });
});
