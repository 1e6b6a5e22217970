import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../helpers/pebble.js';
import { runInProcess } from '../../helpers/run-casctl.js';
import { tempDir } from '../../helpers/tmp.js';
import { openssl } from '../../helpers/tools.js';

let dir: string;
let env: Record<string, string>;
beforeAll(async () => {
  dir = await tempDir('casctl-acme-cli-');
  env = { HOME: dir, XDG_CONFIG_HOME: join(dir, 'config'), XDG_DATA_HOME: join(dir, 'data') };
});

async function cert(days: number, name = 'cas.example.org'): Promise<string> {
  const { stdout } = await openssl([
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', '/dev/null',
    '-subj', `/CN=${name}`, '-addext', `subjectAltName=DNS:${name}`, '-days', String(days),
  ]);
  const path = join(dir, `cert-${days}-${name}.pem`);
  await writeFile(path, stdout);
  return path;
}

describe('acme issue: usage errors before any network traffic', () => {
  it('no CA chosen and no TTY: exit 2 naming --server, --staging, --production and --cas-config', async () => {
    const r = await runInProcess(['acme', 'issue', '-d', 'cas.example.org', '--agree-tos'], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error: no ACME CA chosen');
    expect(r.stderr).toMatch(/--server URL, --staging or --production \(or --cas-config with cas\.acme\.server-url\)/);
  });
  it('on a TTY with --no-input the same error (no question)', async () => {
    const r = await runInProcess(['--no-input', 'acme', 'issue', '-d', 'cas.example.org'], { env, stdinTTY: true, stdoutTTY: true, stderrTTY: true });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no ACME CA chosen');
  });
  it('--json: the error is one JSON document with a stable code', async () => {
    const r = await runInProcess(['--json', 'acme', 'issue', '-d', 'cas.example.org'], { env });
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).error.code).toBe('E_ACME_SERVER_REQUIRED');
  });
  it('refuses --staging with --production', async () => {
    const r = await runInProcess(['acme', 'issue', '-d', 'cas.example.org', '--staging', '--production'], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--staging and --production cannot be used together');
  });
  it('no domain without a TTY names -d', async () => {
    const r = await runInProcess(['acme', 'issue', '--staging'], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no domain given');
    expect(r.stderr).toContain('-d cas.example.org');
  });
  it('wildcards and bad names are usage errors', async () => {
    expect((await runInProcess(['acme', 'issue', '--staging', '-d', '*.example.org'], { env })).stderr).toContain('DNS-01');
    expect((await runInProcess(['acme', 'issue', '--staging', '-d', 'bad_name.example.org'], { env })).code).toBe(2);
  });
  it('unknown acme:// server', async () => {
    const r = await runInProcess(['acme', 'issue', '--server', 'acme://example.com', '-d', 'cas.example.org'], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown ACME server acme://example.com');
  });
  it('EAB key without a kid, p12 password without --p12, --webroot with --listen', async () => {
    const keyFile = join(dir, 'eab');
    await writeFile(keyFile, 'x');
    expect((await runInProcess(['acme', 'issue', '--staging', '-d', 'a.example.org', '--eab-hmac-key-file', keyFile], { env })).stderr).toContain('needs --eab-kid');
    expect((await runInProcess(['acme', 'issue', '--staging', '-d', 'a.example.org', '--p12-password-env', 'X'], { env })).stderr).toContain('needs --p12 FILE');
    expect((await runInProcess(['acme', 'issue', '--staging', '-d', 'a.example.org', '--webroot', dir, '--listen', '::1'], { env })).code).toBe(2);
  });
  it('--eab-kid without a key source and no TTY: names the secret flags', async () => {
    const r = await runInProcess(['acme', 'issue', '--staging', '-d', 'a.example.org', '--eab-kid', 'k'], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--eab-hmac-key-file');
  });
  it('a not-due chain for the same names is not-due without touching the network', async () => {
    const chain = await cert(90);
    // The server is unreachable on purpose: not-due must be decided locally.
    const r = await runInProcess(['--json', 'acme', 'issue', '--server', 'https://127.0.0.1:1/dir', '-d', 'cas.example.org', '--chain', chain], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'not-due', names: ['cas.example.org'], written: [] });
  });
  it('help lists examples and the CASCTL_ACME_* variables', async () => {
    const r = await runInProcess(['acme', 'issue', '--help'], { env });
    expect(r.stdout).toContain('Examples:');
    expect(r.stdout).toContain('CASCTL_ACME_CHAIN');
  });
});

describe('acme status', () => {
  it('shows names and days left; exit 0 when not due', async () => {
    const chain = await cert(90);
    const r = await runInProcess(['--json', 'acme', 'status', '--chain', chain], { env });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, due: false, names: ['cas.example.org'], daysLeft: 89, chainLength: 1 });
  });
  it('exit 1 when due (with --days)', async () => {
    const chain = await cert(20, 'due.example.org');
    const r = await runInProcess(['acme', 'status', '--chain', chain, '--days', '30'], { env });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('due for renewal');
  });
  it('--nagios: OK/WARNING/CRITICAL with performance data and exit 0/1/2', async () => {
    const ok = await runInProcess(['acme', 'status', '--chain', await cert(60, 'n1.example.org'), '--nagios', '--warn', '30', '--crit', '10'], { env });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^ACME CERT OK - n1\.example\.org expires in 59 days \(\d{4}-\d\d-\d\d\) \| days=59;30;10;0\n$/);
    const warn = await runInProcess(['acme', 'status', '--chain', await cert(20, 'n2.example.org'), '--nagios', '--warn', '30', '--crit', '10'], { env });
    expect(warn.code).toBe(1);
    expect(warn.stdout).toMatch(/^ACME CERT WARNING - /);
    const crit = await runInProcess(['acme', 'status', '--chain', await cert(5, 'n3.example.org'), '--nagios', '--warn', '30', '--crit', '10'], { env });
    expect(crit.code).toBe(2);
    expect(crit.stdout).toMatch(/^ACME CERT CRITICAL - /);
  });
  it('--nagios with a missing file: UNKNOWN, exit 3', async () => {
    const r = await runInProcess(['acme', 'status', '--chain', join(dir, 'nope.pem'), '--nagios'], { env });
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/^ACME CERT UNKNOWN - certificate chain .*nope\.pem does not exist/);
  });
  it('missing file without --nagios: exit 3; a file with no certificate: exit 1 with ok:false', async () => {
    expect((await runInProcess(['acme', 'status', '--chain', join(dir, 'nope.pem')], { env })).code).toBe(3);
    const garbage = join(dir, 'garbage.pem');
    await writeFile(garbage, 'hello');
    const r = await runInProcess(['--json', 'acme', 'status', '--chain', garbage], { env });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, error: { code: 'E_ACME_CHAIN_INVALID' } });
  });
  it('--crit above --warn is a usage error, answered as UNKNOWN (3) for the monitoring system', async () => {
    const r = await runInProcess(['acme', 'status', '--chain', 'x', '--nagios', '--warn', '5', '--crit', '10'], { env });
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('UNKNOWN - --crit 10 is above --warn 5\n');
    expect(r.stderr).toContain('CRITICAL comes after WARNING');
  });
});

describe('acme profiles: a CA that cannot be reached', () => {
  it('exit 4, the CA named once (the message was prefixed twice)', async () => {
    const port = await freePort(); // free: nothing listens there
    const r = await runInProcess(['acme', 'profiles', '--server', `https://127.0.0.1:${port}/dir`], { env });
    expect(r.code).toBe(4);
    expect(r.stderr).toContain(`error: cannot reach the ACME CA: connection refused by 127.0.0.1:${port}`);
    expect(r.stderr.match(/cannot reach the ACME CA/g)).toHaveLength(1);
  });
});
