import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/** A fresh directory removed after the file's tests; 0755 so an unprivileged test user can reach it. */
export async function tempDir(prefix = 'casctl-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  const { chmod } = await import('node:fs/promises');
  await chmod(dir, 0o755);
  afterAll(() => rm(dir, { recursive: true, force: true }));
  return dir;
}
