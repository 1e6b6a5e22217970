/**
 * acme-client's weak spots, wrapped: pebble rejecting half the nonces (badNonce), a validation the CA
 * fails (problem document + the domain named), the responder closed whatever way the order ends.
 */
import { X509Certificate } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPebble, type Pebble } from '../../helpers/pebble.js';
import { runBin } from '../../helpers/run-casctl.js';
import { tempDir } from '../../helpers/tmp.js';

let pebble: Pebble;
let home: string;
let env: Record<string, string>;

beforeAll(async () => {
  pebble = await startPebble({ nonceReject: 50 });
  home = await tempDir('casctl-acme-rel-');
  env = { HOME: home, XDG_CONFIG_HOME: join(home, 'config'), XDG_DATA_HOME: join(home, 'data') };
});
afterAll(async () => {
  await pebble?.stop();
});

const base = () => ['--server', pebble.directory, '--ca-file', pebble.tlsCaFile, '--agree-tos'];

async function portIsFree(port: number): Promise<boolean> {
  const server = createServer();
  return new Promise((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

describe('acme issue with PEBBLE_WFE_NONCEREJECT=50', () => {
  it('still issues (badNonce retried with fresh nonces), twice in a row', async () => {
    for (const [i, name] of ['nonce1.example.org', 'nonce2.example.org'].entries()) {
      const dir = join(home, `nonce-${i}`);
      const run = await runBin(
        ['--json', 'acme', 'issue', ...base(), '-d', name, '-d', `www.${name}`, '--http-port', String(pebble.httpPort), '--listen', '127.0.0.1', '--dir', dir],
        { env },
      );
      expect(run.code, run.stderr).toBe(0);
      const doc = JSON.parse(run.stdout);
      expect(doc.status).toBe('issued');
      expect(doc.badNonceRetries).toBeGreaterThan(0);
      const leaf = new X509Certificate(await readFile(doc.files.chain));
      expect(leaf.subjectAltName).toContain(`DNS:${name}`);
    }
    expect(await portIsFree(pebble.httpPort)).toBe(true);
  });
});

describe('a validation the CA fails', () => {
  it('exits 1 naming the domain and the CA problem document; nothing written; webroot file removed', async () => {
    // --webroot into a directory nothing serves: pebble finds no server on its HTTP-01 port.
    const webroot = join(home, 'www');
    const dir = join(home, 'failed');
    const run = await runBin(['--json', 'acme', 'issue', ...base(), '-d', 'broken.example.org', '--webroot', webroot, '--dir', dir], { env });
    expect(run.code, run.stderr).toBe(1);
    const doc = JSON.parse(run.stdout);
    expect(doc.error.code).toBe('E_ACME_VALIDATION_FAILED');
    expect(doc.error.message).toMatch(/^validation of broken\.example\.org failed: connection: /);
    expect(run.stderr).toContain('validation of broken.example.org failed');
    expect(run.stderr).toMatch(/hint: .*--preflight/);
    await expect(stat(join(dir, 'domain-chain.pem'))).rejects.toThrow();
    await expect(stat(join(dir, 'domain.key'))).rejects.toThrow();
    const { readdir } = await import('node:fs/promises');
    expect(await readdir(join(webroot, '.well-known', 'acme-challenge'))).toEqual([]);
  });

  it('--preflight catches a name that does not reach the responder before the CA is asked', async () => {
    const run = await runBin(
      ['acme', 'issue', ...base(), '-d', 'cas.invalid-tld-for-preflight.test', '--http-port', String(pebble.httpPort), '--listen', '127.0.0.1', '--preflight', '--dir', join(home, 'pre')],
      { env },
    );
    expect(run.code, run.stderr).toBe(3);
    expect(run.stderr).toContain('preflight: cannot fetch http://cas.invalid-tld-for-preflight.test/.well-known/acme-challenge/');
    expect(await portIsFree(pebble.httpPort)).toBe(true);
  });
});

describe('a new account without --agree-tos', () => {
  it('is a usage error naming the terms of service URL and --agree-tos; no key is kept', async () => {
    const config = join(home, 'config-tos');
    const run = await runBin(
      ['acme', 'issue', '--server', pebble.directory, '--ca-file', pebble.tlsCaFile, '-d', 'tos.example.org', '--http-port', String(pebble.httpPort), '--listen', '127.0.0.1', '--dir', join(home, 'tos')],
      { env: { ...env, XDG_CONFIG_HOME: config } },
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("error: a new ACME account needs the CA's terms of service accepted (data:text/plain,");
    expect(run.stderr).toContain('--agree-tos');
    await expect(stat(config)).rejects.toThrow();
    expect(await portIsFree(pebble.httpPort)).toBe(true);
  });
});
