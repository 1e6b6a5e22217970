/**
 * The keystore under pressure: twenty rotations at once (no lost update), rotations killed with
 * SIGKILL at random moments (the file is always the old or the new keystore, never partial), and a
 * lock left by kill -9 that the next run takes over.
 */
import { spawn } from 'node:child_process';
import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { baseEnv, casctlCommand, REPO_ROOT } from '../../helpers/run-casctl.js';
import { tempDir } from '../../helpers/tmp.js';
import { casctl, countStates, jwcrypto, LOAD_ALL, readKeys, requirePeers } from './helpers.js';

requirePeers();
const dir = await tempDir('casctl-jwks-race-');

/** Starts `casctl args`; resolves with its exit code or signal. `killAfterMs` sends SIGKILL then. */
function start(args: string[], killAfterMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(...casctlCommand(args), { cwd: REPO_ROOT, env: baseEnv() as NodeJS.ProcessEnv, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ code, signal, stderr });
    });
  });
}

/** The keystore is complete, loads in jwcrypto, and has CAS's shape after k rotations. */
async function assertValidKeystore(file: string): Promise<number> {
  const text = await readFile(file, 'utf8');
  const keys = JSON.parse(text).keys as { kid: string; state: number }[];
  const states = countStates(keys as never);
  expect(states.current).toBe(2);
  expect(states.future).toBe(2);
  expect(states.previous % 2).toBe(0);
  expect(new Set(keys.map((k) => k.kid)).size).toBe(keys.length);
  const loaded = (await jwcrypto(LOAD_ALL, [file])).trim().split('\n');
  expect(loaded).toHaveLength(keys.length);
  const check = await casctl(['jwks', 'check', '--file', file]);
  expect(check.code, check.stdout).toBe(0);
  return states.previous / 2;
}

describe('concurrent and interrupted rotations', () => {
  it('twenty rotations started at once all take effect: 40 previous, 2 current, 2 future', async () => {
    const file = join(dir, 'twenty.jwks');
    expect((await casctl(['jwks', 'generate', '--file', file])).code).toBe(0);
    const runs = await Promise.all(Array.from({ length: 20 }, () => start(['jwks', 'rotate', '--file', file])));
    for (const run of runs) expect(run.code, run.stderr).toBe(0);
    const keys = await readKeys(file);
    expect(countStates(keys)).toEqual({ previous: 40, current: 2, future: 2 });
    expect(await assertValidKeystore(file)).toBe(20);
    // Each run backed up the keystore it replaced: the backup is the state after 19 rotations.
    expect(countStates(await readKeys(`${file}.bak`))).toEqual({ previous: 38, current: 2, future: 2 });
    await expect(stat(`${file}.lock`)).rejects.toMatchObject({ code: 'ENOENT' });
  }, 240_000);

  it('rotations killed with SIGKILL at random moments always leave a valid keystore', async () => {
    const file = join(dir, 'killed.jwks');
    expect((await casctl(['jwks', 'generate', '--file', file])).code).toBe(0);
    let rotations = 0;
    let killed = 0;
    for (let round = 0; round < 6; round++) {
      // Three runs per round, each killed somewhere between start-up, lock wait, key generation and the write.
      const runs = await Promise.all(Array.from({ length: 3 }, () => start(['jwks', 'rotate', '--file', file], 150 + Math.floor(Math.random() * 900))));
      killed += runs.filter((r) => r.signal === 'SIGKILL').length;
      for (const run of runs) if (run.signal === null) expect(run.code, run.stderr).toBe(0);
      const done = await assertValidKeystore(file);
      expect(done).toBeGreaterThanOrEqual(rotations);
      rotations = done;
      // A run killed while holding the lock leaves <file>.lock: the next test shows it is taken over after
      // it goes stale; here it is cleared so each round starts at once.
      await import('node:fs/promises').then((fs) => fs.rm(`${file}.lock`, { recursive: true, force: true }));
    }
    expect(killed).toBeGreaterThan(0);
    // Nothing partial ever replaced the keystore: only the keystore, its backup and temp files of killed writers.
    const litter = (await readdir(dir)).filter((name) => name.startsWith('.killed.jwks.'));
    expect(litter.every((name) => /^\.killed\.jwks(\.bak)?\.\d+\.[0-9a-f]{12}\.tmp$/.test(name))).toBe(true);
  }, 120_000);

  it('a lock left by kill -9 does not block the next run for long: it is taken over once stale', async () => {
    const file = join(dir, 'stale.jwks');
    expect((await casctl(['jwks', 'generate', '--file', file])).code).toBe(0);
    const before = await readFile(file, 'utf8');
    // A process takes the keystore lock exactly as casctl's src/io/lock.ts does (proper-lockfile, lock
    // directory `<file>.lock`), then is killed -9 while holding it: what a casctl killed mid-rotation leaves.
    const holder = spawn(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const { default: lockfile } = await import('proper-lockfile');
         await lockfile.lock(process.argv[1], { lockfilePath: process.argv[1] + '.lock', realpath: false, stale: 10000 });
         console.log('locked');
         // a timer keeps it alive until the kill (proper-lockfile's own timer is unref'd: with nothing else the
         // process would end here and release the lock through its exit handler, racing the SIGKILL)
         setInterval(() => {}, 60_000);`,
        file,
      ],
      { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve, reject) => {
      holder.stdout.once('data', () => resolve());
      holder.once('close', (code) => reject(new Error(`the lock holder exited (${code}) before taking the lock`)));
    });
    holder.kill('SIGKILL');
    await new Promise((resolve) => holder.once('close', resolve));
    expect((await stat(`${file}.lock`)).isDirectory()).toBe(true);
    expect(await readFile(file, 'utf8')).toBe(before);
    const next = await casctl(['jwks', 'rotate', '--file', file], { timeoutMs: 60_000 });
    expect(next.code, next.stderr).toBe(0);
    expect(countStates(await readKeys(file))).toEqual({ previous: 2, current: 2, future: 2 });
    await expect(stat(`${file}.lock`)).rejects.toMatchObject({ code: 'ENOENT' });
  }, 90_000);
});
