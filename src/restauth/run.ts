/**
 * The handlers of `casctl rest-auth probe|check|serve`: read secrets and files through the Ctx, call
 * the domain functions, render. Loaded with import() by the command definitions.
 */
import type { Ctx } from '../cli/context.js';
import { httpClientFor, secretSources, type NetworkOptions } from '../cli/options.js';
import { looseModeBits, readTextFile } from '../io/files.js';
import { redactValues } from '../io/redact.js';
import { checkEndpoint } from './check.js';
import { encodePassword, validateEncoder, type EncoderConfig } from './encoders.js';
import { EXCEPTION_CODE } from './judge.js';
import { basicAuthorization, probeEndpoint } from './probe.js';
import { renderCheck, renderProbe } from './render.js';
import { parseUsers, startServer } from './server.js';
import { describeEncoder, resolveEndpoint, type EndpointOptions, type EndpointSettings } from './settings.js';

export type EndpointCommandOptions = EndpointOptions &
  NetworkOptions & {
    username: string;
  } & Record<string, unknown>;

async function encoderWithSecret(ctx: Ctx, options: EndpointCommandOptions, settings: EndpointSettings): Promise<EncoderConfig> {
  const encoder = { ...settings.encoder };
  if (encoder.type === 'glibc-crypt') {
    const request = { flag: 'encoder-secret', label: 'password encoder secret', sources: secretSources(options, 'encoder-secret'), prompt: false };
    if (ctx.secrets.has(request)) encoder.secret = (await ctx.secrets.read(request)).value;
    else encoder.secret = settings.configSecret;
  }
  validateEncoder(encoder);
  return encoder;
}

function secretsRedactor(secrets: string[], username: string) {
  const all = secrets.flatMap((s) => [s, basicAuthorization(username, s).slice('Basic '.length)]);
  return (text: string) => redactValues(text, all);
}

function warnColon(ctx: Ctx, username: string): void {
  if (username.includes(':')) {
    ctx.out.warn(`the username contains ':'; CAS sends it anyway, but the endpoint will split user and password at the first ':'`);
  }
}

/** What probe and check both start from: the endpoint as CAS would call it, its encoder, the password. */
async function prepare(ctx: Ctx, options: EndpointCommandOptions) {
  const settings = await resolveEndpoint(options, ctx.env);
  warnColon(ctx, options.username);
  const encoder = await encoderWithSecret(ctx, options, settings);
  const password = await ctx.secrets.read({
    flag: 'password',
    label: `password for ${options.username}`,
    sources: secretSources(options, 'password'),
  });
  return { settings, encoder, password };
}

export async function runProbe(ctx: Ctx, options: EndpointCommandOptions): Promise<number> {
  const { settings, encoder, password } = await prepare(ctx, options);
  const encoded = encodePassword(password.value, encoder);
  if (encoded.warning) ctx.out.warn(encoded.warning);
  if (settings.fromConfig.length > 0) ctx.out.debug(`from ${options.casConfig}: ${settings.fromConfig.join(', ')}`);
  ctx.out.debug(`password from ${password.origin}; encoder: ${encoded.description}`);
  const redact = secretsRedactor([password.value, encoded.value, ...(encoder.secret ? [encoder.secret] : [])], options.username);
  const http = await httpClientFor(ctx, options, redact);
  let outcome;
  try {
    outcome = await probeEndpoint(
      { url: settings.url, method: settings.method, username: options.username, encodedPassword: encoded.value, timeoutMs: options.timeout * 1000 },
      http,
    );
  } finally {
    await http.close();
  }
  const document = {
    ok: outcome.authenticated,
    url: settings.url,
    method: settings.method,
    username: options.username,
    passwordEncoder: describeEncoder(encoder),
    status: outcome.exchange.status,
    ms: outcome.exchange.ms,
    contentType: outcome.exchange.contentType ?? null,
    authenticated: outcome.authenticated,
    ...(outcome.principal ? { principal: outcome.principal } : {}),
    ...(outcome.exception
      ? { exception: outcome.exception, exceptionClass: outcome.exceptionClass, message: outcome.message, reason: outcome.reason }
      : {}),
    warnings: outcome.warnings,
    ...(outcome.passwordExpiration ? { passwordExpiration: outcome.passwordExpiration } : {}),
    notes: outcome.notes,
    ...(outcome.authenticated
      ? {}
      : { error: { code: outcome.code ?? EXCEPTION_CODE.FailedLoginException, message: `CAS raises ${outcome.exception}: ${outcome.reason ?? outcome.message}` } }),
  };
  ctx.out.result(document, (paint) => renderProbe(outcome, options.username, paint));
  return outcome.authenticated ? 0 : 1;
}

