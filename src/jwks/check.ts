/**
 * `casctl jwks check`: judges a keystore as CAS would read it. Errors: the file does not parse, a key
 * does not load, a bad `state`, duplicate kids, no current signing key with a private part, RSA below
 * 2048 bits. Warnings: mislabelled `alg`, missing `state`/`kid`, a file readable by group or others.
 */
import { stat } from 'node:fs/promises';
import { fileError } from '../errors.js';
import type { Finding } from './keystore.js';
import { resolveTarget, type TargetOptions } from './settings.js';
import { toSummary, type KeySummary } from './show.js';
import { readKeystore } from './store.js';

export interface CheckInput extends TargetOptions {
  env: Record<string, string | undefined>;
  cwd: string;
}

export type PublicFinding = Omit<Finding, 'blocking'>;

export interface CheckResult {
  ok: boolean;
  file: string;
  errors: number;
  warnings: number;
  findings: PublicFinding[];
  keys: KeySummary[];
  signingKid?: string;
  /** the first error, as `{code, message}` (the --json contract of judging commands) */
  error?: { code: string; message: string };
}

export async function checkKeystore(input: CheckInput): Promise<CheckResult> {
  const target = await resolveTarget(input, input.env, input.cwd);
  const loaded = await readKeystore(target.path);
  const findings: PublicFinding[] = loaded.parsed.findings.map(({ blocking: _b, ...f }) => f);
  const mode = (await stat(target.path).catch((error) => Promise.reject(fileError(error, target.path, 'keystore')))).mode & 0o777;
  const loose = mode & 0o077;
  if (loose !== 0) {
    findings.push({
      severity: 'warning',
      code: 'JWKS_FILE_MODE',
      message: `the file is readable by ${loose & 0o070 && loose & 0o007 ? 'group and others' : loose & 0o070 ? 'its group' : 'others'} (mode ${mode.toString(8).padStart(4, '0')}): it holds private keys, use chmod 600`,
    });
  }
  // Errors first, in file order within each severity.
  findings.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  const errors = findings.filter((f) => f.severity === 'error');
  const summary = toSummary(loaded.parsed.info);
  return {
    ok: errors.length === 0,
    file: target.path,
    errors: errors.length,
    warnings: findings.length - errors.length,
    findings,
    keys: summary.keys,
    signingKid: summary.signingKid,
    ...(errors.length > 0 ? { error: { code: 'E_KEYSTORE_INVALID', message: `${errors[0]!.code}: ${errors[0]!.message}` } } : {}),
  };
}
