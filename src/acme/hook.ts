/**
 * --deploy-hook: a shell command run after a new certificate is written (never when nothing changed),
 * with the file paths in CASCTL_ACME_* variables. Its output goes to stderr, so stdout stays the product.
 */
import { spawn } from 'node:child_process';
import type { Writable } from 'node:stream';
import type { IssueResult } from './issue.js';

export interface HookResult {
  command: string;
  exitCode: number | null;
  signal?: string;
  ok: boolean;
}

export function hookEnvironment(result: IssueResult, dir: string): Record<string, string> {
  const env: Record<string, string> = {
    CASCTL_ACME_NAMES: result.names.join(' '),
    CASCTL_ACME_DOMAIN: result.names[0] ?? '',
    CASCTL_ACME_DIR: dir,
    CASCTL_ACME_CHAIN: result.files.chain,
    CASCTL_ACME_DOMAIN_KEY: result.files.domainKey,
    CASCTL_ACME_CSR: result.files.csr,
    CASCTL_ACME_ACCOUNT_KEY: result.files.accountKey,
    CASCTL_ACME_NOT_AFTER: result.notAfter,
    CASCTL_ACME_SERIAL: result.serial,
  };
  if (result.files.cert) env.CASCTL_ACME_CERT = result.files.cert;
  if (result.files.p12) env.CASCTL_ACME_P12 = result.files.p12;
  return env;
}

export function runDeployHook(
  command: string,
  result: IssueResult,
  dir: string,
  baseEnv: Record<string, string | undefined>,
  stderr: Writable,
): Promise<HookResult> {
  return new Promise((resolvePromise) => {
    const child = spawn('/bin/sh', ['-c', command], {
      env: { ...baseEnv, ...hookEnvironment(result, dir) } as NodeJS.ProcessEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk) => stderr.write(chunk));
    child.stderr.on('data', (chunk) => stderr.write(chunk));
    child.on('error', () => resolvePromise({ command, exitCode: 127, ok: false }));
    child.on('close', (code, signal) =>
      resolvePromise({ command, exitCode: code, ...(signal ? { signal } : {}), ok: code === 0 && !signal }),
    );
  });
}
