/**
 * ARI (RFC 9773), `replaces` and profiles, end to end through bin/casctl against Debian's pebble 2.4
 * behind test/helpers/acme-front.ts (pebble 2.4 has neither: the front adds them, answers the ARI GETs
 * as each test says and records the newOrder payloads pebble receives).
 */
import { X509Certificate, createHash, createPrivateKey } from 'node:crypto';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startAcmeFront, type AcmeFront } from '../../helpers/acme-front.js';
import { startPebble, type Pebble } from '../../helpers/pebble.js';
import { runBin } from '../../helpers/run-casctl.js';
import { tempDir } from '../../helpers/tmp.js';
import { openssl } from '../../helpers/tools.js';

let pebble: Pebble;
let front: AcmeFront;
let home: string;
let env: Record<string, string>;

beforeAll(async () => {
  // Authorizations are reused: the serial hunt below orders again without validating each time.
  pebble = await startPebble({ authzReuse: 100 });
  front = await startAcmeFront(pebble);
  home = await tempDir('casctl-acme-ari-');
  env = { HOME: home, XDG_CONFIG_HOME: join(home, 'config'), XDG_DATA_HOME: join(home, 'data') };
});
afterAll(async () => {
  await front?.stop();
  await pebble?.stop();
});
beforeEach(() => front.reset());

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

const baseArgs = (name: string, dir: string) => [
  'acme',
  'issue',
  '--server',
  front.directory,
  '--ca-file',
  pebble.tlsCaFile,
  '--agree-tos',
  '--http-port',
  String(pebble.httpPort),
  '--listen',
  '127.0.0.1',
  '--dir',
  join(home, dir),
  '-d',
  name,
];
const issue = (name: string, dir: string, extra: string[] = [], json = true) => runBin([...(json ? ['--json'] : []), ...baseArgs(name, dir), ...extra], { env });
const chainOf = (dir: string) => join(home, dir, 'domain-chain.pem');
const stateOf = (dir: string) => `${chainOf(dir)}.casctl.json`;
const readState = async (dir: string) => JSON.parse(await readFile(stateOf(dir), 'utf8'));

/** Time passing: the remembered ARI answer's Retry-After is over. */
async function expireAriMemory(dir: string) {
  const state = await readState(dir);
  if (state.ari) state.ari.nextFetch = iso(Date.now() - 1000);
  await writeFile(stateOf(dir), JSON.stringify(state));
}

/** The CertID as RFC 9773 §4.1 builds it, from openssl's view of the leaf (independent of casctl). */
async function opensslCertId(dir: string): Promise<{ certId: string; serialHex: string }> {
  const leafFile = join(home, `${dir}-leaf.pem`);
  const chain = await readFile(chainOf(dir), 'utf8');
  await writeFile(leafFile, chain.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/)![0]);
  const text = (await openssl(['x509', '-in', leafFile, '-noout', '-ext', 'authorityKeyIdentifier', '-serial'])).stdout;
  const keyid = /Authority Key Identifier:\s*\n\s*(?:keyid:)?([0-9A-F:]+)/i.exec(text)![1]!;
  let serialHex = /serial=([0-9A-F]+)/i.exec(text)![1]!;
  if (serialHex.length % 2) serialHex = `0${serialHex}`;
  let serial = Buffer.from(serialHex, 'hex');
  if (serial[0]! >= 0x80) serial = Buffer.concat([Buffer.from([0]), serial]);
  return { certId: `${Buffer.from(keyid.replace(/:/g, ''), 'hex').toString('base64url')}.${serial.toString('base64url')}`, serialHex };
}

const windowReply = (startMs: number, endMs: number, extra: Record<string, unknown> = {}, retryAfter = '21600') => () => ({
  status: 200,
  json: { suggestedWindow: { start: iso(startMs), end: iso(endMs) }, ...extra },
  retryAfter,
});

