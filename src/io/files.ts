/**
 * Files that hold keys and keystores: written atomically (temp file in the same directory, fsync,
 * rename, fsync of the directory), created 0600, never replacing an existing file unless asked, and an
 * existing file keeps its mode and owner. A crash at any moment leaves the old or the new file.
 */
// fs.promises is read at each call, not at load: the bundle then loads node:fs/promises only when a file is touched.
import { constants as fsConstants, promises as fsp, readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { errnoCode, fileError, inputError } from '../errors.js';

export const PRIVATE_MODE = 0o600;

/** Temp files being written right now; removed by the interrupt handler so Ctrl-C leaves no litter. */
const pendingTemps = new Set<string>();

export async function removePendingTemps(): Promise<void> {
  await Promise.all([...pendingTemps].map((path) => fsp.unlink(path).catch(() => {})));
  pendingTemps.clear();
}

export interface WriteOptions {
  /** mode for a new file (default 0600); an existing file keeps its own */
  mode?: number;
  /** replace an existing file (else E_FILE_EXISTS, exit 3) */
  overwrite?: boolean;
  /** create missing parent directories (0700) */
  mkdirs?: boolean;
  /** copy the current content to `<path>.bak` (0600) before replacing it */
  backup?: boolean;
  /** role of the file in messages ("keystore", "domain key") */
  what?: string;
  /** hint shown when the file exists and overwrite is false */
  existsHint?: string;
}

export interface WriteResult {
  path: string;
  created: boolean;
  backupPath?: string;
}

export async function pathExists(path: string): Promise<boolean> {
  try {
    await fsp.lstat(path);
    return true;
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return false;
    throw fileError(error, path);
  }
}

export async function readTextFile(path: string, what = 'file'): Promise<string> {
  return (await readBinaryFile(path, what)).toString('utf8');
}

export async function readBinaryFile(path: string, what = 'file'): Promise<Buffer> {
  try {
    return isRegularFile(path) ? readFileSync(path) : await fsp.readFile(path);
  } catch (error) {
    throw fileError(error, path, what);
  }
}

/**
 * A regular file is read synchronously: casctl does one thing at a time, and the first asynchronous file
 * operation loads node:fs/promises and starts libuv's thread pool (about 2 ms of a 70 ms `jwks show`).
 * Anything else (a FIFO, /dev/stdin, a device) is read asynchronously, so that a read waiting for its
 * writer never blocks Ctrl-C. A path that cannot be stat'ed takes the asynchronous read too, which
 * reports the error in the same words as before.
 */
function isRegularFile(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false })?.isFile() === true;
  } catch {
    return false;
  }
}

/** The file a path names, symlinks resolved; the path itself when it cannot be resolved (yet). */
export function realPathOr(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

async function fsyncDirectory(dir: string): Promise<void> {
  // Makes the rename itself durable; some file systems refuse to open a directory: best effort there.
  try {
    const handle = await fsp.open(dir, fsConstants.O_RDONLY);
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    /* durability of the directory entry is best effort where the OS does not allow it */
  }
}

export async function writeFileAtomic(path: string, data: string | Uint8Array, options: WriteOptions = {}): Promise<WriteResult> {
  const what = options.what ?? 'file';
  const dir = dirname(path);
  if (options.mkdirs) {
    try {
      await fsp.mkdir(dir, { recursive: true, mode: 0o700 });
    } catch (error) {
      throw fileError(error, dir, 'directory');
    }
  }
  let existing: import("node:fs").Stats | undefined;
  try {
    existing = await fsp.stat(path);
  } catch (error) {
    if (errnoCode(error) !== 'ENOENT') throw fileError(error, path, what);
  }
  if (existing?.isDirectory()) throw fileError(Object.assign(new Error('is a directory'), { code: 'EISDIR' }), path, what);
  if (existing && !options.overwrite) {
    throw inputError('E_FILE_EXISTS', `refusing to overwrite existing ${what} ${path}`, {
      hint: options.existsHint ?? 'pass --force to replace it',
    });
  }

  let backupPath: string | undefined;
  if (existing && options.backup) {
    backupPath = `${path}.bak`;
    await writeFileAtomic(backupPath, await readBinaryFile(path, what), { mode: PRIVATE_MODE, overwrite: true, what: 'backup' });
    // The backup holds the same secrets: never more readable than 0600, whatever an old .bak had.
    await fsp.chmod(backupPath, PRIVATE_MODE).catch(() => {});
  }

  // node:crypto loaded here, not at start-up: --help and read-only commands never need it
  const { randomBytes } = await import('node:crypto');
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const mode = existing ? existing.mode & 0o7777 : (options.mode ?? PRIVATE_MODE);
  pendingTemps.add(temp);
  try {
    let handle;
    try {
      handle = await fsp.open(temp, 'wx', mode);
    } catch (error) {
      throw fileError(error, path, what);
    }
    try {
      await handle.writeFile(data);
      // open() applies the umask; the mode must be exactly what was asked (or what the old file had).
      await handle.chmod(mode);
      if (existing && (existing.uid !== process.getuid?.() || existing.gid !== process.getgid?.())) {
        await handle.chown(existing.uid, existing.gid).catch(() => {});
      }
      await handle.sync();
    } catch (error) {
      throw fileError(error, path, what);
    } finally {
      await handle.close();
    }
    if (existing) {
      await fsp.rename(temp, path).catch((error) => {
        throw fileError(error, path, what);
      });
    } else {
      // link() fails if the target appeared meanwhile: no run ever silently replaces another's new file.
      try {
        await fsp.link(temp, path);
        await fsp.unlink(temp);
      } catch (error) {
        const code = errnoCode(error);
        if (code === 'EEXIST') {
          throw inputError('E_FILE_EXISTS', `refusing to overwrite existing ${what} ${path}`, {
            hint: options.existsHint ?? 'pass --force to replace it',
          });
        }
        if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'EXDEV') throw fileError(error, path, what);
        await fsp.rename(temp, path).catch((renameError) => {
          throw fileError(renameError, path, what);
        });
      }
    }
    pendingTemps.delete(temp);
    await fsyncDirectory(dir);
    return { path, created: !existing, backupPath };
  } finally {
    if (pendingTemps.has(temp)) {
      pendingTemps.delete(temp);
      await fsp.unlink(temp).catch(() => {});
    }
  }
}

/** Group/other permission bits on a file that holds private keys. */
export async function looseModeBits(path: string): Promise<number> {
  try {
    return (await fsp.stat(path)).mode & 0o077;
  } catch (error) {
    throw fileError(error, path);
  }
}

export const chmod = (...args: Parameters<typeof fsp.chmod>) => fsp.chmod(...args);
export const chown = (...args: Parameters<typeof fsp.chown>) => fsp.chown(...args);
