/**
 * Independent implementations the tests check casctl against. A missing tool fails the test loudly:
 * .ci/run installs them, and a silent skip would hide a broken set-up.
 */
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Debian's Python modules (jwcrypto, django-cas-server) load only under the system interpreter. */
export const SYSTEM_PYTHON = '/usr/bin/python3';

export function requireTool(path: string, hint: string): void {
  const probe = spawnSync(path, ['--version'], { stdio: 'ignore' });
  if (probe.error) throw new Error(`${path} is missing: ${hint} (.ci/run installs it)`);
}

export async function python(script: string, args: string[] = [], input?: string) {
  const child = run(SYSTEM_PYTHON, ['-c', script, ...args], { maxBuffer: 16 * 1024 * 1024 });
  if (input !== undefined) child.child.stdin?.end(input);
  return child;
}

export async function openssl(args: string[], input?: string | Buffer) {
  const child = run('openssl', args, { maxBuffer: 16 * 1024 * 1024, encoding: 'buffer' as BufferEncoding });
  if (input !== undefined) child.child.stdin?.end(input);
  const { stdout, stderr } = await child;
  return { stdout: stdout.toString(), stderr: stderr.toString() };
}

/** Drops root for tests that need EACCES (everything here runs as root). */
export const UNPRIVILEGED = ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'];
