/** `ticket check`: runs the synthetic login and renders it as a line, JSON or a Nagios plugin answer. */
import type { Ctx } from '../../cli/context.js';
import { exitCodeFor } from '../../cli/exit-codes.js';
import { isCasctlError } from '../../errors.js';
import type { CheckResult } from '../../tickets/check.js';
import type { CheckOptions } from './check.js';
import { withSession, readPassword } from './runtime.js';

const NAGIOS = { 0: 'OK', 1: 'WARNING', 2: 'CRITICAL', 3: 'UNKNOWN' } as const;
type NagiosCode = keyof typeof NAGIOS;

const ms = (value: number) => `${Math.round(value)} ms`;

function perfdata(result: CheckResult, opts: CheckOptions): string {
  const items = [`total=${Math.round(result.totalMs)}ms;${opts.warnMs ?? ''};${opts.critMs ?? ''};0`];
  for (const step of result.steps) items.push(`${step.name.replace(/-/g, '_')}=${Math.round(step.ms)}ms;;;0`);
  return items.join(' ');
}

function stepsText(result: CheckResult): string {
  return result.steps.map((s) => `${s.name} ${ms(s.ms)}${s.ok ? '' : ' failed'}`).join(', ');
}

export async function runCheckCommand(ctx: Ctx, opts: CheckOptions): Promise<number> {
  if (!opts.nagios) return runPlain(ctx, opts);
  try {
    return await runNagios(ctx, opts);
  } catch (error) {
    // A plugin that cannot even start a check answers UNKNOWN (3), with one line on stdout.
    if (!isCasctlError(error) || error.category === 'interrupted') throw error;
    const code: NagiosCode = error.category === 'network' || error.category === 'refused' ? 2 : 3;
    const line = `CAS ${NAGIOS[code]} - ${error.message}`;
    ctx.out.result({ ok: false, error: { code: error.code, message: error.message }, nagios: { status: NAGIOS[code], exitCode: code } }, line);
    return code;
  }
}

async function execute(ctx: Ctx, opts: CheckOptions): Promise<CheckResult> {
  return withSession(ctx, opts, async (session) => {
    // The connection is opened first (or was, at start-up: src/io/connect-ahead.ts), so that its TCP and
    // TLS round trips overlap reading the password, loading the check and building the TLS context. The
    // clock starts when it was opened: the first step counts the whole connection set-up. A password typed at a prompt is read first (an open connection would wait
    // for the user, and the first step would count the typing).
    const fromFileOrEnv = opts.passwordFile !== undefined || opts.passwordEnv !== undefined;
    let startedAt = 0;
    const preconnect = async () => {
      startedAt = performance.now();
      const connecting = session.http.preconnect?.(session.server);
      if (connecting) startedAt = await connecting;
    };
    if (fromFileOrEnv) await preconnect();
    const password = await readPassword(ctx, opts, session.secrets);
    if (!fromFileOrEnv) await preconnect();
    const { runCheck } = await import('../../tickets/check.js');
    return await runCheck(session.http, session.server, {
      startedAt,
      via: opts.via,
      service: opts.service,
      username: opts.username,
      password,
      protocol: opts.protocol,
      format: opts.format,
      onSecret: (value) => session.secrets.add(value),
    });
  });
}

function document(result: CheckResult, opts: CheckOptions, extra: Record<string, unknown> = {}) {
  return {
    ok: result.ok,
    via: result.via,
    service: result.service,
    username: result.username,
    ...(result.user !== undefined ? { user: result.user } : {}),
    totalMs: result.totalMs,
    ...(opts.warnMs !== undefined ? { warnMs: opts.warnMs } : {}),
    ...(opts.critMs !== undefined ? { critMs: opts.critMs } : {}),
    steps: result.steps,
    ...(result.failure ? { error: { code: result.failure.code, message: result.failure.message } } : {}),
    ...extra,
  };
}

async function runPlain(ctx: Ctx, opts: CheckOptions): Promise<number> {
  const result = await execute(ctx, opts);
  const who = `${opts.username} via ${opts.via}`;
  if (result.failure) {
    const failed = result.steps.find((s) => !s.ok)!;
    ctx.out.result(document(result, opts), `FAILED: CAS login for ${who} failed at ${failed.name}: ${result.failure.message} (${stepsText(result)})`);
    if (result.failure.hint) ctx.out.info(`hint: ${result.failure.hint}`);
    return exitCodeFor(result.failure.category);
  }
  if (opts.critMs !== undefined && result.totalMs > opts.critMs) {
    const message = `the login took ${ms(result.totalMs)}, more than --crit-ms ${opts.critMs}`;
    ctx.out.result(
      { ...document(result, opts), ok: false, error: { code: 'E_CHECK_SLOW', message } },
      `FAILED: CAS login for ${who}: ${message} (${stepsText(result)})`,
    );
    return 1;
  }
  if (opts.warnMs !== undefined && result.totalMs > opts.warnMs) ctx.out.warn(`the login took ${ms(result.totalMs)}, more than --warn-ms ${opts.warnMs}`);
  ctx.out.result(document(result, opts), `OK: CAS login for ${who} passed in ${ms(result.totalMs)} (${stepsText(result)})`);
  return 0;
}

async function runNagios(ctx: Ctx, opts: CheckOptions): Promise<number> {
  const result = await execute(ctx, opts);
  let code: NagiosCode = 0;
  let summary = `login as ${opts.username} via ${opts.via} in ${ms(result.totalMs)}`;
  if (result.failure) {
    code = 2;
    const failed = result.steps.find((s) => !s.ok)!;
    summary = `login as ${opts.username} via ${opts.via} failed at ${failed.name}: ${result.failure.message}`;
  } else if (opts.critMs !== undefined && result.totalMs > opts.critMs) {
    code = 2;
    summary += ` (more than ${opts.critMs} ms)`;
  } else if (opts.warnMs !== undefined && result.totalMs > opts.warnMs) {
    code = 1;
    summary += ` (more than ${opts.warnMs} ms)`;
  }
  const line = `CAS ${NAGIOS[code]} - ${summary.replace(/\|/g, '/')} | ${perfdata(result, opts)}`;
  ctx.out.result(document(result, opts, { nagios: { status: NAGIOS[code], exitCode: code } }), line);
  return code;
}
