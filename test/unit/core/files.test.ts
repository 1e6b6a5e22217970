import { execFileSync, spawn } from 'node:child_process';
import { chmod, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTextFile, writeFileAtomic } from '../../../src/io/files.js';
import { tempDir } from '../../helpers/tmp.js';

describe('writeFileAtomic', async () => {
  const dir = await tempDir();

  it('creates a new file 0600 whatever the umask, and leaves no temp file', async () => {
    const path = join(dir, 'new.key');
    const old = process.umask(0o000);
    try {
      const result = await writeFileAtomic(path, 'secret\n');
      expect(result.created).toBe(true);
    } finally {
      process.umask(old);
    }
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await readFile(path, 'utf8')).toBe('secret\n');
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses to replace an existing file without overwrite, leaving it untouched', async () => {
    const path = join(dir, 'keep.key');
    await writeFile(path, 'original');
    await expect(writeFileAtomic(path, 'new')).rejects.toMatchObject({ code: 'E_FILE_EXISTS', category: 'input' });
    expect(await readFile(path, 'utf8')).toBe('original');
  });

  it('keeps the mode of a file it replaces and writes a 0600 backup', async () => {
    const path = join(dir, 'keystore.jwks');
    await writeFile(path, 'v1');
    await chmod(path, 0o640);
    const result = await writeFileAtomic(path, 'v2', { overwrite: true, backup: true });
    expect(await readFile(path, 'utf8')).toBe('v2');
    expect((await stat(path)).mode & 0o777).toBe(0o640);
    expect(result.backupPath).toBe(`${path}.bak`);
    expect(await readFile(`${path}.bak`, 'utf8')).toBe('v1');
    expect((await stat(`${path}.bak`)).mode & 0o777).toBe(0o600);
  });

  it('creates missing parent directories 0700 when asked', async () => {
    const path = join(dir, 'a', 'b', 'c.key');
    await writeFileAtomic(path, 'x', { mkdirs: true });
    expect((await stat(join(dir, 'a'))).mode & 0o777).toBe(0o700);
  });

  it('reports a directory in the way as an input error', async () => {
    await expect(writeFileAtomic(dir, 'x', { overwrite: true })).rejects.toMatchObject({ code: 'E_FILE_IS_DIRECTORY' });
  });
});

describe('readTextFile', async () => {
  const dir = await tempDir();

  it('reads a regular file (synchronously: no thread pool on the way to the first request), UTF-8 decoded', async () => {
    const path = join(dir, 'password');
    await writeFile(path, 'pässword\n');
    expect(await readTextFile(path, 'password file')).toBe('pässword\n');
  });

  it('reads a FIFO asynchronously: the event loop keeps running while it waits for its writer', async () => {
    const fifo = join(dir, 'secret.fifo');
    execFileSync('mkfifo', [fifo]);
    // The writer comes 200 ms later, from another process: a synchronous read would block this one until then.
    const writer = spawn('sh', ['-c', 'sleep 0.2; printf "from a pipe\\n" > "$1"', 'sh', fifo], { stdio: 'ignore' });
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 10);
    try {
      expect(await readTextFile(fifo, 'password file')).toBe('from a pipe\n');
    } finally {
      clearInterval(ticker);
      writer.kill();
    }
    expect(ticks).toBeGreaterThan(5);
  });

  it('a missing file and a directory get the same errors as before (file errors, named by role)', async () => {
    await expect(readTextFile(join(dir, 'absent'), 'CA file')).rejects.toMatchObject({ code: 'E_FILE_NOT_FOUND' });
    const error = await readTextFile(dir, 'CA file').catch((e: unknown) => e);
    expect(error).toMatchObject({ category: 'input' });
    expect((error as Error).message).toContain(dir);
  });
});
