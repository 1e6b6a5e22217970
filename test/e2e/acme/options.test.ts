/**
 * `acme issue` options against a pebble that requires external account binding: EAB, EC keys and
 * PKCS#8, --cert/--p12, --deploy-hook (ok and failing), --webroot, --cas-config, --dry-run, --new-domain-key.
 */
import { X509Certificate, createPrivateKey, createPublicKey } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPebble, type Pebble } from '../../helpers/pebble.js';
import { runBin } from '../../helpers/run-casctl.js';
import { tempDir } from '../../helpers/tmp.js';
import { openssl } from '../../helpers/tools.js';

const EAB_KID = 'kid-1';
const EAB_KEY = 'zWNDZM6eQGHWpSRTPal5eIUYFTu7EajVIoguysqZ9wG44nMEtx3MUAsUDkMTQ12W';

let pebble: Pebble;
let home: string;
let env: Record<string, string>;
let eabFile: string;

beforeAll(async () => {
  pebble = await startPebble({ eab: { [EAB_KID]: EAB_KEY } });
  home = await tempDir('casctl-acme-opt-');
  env = { HOME: home, XDG_CONFIG_HOME: join(home, 'config'), XDG_DATA_HOME: join(home, 'data') };
  eabFile = join(home, 'eab.key');
  await writeFile(eabFile, `${EAB_KEY}\n`, { mode: 0o600 });
});
afterAll(async () => {
  await pebble?.stop();
});

const base = () => ['--server', pebble.directory, '--ca-file', pebble.tlsCaFile, '--agree-tos', '--eab-kid', EAB_KID, '--eab-hmac-key-file', eabFile];
const responder = () => ['--http-port', String(pebble.httpPort), '--listen', '127.0.0.1'];
const spkiOf = (pem: string) => createPublicKey(createPrivateKey(pem)).export({ type: 'spki', format: 'der' });

