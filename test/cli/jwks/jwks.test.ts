/** Parsing, usage errors and output contracts of the jwks commands, in-process. */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../../helpers/run-casctl.js';
import { tempDir } from '../../helpers/tmp.js';

const dir = await tempDir('casctl-jwks-cli-');

describe('jwks usage errors (exit 2)', () => {
  it.each([
    [['jwks', 'generate', '--file', 'x.jwks', '--type', 'DSA'], 'E_JWKS_KEY_TYPE', '--type DSA is not a key type CAS generates: use RSA or EC'],
    [['jwks', 'generate', '--file', 'x.jwks', '--type', 'EC', '--size', '300'], 'E_JWKS_KEY_SIZE', '--size 300 is not an EC size'],
    [['jwks', 'generate', '--file', 'x.jwks', '--size', '1024'], 'E_JWKS_KEY_SIZE', '--size 1024 is not a usable RSA size'],
    [['jwks', 'generate', '--file', 'x.jwks', '--size', 'big'], 'E_USAGE', "--size takes a whole number of bits, got 'big'"],
    [['jwks', 'export', '--file', 'x.jwks', '--state', 'old'], 'E_USAGE', "option '--state <state>' argument 'old' is invalid"],
    [['jwks', 'import', '--file', 'x.jwks'], 'E_USAGE', "required option '--pem <file>' not specified"],
    [['jwks', 'rotate', '--bogus'], 'E_USAGE', "unknown option '--bogus'"],
  ])('%j → %s', async (args, code, message) => {
    const result = await runInProcess(['--json', ...args], { cwd: dir });
    expect(result.code).toBe(2);
    const doc = JSON.parse(result.stdout);
    expect(doc.error.code).toBe(code);
    expect(doc.error.message).toContain(message);
    expect(result.stderr).toContain(message);
    await expect(stat(join(dir, 'x.jwks'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('jwks help', () => {
  it.each([['generate'], ['rotate'], ['revoke'], ['show'], ['export'], ['check'], ['import']])('%s --help has examples', async (verb) => {
    const result = await runInProcess(['jwks', verb, '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Examples:');
    expect(result.stdout).toContain(`$ casctl`);
    expect(result.stdout).toContain('--file <path>');
    expect(result.stdout).toContain('--cas-config <file>');
  });

  it('list is an alias of show', async () => {
    const result = await runInProcess(['jwks', '--help']);
    expect(result.stdout).toMatch(/show\|list/);
  });
});

describe('jwks output contracts', () => {
  it('generate --dry-run --json: the keys that would be written, nothing on disk', async () => {
    const file = join(dir, 'dry.jwks');
    const result = await runInProcess(['--json', 'jwks', 'generate', '--file', file, '--type', 'ec', '--size', '521', '--dry-run']);
    expect(result.code, result.stderr).toBe(0);
    const doc = JSON.parse(result.stdout);
    expect(doc).toMatchObject({ file, dryRun: true, written: false, type: 'EC', size: 521 });
    expect(doc.keys.map((k: { use: string; state: string; crv: string; alg?: string }) => [k.use, k.state, k.crv, k.alg ?? null])).toEqual([
      ['sig', 'current', 'P-521', 'ES512'],
      ['enc', 'current', 'P-521', null],
      ['sig', 'future', 'P-521', 'ES512'],
      ['enc', 'future', 'P-521', null],
    ]);
    expect(doc.signingKid).toBe(doc.keys[0].kid);
    await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('generate then rotate --json in-process: one JSON document each, nothing else on stdout; -q silences stderr', async () => {
    const file = join(dir, 'inproc.jwks');
    const gen = await runInProcess(['--json', '-q', 'jwks', 'generate', '--file', file, '--type', 'EC']);
    expect(gen.code, gen.stderr).toBe(0);
    expect(gen.stderr).toBe('');
    expect(JSON.parse(gen.stdout)).toMatchObject({ written: true, created: true });
    const rot = await runInProcess(['--json', 'jwks', 'rotate', '--file', file]);
    const doc = JSON.parse(rot.stdout);
    expect(doc).toMatchObject({ action: 'rotate', written: true, backup: `${file}.bak` });
    expect(doc.changes.map((c: { kind: string }) => c.kind)).toEqual(['state', 'state', 'state', 'state', 'added', 'added']);
    const quiet = await runInProcess(['-q', 'jwks', 'rotate', '--file', file]);
    expect(quiet.code).toBe(0);
    expect(quiet.stdout + quiet.stderr).toBe('');
    expect(JSON.parse(await readFile(file, 'utf8')).keys).toHaveLength(8);
  });

  it('export: the JWKS document itself, under --json too', async () => {
    const file = join(dir, 'inproc.jwks');
    const plain = await runInProcess(['jwks', 'export', '--file', file, '--state', 'future']);
    const json = await runInProcess(['--json', 'jwks', 'export', '--file', file, '--state', 'future']);
    expect(JSON.parse(plain.stdout)).toEqual(JSON.parse(json.stdout));
    expect(JSON.parse(plain.stdout).keys).toHaveLength(2);
    expect(plain.stdout).not.toMatch(/"d"/);
  });
});
