import { describe, expect, it } from 'vitest';
import { canonicalName, envName, parseCasConfig, parseProperties, resourceToPath } from '../../../src/config/cas-config.js';

describe('CAS configuration', () => {
  it('parses java.util.Properties syntax: separators, comments, continuations, escapes', () => {
    const entries = parseProperties(
      [
        '# comment',
        '! also a comment',
        'cas.server.prefix=https://cas.example.org/cas',
        'cas.acme.domains : a.example.org,\\',
        '    b.example.org',
        'key\\ with\\ space value with \\u00e9',
        'empty=',
      ].join('\n'),
    );
    expect(entries).toEqual([
      ['cas.server.prefix', 'https://cas.example.org/cas'],
      ['cas.acme.domains', 'a.example.org,b.example.org'],
      ['key with space', 'value with é'],
      ['empty', ''],
    ]);
  });

  it('matches names as Spring relaxed binding does', async () => {
    const config = await parseCasConfig('cas.acme.serverUrl=acme://letsencrypt.org\ncas.acme.key_size=4096\n', 'cas.properties');
    expect(config.get('cas.acme.server-url')).toBe('acme://letsencrypt.org');
    expect(config.getNumber('cas.acme.key-size')).toBe(4096);
    expect(canonicalName('cas.authn.oidc.jwks.file-system.jwksFile')).toBe('cas.authn.oidc.jwks.filesystem.jwksfile');
  });

  it('takes the first spelling that is set (newest first)', async () => {
    const config = await parseCasConfig('cas.authn.oidc.jwks.jwks-file=file:/old.jwks\n', 'cas.properties');
    expect(config.get('cas.authn.oidc.jwks.file-system.jwks-file', 'cas.authn.oidc.jwks.jwks-file')).toBe('file:/old.jwks');
    expect(config.which('cas.authn.oidc.jwks.file-system.jwks-file', 'cas.authn.oidc.jwks.jwks-file')).toBe('cas.authn.oidc.jwks.jwks-file');
  });

  it('reads YAML with nesting and lists, and indexed or comma-separated list properties', async () => {
    const yaml = await parseCasConfig(
      'cas:\n  acme:\n    domains:\n      - a.example.org\n      - b.example.org\n    terms-of-use-accepted: true\n',
      'application.yml',
    );
    expect(yaml.getList('cas.acme.domains')).toEqual(['a.example.org', 'b.example.org']);
    expect(yaml.getBoolean('cas.acme.termsOfUseAccepted')).toBe(true);
    const indexed = await parseCasConfig('cas.acme.domains[0]=x.org\ncas.acme.domains[1]=y.org\n', 'cas.properties');
    expect(indexed.getList('cas.acme.domains')).toEqual(['x.org', 'y.org']);
  });

  it('resolves ${…} placeholders from the file, then the environment, then the default', async () => {
    const config = await parseCasConfig(
      'base=/etc/cas\ncas.a=${base}/a\ncas.b=${CAS_HOME:/opt}/b\ncas.c=${MISSING:fallback}\n',
      'cas.properties',
      { CAS_HOME: '/srv/cas' },
    );
    expect(config.get('cas.a')).toBe('/etc/cas/a');
    expect(config.get('cas.b')).toBe('/srv/cas/b');
    expect(config.get('cas.c')).toBe('fallback');
  });

  it('reports broken YAML as an input error', async () => {
    await expect(parseCasConfig('cas:\n  a: [unclosed\n', 'application.yml')).rejects.toMatchObject({ code: 'E_CONFIG_INVALID' });
  });

  it('turns resources into paths, and refuses classpath: with an explanation', () => {
    expect(resourceToPath('file:/etc/cas/config/keystore.jwks', 's')).toBe('/etc/cas/config/keystore.jwks');
    expect(resourceToPath('/etc/cas/x', 's')).toBe('/etc/cas/x');
    expect(() => resourceToPath('classpath:keystore.jwks', 'cas.authn.oidc.jwks.file-system.jwks-file')).toThrow(
      /classpath resource lives inside the CAS web application/,
    );
  });

  it("spells environment variables in Spring Boot's relaxed form", () => {
    expect(envName('cas.authn.token.crypto.signing.key')).toBe('CAS_AUTHN_TOKEN_CRYPTO_SIGNING_KEY');
    expect(envName('cas.account-registration.core.crypto.signing.key')).toBe('CAS_ACCOUNTREGISTRATION_CORE_CRYPTO_SIGNING_KEY');
  });
});
