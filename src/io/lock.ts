/**
 * Exclusive locks for read-modify-write of shared files (a keystore several nodes rotate, an ACME
 * certificate directory). proper-lockfile keeps a `<file>.lock` directory whose mtime it refreshes;
 * a lock left by `kill -9` goes stale after `staleMs` and is taken over, so a crash never blocks
 * the next cron run for long. Waiters retry instead of failing.
 */
// fs.promises is read at the call: node:fs/promises loads only when a lock is taken, not with every importer.
import { promises as fsp } from 'node:fs';
import { dirname } from 'node:path';
import { fileError, inputError } from '../errors.js';

export interface LockOptions {
  /** how long to keep retrying while another run holds the lock (default 60 s) */
  waitMs?: number;
  /** a lock not refreshed for this long is considered abandoned (default 10 s, minimum 2 s) */
  staleMs?: number;
  /** role of the locked file in messages */
  what?: string;
  /** lock a file that does not exist yet (its directory must exist) */
  realpath?: boolean;
}

export async function withLock<T>(path: string, fn: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const { default: lockfile } = await import('proper-lockfile');
  const waitMs = options.waitMs ?? 60_000;
  const staleMs = Math.max(2_000, options.staleMs ?? 10_000);
  const what = options.what ?? 'file';
  const deadline = Date.now() + waitMs;
  let release: (() => Promise<void>) | undefined;
  await fsp.mkdir(dirname(path), { recursive: true, mode: 0o700 }).catch(() => {});
  for (let attempt = 0; ; attempt++) {
    try {
      release = await lockfile.lock(path, {
        stale: staleMs,
        realpath: options.realpath ?? false,
        lockfilePath: `${path}.lock`,
        onCompromised: () => {
          /* the critical sections here are short; a compromised lock is reported by release() */
        },
      });
      break;
    } catch (error) {
      if ((error as { code?: string }).code !== 'ELOCKED') throw fileError(error, `${path}.lock`, `lock for ${what}`);
      if (Date.now() >= deadline) {
        throw inputError('E_LOCKED', `${what} ${path} is locked by another casctl run`, {
          hint: `wait for it to finish; a lock left by a crashed run (${path}.lock) is taken over after ${Math.round(staleMs / 1000)} s`,
        });
      }
      // Jittered back-off so twenty waiters do not retry in lock-step.
      const delay = Math.min(50 * 2 ** Math.min(attempt, 4), 500) * (0.5 + Math.random());
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
  try {
    return await fn();
  } finally {
    await release().catch(() => {});
  }
}
