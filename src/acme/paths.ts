/**
 * Where casctl keeps ACME files by default (XDG base directories):
 * - account key, one per CA and shared by every certificate from it:
 *   `${XDG_CONFIG_HOME:-~/.config}/casctl/acme/accounts/<CA host>/account.key`
 * - domain files: `${XDG_DATA_HOME:-~/.local/share}/casctl/acme/<first domain>/`
 *   (`domain.key`, `domain.csr`, `domain-chain.pem`, `cert.pem`), the names CAS gives them.
 */
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { usageError } from '../errors.js';

type Env = Record<string, string | undefined>;

function home(env: Env) {
  return env.HOME || homedir();
}

export function configHome(env: Env): string {
  const value = env.XDG_CONFIG_HOME;
  return value && isAbsolute(value) ? value : join(home(env), '.config');
}

export function dataHome(env: Env): string {
  const value = env.XDG_DATA_HOME;
  return value && isAbsolute(value) ? value : join(home(env), '.local', 'share');
}

/** The CA's host (with a non-default port) as a directory name. */
export function caDirName(directoryUrl: string): string {
  const url = new URL(directoryUrl);
  return url.host.replace(/[[\]]/g, '').replace(/:/g, '_');
}

export function defaultAccountKeyPath(env: Env, directoryUrl: string): string {
  return join(configHome(env), 'casctl', 'acme', 'accounts', caDirName(directoryUrl), 'account.key');
}

export function defaultDomainDir(env: Env, firstName: string): string {
  return join(dataHome(env), 'casctl', 'acme', firstName.replace(/^\*\./, '_wildcard.'));
}

export interface DomainFiles {
  domainKey: string;
  csr: string;
  chain: string;
  cert?: string;
  p12?: string;
}

export function domainFiles(dir: string, given: Partial<DomainFiles>, cwd: string): DomainFiles {
  const abs = (p: string | undefined) => (p === undefined ? undefined : resolve(cwd, p));
  return {
    domainKey: abs(given.domainKey) ?? join(dir, 'domain.key'),
    csr: abs(given.csr) ?? join(dir, 'domain.csr'),
    chain: abs(given.chain) ?? join(dir, 'domain-chain.pem'),
    cert: abs(given.cert),
    p12: abs(given.p12),
  };
}

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** Lower-cases and checks DNS names; HTTP-01 cannot validate wildcards or IP addresses. */
export function normalizeNames(names: string[]): string[] {
  const out: string[] = [];
  for (const raw of names.flatMap((n) => n.split(/[\s,]+/)).filter(Boolean)) {
    const name = raw.toLowerCase().replace(/\.$/, '');
    if (name.startsWith('*.')) {
      throw usageError('E_ACME_WILDCARD', `${raw}: wildcard names need the DNS-01 challenge, which casctl does not do`, {
        hint: 'list each host name with -d',
      });
    }
    if (/^[0-9.]+$/.test(name) || name.includes(':')) {
      throw usageError('E_ACME_NAME_INVALID', `${raw}: IP addresses are not supported; give a DNS name`);
    }
    if (name.length > 253 || !name.includes('.') || !name.split('.').every((label) => LABEL.test(label))) {
      throw usageError('E_ACME_NAME_INVALID', `'${raw}' is not a valid DNS name`);
    }
    if (!out.includes(name)) out.push(name);
  }
  if (out.length === 0) throw usageError('E_ACME_NO_DOMAINS', 'no domain given', { hint: 'pass -d cas.example.org (repeatable)' });
  if (out.length > 100) throw usageError('E_ACME_NAME_INVALID', `${out.length} names: ACME CAs accept at most 100 per certificate`);
  return out;
}
