/**
 * Broken keystores: check says why (exit 1, findings with codes), every other command refuses with
 * exit 3 and leaves the file byte for byte as it was (no backup, no lock left behind).
 */
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/tmp.js';
import { WITHOUT_FILE_PRIVILEGE, denyRead } from '../../helpers/tools.js';
import { casctl, readKeys, requirePeers } from './helpers.js';

requirePeers();
const dir = await tempDir('casctl-jwks-broken-');
let valid = '';

beforeAll(async () => {
  const file = join(dir, 'valid.jwks');
  expect((await casctl(['jwks', 'generate', '--file', file])).code).toBe(0);
  valid = await readFile(file, 'utf8');
});

const variants: [string, () => string, string, RegExp][] = [
  ['truncated file', () => valid.slice(0, Math.floor(valid.length / 2)), 'JWKS_TRUNCATED', /not complete JSON \(truncated\?\)/],
  ['not JSON', () => 'this is not a keystore\n', 'JWKS_NOT_JSON', /is not JSON/],
  ['"keys" missing', () => '{"kes":[]}', 'JWKS_NO_KEYS_MEMBER', /no "keys" member/],
  [
    'a key that does not parse',
    () => {
      const doc = JSON.parse(valid);
      doc.keys[1].n = 'not*base64';
      return JSON.stringify(doc);
    },
    'JWKS_KEY_INVALID',
    /keys\[1\] \(cas-[A-Za-z]{8}\) does not load: member "n" is not base64url/,
  ],
  [
    'state as a string',
    () => {
      const doc = JSON.parse(valid);
      doc.keys[0].state = '0';
      return JSON.stringify(doc);
    },
    'JWKS_STATE_STRING',
    /"state": "0", a string/,
  ],
  [
    'duplicate kids',
    () => {
      const doc = JSON.parse(valid);
      doc.keys[3].kid = doc.keys[2].kid;
      return JSON.stringify(doc);
    },
    'JWKS_DUPLICATE_KID',
    /has the same kid as keys\[2\]/,
  ],
];

