import { describe, expect, it } from 'vitest';
import { createCsr } from '../../../src/acme/csr.js';
import { generateKey } from '../../../src/acme/keys.js';
import { openssl } from '../../helpers/tools.js';

describe('createCsr (PKCS#10 with node:crypto)', () => {
  for (const [label, spec, alg] of [
    ['RSA 2048', { type: 'rsa', rsaBits: 2048, curve: 'P-256' }, 'sha256WithRSAEncryption'],
    ['EC P-256', { type: 'ec', rsaBits: 2048, curve: 'P-256' }, 'ecdsa-with-SHA256'],
    ['EC P-384', { type: 'ec', rsaBits: 2048, curve: 'P-384' }, 'ecdsa-with-SHA384'],
  ] as const) {
    it(`${label}: openssl verifies the signature and reads CN and every SAN`, async () => {
      const key = await generateKey(spec);
      const names = ['cas.example.org', 'login.example.org', ...Array.from({ length: 40 }, (_, i) => `n${i}.example.org`)];
      const { pem } = createCsr(names, key.key);
      const out = await openssl(['req', '-noout', '-text', '-verify'], pem);
      expect(out.stderr + out.stdout).toContain('verify OK');
      expect(out.stdout).toContain('Subject: CN = cas.example.org');
      expect(out.stdout).toContain(`Signature Algorithm: ${alg}`);
      for (const name of names) expect(out.stdout).toContain(`DNS:${name}`);
      const pub = await openssl(['req', '-noout', '-pubkey'], pem);
      const mine = await openssl(['pkey', '-pubout'], key.pkcs8);
      expect(pub.stdout).toBe(mine.stdout);
    });
  }
});
