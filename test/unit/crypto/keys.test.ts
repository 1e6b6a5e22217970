import { describe, expect, it } from 'vitest';
import { parseCasConfig } from '../../../src/config/cas-config.js';
import { FEATURES, findFeature } from '../../../src/crypto/features.js';
import { generateFeatureKeys, randomKey, renderKeys } from '../../../src/crypto/keys.js';

describe('generated keys', () => {
  it('a 512-bit key is the 86-character base64url of 64 random bytes; 256 → 43', () => {
    const k512 = randomKey(64);
    expect(k512).toMatch(/^[A-Za-z0-9_-]{86}$/);
    expect(Buffer.from(k512, 'base64url')).toHaveLength(64);
    expect(Buffer.from(k512, 'base64url').toString('base64url')).toBe(k512);
    expect(randomKey(32)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(new Set(Array.from({ length: 50 }, () => randomKey(64))).size).toBe(50);
  });

  it('sizes per feature and enc', () => {
    const token = generateFeatureKeys({ feature: 'token' });
    expect(token.settings.map((s) => [s.name, s.value.length])).toEqual([
      ['cas.authn.token.crypto.signing.key', 86],
      ['cas.authn.token.crypto.encryption.key', 86],
    ]);
    const old = generateFeatureKeys({ feature: 'token', enc: 'A128CBC-HS256', strategy: 'SIGN_AND_ENCRYPT' });
    expect(old.settings.map((s) => [s.name, s.value.length])).toEqual([
      ['cas.authn.token.crypto.signing.key', 86],
      ['cas.authn.token.crypto.encryption.key', 43],
      ['cas.authn.token.crypto.alg', 'A128CBC-HS256'.length],
      ['cas.authn.token.crypto.strategy-type', 'SIGN_AND_ENCRYPT'.length],
    ]);
    const tgc = generateFeatureKeys({ feature: 'tgc' });
    expect(tgc).toMatchObject({ encryptionBits: 256, enc: 'A128CBC-HS256' });
    const webflow = generateFeatureKeys({ feature: 'webflow' });
    expect(webflow.settings[1]!.value).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(webflow.encryptionBits).toBe(128);
  });

  it('env names in Spring Boot relaxed form', () => {
    const keys = generateFeatureKeys({ feature: 'account-registration', enc: 'A128CBC-HS256' });
    expect(keys.settings.map((s) => s.env)).toEqual([
      'CAS_ACCOUNTREGISTRATION_CORE_CRYPTO_SIGNING_KEY',
      'CAS_ACCOUNTREGISTRATION_CORE_CRYPTO_ENCRYPTION_KEY',
      'CAS_ACCOUNTREGISTRATION_CORE_CRYPTO_ALG',
    ]);
    expect(generateFeatureKeys({ feature: 'pac4j-session-replication' }).settings[0]!.env).toBe('CAS_AUTHN_PAC4J_CORE_SESSIONREPLICATION_COOKIE_CRYPTO_SIGNING_KEY');
  });

  it('each format reads back to the same settings through CAS-style parsing', async () => {
    for (const feature of FEATURES) {
      const keys = generateFeatureKeys({ feature: feature.name });
      const expected = Object.fromEntries(keys.settings.map((s) => [s.name, s.value]));
      for (const format of ['properties', 'yaml'] as const) {
        const cfg = await parseCasConfig(await renderKeys(keys, format), format === 'yaml' ? 'a.yml' : 'a.properties');
        for (const [name, value] of Object.entries(expected)) expect(cfg.get(name)).toBe(value);
      }
      const envText = await renderKeys(keys, 'env');
      for (const s of keys.settings) expect(envText).toContain(`\n${s.env}=${s.value}`);
    }
  });

  it('features are found by name or prefix; the seeds\' features are there', () => {
    expect(findFeature('token')?.prefix).toBe('cas.authn.token.crypto');
    expect(findFeature('cas.account-registration.core')?.name).toBe('account-registration');
    expect(findFeature('cas.tgc.crypto')?.name).toBe('tgc');
    expect(findFeature('nope')).toBeUndefined();
    expect(() => generateFeatureKeys({ feature: 'nope' })).toThrow(/unknown feature 'nope'/);
  });
});