describe('acme issue with ARI', () => {
  const name = 'ari.example.org';
  const dir = 'ari';
  let firstCertId: string;

  it('a first issuance: no ARI GET, no replaces; the state file (0600) holds the CertID and renewalInfo', async () => {
    const run = await issue(name, dir);
    expect(run.code, run.stderr).toBe(0);
    const doc = JSON.parse(run.stdout);
    expect(doc.status).toBe('issued');
    expect(front.ariGets).toEqual([]);
    expect(front.newOrders).toHaveLength(1);
    expect(front.newOrders[0]).not.toHaveProperty('replaces');
    expect(front.newOrders[0]).not.toHaveProperty('profile');
    expect((await stat(stateOf(dir))).mode & 0o777).toBe(0o600);
    const state = await readState(dir);
    firstCertId = (await opensslCertId(dir)).certId;
    expect(state).toMatchObject({ version: 1, server: front.directory, certId: firstCertId, renewalInfo: `https://127.0.0.1:${front.port}/draft-ietf-acme-ari/renewalInfo` });
    expect(doc.stateFile).toBe(stateOf(dir));
  });

  it('a window in the future: not due, exactly one request (the ARI GET with the CertID), no newOrder', async () => {
    const start = Date.now() + 30 * DAY;
    const end = start + DAY;
    front.config.ari = windowReply(start, end);
    const run = await issue(name, dir);
    expect(run.code, run.stderr).toBe(0);
    const doc = JSON.parse(run.stdout);
    expect(doc.status).toBe('not-due');
    expect(front.ariGets).toEqual([firstCertId]);
    expect(front.requests).toEqual([{ method: 'GET', path: `/draft-ietf-acme-ari/renewalInfo/${firstCertId}` }]);
    expect(front.newOrders).toEqual([]);
    expect(doc.ari).toMatchObject({ certId: firstCertId, source: 'fetched', due: false, window: { start: new Date(start).toISOString().replace(/\.\d{3}Z/, '.000Z'), end: new Date(end).toISOString().replace(/\.\d{3}Z/, '.000Z') } });
    // The documented point: SHA-256 of CertID, window and host name, as a fraction of the window.
    const w = { start: new Date(iso(start)), end: new Date(iso(end)) };
    const digest = createHash('sha256').update(`${firstCertId}\n${w.start.toISOString()}\n${w.end.toISOString()}\n${hostname()}`).digest();
    const fraction = Number(digest.readBigUInt64BE(0) >> 12n) / 2 ** 52;
    expect(doc.ari.renewalAt).toBe(new Date(w.start.getTime() + Math.floor(fraction * DAY)).toISOString());
    expect(doc.dueAt).toBe(doc.ari.renewalAt);
    // Retry-After 21600 s remembered.
    const state = await readState(dir);
    expect(Date.parse(state.ari.nextFetch) - Date.parse(state.ari.fetchedAt)).toBe(21600 * 1000);
  });

  it('a second run inside Retry-After: no ARI GET, no request at all, the same renewal time', async () => {
    front.config.ari = () => ({ status: 500 });
    const before = (await readState(dir)).ari;
    const run = await issue(name, dir);
    expect(run.code, run.stderr).toBe(0);
    const doc = JSON.parse(run.stdout);
    expect(doc.status).toBe('not-due');
    expect(front.requests).toEqual([]);
    expect(doc.ari.source).toBe('remembered');
    expect(doc.ari.window.start).toBe(before.window.start);
  });

  it('a window in the past: renews with replaces = the old CertID, says so with the explanation; the new leaf verifies', async () => {
    await expireAriMemory(dir);
    front.config.ari = windowReply(Date.now() - 2 * DAY, Date.now() - DAY, { explanationURL: 'https://ca.example/incident/42' });
    const run = await issue(name, dir);
    expect(run.code, run.stderr).toBe(0);
    const doc = JSON.parse(run.stdout);
    expect(doc.status).toBe('issued');
    expect(doc.trigger).toBe('ari');
    expect(run.stderr).toContain('the CA asks for renewal now');
    expect(run.stderr).toContain('https://ca.example/incident/42');
    expect(doc.ari).toMatchObject({ certId: firstCertId, explanationURL: 'https://ca.example/incident/42', due: true });
    expect(front.ariGets).toEqual([firstCertId]);
    expect(front.newOrders).toHaveLength(1);
    expect(front.newOrders[0]!.replaces).toBe(firstCertId);
    expect(doc.replaces).toBe(firstCertId);
    // The new leaf verifies against pebble's root and intermediate.
    const rootFile = join(home, 'root.pem');
    await writeFile(rootFile, await pebble.root());
    const chain = await readFile(chainOf(dir), 'utf8');
    const certs = chain.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g)!;
    await writeFile(join(home, 'new-leaf.pem'), certs[0]!);
    await writeFile(join(home, 'new-inter.pem'), certs.slice(1).join('\n'));
    const verify = await openssl(['verify', '-CAfile', rootFile, '-untrusted', join(home, 'new-inter.pem'), join(home, 'new-leaf.pem')]);
    expect(verify.stdout).toContain(': OK');
    const newId = (await opensslCertId(dir)).certId;
    expect(newId).not.toBe(firstCertId);
    expect((await readState(dir)).certId).toBe(newId);
  });

  for (const [label, reply, reason] of [
    ['ARI 500', { status: 500, json: { type: 'urn:ietf:params:acme:error:serverInternal', detail: 'boom' } }, /HTTP 500/],
    ['an ARI timeout', { hang: true }, /did not answer within/],
    ['garbage from ARI', { status: 200, body: '<html>not json' }, /not JSON/],
    ['a window that ends before it starts', { status: 200, json: { suggestedWindow: { start: iso(Date.now() + DAY), end: iso(Date.now()) } } }, /ends before it starts/],
  ] as const) {
    it(`${label}: exit 0, one warning line naming ARI and the reason, the lifetime rule decides (not due)`, async () => {
      await expireAriMemory(dir);
      front.config.ari = () => reply;
      const run = await issue(name, dir, ['--timeout', '2']);
      expect(run.code, run.stderr).toBe(0);
      const doc = JSON.parse(run.stdout);
      expect(doc.status).toBe('not-due');
      expect(front.ariGets).toHaveLength(1);
      expect(front.newOrders).toEqual([]);
      const lines = run.stderr.split('\n').filter((l) => l.includes('ARI'));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(reason);
      expect(lines[0]).toContain('lifetime rule');
      expect(doc.ari.source).toBe('unavailable');
    });
  }

  it('after an ARI failure casctl backs off: the next run does not ask (and does not warn again)', async () => {
    front.config.ari = () => ({ status: 500 });
    const run = await issue(name, dir);
    expect(run.code, run.stderr).toBe(0);
    expect(front.ariGets).toEqual([]);
    expect(run.stderr).not.toContain('ARI');
  });

  it('--no-ari: no ARI GET even with a window in the past; --force then sends no replaces', async () => {
    await expireAriMemory(dir);
    front.config.ari = windowReply(Date.now() - 2 * DAY, Date.now() - DAY);
    const run = await issue(name, dir, ['--no-ari']);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).status).toBe('not-due');
    expect(front.ariGets).toEqual([]);
    const forced = await issue(name, dir, ['--no-ari', '--force']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(front.ariGets).toEqual([]);
    expect(front.newOrders).toHaveLength(1);
    expect(front.newOrders[0]).not.toHaveProperty('replaces');
  });

  it('alreadyReplaced: the order is placed again without replaces, said on stderr, exit 0', async () => {
    const before = (await opensslCertId(dir)).certId;
    front.config.alreadyReplacedOnce = true;
    const run = await issue(name, dir, ['--force']);
    expect(run.code, run.stderr).toBe(0);
    expect(front.newOrders).toHaveLength(2);
    expect(front.newOrders[0]!.replaces).toBe(before);
    expect(front.newOrders[1]).not.toHaveProperty('replaces');
    expect(run.stderr).toMatch(/already replaced.*ordering again without "replaces"/);
    const doc = JSON.parse(run.stdout);
    expect(doc).toMatchObject({ status: 'issued', replaces: before, replacesRetried: true, trigger: 'forced' });
  });

  it('--force asks ARI again even inside Retry-After, then renews with replaces', async () => {
    front.config.ari = windowReply(Date.now() + 30 * DAY, Date.now() + 31 * DAY);
    const notDue = await issue(name, dir);
    expect(JSON.parse(notDue.stdout).status).toBe('not-due');
    const before = (await opensslCertId(dir)).certId;
    const run = await issue(name, dir, ['--force']);
    expect(run.code, run.stderr).toBe(0);
    expect(front.ariGets).toEqual([before, before]);
    expect(JSON.parse(run.stdout)).toMatchObject({ status: 'issued', trigger: 'forced', replaces: before, ari: { source: 'fetched', due: false } });
  });

  it('a renewal by the lifetime rule (ARI failing, --days) also sends replaces', async () => {
    const before = (await opensslCertId(dir)).certId;
    await expireAriMemory(dir);
    front.config.ari = () => ({ status: 503 });
    const run = await issue(name, dir, ['--days', '3650']);
    expect(run.code, run.stderr).toBe(0);
    const doc = JSON.parse(run.stdout);
    expect(doc).toMatchObject({ status: 'issued', trigger: 'lifetime', replaces: before });
    expect(run.stderr).toMatch(/warning: ARI .*HTTP 503.*lifetime rule/);
    expect(front.newOrders).toHaveLength(1);
    expect(front.newOrders[0]!.replaces).toBe(before);
  });

  it('--days still counts with ARI: a window in the future, but inside --days, renews (trigger lifetime)', async () => {
    await expireAriMemory(dir);
    front.config.ari = windowReply(Date.now() + 30 * DAY, Date.now() + 31 * DAY);
    const run = await issue(name, dir, ['--days', '3650']);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ status: 'issued', trigger: 'lifetime', ari: { due: false, source: 'fetched' } });
    expect(front.ariGets).toHaveLength(1);
  });

  it('a certificate whose whole life is shorter than 3 days more than the time since the last run: a warning', async () => {
    const state = await readState(dir);
    state.lastRun = iso(Date.now() - 5 * 366 * DAY);
    delete state.ari;
    await writeFile(stateOf(dir), JSON.stringify(state));
    front.config.ari = windowReply(Date.now() + 30 * DAY, Date.now() + 31 * DAY);
    const run = await issue(name, dir);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/warning: the certificate lives .* but the previous run for it was .* ago: .*every few hours/);
    // A normal interval (this run, seconds ago): no warning.
    await expireAriMemory(dir);
    const again = await issue(name, dir);
    expect(again.stderr).not.toContain('lives');
  });
});

