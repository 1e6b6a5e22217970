/**
 * The two forms casctl ships in: the npm install (bin/casctl running dist/casctl.cjs from V8's code cache)
 * and the single executable (CASCTL_BIN=dist/bin/casctl-linux-x64). Each block runs against the form under
 * test; the other one is reported as skipped.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { chmod, copyFile, mkdir, readdir, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { baseEnv, CASCTL_BIN, casctlCommand, runBin } from '../../helpers/run-casctl.js';
import { tempDir } from '../../helpers/tmp.js';

describe.skipIf(CASCTL_BIN)('npm form: the code cache in $XDG_CACHE_HOME/casctl', () => {
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

describe.runIf(CASCTL_BIN)('single executable (CASCTL_BIN)', () => {
  it('runs alone: copied into an empty directory, no Node.js on PATH, no HOME', async () => {
    const dir = await tempDir('casctl-sea-');
    const copy = join(dir, 'casctl');
    await copyFile(CASCTL_BIN!, copy);
    await chmod(copy, 0o755);
    const r = spawnSync(copy, ['--json', 'jwk-gen', '-t', 'EC', '-c', 'P-256'], { cwd: dir, env: { PATH: '/nonexistent' }, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ kty: 'EC', crv: 'P-256' });
    const version = spawnSync(copy, ['--version'], { cwd: dir, env: {}, encoding: 'utf8' });
    const pkg = JSON.parse(await readFile(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(version.stdout).toBe(`${pkg.version}\n`);
  });

  it('--help says which form this is', async () => {
    const r = await runBin(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/This is the single executable \(casctl-linux-x64, Node v\d+\.\d+\.\d+ built in\)/);
  });
});

describe('output to files and /dev/null (written without process.stdout/stderr streams)', () => {
  it('stdout and stderr redirected to files get exactly what a pipe gets; /dev/null is fine', async () => {
    const dir = await tempDir('casctl-out-');
    const [command, args] = casctlCommand(['--json', 'jwks', 'show', '--file', join(dir, 'missing.jwks')]);
    const piped = spawnSync(command, args, { encoding: 'utf8', env: baseEnv() as NodeJS.ProcessEnv });
    const out = openSync(join(dir, 'out'), 'w');
    const err = openSync(join(dir, 'err'), 'w');
    const toFiles = spawnSync(command, args, { stdio: ['ignore', out, err], env: baseEnv() as NodeJS.ProcessEnv });
    closeSync(out);
    closeSync(err);
    expect(piped.status).toBe(3);
    expect(toFiles.status).toBe(3);
    expect(await readFile(join(dir, 'out'), 'utf8')).toBe(piped.stdout);
    expect(await readFile(join(dir, 'err'), 'utf8')).toBe(piped.stderr);
    expect(JSON.parse(piped.stdout)).toMatchObject({ error: { code: 'E_FILE_NOT_FOUND' } });
    const [helpCommand, helpArgs] = casctlCommand(['--help']);
    const help = openSync(join(dir, 'help'), 'w');
    expect(spawnSync(helpCommand, helpArgs, { stdio: ['ignore', help, 'ignore'] }).status).toBe(0);
    closeSync(help);
    expect(await readFile(join(dir, 'help'), 'utf8')).toBe(spawnSync(helpCommand, helpArgs, { encoding: 'utf8' }).stdout);
    const [genCommand, genArgs] = casctlCommand(['jwk-gen', '-t', 'oct', '-s', '512']);
    expect(spawnSync(genCommand, genArgs, { stdio: 'ignore' }).status).toBe(0);
  });
});
