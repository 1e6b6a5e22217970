/**
 * RFC 9773 pieces: the CertID (against the RFC's own example and openssl's view), reading answers,
 * Retry-After clamping, the renewal time inside the window and the decision.
 */
import { X509Certificate } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ariCertId,
  ariDecision,
  clampRetryAfter,
  errorBackoffSeconds,
  parseRenewalInfo,
  renewalTime,
  type RenewalWindow,
} from '../../../src/acme/ari.js';
import { shortLivedWarning } from '../../../src/acme/issue.js';
import { tempDir } from '../../helpers/tmp.js';
import { openssl } from '../../helpers/tools.js';

const DAY = 86_400_000;

/** A CA whose subjectKeyIdentifier is `ski` (hex), and a leaf it signs with `serial`, made by openssl. */
const root = await tempDir('casctl-ari-unit-');
let made = 0;

async function leafWith(ski: string | undefined, serial: string): Promise<{ pem: string; file: string }> {
  const dir = join(root, String(made++));
  await mkdir(dir);
  const caKey = join(dir, 'ca.key');
  const ca = join(dir, 'ca.pem');
  const key = join(dir, 'leaf.key');
  const csr = join(dir, 'leaf.csr');
  const file = join(dir, 'leaf.pem');
  const ext = join(dir, 'leaf.ext');
  await openssl([
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', caKey, '-out', ca, '-days', '2', '-subj', '/CN=ARI test CA',
    ...(ski ? ['-addext', `subjectKeyIdentifier=${ski}`] : ['-addext', 'subjectKeyIdentifier=none', '-addext', 'authorityKeyIdentifier=none']),
  ]);
  await openssl(['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', key, '-out', csr, '-subj', '/CN=cas.example.org']);
  await writeFile(ext, ski ? 'authorityKeyIdentifier=keyid:always\nsubjectAltName=DNS:cas.example.org\n' : 'subjectAltName=DNS:cas.example.org\nauthorityKeyIdentifier=none\nsubjectKeyIdentifier=none\n');
  await openssl(['x509', '-req', '-in', csr, '-CA', ca, '-CAkey', caKey, '-set_serial', serial, '-out', file, '-days', '1', '-extfile', ext]);
  return { pem: await readFile(file, 'utf8'), file };
}

/** RFC 9773 §4.1 from openssl's text output: keyid bytes, serial with a sign byte when the high bit is set. */
async function opensslCertId(file: string): Promise<string> {
  const text = (await openssl(['x509', '-in', file, '-noout', '-ext', 'authorityKeyIdentifier', '-serial'])).stdout;
  const keyid = /Authority Key Identifier:\s*\n\s*(?:keyid:)?([0-9A-F:]+)/i.exec(text)![1]!;
  let hex = /serial=([0-9A-F]+)/i.exec(text)![1]!;
  if (hex.length % 2) hex = `0${hex}`;
  let serial = Buffer.from(hex, 'hex');
  if (serial[0]! >= 0x80) serial = Buffer.concat([Buffer.from([0]), serial]);
  return `${Buffer.from(keyid.replace(/:/g, ''), 'hex').toString('base64url')}.${serial.toString('base64url')}`;
}