/**
 * pebble 2.4 draws serials below 2^63 (rand.Int63), so a first byte ≥ 0x80 needs a 7-byte serial: about
 * 1 certificate in 256, not one in two. casctl issues the first certificate (the authorization stays valid:
 * PEBBLE_AUTHZREUSE=100 here), then orders for the same name and domain key go straight to pebble from this
 * process (acme-client, no validation) until one has such a serial; that real certificate becomes the chain.
 */
async function orderUntilHighBitSerial(dir: string, name: string): Promise<string> {
  const acme = (await import('acme-client')).default;
  const https = await import('node:https');
  acme.axios.defaults.httpsAgent = new https.Agent({ ca: await readFile(pebble.tlsCaFile, 'utf8'), keepAlive: true });
  const accountKey = await readFile(join(home, 'config', 'casctl', 'acme', 'accounts', new URL(front.directory).host.replace(':', '_'), 'account.key'), 'utf8');
  const domainKey = createPrivateKey(await readFile(join(home, dir, 'domain.key'), 'utf8')).export({ type: 'pkcs8', format: 'pem' }) as string;
  const client = new acme.Client({ directoryUrl: pebble.directory, accountKey, backoffMin: 20, backoffMax: 200, backoffAttempts: 50 });
  await client.createAccount({ onlyReturnExisting: true });
  const [, csr] = await acme.crypto.createCsr({ commonName: name, altNames: [name] }, domainKey);
  for (let attempt = 0; attempt < 5000; attempt++) {
    const order = await client.createOrder({ identifiers: [{ type: 'dns', value: name }] });
    const finalized = await client.finalizeOrder(order, csr);
    const valid = await client.waitForValidStatus({ ...finalized, url: order.url });
    const chain = await client.getCertificate(valid);
    const leaf = new X509Certificate(chain.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/)![0]);
    const serial = leaf.serialNumber.length % 2 ? `0${leaf.serialNumber}` : leaf.serialNumber;
    if (Number.parseInt(serial.slice(0, 2), 16) >= 0x80) return chain;
  }
  throw new Error('pebble issued no serial with the high bit set in 5000 orders');
}

