/**
 * What every ticket handler does first: resolve the server, read secrets, and build an HTTP client
 * whose --verbose output never shows a password or a TGT. Loaded by handlers only (import()).
 */
import type { Ctx } from '../../cli/context.js';
import { httpClientFor, secretSources } from '../../cli/options.js';
import { usageError } from '../../errors.js';
import { readTextFile } from '../../io/files.js';
import type { HttpClient } from '../../io/http.js';
import { redactForm, redactTicketGrantingTickets, redactValues, REDACTED } from '../../io/redact.js';
import { stripOneNewline } from '../../io/secrets.js';
import { resolveServer } from '../../tickets/server.js';
import { validationError, type ValidationResult } from '../../tickets/validate.js';
import type { PasswordOptions, ServerOptions, TgtSourceOptions } from './shared.js';

/** JWT TGTs (token=true) and JWT service tickets: no `TGT-` prefix to recognise them by. */
const JWT = /\beyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)?/g;

export function ticketRedactor(secrets: Set<string>): (text: string) => string {
  return (text) => {
    let out = text;
    try {
      out = redactForm(out);
    } catch {
      /* a line that is not a form body (a stray `%`): the value redaction below still applies */
    }
    out = redactValues(out, secrets);
    out = redactTicketGrantingTickets(out);
    return out.replace(JWT, REDACTED);
  };
}

export interface Session {
  server: string;
  http: HttpClient;
  /** values --verbose must never show; add TGTs as they become known */
  secrets: Set<string>;
}

/** Runs `work` with the server's HTTP client, closing its kept-alive connections however `work` ends. */
export async function withSession<T>(ctx: Ctx, options: ServerOptions, work: (session: Session) => Promise<T>): Promise<T> {
  const server = resolveServer(options.server, ctx.env);
  const secrets = new Set<string>();
  const http = await httpClientFor(ctx, options, ticketRedactor(secrets));
  try {
    return await work({ server, http, secrets });
  } finally {
    await http.close();
  }
}

export async function readPassword(ctx: Ctx, options: PasswordOptions, secrets: Set<string>): Promise<string> {
  const { value } = await ctx.secrets.read({
    flag: 'password',
    label: `password for ${options.username}`,
    sources: secretSources(options as Record<string, unknown>, 'password'),
  });
  secrets.add(value);
  return value;
}

export function hasTgtSource(options: TgtSourceOptions): boolean {
  return Boolean(options.tgt ?? options.tgtFile ?? options.tgtEnv);
}

/** The TGT from --tgt, --tgt-file or --tgt-env (exactly one). */
export async function readTgt(ctx: Ctx, options: TgtSourceOptions, secrets: Set<string>): Promise<string> {
  const given = [options.tgt !== undefined, options.tgtFile !== undefined, options.tgtEnv !== undefined].filter(Boolean).length;
  if (given > 1) throw usageError('E_USAGE', 'give the TGT one way only: --tgt, --tgt-file or --tgt-env');
  let value: string | undefined;
  let origin = '--tgt';
  if (options.tgt !== undefined) value = options.tgt;
  else if (options.tgtFile !== undefined) {
    value = stripOneNewline(await readTextFile(options.tgtFile, 'TGT file')).split(/\r?\n/, 1)[0];
    origin = `file ${options.tgtFile}`;
  } else if (options.tgtEnv !== undefined) {
    value = ctx.env[options.tgtEnv];
    origin = `environment variable ${options.tgtEnv}`;
    if (value === undefined) {
      throw usageError('E_TGT_ENV_UNSET', `environment variable ${options.tgtEnv} (for the TGT) is not set`, { hint: 'export it, or use --tgt-file' });
    }
  } else {
    throw usageError('E_TGT_REQUIRED', 'a ticket-granting ticket is required', {
      hint: 'pass --tgt-file F, --tgt-env VAR or --tgt TGT (get one with `casctl ticket tgt --tgt-out F`)',
    });
  }
  const tgt = (value ?? '').trim();
  if (tgt === '') throw usageError('E_TGT_EMPTY', `the TGT from ${origin} is empty`);
  secrets.add(tgt);
  return tgt;
}

/** `ticket st` needs a TGT or credentials to get one; --renew needs credentials whatever the TGT. */
export function checkStOptions(options: TgtSourceOptions & PasswordOptions & { renew?: boolean }): void {
  if (!hasTgtSource(options) && !options.username) {
    throw usageError('E_TGT_REQUIRED', 'a ticket-granting ticket or credentials are required', {
      hint: 'pass --tgt-file F, --tgt-env VAR or --tgt TGT, or --username with a password source',
    });
  }
  if (options.renew && !options.username) {
    throw usageError('E_USAGE', '--renew sends the credentials again: it needs --username and a password source');
  }
}

/** user + attributes as a table (or JSON); a failure as `ok: false` + CAS's code, exit 1. */
export function renderValidation(ctx: Ctx, result: ValidationResult): number {
  if (result.ok) {
    const data = {
      ok: true,
      protocol: result.protocol,
      user: result.user,
      attributes: result.attributes,
      ...(result.proxyGrantingTicket ? { proxyGrantingTicket: result.proxyGrantingTicket } : {}),
      ...(result.proxies ? { proxies: result.proxies } : {}),
    };
    ctx.out.result(data, (paint) => {
      const rows: [string, string][] = [['user', result.user]];
      for (const [name, values] of Object.entries(result.attributes)) rows.push([name, values.join(', ')]);
      if (result.proxyGrantingTicket) rows.push(['proxyGrantingTicket', result.proxyGrantingTicket]);
      if (result.proxies) rows.push(['proxies', result.proxies.join(', ')]);
      const width = Math.max(...rows.map(([name]) => name.length));
      return rows.map(([name, value], i) => `${paint.bold(name.padEnd(width))}  ${i === 0 ? paint.green(value) : value}`).join('\n');
    });
    return 0;
  }
  const error = validationError(result);
  ctx.out.result(
    {
      ok: false,
      protocol: result.protocol,
      error: { code: error.code, message: error.message },
      ...(result.unreadable ? {} : { cas: { code: result.code, description: result.description } }),
    },
    '',
  );
  ctx.out.error(error.message);
  return 1;
}