describe('acme issue options (pebble with EAB required)', () => {
  it('without EAB the CA says externalAccountRequired: usage error naming the flags', async () => {
    const run = await runBin(['acme', 'issue', '--server', pebble.directory, '--ca-file', pebble.tlsCaFile, '--agree-tos', '-d', 'noeab.example.org', ...responder(), '--dir', join(home, 'noeab')], {
      env: { ...env, XDG_CONFIG_HOME: join(home, 'config-noeab') },
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('externalAccountRequired');
    expect(run.stderr).toContain('--eab-kid');
  });

  it('EC P-384 keys in PKCS#8, --cert and --deploy-hook with CASCTL_ACME_* variables', async () => {
    const dir = join(home, 'ec');
    const hookOut = join(home, 'hook.env');
    const run = await runBin(
      ['--json', 'acme', 'issue', ...base(), '-d', 'ec.example.org', ...responder(), '--dir', dir, '--key-type', 'ec', '--key-size', '384', '--key-format', 'pkcs8', '--cert', join(dir, 'cert.pem'), '--deploy-hook', `env | grep ^CASCTL_ACME_ | sort > ${hookOut}`],
      { env },
    );
    expect(run.code, run.stderr).toBe(0);
    const doc = JSON.parse(run.stdout);
    expect(doc.deployHook).toMatchObject({ exitCode: 0, ok: true });
    const keyPem = await readFile(join(dir, 'domain.key'), 'utf8');
    expect(keyPem).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(createPrivateKey(keyPem).asymmetricKeyDetails?.namedCurve).toBe('secp384r1');
    const cert = new X509Certificate(await readFile(join(dir, 'cert.pem')));
    expect(Buffer.compare(cert.publicKey.export({ type: 'spki', format: 'der' }), spkiOf(keyPem))).toBe(0);
    expect((await readFile(join(dir, 'cert.pem'), 'utf8')).match(/BEGIN CERTIFICATE/g)).toHaveLength(1);
    const hookEnv = await readFile(hookOut, 'utf8');
    expect(hookEnv).toContain(`CASCTL_ACME_CHAIN=${join(dir, 'domain-chain.pem')}\n`);
    expect(hookEnv).toContain(`CASCTL_ACME_DOMAIN_KEY=${join(dir, 'domain.key')}\n`);
    expect(hookEnv).toContain(`CASCTL_ACME_CERT=${join(dir, 'cert.pem')}\n`);
    expect(hookEnv).toContain('CASCTL_ACME_NAMES=ec.example.org\n');
    expect(hookEnv).toContain(`CASCTL_ACME_NOT_AFTER=${doc.notAfter}\n`);

    // Not due: the hook does not run.
    const again = await runBin(['--json', 'acme', 'issue', ...base(), '-d', 'ec.example.org', ...responder(), '--dir', dir, '--deploy-hook', `echo ran > ${hookOut}.2`], { env });
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout).status).toBe('not-due');
    await expect(stat(`${hookOut}.2`)).rejects.toThrow();
  });

  it('a failing deploy hook: exit 1, the certificate written, the hook status in --json and on stderr', async () => {
    const dir = join(home, 'hookfail');
    const run = await runBin(['--json', 'acme', 'issue', ...base(), '-d', 'hook.example.org', ...responder(), '--dir', dir, '--deploy-hook', 'echo reloading >&2; exit 7'], { env });
    expect(run.code).toBe(1);
    const doc = JSON.parse(run.stdout);
    expect(doc).toMatchObject({ ok: false, status: 'issued', deployHook: { exitCode: 7, ok: false }, error: { code: 'E_ACME_DEPLOY_HOOK_FAILED' } });
    expect(run.stderr).toContain('reloading');
    expect(run.stderr).toContain('the certificate was written but the deploy hook failed (exit status 7)');
    expect((await stat(join(dir, 'domain-chain.pem'))).isFile()).toBe(true);
  });

  it('--p12 writes a PKCS#12 openssl reads with the password, holding key and chain', async () => {
    const dir = join(home, 'p12');
    const p12 = join(dir, 'cas.p12');
    const run = await runBin(['acme', 'issue', ...base(), '-d', 'p12.example.org', ...responder(), '--dir', dir, '--p12', p12, '--p12-password-env', 'P12PW'], {
      env: { ...env, P12PW: 'changeit' },
    });
    expect(run.code, run.stderr).toBe(0);
    expect((await stat(p12)).mode & 0o777).toBe(0o600);
    const dump = await openssl(['pkcs12', '-in', p12, '-passin', 'pass:changeit', '-nodes']);
    expect(dump.stdout.match(/BEGIN CERTIFICATE/g)!.length).toBeGreaterThanOrEqual(2);
    expect(dump.stdout).toContain('BEGIN PRIVATE KEY');
    const wrong = await openssl(['pkcs12', '-in', p12, '-passin', 'pass:wrong', '-nodes']).catch((e) => e);
    expect(wrong).toBeInstanceOf(Error);
  });

  it('--webroot: the challenge file is served by another web server and removed after', async () => {
    const webroot = join(home, 'www');
    await mkdir(webroot, { recursive: true });
    const seen: string[] = [];
    const server: Server = createServer((req, res) => {
      seen.push(req.url ?? '');
      const file = join(webroot, decodeURIComponent((req.url ?? '/').split('?')[0]!));
      const stream = createReadStream(file);
      stream.on('error', () => {
        res.writeHead(404);
        res.end();
      });
      stream.on('open', () => {
        res.writeHead(200, { 'Content-Type': 'text/plain' });
        stream.pipe(res);
      });
    });
    await new Promise<void>((r) => server.listen(pebble.httpPort, '127.0.0.1', () => r()));
    try {
      const run = await runBin(['--json', 'acme', 'issue', ...base(), '-d', 'webroot.example.org', '--webroot', webroot, '--dir', join(home, 'webroot')], { env });
      expect(run.code, run.stderr).toBe(0);
      expect(JSON.parse(run.stdout).status).toBe('issued');
      expect(seen.some((u) => u.startsWith('/.well-known/acme-challenge/'))).toBe(true);
      expect(await readdir(join(webroot, '.well-known', 'acme-challenge'))).toEqual([]);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  it('--cas-config: server, domains, file locations, key size and terms from cas.acme.*', async () => {
    const etc = join(home, 'etc-cas');
    await mkdir(etc, { recursive: true });
    const props = join(etc, 'cas.properties');
    await writeFile(
      props,
      [
        `cas.acme.server-url=${pebble.directory}`,
        'cas.acme.terms-of-use-accepted=true',
        'cas.acme.domains[0]=cas.config.example.org',
        'cas.acme.domains[1]=sso.config.example.org',
        `cas.acme.user-key.location=file:${etc}/user.key`,
        `cas.acme.domain-key.location=file:${etc}/domain.key`,
        `cas.acme.domain-csr.location=file:${etc}/domain.csr`,
        `cas.acme.domain-chain.location=file:${etc}/domain-chain.crt`,
        'cas.acme.key-size=3072',
        '',
      ].join('\n'),
    );
    const run = await runBin(['--json', 'acme', 'issue', '--cas-config', props, '--ca-file', pebble.tlsCaFile, '--eab-kid', EAB_KID, '--eab-hmac-key-file', eabFile, ...responder()], { env });
    expect(run.code, run.stderr).toBe(0);
    const doc = JSON.parse(run.stdout);
    expect(doc.files).toEqual({ accountKey: `${etc}/user.key`, domainKey: `${etc}/domain.key`, csr: `${etc}/domain.csr`, chain: `${etc}/domain-chain.crt` });
    expect(doc.names.sort()).toEqual(['cas.config.example.org', 'sso.config.example.org']);
    const key = await readFile(`${etc}/domain.key`, 'utf8');
    expect(key).toMatch(/^-----BEGIN RSA PRIVATE KEY-----/);
    expect(createPrivateKey(key).asymmetricKeyDetails?.modulusLength).toBe(3072);

    const status = await runBin(['acme', 'status', '--cas-config', props, '--nagios', '--warn', '30', '--crit', '7'], { env });
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toMatch(/^ACME CERT OK - cas\.config\.example\.org,sso\.config\.example\.org expires in \d+ days \(\d{4}-\d\d-\d\d\) \| days=\d+;30;7;0\n$/);
  });

  it('--dry-run runs the order and writes nothing; --new-domain-key rotates and keeps .bak', async () => {
    const dry = join(home, 'dry');
    const cfg = join(home, 'config-dry');
    const run = await runBin(['--json', 'acme', 'issue', ...base(), '-d', 'dry.example.org', ...responder(), '--dir', dry, '--dry-run'], { env: { ...env, XDG_CONFIG_HOME: cfg } });
    expect(run.code, run.stderr).toBe(0);
    const doc = JSON.parse(run.stdout);
    expect(doc).toMatchObject({ status: 'issued', dryRun: true, written: [] });
    await expect(stat(dry)).rejects.toThrow();
    await expect(stat(cfg)).rejects.toThrow();

    const dir = join(home, 'rotate');
    const first = await runBin(['--json', 'acme', 'issue', ...base(), '-d', 'rotate.example.org', ...responder(), '--dir', dir], { env });
    expect(first.code, first.stderr).toBe(0);
    const oldKey = await readFile(join(dir, 'domain.key'), 'utf8');
    const second = await runBin(['--json', 'acme', 'issue', ...base(), '-d', 'rotate.example.org', ...responder(), '--dir', dir, '--new-domain-key'], { env });
    expect(second.code, second.stderr).toBe(0);
    const newKey = await readFile(join(dir, 'domain.key'), 'utf8');
    expect(newKey).not.toBe(oldKey);
    expect(await readFile(join(dir, 'domain.key.bak'), 'utf8')).toBe(oldKey);
    expect((await stat(join(dir, 'domain.key.bak'))).mode & 0o777).toBe(0o600);
    const leaf = new X509Certificate(await readFile(join(dir, 'domain-chain.pem')));
    expect(Buffer.compare(leaf.publicKey.export({ type: 'spki', format: 'der' }), spkiOf(newKey))).toBe(0);
  });
});