describe('a serial whose first byte has its high bit set', () => {
  it('carries a leading zero byte in the CertID (as openssl sees it), asked and sent as replaces', { timeout: 600_000 }, async () => {
    const dir = 'highbit';
    const name = 'highbit.example.org';
    const first = await issue(name, dir);
    expect(first.code, first.stderr).toBe(0);
    await writeFile(chainOf(dir), await orderUntilHighBitSerial(dir, name));
    const found = await opensslCertId(dir);
    expect(Number.parseInt(found.serialHex.slice(0, 2), 16)).toBeGreaterThanOrEqual(0x80);
    expect(Buffer.from(found.certId.split('.')[1]!, 'base64url')[0]).toBe(0);
    front.reset();
    front.config.ari = windowReply(Date.now() - 2 * DAY, Date.now() - DAY);
    const run = await issue(name, dir);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).ari.certId).toBe(found.certId);
    expect(front.ariGets).toEqual([found.certId]);
    expect(front.newOrders[0]!.replaces).toBe(found.certId);
  });
});

describe('profiles', () => {
  const profiles = { classic: "The same profile you're accustomed to", shortlived: 'Six-day certificates' };

  it('--profile is sent in newOrder, remembered in the state file and on the next renewal', async () => {
    front.config.profiles = profiles;
    const run = await issue('profile.example.org', 'profile', ['--profile', 'shortlived']);
    expect(run.code, run.stderr).toBe(0);
    expect(front.newOrders[0]!.profile).toBe('shortlived');
    expect(JSON.parse(run.stdout).profile).toBe('shortlived');
    expect((await readState('profile')).profile).toBe('shortlived');
    const renewal = await issue('profile.example.org', 'profile', ['--force']);
    expect(renewal.code, renewal.stderr).toBe(0);
    expect(front.newOrders[1]!.profile).toBe('shortlived');
    expect(front.newOrders[1]!.replaces).toBeDefined();
  });

  it('an unknown profile: exit 2 listing the offered profiles with descriptions, no order placed', async () => {
    front.config.profiles = profiles;
    const run = await issue('unknown-profile.example.org', 'unknown-profile', ['--profile', 'tlsserver'], false);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain("offers no profile 'tlsserver'");
    expect(run.stderr).toContain("classic     The same profile you're accustomed to");
    expect(run.stderr).toContain('shortlived  Six-day certificates');
    expect(front.newOrders).toEqual([]);
    expect(front.requests.some((r) => r.method === 'POST')).toBe(false);
  });

  it('a CA without profiles: exit 2, no order placed', async () => {
    const run = await issue('no-profiles.example.org', 'no-profiles', ['--profile', 'shortlived'], false);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain('offers no profiles');
    expect(front.newOrders).toEqual([]);
  });

  it('a profile the CA lists but refuses at newOrder (invalidProfile): exit 1 with the problem type kept', async () => {
    front.config.profiles = profiles;
    front.config.acceptProfiles = ['classic'];
    const run = await issue('refused-profile.example.org', 'refused-profile', ['--profile', 'shortlived']);
    expect(run.code, run.stderr).toBe(1);
    const doc = JSON.parse(run.stdout);
    expect(doc.error).toMatchObject({ code: 'E_ACME_PROFILE_REFUSED' });
    expect(JSON.stringify(doc.error)).toContain('urn:ietf:params:acme:error:invalidProfile');
    expect(front.newOrders).toEqual([expect.objectContaining({ profile: 'shortlived' })]);
  });

  it('acme profiles lists them (text and --json); a CA without profiles says so', async () => {
    front.config.profiles = profiles;
    const text = await runBin(['acme', 'profiles', '--server', front.directory, '--ca-file', pebble.tlsCaFile], { env });
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain("classic     The same profile you're accustomed to");
    const json = await runBin(['--json', 'acme', 'profiles', '--server', front.directory, '--ca-file', pebble.tlsCaFile], { env });
    expect(JSON.parse(json.stdout)).toEqual({
      ok: true,
      server: front.directory,
      profiles: [
        { name: 'classic', description: profiles.classic },
        { name: 'shortlived', description: profiles.shortlived },
      ],
    });
    front.config.profiles = undefined;
    const none = await runBin(['--json', 'acme', 'profiles', '--server', front.directory, '--ca-file', pebble.tlsCaFile], { env });
    expect(none.code).toBe(0);
    expect(JSON.parse(none.stdout).profiles).toEqual([]);
  });
});

