/**
 * A real ACME CA for e2e tests: Debian's pebble with pebble-challtestsrv as its DNS (every name → 127.0.0.1),
 * a throw-away TLS CA made with openssl for pebble's HTTPS listener, and free ports picked at run time
 * (so test files can run in parallel). Start once per test file; `stop()` kills both processes by PID.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { createSocket } from 'node:dgram';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeTestCa } from './test-ca.js';
import { requireTool } from './tools.js';

export interface Pebble {
  /** ACME directory URL */
  directory: string;
  /** PEM of the throw-away CA that signed pebble's HTTPS certificate (pass as --ca-file) */
  tlsCaFile: string;
  /** pebble's HTTPS certificate and key (PEM files), for a front that serves in its place */
  tlsCertFile: string;
  tlsKeyFile: string;
  /** the port pebble's validator connects to for HTTP-01 (casctl's --http-port) */
  httpPort: number;
  managementUrl: string;
  dir: string;
  pid: number;
  /** pebble's current root (PEM), from the management port */
  root(): Promise<string>;
  /** GET on the management port */
  management(path: string): Promise<{ status: number; body: string }>;
  /** accounts/EAB keys configured, if any */
  eab?: Record<string, string>;
  stop(): Promise<void>;
}

/** A TCP port free on 127.0.0.1 right now (bind port 0, read it, close). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A port free for both TCP and UDP (a DNS server needs both). */
async function freeDnsPort(): Promise<number> {
  for (let i = 0; i < 20; i++) {
    const port = await freePort();
    const ok = await new Promise<boolean>((resolve) => {
      const socket = createSocket('udp4');
      socket.once('error', () => resolve(false));
      socket.bind(port, '127.0.0.1', () => socket.close(() => resolve(true)));
    });
    if (ok) return port;
  }
  throw new Error('no free port for the test DNS server');
}

function get(url: string, ca: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { ca, timeout: 5000 }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('timeout', () => req.destroy(new Error(`timeout: ${url}`)));
    req.on('error', reject);
    req.end();
  });
}

async function waitFor(check: () => Promise<boolean>, what: string, child: ChildProcess, log: () => string) {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode}:\n${log()}`);
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not start within 20 s:\n${log()}`);
}

export interface PebbleOptions {
  /** PEBBLE_WFE_NONCEREJECT percentage (default 0) */
  nonceReject?: number;
  /** require external account binding with these kid → base64url HMAC keys */
  eab?: Record<string, string>;
  /** HTTP-01 port; picked free by default */
  httpPort?: number;
  /** PEBBLE_AUTHZREUSE percentage (default 0: fresh authorizations every order) */
  authzReuse?: number;
}

export async function startPebble(options: PebbleOptions = {}): Promise<Pebble> {
  requireTool('/usr/bin/pebble', 'apt-get install pebble');
  const dir = await mkdtemp(join(tmpdir(), 'casctl-pebble-'));
  // A throw-away CA and a certificate for localhost/127.0.0.1/::1 for pebble's own HTTPS listener.
  const tls = await makeTestCa(join(dir, 'tls'), 'casctl test TLS CA');

  const [acmePort, mgmtPort, tlsPort, dnsPort, challMgmtPort] = await Promise.all([freePort(), freePort(), freePort(), freeDnsPort(), freePort()]);
  const httpPort = options.httpPort ?? (await freePort());
  const config = {
    pebble: {
      listenAddress: `127.0.0.1:${acmePort}`,
      managementListenAddress: `127.0.0.1:${mgmtPort}`,
      certificate: tls.certFile,
      privateKey: tls.keyFile,
      httpPort,
      tlsPort,
      ocspResponderURL: '',
      externalAccountBindingRequired: Boolean(options.eab),
      ...(options.eab ? { externalAccountMACKeys: options.eab } : {}),
    },
  };
  const configPath = join(dir, 'pebble.json');
  await writeFile(configPath, JSON.stringify(config, null, 2));

  let dnsLog = '';
  const dns = spawn(
    '/usr/bin/pebble-challtestsrv',
    ['-defaultIPv4', '127.0.0.1', '-defaultIPv6', '', '-dns01', `127.0.0.1:${dnsPort}`, '-http01', '', '-https01', '', '-tlsalpn01', '', '-management', `127.0.0.1:${challMgmtPort}`],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  dns.stdout!.on('data', (d) => (dnsLog += d));
  dns.stderr!.on('data', (d) => (dnsLog += d));

  let log = '';
  const child = spawn('/usr/bin/pebble', ['-config', configPath, '-dnsserver', `127.0.0.1:${dnsPort}`], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PEBBLE_VA_NOSLEEP: '1',
      PEBBLE_AUTHZREUSE: String(options.authzReuse ?? 0),
      PEBBLE_WFE_NONCEREJECT: String(options.nonceReject ?? 0),
    },
  });
  child.stdout!.on('data', (d) => (log += d));
  child.stderr!.on('data', (d) => (log += d));

  const stop = async () => {
    for (const p of [child, dns]) {
      if (p.exitCode === null && p.pid) {
        const done = new Promise((r) => p.once('exit', r));
        try {
          process.kill(p.pid, 'SIGTERM');
        } catch {
          /* already gone */
        }
        await Promise.race([done, new Promise((r) => setTimeout(r, 2000))]);
      }
    }
    await rm(dir, { recursive: true, force: true });
  };

  const caPem = await import('node:fs/promises').then((fs) => fs.readFile(tls.caFile, 'utf8'));
  const directory = `https://127.0.0.1:${acmePort}/dir`;
  const managementUrl = `https://127.0.0.1:${mgmtPort}`;
  try {
    await waitFor(async () => (await get(directory, caPem)).status === 200, 'pebble', child, () => log);
    await waitFor(async () => (await get(`${managementUrl}/roots/0`, caPem)).status === 200, 'pebble management', child, () => log);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    directory,
    tlsCaFile: tls.caFile,
    tlsCertFile: tls.certFile,
    tlsKeyFile: tls.keyFile,
    httpPort,
    managementUrl,
    dir,
    pid: child.pid!,
    eab: options.eab,
    root: async () => (await get(`${managementUrl}/roots/0`, caPem)).body,
    management: (path) => get(`${managementUrl}${path}`, caPem),
    stop,
  };
}
