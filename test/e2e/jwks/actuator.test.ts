/**
 * `rotate --actuator` / `revoke --actuator` against a stand-in for CAS's `OidcJwksRotationEndpoint`
 * (no CAS server runs here). Faithful to apereo/cas: endpoint id `oidcJwks`, `GET …/actuator/oidcJwks/rotate`
 * and `…/revoke`, `200 application/json` with the keystore as a public JWKS; Spring Security's 401 JSON
 * for bad basic credentials; 404 where the endpoint is not exposed.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/tmp.js';
import { exportKeystore } from '../../../src/jwks/export.js';
import { revokeKeystore, rotateKeystore } from '../../../src/jwks/rotate.js';
import { casctl } from './helpers.js';

const dir = await tempDir('casctl-jwks-actuator-');
const PASSWORD = 'actuator-s3cret';
let server: Server;
let base = '';
let keystore = '';
const seen: { method: string; url: string; auth?: string }[] = [];

beforeAll(async () => {
  keystore = join(dir, 'cas-side.jwks');
  expect((await casctl(['jwks', 'generate', '--file', keystore, '--type', 'EC'])).code).toBe(0);
  server = createServer((req, res) => {
    seen.push({ method: req.method!, url: req.url!, auth: req.headers.authorization });
    const match = /^\/cas\/actuator\/oidcJwks\/(rotate|revoke)$/.exec(req.url ?? '');
    if (!match || req.method !== 'GET') {
      res.writeHead(404, { 'Content-Type': 'application/json' }).end(JSON.stringify({ status: 404, error: 'Not Found', path: req.url }));
      return;
    }
    if (req.headers.authorization !== `Basic ${Buffer.from(`admin:${PASSWORD}`).toString('base64')}`) {
      res
        .writeHead(401, { 'Content-Type': 'application/json', 'WWW-Authenticate': 'Basic realm="Realm"' })
        .end(JSON.stringify({ timestamp: new Date().toISOString(), status: 401, error: 'Unauthorized', path: req.url }));
      return;
    }
    // CAS rotates or revokes its keystore, then answers with it rendered PUBLIC_ONLY.
    const operation = match[1] === 'rotate' ? rotateKeystore : revokeKeystore;
    void operation({ file: keystore, env: {}, cwd: dir }).then(async () => {
      const exported = await exportKeystore({ file: keystore, env: {}, cwd: dir });
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(exported.jwks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/cas`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const auth = ['--actuator-user', 'admin', '--actuator-password-env', 'CAS_ACTUATOR_PW', '--timeout', '30'];
const env = { CAS_ACTUATOR_PW: PASSWORD };

describe('jwks rotate/revoke --actuator', () => {
  it('rotate: GET <cas>/actuator/oidcJwks/rotate with basic auth; the public JWKS comes back', async () => {
    seen.length = 0;
    const result = await casctl(['--json', '--verbose', 'jwks', 'rotate', '--actuator', base, ...auth], { env });
    expect(result.code, result.stderr).toBe(0);
    expect(seen.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /cas/actuator/oidcJwks/rotate']);
    const doc = JSON.parse(result.stdout);
    expect(doc.calls).toHaveLength(1);
    expect(doc.calls[0]).toMatchObject({ operation: 'rotate', status: 200, url: `${base}/actuator/oidcJwks/rotate` });
    expect(doc.calls[0].keys).toHaveLength(6);
    expect(doc.calls[0].keys.some((k: { d?: string }) => k.d !== undefined)).toBe(false);
    expect(result.stderr).not.toContain(PASSWORD);
    expect(JSON.parse(await readFile(keystore, 'utf8')).keys).toHaveLength(6);
  });

  it('rotate --revoke: revoke first, then rotate', async () => {
    seen.length = 0;
    const result = await casctl(['jwks', 'rotate', '--revoke', '--actuator', `${base}/`, ...auth], { env });
    expect(result.code, result.stderr).toBe(0);
    expect(seen.map((r) => r.url)).toEqual(['/cas/actuator/oidcJwks/revoke', '/cas/actuator/oidcJwks/rotate']);
    expect(result.stderr).toMatch(/CAS revoked and rotated its keystore .*; it now publishes 6 keys/);
  });

  it('revoke --actuator', async () => {
    seen.length = 0;
    const result = await casctl(['jwks', 'revoke', '--actuator', base, ...auth], { env });
    expect(result.code, result.stderr).toBe(0);
    expect(seen.map((r) => r.url)).toEqual(['/cas/actuator/oidcJwks/revoke']);
    expect(result.stderr).toContain('it now publishes 4 keys');
  });

  it('wrong credentials: exit 1 E_ACTUATOR_DENIED', async () => {
    const result = await casctl(['--json', 'jwks', 'rotate', '--actuator', base, '--actuator-user', 'admin', '--actuator-password-env', 'PW'], {
      env: { PW: 'wrong' },
    });
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: false, error: { code: 'E_ACTUATOR_DENIED' } });
    expect(result.stderr).toContain('HTTP 401');
  });

  it('endpoint not exposed: exit 1 E_ACTUATOR_NOT_FOUND naming the settings', async () => {
    const result = await casctl(['jwks', 'rotate', '--actuator', base.replace('/cas', '/other'), ...auth], { env });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('HTTP 404');
    expect(result.stderr).toContain('management.endpoint.oidcJwks.access');
  });

  it('--actuator with local flags is a usage error; a closed port is exit 4', async () => {
    const mixed = await casctl(['jwks', 'rotate', '--actuator', base, '--file', keystore]);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toContain('--file cannot be combined with --actuator');
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const refused = await casctl(['jwks', 'rotate', '--actuator', `http://127.0.0.1:${port}/cas`]);
    expect(refused.code).toBe(4);
    expect(refused.stderr).toContain('127.0.0.1');
  });
});
