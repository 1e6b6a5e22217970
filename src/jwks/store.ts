/**
 * Reading and changing the keystore file safely. Every change is one read-modify-write under an
 * exclusive lock (`<file>.lock`, taken over when a crashed run left it), the old content kept as
 * `<file>.bak` (0600), the new content written by one atomic replace. A file that does not parse as a
 * keystore is never written.
 */
// fs.promises is read at each call: showing a keystore (a synchronous read, src/io/files.ts) never loads it.
import { existsSync, promises as fsp } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { errnoCode, fileError, inputError } from '../errors.js';
import { readTextFile, writeFileAtomic } from '../io/files.js';
import { withLock } from '../io/lock.js';
import { blockingFindings, parseKeystore, serializeKeystore, type Jwk, type ParsedKeystore } from './keystore.js';

/**
 * How long a run waits for another to finish before giving up (E_LOCKED). Generous: a cluster's cron
 * runs may pile up behind a slow NFS write, and waiting is always better than a skipped rotation.
 */
export const LOCK_WAIT_MS = 180_000;

export interface LoadedKeystore {
  path: string;
  text: string;
  parsed: ParsedKeystore;
}

/** Reads a keystore; a missing or unreadable file is exit 3 (E_FILE_NOT_FOUND, E_FILE_PERMISSION). */
export async function readKeystore(path: string): Promise<LoadedKeystore> {
  try {
    const text = await readTextFile(path, 'keystore');
    return { path, text, parsed: parseKeystore(text) };
  } catch (error) {
    if (errnoCode((error as { cause?: unknown }).cause) === 'ENOENT' || (error as { code?: string }).code === 'E_FILE_NOT_FOUND') {
      throw inputError('E_FILE_NOT_FOUND', `keystore ${path} does not exist`, {
        hint: 'create it with casctl jwks generate, or point --file / --cas-config at the keystore CAS uses',
      });
    }
    throw error;
  }
}

/** Throws E_KEYSTORE_INVALID (exit 3) when the keystore cannot be processed as CAS would. */
export function assertUsable(loaded: LoadedKeystore, verb: string): void {
  const blocking = blockingFindings(loaded.parsed);
  if (blocking.length === 0) return;
  const first = blocking[0]!;
  const more = blocking.length > 1 ? ` (and ${blocking.length - 1} more problem${blocking.length > 2 ? 's' : ''})` : '';
  throw inputError('E_KEYSTORE_INVALID', `keystore ${loaded.path} is invalid, refusing to ${verb} it: ${first.message}${more}`, {
    hint:
      `the file was not changed; run 'casctl jwks check --file ${loaded.path}' for every finding, then fix it` +
      (existsSync(`${loaded.path}.bak`) ? ` or restore the previous keystore from ${loaded.path}.bak` : ''),
    details: { findings: blocking.map(({ blocking: _b, ...f }) => f) },
  });
}

export interface ChangeOutcome<R> {
  /** the new key list, or undefined to write nothing */
  keys?: Jwk[];
  result: R;
}

export interface ModifyOptions {
  /** compute and report, write nothing (no lock taken: nothing is written) */
  dryRun?: boolean;
  /** what to do when the file does not exist: 'fail' (default) or 'create' */
  missing?: 'fail' | 'create';
  /** verb for messages ("rotate", "revoke keys of") */
  verb: string;
}

export interface ModifyResult<R> {
  result: R;
  written: boolean;
  created: boolean;
  backupPath?: string;
}

/**
 * The one read-modify-write path: lock, read, refuse an invalid file, compute, back up, replace.
 * `change` receives the current keystore (undefined when the file is missing and `missing: 'create'`).
 */
export async function modifyKeystore<R>(
  path: string,
  change: (current: LoadedKeystore | undefined) => Promise<ChangeOutcome<R>>,
  options: ModifyOptions,
): Promise<ModifyResult<R>> {
  const body = async (): Promise<ModifyResult<R>> => {
    let current: LoadedKeystore | undefined;
    try {
      current = await readKeystore(path);
    } catch (error) {
      if (options.missing !== 'create' || (error as { code?: string }).code !== 'E_FILE_NOT_FOUND') throw error;
    }
    if (current) assertUsable(current, options.verb);
    const outcome = await change(current);
    if (options.dryRun || outcome.keys === undefined) return { result: outcome.result, written: false, created: false };
    // Belt and braces for a lock taken over while this run was stalled (> 10 s without refreshing it):
    // if the file changed since it was read, another run wrote it; writing now would lose its update.
    const now = await fsp.readFile(path, 'utf8').catch(() => undefined);
    if (now !== current?.text) {
      throw inputError('E_KEYSTORE_CHANGED', `keystore ${path} changed while this run was working on it; nothing was written`, {
        hint: 'another run took over the lock; run the command again',
      });
    }
    await removeAbandonedTemps(path);
    const written = await writeFileAtomic(path, serializeKeystore(outcome.keys), {
      mode: 0o600,
      overwrite: current !== undefined,
      backup: current !== undefined,
      what: 'keystore',
    });
    return { result: outcome.result, written: true, created: written.created, backupPath: written.backupPath };
  };
  if (options.dryRun) return body();
  return withLock(path, body, { what: 'keystore', waitMs: LOCK_WAIT_MS });
}

/** Replaces (or creates) the keystore with `keys` under the lock; used by generate. */
export async function replaceKeystore(path: string, keys: Jwk[], force: boolean): Promise<{ created: boolean; backupPath?: string }> {
  return withLock(
    path,
    async () => {
      await removeAbandonedTemps(path);
      const written = await writeFileAtomic(path, serializeKeystore(keys), {
        mode: 0o600,
        overwrite: force,
        backup: true,
        what: 'keystore',
        existsHint: 'pass --force to replace it (the old keystore is kept as .bak), or rotate it with casctl jwks rotate',
      });
      return { created: written.created, backupPath: written.backupPath };
    },
    { what: 'keystore', waitMs: LOCK_WAIT_MS },
  );
}

/**
 * Temp files (`.<name>.<pid>.<hex>.tmp`) a `kill -9` left next to the keystore or its backup. Only
 * called while holding the lock, and only files older than a minute: no live writer owns them.
 */
async function removeAbandonedTemps(path: string): Promise<void> {
  const dir = dirname(path);
  const name = basename(path).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`^\\.${name}(\\.bak)?\\.\\d+\\.[0-9a-f]{12}\\.tmp$`);
  let entries: string[];
  try {
    entries = await fsp.readdir(dir);
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return;
    throw fileError(error, dir, 'keystore directory');
  }
  const cutoff = Date.now() - 60_000;
  await Promise.all(
    entries
      .filter((entry) => pattern.test(entry))
      .map(async (entry) => {
        const full = join(dir, entry);
        const info = await fsp.stat(full).catch(() => undefined);
        if (info && info.mtimeMs < cutoff) await fsp.unlink(full).catch(() => {});
      }),
  );
}
