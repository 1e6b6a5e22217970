/**
 * The one error type casctl raises on purpose. It carries everything the CLI boundary needs to
 * tell a user (message, hint) and a script (stable `code`, exit code via `category`).
 * Domain code throws it; only `src/cli/main.ts` turns it into stderr text and an exit code.
 */
export type ErrorCategory =
  /** the remote side or a check said no (exit 1) */
  | 'refused'
  /** the command line is wrong (exit 2) */
  | 'usage'
  /** a local file or state is missing, unreadable, invalid, locked or protected (exit 3) */
  | 'input'
  /** network, TLS or timeout (exit 4) */
  | 'network'
  /** Ctrl-C / SIGTERM (exit 130) */
  | 'interrupted'
  /** a bug in casctl (exit 70) */
  | 'internal';

export interface CasctlErrorOptions {
  hint?: string;
  cause?: unknown;
  /** extra machine-readable facts for `--json` (never secrets) */
  details?: Record<string, unknown>;
}

export class CasctlError extends Error {
  override readonly name = 'CasctlError';
  readonly hint?: string;
  readonly details?: Record<string, unknown>;

  constructor(
    readonly category: ErrorCategory,
    /** stable, documented, never renamed: `E_<WHAT>` */
    readonly code: string,
    message: string,
    options: CasctlErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.hint = options.hint;
    this.details = options.details;
  }
}

export const usageError = (code: string, message: string, options?: CasctlErrorOptions) =>
  new CasctlError('usage', code, message, options);
export const inputError = (code: string, message: string, options?: CasctlErrorOptions) =>
  new CasctlError('input', code, message, options);
export const networkError = (code: string, message: string, options?: CasctlErrorOptions) =>
  new CasctlError('network', code, message, options);
export const refusedError = (code: string, message: string, options?: CasctlErrorOptions) =>
  new CasctlError('refused', code, message, options);

export function isCasctlError(value: unknown): value is CasctlError {
  return value instanceof CasctlError;
}

/** Node's system errors carry `code` (ENOENT, EACCES…): give them a type. */
export function errnoCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Turns a failed file system call into the input error a user can act on.
 * `what` names the file's role ("keystore", "account key") so the message says which file.
 */
export function fileError(error: unknown, path: string, what = 'file'): CasctlError {
  if (isCasctlError(error)) return error;
  const code = errnoCode(error);
  switch (code) {
    case 'ENOENT':
      return inputError('E_FILE_NOT_FOUND', `${what} ${path} does not exist`, { cause: error });
    case 'EACCES':
    case 'EPERM':
      return inputError('E_FILE_PERMISSION', `permission denied for ${what} ${path}`, {
        cause: error,
        hint: 'check the file and directory permissions, or run as a user that may access it',
      });
    case 'EISDIR':
      return inputError('E_FILE_IS_DIRECTORY', `${what} ${path} is a directory, not a file`, { cause: error });
    case 'ENOTDIR':
      return inputError('E_FILE_NOT_FOUND', `a parent of ${what} ${path} is not a directory`, { cause: error });
    case 'EEXIST':
      return inputError('E_FILE_EXISTS', `${what} ${path} already exists`, { cause: error, hint: 'pass --force to replace it' });
    case 'ENOSPC':
      return inputError('E_FILE_NO_SPACE', `no space left on the device to write ${what} ${path}`, { cause: error });
    case 'EROFS':
      return inputError('E_FILE_PERMISSION', `${what} ${path} is on a read-only file system`, { cause: error });
    default:
      return inputError('E_FILE_IO', `cannot access ${what} ${path}: ${(error as Error)?.message ?? String(error)}`, {
        cause: error,
      });
  }
}
