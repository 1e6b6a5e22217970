/**
 * Shows a roff page on a terminal through the system's man(1) (`man -l -`), as `git help -m` does.
 * Resolves false when there is no man to run, so the caller can print plain text instead.
 */
import { spawn } from 'node:child_process';

export function showWithMan(roff: string, env: Record<string, string | undefined>): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn('man', ['-l', '-'], { stdio: ['pipe', 'inherit', 'inherit'], env: env as NodeJS.ProcessEnv });
    child.on('error', () => resolve(false));
    child.on('close', (code) => resolve(code === 0));
    child.stdin.on('error', () => {});
    child.stdin.end(roff);
  });
}