describe('ariCertId (RFC 9773 §4.1)', () => {
  const RFC_AKI = '69:88:5B:6B:87:46:40:41:E1:B3:7B:84:7B:A0:AE:2C:DE:01:C8:D4';

  it("the RFC's example: AKI 69:88:5B:…:C8:D4 and serial 0x87654321 → aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdlQyE", async () => {
    const { pem, file } = await leafWith(RFC_AKI, '0x87654321');
    const cert = new X509Certificate(pem);
    // Node drops the sign byte; the CertID must not.
    expect(cert.serialNumber).toBe('87654321');
    expect(ariCertId(cert)).toBe('aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdlQyE');
    expect(await opensslCertId(file)).toBe('aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdlQyE');
  });

  for (const serial of ['0x0abc', '0x01', '0x7f', '0x80', '0xff00', '0x00ff', '0x7fffffffffffffff', '0x8000000000000000', '0x1234567890abcdef1234567890abcdef12']) {
    it(`serial ${serial}: minimal DER content bytes, the same as openssl's view`, async () => {
      const { pem, file } = await leafWith(RFC_AKI, serial);
      expect(ariCertId(new X509Certificate(pem))).toBe(await opensslCertId(file));
    });
  }

  it('a certificate without an Authority Key Identifier has no CertID (ARI cannot be asked about it)', async () => {
    const { pem, file } = await leafWith(undefined, '0x1234');
    expect((await openssl(['x509', '-in', file, '-noout', '-text'])).stdout).not.toContain('Authority Key Identifier');
    expect(ariCertId(new X509Certificate(pem))).toBeUndefined();
  });

  it('garbage DER throws (the caller treats it as no CertID)', () => {
    expect(() => ariCertId(Buffer.from([0x30, 0x82, 0xff]))).toThrow();
  });
});

describe('parseRenewalInfo (§4.2)', () => {
  it('reads the window and the explanation URL', () => {
    const info = parseRenewalInfo(
      JSON.stringify({ suggestedWindow: { start: '2026-01-02T04:00:00Z', end: '2026-01-03T04:00:00+00:00' }, explanationURL: 'https://ca.example/why' }),
    );
    expect(info).toEqual({ window: { start: new Date('2026-01-02T04:00:00Z'), end: new Date('2026-01-03T04:00:00Z') }, explanationURL: 'https://ca.example/why' });
  });
  it.each([
    ['not JSON', '<html>', /not JSON/],
    ['no window', '{}', /no suggestedWindow/],
    ['not RFC 3339', JSON.stringify({ suggestedWindow: { start: 'tomorrow', end: '2026-01-03T04:00:00Z' } }), /RFC 3339/],
    ['end before start', JSON.stringify({ suggestedWindow: { start: '2026-01-03T04:00:00Z', end: '2026-01-02T04:00:00Z' } }), /ends before it starts/],
    ['end equals start', JSON.stringify({ suggestedWindow: { start: '2026-01-03T04:00:00Z', end: '2026-01-03T04:00:00Z' } }), /ends before it starts/],
  ])('%s: a reason, never a window', (_label, body, reason) => {
    expect(parseRenewalInfo(body)).toMatch(reason);
  });
});

describe('clampRetryAfter (§4.3)', () => {
  const now = new Date('2026-06-01T00:00:00Z');
  it.each([
    ['21600', 21600, false],
    ['30', 60, true],
    ['0', 60, true],
    ['604800', 86400, true],
    ['60', 60, false],
    ['86400', 86400, false],
  ])('Retry-After %s → %i s', (value, seconds, clamped) => {
    expect(clampRetryAfter(value, now)).toMatchObject({ seconds, clamped });
  });
  it('an HTTP date is a delay from now', () => {
    expect(clampRetryAfter('Mon, 01 Jun 2026 02:00:00 GMT', now).seconds).toBe(7200);
  });
  it('missing or unreadable → 6 hours (§4.3.3)', () => {
    expect(clampRetryAfter(undefined, now).seconds).toBe(21600);
    expect(clampRetryAfter('soon', now).seconds).toBe(21600);
  });
  it('errors: temporary back off 1, 4, 16, 64 min… up to 6 h; long-term wait 6 h', () => {
    expect([1, 2, 3, 4, 5, 6, 9].map((n) => errorBackoffSeconds('temporary', n))).toEqual([60, 240, 960, 3840, 15360, 21600, 21600]);
    expect(errorBackoffSeconds('long-term', 1)).toBe(21600);
  });
});

