import type { ErrorCategory } from '../errors.js';

/** The only place error categories become numbers (README "Exit codes" mirrors this table). */
export const EXIT = {
  ok: 0,
  refused: 1,
  usage: 2,
  input: 3,
  network: 4,
  internal: 70,
  interrupted: 130,
} as const satisfies Record<ErrorCategory | 'ok', number>;

export function exitCodeFor(category: ErrorCategory): number {
  return EXIT[category];
}

export const EXIT_CODES_HELP = `Exit codes:
  0    success (also "nothing to do", e.g. a certificate that is not due)
  1    the remote side or the check said no: authentication rejected, ticket invalid,
       order invalid, a check/lint/validate/probe/status found the input bad
  2    usage error: unknown command, bad flag or value, a required value missing
  3    local input or state error: file missing, unreadable or invalid, refusing to
       overwrite, lock held, permission denied
  4    network, TLS or timeout error
  70   internal error (a bug in casctl: re-run with --debug and report it)
  130  interrupted (Ctrl-C, SIGTERM)`;
