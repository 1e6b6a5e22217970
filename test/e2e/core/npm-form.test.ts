/**
 * The npm install's form: bin/casctl running dist/casctl.cjs from V8's code cache. Not run by
 * `npm run test:bin` (vitest.config.ts), which runs the single executable's own file instead.
 */
import { chmod, mkdir, readdir, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { runBin } from '../../helpers/run-casctl.js';
import { tempDir } from '../../helpers/tmp.js';

describe('npm form: the code cache in $XDG_CACHE_HOME/casctl', () => {
  let cacheHome: string;
  const cacheDir = () => join(cacheHome, 'casctl');
  const jwkGen = () => runBin(['--json', 'jwk-gen', '-t', 'oct', '-s', '256'], { env: { XDG_CACHE_HOME: cacheHome } });
  const cacheFiles = async () => (await readdir(cacheDir())).filter((name) => name.endsWith('.v8cache'));
  const valid = (r: { code: number | null; stdout: string; stderr: string }) => {
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ kty: 'oct' });
  };

  beforeEach(async () => {
    cacheHome = await tempDir('casctl-cache-');
  });

  it('the first run writes it (0700 directory, 0600 file, named by version, bundle hash, Node and family); later runs keep it', async () => {
    valid(await jwkGen());
    expect((await stat(cacheDir())).mode & 0o777).toBe(0o700);
    const [name] = await cacheFiles();
    const info = JSON.parse(await readFile(new URL('../../../dist/casctl.json', import.meta.url), 'utf8')) as { version: string; hash: string };
    expect(name).toBe(`${info.version}-${info.hash}-node${process.version}-${process.arch}-jwk-gen.v8cache`);
    const file = join(cacheDir(), name!);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const written = await stat(file);
    valid(await jwkGen());
    // accepted by V8, so not rewritten
    expect((await stat(file)).mtimeMs).toBe(written.mtimeMs);
    expect(await cacheFiles()).toEqual([name]);
  });

  it('a corrupt cache, or one others may write, is ignored and replaced; the command is unaffected', async () => {
    valid(await jwkGen());
    const file = join(cacheDir(), (await cacheFiles())[0]!);
    await writeFile(file, 'not a V8 code cache');
    valid(await jwkGen());
    expect((await readFile(file)).toString()).not.toBe('not a V8 code cache');
    await chmod(file, 0o666);
    valid(await jwkGen());
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it("writing a cache removes other builds' caches written over a week ago, and keeps recent ones", async () => {
    await mkdir(cacheDir(), { recursive: true, mode: 0o700 });
    const old = join(cacheDir(), '0.0.1-0123456789abcdef-nodev20.0.0-x64-jwk-gen.v8cache');
    const recent = join(cacheDir(), '0.0.2-0123456789abcdef-nodev20.0.0-x64-jwk-gen.v8cache');
    const unrelated = join(cacheDir(), 'notes.txt');
    for (const file of [old, recent, unrelated]) await writeFile(file, 'x', { mode: 0o600 });
    const eightDaysAgo = new Date(Date.now() - 8 * 24 * 3600 * 1000);
    await utimes(old, eightDaysAgo, eightDaysAgo);
    await utimes(unrelated, eightDaysAgo, eightDaysAgo);
    valid(await jwkGen());
    const names = await readdir(cacheDir());
    expect(names).not.toContain('0.0.1-0123456789abcdef-nodev20.0.0-x64-jwk-gen.v8cache');
    expect(names).toEqual(expect.arrayContaining(['0.0.2-0123456789abcdef-nodev20.0.0-x64-jwk-gen.v8cache', 'notes.txt']));
    expect(names.filter((n) => n.endsWith('.v8cache'))).toHaveLength(2);
  });

  it('a cache directory that cannot be made is no error; CASCTL_CODE_CACHE=0 writes nothing', async () => {
    const blocked = join(cacheHome, 'file');
    await writeFile(blocked, '');
    valid(await runBin(['--json', 'jwk-gen', '-t', 'oct', '-s', '256'], { env: { XDG_CACHE_HOME: blocked } }));
    valid(await runBin(['--json', 'jwk-gen', '-t', 'oct', '-s', '256'], { env: { XDG_CACHE_HOME: cacheHome, CASCTL_CODE_CACHE: '0' } }));
    expect(await readdir(cacheHome)).toEqual(['file']);
  });

  it('--help does not talk about a single executable', async () => {
    const r = await runBin(['--help']);
    expect(r.stdout).not.toMatch(/single executable/);
  });
});
