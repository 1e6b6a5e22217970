/**
 * The small state file casctl keeps beside a certificate chain (`<chain>.casctl.json`, 0600, written
 * atomically): the CA it came from, its profile, when casctl last ran for it, and the last ARI answer
 * (RFC 9773) with the time before which casctl does not ask again.
 */
import { pathExists, readTextFile, writeFileAtomic } from '../io/files.js';

export interface AriMemory {
  /** the certificate this answer is about */
  certId: string;
  fetchedAt: string;
  /** do not ask again before this (clamped Retry-After, or an error backoff) */
  nextFetch: string;
  window?: { start: string; end: string };
  explanationURL?: string;
  /** last failure, when the last attempt failed */
  error?: string;
  /** failures in a row */
  failures?: number;
}

export interface CertState {
  version: 1;
  /** ACME directory URL */
  server?: string;
  /** the directory's renewalInfo URL, so a run with nothing due makes one request (the ARI GET) */
  renewalInfo?: string;
  /** when the directory was last read for renewalInfo (a CA without ARI is asked again after a week) */
  directoryCheckedAt?: string;
  profile?: string;
  certId?: string;
  serial?: string;
  /** last time `acme issue` ran for this certificate (due or not) */
  lastRun?: string;
  ari?: AriMemory;
}

export function statePathFor(chainPath: string): string {
  return `${chainPath}.casctl.json`;
}

/** The state, or undefined when there is none or it cannot be read (then casctl starts afresh). */
export async function readState(chainPath: string): Promise<CertState | undefined> {
  const path = statePathFor(chainPath);
  if (!(await pathExists(path))) return undefined;
  try {
    const data = JSON.parse(await readTextFile(path, 'ACME state file'));
    return data && typeof data === 'object' && data.version === 1 ? (data as CertState) : undefined;
  } catch {
    return undefined;
  }
}

export async function writeState(chainPath: string, state: CertState): Promise<void> {
  await writeFileAtomic(statePathFor(chainPath), `${JSON.stringify(state, null, 2)}\n`, {
    mode: 0o600,
    mkdirs: true,
    overwrite: true,
    what: 'ACME state file',
  });
}