describe.each(variants)('%s', (name, make, code, message) => {
  const file = join(dir, `${name.replace(/\W+/g, '-')}.jwks`);
  let content = '';
  beforeAll(async () => {
    content = make();
    await writeFile(file, content, { mode: 0o600 });
  });

  it(`check: exit 1, finding ${code}`, async () => {
    const human = await casctl(['jwks', 'check', '--file', file]);
    expect(human.code).toBe(1);
    expect(human.stdout).toMatch(message);
    expect(human.stdout).toContain(`error ${code}:`);
    expect(human.stdout).toMatch(/: \d+ errors?.*CAS cannot use this keystore/);
    const json = await casctl(['--json', 'jwks', 'check', '--file', file]);
    expect(json.code).toBe(1);
    const doc = JSON.parse(json.stdout);
    expect(doc).toMatchObject({ ok: false, error: { code: 'E_KEYSTORE_INVALID' } });
    expect(doc.findings.map((f: { code: string }) => f.code)).toContain(code);
    expect(doc.findings.every((f: { severity: string; code: string; message: string }) => f.severity && f.code && f.message)).toBe(true);
  });

  // rotate and revoke for every variant; show and export (same guard) for the first two only, to keep the suite fast.
  const verbs = variants.findIndex((v) => v[0] === name) < 2 ? ['rotate', 'revoke', 'show', 'export'] : ['rotate', 'revoke'];
  it.each(verbs.map((v) => [v]))('%s: exit 3 with the reason, file untouched', async (verb) => {
    const result = await casctl(['jwks', verb, '--file', file]);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/^error: keystore .* is invalid, refusing to/m);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toContain('hint: the file was not changed');
    expect(result.stdout).toBe('');
    expect(await readFile(file, 'utf8')).toBe(content);
    await expect(stat(`${file}.bak`)).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(stat(`${file}.lock`)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('rotate --json: the error document lists the blocking findings', async () => {
    const result = await casctl(['--json', 'jwks', 'rotate', '--revoke', '--file', file]);
    expect(result.code).toBe(3);
    const doc = JSON.parse(result.stdout);
    expect(doc.error.code).toBe('E_KEYSTORE_INVALID');
    expect(doc.error.findings.map((f: { code: string }) => f.code)).toContain(code);
    expect(await readFile(file, 'utf8')).toBe(content);
  });
});

describe('files casctl cannot read', () => {
  it('an unreadable keystore is exit 3 (E_FILE_PERMISSION) for rotate and check, and stays unchanged', async () => {
    const shared = join(dir, 'shared');
    await mkdir(shared);
    await chmod(shared, 0o777);
    const file = join(shared, 'root-only.jwks');
    await writeFile(file, valid, { mode: 0o600 });
    await denyRead(file); // the run without DAC override may take the lock, just not read the keystore
    for (const verb of ['rotate', 'check', 'show']) {
      const result = await casctl(['--json', 'jwks', verb, '--file', file], { prefix: WITHOUT_FILE_PRIVILEGE });
      expect(result.code, result.stderr).toBe(3);
      expect(JSON.parse(result.stdout).error.code).toBe('E_FILE_PERMISSION');
      expect(result.stderr).toContain(`permission denied for keystore ${file}`);
    }
    expect(await readFile(file, 'utf8')).toBe(valid);
  });

  it('check on a missing file is exit 3, not a verdict', async () => {
    const result = await casctl(['jwks', 'check', '--file', join(dir, 'nope.jwks')]);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('does not exist');
  });
});

describe('warnings and fixable errors', () => {
  it("CAS's own EC generator output (P-256 labelled ES512) in a 0644 file: warnings only, exit 0", async () => {
    const file = join(dir, 'cas-ec.jwks');
    expect((await casctl(['jwks', 'generate', '--file', file, '--type', 'EC'])).code).toBe(0);
    const doc = JSON.parse(await readFile(file, 'utf8'));
    for (const key of doc.keys) key.alg = 'ES512';
    await writeFile(file, JSON.stringify(doc));
    await chmod(file, 0o644);
    const result = await casctl(['--json', 'jwks', 'check', '--file', file]);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.ok).toBe(true);
    expect(report.error).toBeUndefined();
    expect(new Set(report.findings.map((f: { code: string }) => f.code))).toEqual(new Set(['JWKS_ALG_MISMATCH', 'JWKS_FILE_MODE']));
    expect(report.findings.every((f: { severity: string }) => f.severity === 'warning')).toBe(true);
    const human = await casctl(['jwks', 'check', '--file', file]);
    expect(human.stdout).toContain('warning JWKS_ALG_MISMATCH: keys[0]');
    expect(human.stdout).toContain('P-256 signs with ES256');
    expect(human.stdout).toContain('readable by group and others (mode 0644)');
    expect(human.stdout).toMatch(/: OK \(\d+ warnings\)/);
  });

  it('no current signing key: check says CAS cannot sign (exit 1); rotate is the fix and is allowed', async () => {
    const file = join(dir, 'only-future.jwks');
    const doc = JSON.parse(valid);
    doc.keys = doc.keys.slice(2); // the two future keys
    await writeFile(file, JSON.stringify(doc), { mode: 0o600 });
    const check = await casctl(['--json', 'jwks', 'check', '--file', file]);
    expect(check.code).toBe(1);
    expect(JSON.parse(check.stdout).findings.map((f: { code: string }) => f.code)).toEqual(['JWKS_NO_SIGNING_KEY']);
    const rotate = await casctl(['jwks', 'rotate', '--file', file]);
    expect(rotate.code, rotate.stderr).toBe(0);
    expect((await readKeys(file)).map((k) => k.state)).toEqual([0, 0, 1, 1]);
    expect(rotate.stderr).not.toContain('warning:');
    // A keystore with current keys only: the new signing key was never published, and casctl says so.
    const lone = join(dir, 'current-only.jwks');
    const single = JSON.parse(valid);
    single.keys = single.keys.slice(0, 2);
    await writeFile(lone, JSON.stringify(single), { mode: 0o600 });
    const fresh = await casctl(['jwks', 'rotate', '--file', lone]);
    expect(fresh.code, fresh.stderr).toBe(0);
    expect(fresh.stderr).toMatch(/warning: the keystore had no future key, so CAS now signs with cas-[A-Za-z]{8}, a key never published before/);
    expect((await readKeys(lone)).map((k) => [k.use, k.state])).toEqual([
      ['sig', 2],
      ['enc', 2],
      ['sig', 1],
      ['enc', 1],
      ['sig', 0],
      ['enc', 0],
    ]);
    expect((await casctl(['jwks', 'check', '--file', file])).code).toBe(0);
  });
});
