/**
 * `casctl acme issue|status|revoke` end to end against Debian's pebble (a real ACME CA) on loopback.
 */
import { X509Certificate, createPrivateKey, createPublicKey } from 'node:crypto';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startPebble, type Pebble } from '../../helpers/pebble.js';
import { runBin } from '../../helpers/run-casctl.js';
import { tempDir } from '../../helpers/tmp.js';
import { openssl } from '../../helpers/tools.js';

let pebble: Pebble;
let home: string;
let env: Record<string, string>;

beforeAll(async () => {
  pebble = await startPebble();
  home = await tempDir('casctl-acme-e2e-');
  env = { HOME: home, XDG_CONFIG_HOME: join(home, 'config'), XDG_DATA_HOME: join(home, 'data') };
});
afterAll(async () => {
  await pebble?.stop();
});

const names = ['cas.example.org', 'login.example.org'];
const issueArgs = () => [
  '--json',
  'acme',
  'issue',
  '--server',
  pebble.directory,
  '--ca-file',
  pebble.tlsCaFile,
  '--agree-tos',
  '--email',
  'ops@example.org',
  '--http-port',
  String(pebble.httpPort),
  '--listen',
  '127.0.0.1',
  ...names.flatMap((n) => ['-d', n]),
];

const mode = async (path: string) => (await stat(path)).mode & 0o777;