describe('renewalTime: a deterministic uniform point inside the window', () => {
  const window: RenewalWindow = { start: new Date('2026-03-01T00:00:00Z'), end: new Date('2026-03-03T00:00:00Z') };

  it('is inside the window and the same on every run', () => {
    const a = renewalTime('aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdlQyE', window, 'cas1');
    expect(a.getTime()).toBeGreaterThanOrEqual(window.start.getTime());
    expect(a.getTime()).toBeLessThan(window.end.getTime());
    expect(renewalTime('aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdlQyE', window, 'cas1')).toEqual(a);
  });

  it('changes with the window (a moved window draws again)', () => {
    const moved = { start: new Date('2026-03-02T00:00:00Z'), end: new Date('2026-03-04T00:00:00Z') };
    const id = 'aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdlQyE';
    expect(renewalTime(id, moved, 'cas1').getTime() - moved.start.getTime()).not.toBe(renewalTime(id, window, 'cas1').getTime() - window.start.getTime());
  });

  it('spreads a fleet uniformly: 2000 hosts sharing one certificate fill every tenth of the window', () => {
    const span = window.end.getTime() - window.start.getTime();
    const buckets = new Array(10).fill(0);
    let sum = 0;
    for (let i = 0; i < 2000; i++) {
      const f = (renewalTime('aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdlQyE', window, `cas-node-${i}`).getTime() - window.start.getTime()) / span;
      buckets[Math.floor(f * 10)]++;
      sum += f;
    }
    // Each tenth expects 200 (σ ≈ 13.4): 140..260 is more than 4 σ.
    for (const count of buckets) expect(count).toBeGreaterThan(140), expect(count).toBeLessThan(260);
    expect(sum / 2000).toBeGreaterThan(0.46);
    expect(sum / 2000).toBeLessThan(0.54);
  });
});

describe('ariDecision (§4.2 steps 3–5)', () => {
  const now = new Date('2026-03-02T00:00:00Z');
  const window = { start: new Date('2026-03-01T00:00:00Z'), end: new Date('2026-03-05T00:00:00Z') };
  it('the chosen time has passed: due', () => {
    expect(ariDecision(window, new Date('2026-03-01T12:00:00Z'), now).due).toBe(true);
  });
  it('the window has ended (a CA revoking early moves it into the past): due', () => {
    const past = { start: new Date('2026-02-01T00:00:00Z'), end: new Date('2026-02-02T00:00:00Z') };
    expect(ariDecision(past, new Date('2026-02-01T12:00:00Z'), now)).toMatchObject({ due: true, reason: 'the renewal window has ended' });
  });
  it('the chosen time comes before the next run (runs a day apart): due now', () => {
    expect(ariDecision(window, new Date('2026-03-02T20:00:00Z'), now, DAY)).toMatchObject({ due: true });
    expect(ariDecision(window, new Date('2026-03-02T20:00:00Z'), now, 4 * 3600_000).due).toBe(false);
  });
  it('otherwise not due, naming the renewal time', () => {
    expect(ariDecision(window, new Date('2026-03-04T00:00:00Z'), now)).toMatchObject({ due: false, reason: expect.stringContaining('2026-03-04T00:00:00.000Z') });
  });
});

describe('shortLivedWarning', () => {
  const sixDays = { notBefore: new Date('2026-03-01T00:00:00Z'), notAfter: new Date('2026-03-07T00:00:00Z') };
  it('a 6-day certificate and runs a day apart: fine; 3 or more days apart: a warning', () => {
    expect(shortLivedWarning(sixDays, DAY)).toBeUndefined();
    expect(shortLivedWarning(sixDays, 2.9 * DAY)).toBeUndefined();
    expect(shortLivedWarning(sixDays, 3 * DAY + 1)).toMatch(/lives 6 days but the previous run for it was 3 days ago/);
  });
  it('no previous run known: no warning', () => {
    expect(shortLivedWarning(sixDays, undefined)).toBeUndefined();
  });
});