describe('acme status with ARI', () => {
  const status = (extra: string[]) => runBin(['acme', 'status', '--chain', chainOf('profile'), '--ca-file', pebble.tlsCaFile, ...extra], { env });

  it('shows the window, the renewal time, not due, the profile and the explanation URL', async () => {
    front.config.ari = windowReply(Date.now() + 30 * DAY, Date.now() + 31 * DAY, { explanationURL: 'https://ca.example/why' });
    const run = await status([]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/not due/);
    expect(run.stdout).toMatch(/window\s+\S+ to \S+/);
    expect(run.stdout).toMatch(/renew at\s+\S+/);
    expect(run.stdout).toMatch(/profile\s+shortlived/);
    expect(run.stdout).toContain('https://ca.example/why');
    expect(front.ariGets).toHaveLength(1);
    const json = JSON.parse((await runBin(['--json', 'acme', 'status', '--chain', chainOf('profile'), '--ca-file', pebble.tlsCaFile], { env })).stdout);
    expect(json).toMatchObject({ profile: 'shortlived', due: false, ari: { explanationURL: 'https://ca.example/why', due: false } });
  });

  it('--nagios OK while not due', async () => {
    front.config.ari = windowReply(Date.now() + 30 * DAY, Date.now() + 31 * DAY);
    const run = await status(['--nagios']);
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toMatch(/^ACME CERT OK - /);
    expect(run.stdout).toMatch(/\| days=\d+;30;14;0/);
  });

  it('--nagios WARNING once the chosen renewal time has passed', async () => {
    // A ten-year window ending in an hour: the chosen point is in the past but for 1 chance in ~90 000.
    front.config.ari = windowReply(Date.now() - 3650 * DAY, Date.now() + 3600_000);
    const run = await status(['--nagios']);
    expect(run.code, run.stdout).toBe(1);
    expect(run.stdout).toMatch(/^ACME CERT WARNING - .*renewal time .* has passed/);
  });

  it('--nagios WARNING inside the lifetime rule (--days), without ARI', async () => {
    const run = await status(['--nagios', '--no-ari', '--days', '3650', '--warn', '1', '--crit', '0']);
    expect(run.code, run.stdout).toBe(1);
    expect(front.ariGets).toEqual([]);
  });

  it('--nagios CRITICAL once the window has ended', async () => {
    front.config.ari = windowReply(Date.now() - 2 * DAY, Date.now() - DAY);
    const run = await status(['--nagios']);
    expect(run.code, run.stdout).toBe(2);
    expect(run.stdout).toMatch(/^ACME CERT CRITICAL - .*renewal window ended/);
  });

  it('--nagios CRITICAL when the certificate expires within --crit days (today\'s meaning)', async () => {
    front.config.ari = windowReply(Date.now() + 30 * DAY, Date.now() + 31 * DAY);
    const run = await status(['--nagios', '--warn', '3650', '--crit', '3650']);
    expect(run.code, run.stdout).toBe(2);
  });

  it('--nagios UNKNOWN for a missing chain', async () => {
    const run = await runBin(['acme', 'status', '--chain', join(home, 'nope.pem'), '--nagios'], { env });
    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(/^ACME CERT UNKNOWN/);
  });

  it('ARI failing in status: a warning, the lifetime rule (OK)', async () => {
    front.config.ari = () => ({ status: 503 });
    const run = await status(['--nagios']);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stderr).toMatch(/ARI.*HTTP 503/);
  });
});
