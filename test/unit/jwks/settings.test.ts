import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_KEYSTORE, keySpecFor, resolveTarget } from '../../../src/jwks/settings.js';
import { tempDir } from '../../helpers/tmp.js';

const dir = await tempDir('casctl-jwks-settings-');
async function config(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

describe('resolveTarget: where the keystore is', () => {
  it('--file wins; relative to the working directory', async () => {
    expect((await resolveTarget({ file: 'ks.jwks' }, {}, '/srv/x')).path).toBe('/srv/x/ks.jwks');
  });

  it('no flags: CAS default path', async () => {
    expect(await resolveTarget({}, {}, dir)).toEqual({ path: DEFAULT_KEYSTORE, source: 'default' });
  });

  it('new spelling with file: prefix, and key settings', async () => {
    const cfg = await config(
      'new.properties',
      'cas.authn.oidc.jwks.file-system.jwks-file=file:/etc/cas/x.jwks\ncas.authn.oidc.jwks.core.jwks-type=ec\ncas.authn.oidc.jwks.core.jwks-key-size=384\ncas.authn.oidc.jwks.core.jwks-key-id=sso\n',
    );
    expect(await resolveTarget({ casConfig: cfg }, {}, dir)).toMatchObject({
      path: '/etc/cas/x.jwks',
      source: 'cas.authn.oidc.jwks.file-system.jwks-file',
      configType: 'EC',
      configSize: 384,
      configKeyId: 'sso',
    });
  });

  it('older spelling (cas.authn.oidc.jwks.jwks-file, jwks-type…) in YAML', async () => {
    const cfg = await config('old.yml', 'cas:\n  authn:\n    oidc:\n      jwks:\n        jwksFile: file:/opt/k.jwks\n        jwks-type: RSA\n        jwks-key-size: 3072\n');
    expect(await resolveTarget({ casConfig: cfg }, {}, dir)).toMatchObject({ path: '/opt/k.jwks', source: 'cas.authn.oidc.jwks.jwks-file', configType: 'RSA', configSize: 3072 });
  });

  it('--file beats the setting, key settings still come from the config', async () => {
    const cfg = await config('both.properties', 'cas.authn.oidc.jwks.jwks-file=/a.jwks\ncas.authn.oidc.jwks.jwks-key-id=k\n');
    expect(await resolveTarget({ casConfig: cfg, file: '/b.jwks' }, {}, dir)).toMatchObject({ path: '/b.jwks', configKeyId: 'k' });
  });

  it('classpath: is exit 3 with an explanation', async () => {
    const cfg = await config('cp.properties', 'cas.authn.oidc.jwks.file-system.jwks-file=classpath:keystore.jwks\n');
    await expect(resolveTarget({ casConfig: cfg }, {}, dir)).rejects.toMatchObject({ category: 'input', code: 'E_CONFIG_CLASSPATH' });
  });

  it('a keystore inlined in the setting is exit 3', async () => {
    const cfg = await config('inline.properties', 'cas.authn.oidc.jwks.file-system.jwks-file={"keys":[]}\n');
    await expect(resolveTarget({ casConfig: cfg }, {}, dir)).rejects.toMatchObject({ category: 'input', code: 'E_CONFIG_NOT_A_FILE' });
  });

  it('a symlinked keystore resolves to the file it points at (the link survives rewrites)', async () => {
    await mkdir(join(dir, 'real'));
    await writeFile(join(dir, 'real', 'k.jwks'), '{}');
    await symlink(join(dir, 'real', 'k.jwks'), join(dir, 'link.jwks'));
    expect((await resolveTarget({ file: join(dir, 'link.jwks') }, {}, dir)).path).toBe(join(dir, 'real', 'k.jwks'));
  });
});

describe('keySpecFor: flags > CAS config > keystore > defaults', () => {
  const none = { path: '/x', source: 'default' };
  it('defaults: RSA 2048; EC alone: 256', () => {
    expect(keySpecFor({}, none)).toEqual({ type: 'RSA', size: 2048 });
    expect(keySpecFor({ type: 'ec' }, none)).toEqual({ type: 'EC', size: 256 });
  });
  it('the keystore decides when nothing else does', () => {
    expect(keySpecFor({}, none, { type: 'EC', size: 384 })).toEqual({ type: 'EC', size: 384 });
    expect(keySpecFor({ size: 4096 }, none, { type: 'RSA', size: 2048 })).toEqual({ type: 'RSA', size: 4096 });
  });
  it('a type flag ignores a size from weaker sources that does not fit', () => {
    expect(keySpecFor({ type: 'EC' }, { ...none, configSize: 2048 }, { type: 'RSA', size: 3072 })).toEqual({ type: 'EC', size: 256 });
    expect(keySpecFor({ type: 'RSA' }, none, { type: 'EC', size: 384 })).toEqual({ type: 'RSA', size: 2048 });
  });
  it('config beats the keystore', () => {
    expect(keySpecFor({}, { ...none, configType: 'EC', configSize: 521 }, { type: 'RSA', size: 2048 })).toEqual({ type: 'EC', size: 521 });
  });
  it('bad sizes: usage error from a flag (exit 2), input error from the config (exit 3)', () => {
    expect(() => keySpecFor({ type: 'EC', size: 300 }, none)).toThrow(expect.objectContaining({ category: 'usage', code: 'E_JWKS_KEY_SIZE' }));
    expect(() => keySpecFor({ size: 1024 }, none)).toThrow(expect.objectContaining({ category: 'usage', code: 'E_JWKS_KEY_SIZE' }));
    expect(() => keySpecFor({}, { ...none, configType: 'EC', configSize: 2048, sizeSetting: 'cas.authn.oidc.jwks.core.jwks-key-size' })).toThrow(
      expect.objectContaining({ category: 'input', message: expect.stringContaining('cas.authn.oidc.jwks.core.jwks-key-size 2048 is not an EC size') }),
    );
    expect(() => keySpecFor({ type: 'DSA' }, none)).toThrow(expect.objectContaining({ category: 'usage', code: 'E_JWKS_KEY_TYPE' }));
  });
});
