/** The CAS server URL every ticket command works against (`--server` or `CASCTL_SERVER`). */
import { usageError } from '../errors.js';

/**
 * `https://cas.example.org/cas/` → `https://cas.example.org/cas`: Spring Security's firewall answers
 * 400 ("the URL was not normalized") to a path with `//`, so a trailing slash must never reach a path join.
 */
export function normaliseServer(value: string | undefined, source = '--server'): string {
  if (value === undefined || value.trim() === '') {
    throw usageError('E_SERVER_REQUIRED', 'the CAS server URL is required', {
      hint: 'pass --server https://cas.example.org/cas or set CASCTL_SERVER',
    });
  }
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw usageError('E_SERVER_INVALID', `${source} is not a URL: '${value}'`, { hint: 'give the CAS prefix, e.g. https://cas.example.org/cas' });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw usageError('E_SERVER_INVALID', `${source} must be an http:// or https:// URL, got '${value}'`);
  }
  if (url.search || url.hash) {
    throw usageError('E_SERVER_INVALID', `${source} must be the CAS prefix without a query or fragment, got '${value}'`);
  }
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.origin}${path}`;
}

/** `--server` wins over CASCTL_SERVER (only the ticket commands read that variable). */
export function resolveServer(flag: string | undefined, env: Record<string, string | undefined>): string {
  if (flag !== undefined) return normaliseServer(flag, '--server');
  return normaliseServer(env.CASCTL_SERVER, 'CASCTL_SERVER');
}

export function endpoint(server: string, path: string, query?: Record<string, string | undefined>): string {
  const url = new URL(`${server}${path}`);
  for (const [name, value] of Object.entries(query ?? {})) if (value !== undefined) url.searchParams.set(name, value);
  return url.href;
}
