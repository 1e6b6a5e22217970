import { X509Certificate, generateKeyPairSync } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { integer, objectIdentifier, pem, selfSignedCertificate, time } from '../../../src/jwk/certificate.js';
import { openssl } from '../../helpers/tools.js';
import { tempDir } from '../../helpers/tmp.js';

const NOW = new Date('2026-01-02T03:04:05.678Z');

describe('DER pieces', () => {
  it('encodes INTEGERs, OIDs and times as X.690 says', () => {
    expect(integer(0n).toString('hex')).toBe('020100');
    expect(integer(127n).toString('hex')).toBe('02017f');
    expect(integer(128n).toString('hex')).toBe('02020080');
    expect(integer(1767323045678n).toString('hex')).toBe('0206019b7ca98f2e');
    expect(objectIdentifier('1.2.840.113549.1.1.11').toString('hex')).toBe('06092a864886f70d01010b');
    expect(objectIdentifier('2.5.4.3').toString('hex')).toBe('0603550403');
    expect(time(NOW).toString()).toContain('260102030405Z');
    expect(time(new Date('2050-01-01T00:00:00Z'))[0]).toBe(0x18);
  });
});

describe('selfSignedCertificate', () => {
  const cases = [
    ['rsa', { modulusLength: 1024 }, 'sha256WithRSAEncryption'],
    ['ec', { namedCurve: 'prime256v1' }, 'ecdsa-with-SHA256'],
    ['ec', { namedCurve: 'secp256k1' }, 'ecdsa-with-SHA256'],
    ['ec', { namedCurve: 'secp384r1' }, 'ecdsa-with-SHA256'],
    ['ec', { namedCurve: 'secp521r1' }, 'ecdsa-with-SHA256'],
  ] as const;

  it.each(cases)('%s %j: openssl reads it and verifies the self-signature', async (type, options, algorithm) => {
    const dir = await tempDir();
    const pair = generateKeyPairSync(type as 'ec', options as { namedCurve: string });
    const der = selfSignedCertificate({ ...pair, subject: 'sig 1=a/b', now: NOW });
    const file = join(dir, `${type}-${Object.values(options)[0]}.pem`);
    await writeFile(file, pem('CERTIFICATE', der));
    const text = (await openssl(['x509', '-in', file, '-noout', '-text'])).stdout;
    expect(text).toContain('Version: 3 (0x2)');
    expect(text).toContain(`Signature Algorithm: ${algorithm}`);
    expect(text).toContain('Subject: CN = "sig+1%3Da%2Fb"');
    expect(text).toContain('Issuer: CN = "sig+1%3Da%2Fb"');
    expect(text).toContain('Not Before: Jan  2 03:04:05 2026 GMT');
    expect(text).toContain('Not After : Oct 29 03:04:05 2026 GMT'); // + 300 days
    expect(text).toContain(`Serial Number: ${NOW.getTime()} (0x${NOW.getTime().toString(16)})`);
    expect(text).not.toContain('X509v3 extensions');
    const verified = await openssl(['verify', '-no_check_time', '-CAfile', file, file]);
    expect(verified.stdout.trim()).toBe(`${file}: OK`);
    const x509 = new X509Certificate(der);
    expect(x509.verify(pair.publicKey)).toBe(true);
    expect(x509.publicKey.export({ type: 'spki', format: 'der' })).toEqual(pair.publicKey.export({ type: 'spki', format: 'der' }));
  });

  it('wraps PEM at 64 characters', () => {
    const text = pem('CERTIFICATE', Buffer.alloc(100, 1));
    const lines = text.trim().split('\n');
    expect(lines[0]).toBe('-----BEGIN CERTIFICATE-----');
    expect(lines[1]).toHaveLength(64);
    expect(lines.at(-1)).toBe('-----END CERTIFICATE-----');
  });
});
