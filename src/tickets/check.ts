/**
 * The synthetic login a monitoring system runs: TGT → ST → validate → logout over REST, or
 * login page → form post → validate → logout for servers without the REST module. Every step is
 * timed; the first failing step ends the run, but an SSO session already created is still ended.
 */
import { CasctlError, isCasctlError } from '../errors.js';
import type { HttpClient } from '../io/http.js';
import { CookieJar, fetchLoginPage, formLogout, submitLogin } from './login-form.js';
import { createSt, createTgt, destroyTgt, type Credentials } from './rest.js';
import { validateTicket, validationError, type Protocol, type ValidationFormat } from './validate.js';

export type Via = 'rest' | 'login-form';

export interface CheckRequest extends Credentials {
  via: Via;
  service: string;
  protocol: Protocol;
  format: ValidationFormat;
  /** called with each secret as soon as it is known (TGTs), so --verbose can redact it */
  onSecret?: (value: string) => void;
  /** performance.now() when the connection to the server was started ahead (preconnect): the first step and the total count from there */
  startedAt?: number;
}

export interface CheckStep {
  name: string;
  ok: boolean;
  ms: number;
  error?: { code: string; message: string };
}

export interface CheckResult {
  ok: boolean;
  via: Via;
  service: string;
  username: string;
  /** the principal CAS validated (may differ from the login name after principal transformation) */
  user?: string;
  attributes?: Record<string, string[]>;
  totalMs: number;
  steps: CheckStep[];
  /** the error of the first failing step */
  failure?: CasctlError;
}

const round = (ms: number) => Math.round(ms * 10) / 10;

export async function runCheck(http: HttpClient, server: string, request: CheckRequest): Promise<CheckResult> {
  const steps: CheckStep[] = [];
  const started = request.startedAt ?? performance.now();
  let firstStepFrom: number | undefined = started;
  let failure: CasctlError | undefined;

  const step = async <T>(name: string, fn: () => Promise<T>): Promise<T | undefined> => {
    const t0 = firstStepFrom ?? performance.now();
    firstStepFrom = undefined;
    try {
      const value = await fn();
      steps.push({ name, ok: true, ms: round(performance.now() - t0) });
      return value;
    } catch (error) {
      if (!isCasctlError(error)) throw error;
      steps.push({ name, ok: false, ms: round(performance.now() - t0), error: { code: error.code, message: error.message } });
      failure ??= error;
      return undefined;
    }
  };

  let user: string | undefined;
  let attributes: Record<string, string[]> | undefined;
  const validate = (ticket: string) =>
    step('validate', async () => {
      const result = await validateTicket(http, server, { service: request.service, ticket, protocol: request.protocol, format: request.format });
      if (!result.ok) throw validationError(result);
      user = result.user;
      attributes = result.attributes;
    });

  const credentials = { username: request.username, password: request.password };
  if (request.via === 'rest') {
    const tgt = await step('tgt', () => createTgt(http, server, credentials));
    if (tgt) {
      request.onSecret?.(tgt.tgt);
      const st = await step('st', () => createSt(http, server, tgt.tgt, { service: request.service }));
      if (st) await validate(st.ticket);
      await step('logout', () => destroyTgt(http, server, tgt.tgt));
    }
  } else {
    const jar = new CookieJar();
    const page = await step('login-page', () => fetchLoginPage(http, server, request.service, jar));
    if (page) {
      const ticket = await step('login', () => submitLogin(http, page, request.service, credentials, jar));
      if (ticket) await validate(ticket);
      if (jar.size > 0) await step('logout', () => formLogout(http, server, jar));
    }
  }
  return {
    ok: failure === undefined,
    via: request.via,
    service: request.service,
    username: request.username,
    user,
    attributes,
    totalMs: round(performance.now() - started),
    steps,
    failure,
  };
}