describe('acme issue against pebble', () => {
  let first: any;

  it('issues for two names: files, modes, formats, chain verified against pebble root', async () => {
    const run = await runBin(issueArgs(), { env });
    expect(run.stderr).not.toContain('TypeError');
    expect(run.code, run.stderr).toBe(0);
    first = JSON.parse(run.stdout);
    expect(first.status).toBe('issued');
    expect(first.names.sort()).toEqual([...names].sort());
    expect(new Date(first.notAfter).getTime()).toBeGreaterThan(Date.now());
    const dir = join(home, 'data', 'casctl', 'acme', 'cas.example.org');
    expect(first.files).toEqual({
      accountKey: join(home, 'config', 'casctl', 'acme', 'accounts', new URL(pebble.directory).host.replace(':', '_'), 'account.key'),
      domainKey: join(dir, 'domain.key'),
      csr: join(dir, 'domain.csr'),
      chain: join(dir, 'domain-chain.pem'),
    });
    for (const path of Object.values(first.files) as string[]) expect(await mode(path), path).toBe(0o600);

    // Traditional formats by default: PKCS#1 (what CAS's acme4j loader reads).
    const domainKeyPem = await readFile(first.files.domainKey, 'utf8');
    const accountKeyPem = await readFile(first.files.accountKey, 'utf8');
    expect(domainKeyPem).toMatch(/^-----BEGIN RSA PRIVATE KEY-----/);
    expect(accountKeyPem).toMatch(/^-----BEGIN RSA PRIVATE KEY-----/);

    // The chain verifies against pebble's root (from its management port).
    const rootFile = join(home, 'pebble-root.pem');
    await writeFile(rootFile, await pebble.root());
    const chainPem = await readFile(first.files.chain, 'utf8');
    const certs = chainPem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g)!;
    expect(certs.length).toBeGreaterThanOrEqual(2);
    const leafFile = join(home, 'leaf.pem');
    const intermediatesFile = join(home, 'intermediates.pem');
    await writeFile(leafFile, `${certs[0]}\n`);
    await writeFile(intermediatesFile, `${certs.slice(1).join('\n')}\n`);
    const verify = await openssl(['verify', '-CAfile', rootFile, '-untrusted', intermediatesFile, leafFile]);
    expect(verify.stdout).toContain(': OK');

    // The leaf's key is the domain key.
    const leaf = new X509Certificate(certs[0]!);
    const leafSpki = leaf.publicKey.export({ type: 'spki', format: 'der' });
    const keySpki = createPublicKey(createPrivateKey(domainKeyPem)).export({ type: 'spki', format: 'der' });
    expect(Buffer.compare(leafSpki, keySpki)).toBe(0);

    // The CSR names both domains and is signed by the domain key.
    const csr = await openssl(['req', '-in', first.files.csr, '-noout', '-text', '-verify']);
    for (const n of names) expect(csr.stdout).toContain(`DNS:${n}`);
    const csrPub = await openssl(['req', '-in', first.files.csr, '-noout', '-pubkey']);
    expect(Buffer.compare(createPublicKey(csrPub.stdout).export({ type: 'spki', format: 'der' }), keySpki)).toBe(0);
  });

  it('a second run is not-due and changes nothing', async () => {
    const before = await readFile(first.files.chain, 'utf8');
    const run = await runBin(issueArgs(), { env });
    expect(run.code, run.stderr).toBe(0);
    const doc = JSON.parse(run.stdout);
    expect(doc.status).toBe('not-due');
    expect(doc.notAfter).toBe(first.notAfter);
    expect(doc.written).toEqual([]);
    expect(await readFile(first.files.chain, 'utf8')).toBe(before);
  });

  it('human output of not-due names the due date on stderr; stdout stays empty; --quiet is silent (cron)', async () => {
    const run = await runBin(issueArgs().slice(1), { env });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/not due: the certificate for cas\.example\.org, login\.example\.org is valid until \d{4}-\d\d-\d\d .* it will be due on \d{4}-\d\d-\d\d/);
    expect(run.stderr).toContain(first.files.chain);
    const quiet = await runBin(['--quiet', ...issueArgs().slice(1)], { env });
    expect(quiet).toMatchObject({ code: 0, stdout: '', stderr: '' });
  });

  it('two runs at once on the same directory: the lock serialises them (one issues, the other then finds it not due)', async () => {
    const dir = join(home, 'lock');
    await mkdir(dir, { recursive: true });
    // A chain for other names: due for these names, so whoever gets the lock first issues.
    await writeFile(join(dir, 'domain-chain.pem'), await readFile(first.files.chain));
    const args = [...issueArgs().filter((a) => !names.includes(a) && a !== '-d'), '-d', 'lock.example.org', '--dir', dir];
    const [a, b] = await Promise.all([runBin(args, { env }), runBin(args, { env })]);
    expect([a.code, b.code], a.stderr + b.stderr).toEqual([0, 0]);
    const docs = [JSON.parse(a.stdout), JSON.parse(b.stdout)];
    expect(docs.map((d) => d.status).sort()).toEqual(['issued', 'not-due']);
    const issued = docs.find((d) => d.status === 'issued');
    const leaf = new X509Certificate(await readFile(join(dir, 'domain-chain.pem')));
    expect(leaf.serialNumber.toLowerCase()).toBe(issued.serial);
    const key = createPrivateKey(await readFile(join(dir, 'domain.key'), 'utf8'));
    expect(Buffer.compare(leaf.publicKey.export({ type: 'spki', format: 'der' }), createPublicKey(key).export({ type: 'spki', format: 'der' }))).toBe(0);
  });

  it('--force re-issues with the same account key and domain key', async () => {
    const accountKey = await readFile(first.files.accountKey, 'utf8');
    const domainKey = await readFile(first.files.domainKey, 'utf8');
    const run = await runBin([...issueArgs(), '--force'], { env });
    expect(run.code, run.stderr).toBe(0);
    const doc = JSON.parse(run.stdout);
    expect(doc.status).toBe('issued');
    expect(doc.serial).not.toBe(first.serial);
    expect(doc.account.created).toBe(false);
    expect(doc.account.keyCreated).toBe(false);
    expect(doc.account.url).toBe(first.account.url);
    expect(await readFile(first.files.accountKey, 'utf8')).toBe(accountKey);
    expect(await readFile(first.files.domainKey, 'utf8')).toBe(domainKey);
    first = doc;
  });

  it('status reads the chain; revoke revokes it at pebble', async () => {
    const status = await runBin(['--json', 'acme', 'status', '--chain', first.files.chain], { env });
    expect(status.code, status.stderr).toBe(0);
    const s = JSON.parse(status.stdout);
    expect(s).toMatchObject({ ok: true, due: false, serial: first.serial, names: first.names, chainLength: 2 });

    const serialHex = first.serial.replace(/^0+/, '');
    const before = await pebble.management(`/cert-status-by-serial/${serialHex}`);
    expect(before.status).toBe(200);
    expect(JSON.parse(before.body).Status).toBe('Valid');

    const revoke = await runBin(
      ['--json', 'acme', 'revoke', '--server', pebble.directory, '--ca-file', pebble.tlsCaFile, '--chain', first.files.chain, '--reason', 'superseded'],
      { env },
    );
    expect(revoke.code, revoke.stderr).toBe(0);
    expect(JSON.parse(revoke.stdout)).toMatchObject({ status: 'revoked', serial: first.serial, reason: 'superseded' });
    const after = JSON.parse((await pebble.management(`/cert-status-by-serial/${serialHex}`)).body);
    expect(after.Status).toBe('Revoked');
    expect(after.Reason).toBe(4);

    // A second revocation: the CA refuses (already revoked) → exit 1 with its problem document.
    const again = await runBin(
      ['--json', 'acme', 'revoke', '--server', pebble.directory, '--ca-file', pebble.tlsCaFile, '--chain', first.files.chain],
      { env },
    );
    expect(again.code).toBe(1);
    expect(JSON.parse(again.stdout).error.message).toMatch(/alreadyRevoked/);
  });

  it('revoke --with-domain-key signs with the domain key (no account needed)', async () => {
    const dir = join(home, 'lock');
    const leaf = new X509Certificate(await readFile(join(dir, 'domain-chain.pem')));
    const serialHex = leaf.serialNumber.toLowerCase().replace(/^0+/, '');
    const run = await runBin(
      ['--json', 'acme', 'revoke', '--server', pebble.directory, '--ca-file', pebble.tlsCaFile, '--dir', dir, '--with-domain-key', '--reason', 'keyCompromise'],
      { env: { ...env, XDG_CONFIG_HOME: join(home, 'no-account-here') } },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ status: 'revoked', signedWith: 'domain', reason: 'keyCompromise' });
    const status = JSON.parse((await pebble.management(`/cert-status-by-serial/${serialHex}`)).body);
    expect(status).toMatchObject({ Status: 'Revoked', Reason: 1 });
  });

  it('Ctrl-C (SIGINT) while waiting for the CA: exit 130, the responder port is released', async () => {
    // A "CA" that accepts connections and never answers.
    const sockets: import('node:net').Socket[] = [];
    const silent = createServer((s) => sockets.push(s));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
    const caPort = (silent.address() as { port: number }).port;
    const httpPort = await freePort();
    const { spawn } = await import('node:child_process');
    const { casctlCommand } = await import('../../helpers/run-casctl.js');
    const child = spawn(...casctlCommand(['acme', 'issue', '--server', `https://127.0.0.1:${caPort}/dir`, '--agree-tos', '-d', 'int.example.org', '--http-port', String(httpPort), '--listen', '127.0.0.1', '--dir', join(home, 'int')]), {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    // Wait until the responder holds the port, then interrupt.
    for (let i = 0; i < 100 && (await canListen(httpPort)); i++) await new Promise((r) => setTimeout(r, 50));
    child.kill('SIGINT');
    const code = await new Promise<number | null>((r) => child.on('close', (c) => r(c)));
    sockets.forEach((s) => s.destroy());
    silent.close();
    expect(code, stderr).toBe(130);
    expect(stderr).toContain('interrupted');
    expect(await canListen(httpPort)).toBe(true);
  });

  it('a port in use is a clear exit 3 naming the port and the ways out', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as { port: number }).port;
    try {
      const args = issueArgs().map((a) => (a === String(pebble.httpPort) ? String(port) : a));
      const run = await runBin([...args.slice(1), '--force', '--dir', join(home, 'busy')], { env });
      expect(run.code).toBe(3);
      expect(run.stderr).toContain(`port ${port} is already in use`);
      expect(run.stderr).toContain('--webroot');
      expect(run.stderr).toContain('--http-port');
      expect(run.stdout).toBe('');
    } finally {
      blocker.close();
    }
  });

  it('a CA that is down gives exit 4 naming the host', async () => {
    const dead = createServer();
    await new Promise<void>((r) => dead.listen(0, '127.0.0.1', () => r()));
    const port = (dead.address() as { port: number }).port;
    await new Promise<void>((r) => dead.close(() => r()));
    const run = await runBin(['acme', 'issue', '--server', `https://127.0.0.1:${port}/dir`, '--agree-tos', '-d', 'cas.example.org', '--http-port', String(await freePort()), '--listen', '127.0.0.1', '--dir', join(home, 'down')], { env, timeoutMs: 15_000 });
    expect(run.code).toBe(4);
    expect(run.stderr).toContain(`connection refused by 127.0.0.1:${port}`);
    expect(run.stderr).not.toContain('TypeError');
  });
});

function canListen(port: number): Promise<boolean> {
  const server = createServer();
  return new Promise((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}