export async function runCheck(ctx: Ctx, options: EndpointCommandOptions & { unknownUser?: string }): Promise<number> {
  const { settings, encoder, password } = await prepare(ctx, options);
  const wrongRequest = { flag: 'wrong-password', label: 'wrong password', sources: secretSources(options, 'wrong-password'), prompt: false };
  const wrong = ctx.secrets.has(wrongRequest) ? (await ctx.secrets.read(wrongRequest)).value : undefined;
  if (wrong !== undefined && wrong === password.value) {
    const { usageError } = await import('../errors.js');
    throw usageError('E_USAGE', 'the wrong password is the same as the password', { hint: 'give a different one, or leave it out and casctl derives one' });
  }
  const encode = (p: string) => encodePassword(p, encoder).value;
  const first = encodePassword(password.value, encoder);
  if (first.warning) ctx.out.warn(first.warning);
  const secrets = [password.value, encode(password.value), ...(wrong ? [wrong, encode(wrong)] : []), ...(encoder.secret ? [encoder.secret] : [])];
  const redact = secretsRedactor(secrets, options.username);
  const http = await httpClientFor(ctx, options, redact);
  let result;
  try {
    result = await checkEndpoint(
      {
        url: settings.url,
        method: settings.method,
        username: options.username,
        password: password.value,
        wrongPassword: wrong,
        unknownUser: options.unknownUser,
        encode,
        timeoutMs: options.timeout * 1000,
      },
      http,
    );
  } finally {
    await http.close();
  }
  const failed = result.rows.filter((r) => r.status === 'fail');
  ctx.out.result(
    {
      ok: result.ok,
      url: settings.url,
      method: settings.method,
      username: options.username,
      unknownUser: result.unknownUser,
      wrongPasswordDerived: result.wrongPasswordDerived,
      passwordEncoder: describeEncoder(encoder),
      checks: result.rows,
      exchanges: result.exchanges,
      ...(result.ok
        ? {}
        : { error: { code: 'E_REST_AUTH_CONTRACT', message: `${failed.length} contract check${failed.length === 1 ? '' : 's'} failed: ${failed.map((r) => r.id).join(', ')}` } }),
    },
    (paint) => renderCheck(result, settings.url, options.username, paint),
  );
  return result.ok ? 0 : 1;
}

export interface ServeCommandOptions {
  users: string;
  port: number;
  listen: string;
}

export async function runServe(ctx: Ctx, options: ServeCommandOptions): Promise<number> {
  const users = parseUsers(await readTextFile(options.users, 'users file'), options.users);
  if (users.some((u) => u.password !== undefined) && (await looseModeBits(options.users)) !== 0) {
    ctx.out.warn(`${options.users} holds plain-text passwords and is readable by other users; chmod 600 it`);
  }
  const server = await startServer({
    users,
    host: options.listen,
    port: options.port,
    log: (line) => ctx.out.info(line),
  });
  const stopped = new Promise<void>((resolve) => {
    if (ctx.signal.aborted) resolve();
    ctx.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  const unregister = ctx.onInterrupt(() => server.close());
  ctx.out.result(
    { url: server.url, address: server.address, port: server.port, users: users.length },
    server.url,
  );
  ctx.out.info(`serving ${users.length} user${users.length === 1 ? '' : 's'} from ${options.users} on ${server.url}; Ctrl-C stops`);
  await stopped;
  unregister();
  await server.close();
  return 0;
}
