/**
 * Account-registration activation tokens (`DefaultAccountRegistrationService#createToken/#validateToken`):
 * jose4j claims `jti`, `iss` = `aud` = `cas.server.prefix`, `exp`, `iat`, `origin` (server IP), `client`
 * (client IP), `sub` = username, plus every registration field, encoded by the account-registration cipher
 * executor (`cas.account-registration.core.crypto.*`, CAS's JWS/JWE layout: src/crypto/cas-cipher.ts).
 *
 * CAS accepts a token when (in this order, stopping at the first failure): `iss` equals the prefix, the
 * first `aud` equals the prefix, `sub` is not blank, `origin` equals the server's IP and `client` the
 * client's IP (each only when its include-…-ip-address setting is on, default on), and `exp` is not
 * before now. Every failed check is reported here, not only the first.
 */
import { isCasctlError } from '../errors.js';
import { decodeCasToken, type CasKeys, type DecodedCasToken, type DecodedStrategy, type JoseHeader } from '../crypto/cas-cipher.js';

/** The CAS settings the account-registration token uses (CasConfigurationProperties#getAccountRegistration().getCore()). */
export const ACCOUNT_SETTINGS = {
  prefix: 'cas.server.prefix',
  signingKey: 'cas.account-registration.core.crypto.signing.key',
  encryptionKey: 'cas.account-registration.core.crypto.encryption.key',
  cryptoEnabled: 'cas.account-registration.core.crypto.enabled',
  strategy: 'cas.account-registration.core.crypto.strategy-type',
  alg: 'cas.account-registration.core.crypto.alg',
  includeClientIp: 'cas.account-registration.core.include-client-ip-address',
  includeServerIp: 'cas.account-registration.core.include-server-ip-address',
  expiration: 'cas.account-registration.core.expiration',
} as const;

/** Claims CAS itself sets; every other claim is a registration field. */
export const STANDARD_CLAIMS = ['jti', 'iss', 'aud', 'exp', 'iat', 'nbf', 'sub', 'origin', 'client'];

export interface JudgeOptions {
  /** the CAS prefix (`cas.server.prefix`) */
  prefix: string;
  /** seconds since the epoch (default now) */
  now?: number;
  /** the client IP CAS would see; unset: the `client` claim is not compared */
  clientIp?: string;
  /** the server IP CAS would see; unset: the `origin` claim is not compared */
  serverIp?: string;
  /** include-client-ip-address (CAS default true); undefined: unknown (no --cas-config) */
  includeClientIp?: boolean;
  /** include-server-ip-address (CAS default true); undefined: unknown (no --cas-config) */
  includeServerIp?: boolean;
  /** the strategy CAS is configured with; a token of the other order fails to decode there */
  expectedStrategy?: string;
}

export type CheckName = 'decode' | 'issuer' | 'audience' | 'subject' | 'origin' | 'client' | 'expiration' | 'strategy';

export interface TokenCheck {
  check: CheckName;
  /** true passed, false failed, null not checked */
  ok: boolean | null;
  message: string;
  code?: string;
}

export interface RegistrationTokenReport {
  /** CAS would accept the token now */
  ok: boolean;
  accepted: boolean;
  prefix: string;
  strategy?: DecodedStrategy;
  layout?: string;
  signatureVerified?: boolean;
  decrypted?: boolean;
  headers?: { jws?: JoseHeader; jwe?: JoseHeader };
  claims?: Record<string, unknown>;
  /** the registration fields carried as claims (everything but the standard claims) */
  fields?: Record<string, unknown>;
  issuedAt?: string;
  expiresAt?: string;
  checks: TokenCheck[];
  /** failed checks, as {code, message} */
  reasons: { code: string; message: string; hint?: string }[];
  /** facts that are not reasons (e.g. an unprotected token) */
  notes: string[];
  /** the first reason, for `jq .error.code` */
  error?: { code: string; message: string; hint?: string };
}

const iso = (seconds: number) => new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');

function span(seconds: number): string {
  const abs = Math.abs(Math.round(seconds));
  if (abs < 120) return `${abs} s`;
  if (abs < 7200) return `${Math.round(abs / 60)} min`;
  if (abs < 172800) return `${Math.round(abs / 3600)} h`;
  return `${Math.round(abs / 86400)} days`;
}

const show = (value: unknown) => (value === undefined ? 'missing' : JSON.stringify(value));

/** The checks of `DefaultAccountRegistrationService#validateToken`, all of them, on decoded claims. */
export function judgeRegistrationClaims(claims: Record<string, unknown>, options: JudgeOptions): TokenCheck[] {
  const checks: TokenCheck[] = [];
  const { prefix } = options;
  const now = options.now ?? Math.floor(Date.now() / 1000);
  const slashHint = (value: unknown) =>
    typeof value === 'string' && value.replace(/\/+$/, '') === prefix.replace(/\/+$/, '') ? ' (they differ only by a trailing slash)' : '';

  const iss = claims.iss;
  checks.push(
    iss === prefix
      ? { check: 'issuer', ok: true, message: `iss is the CAS prefix ${prefix}` }
      : { check: 'issuer', ok: false, code: 'E_TOKEN_ISSUER_MISMATCH', message: `iss is ${show(iss)}, not the CAS prefix ${JSON.stringify(prefix)}${slashHint(iss)}` },
  );

  const aud = claims.aud;
  const audiences = Array.isArray(aud) ? aud : aud === undefined || aud === null ? [] : [aud];
  checks.push(
    audiences[0] === prefix
      ? { check: 'audience', ok: true, message: `aud is the CAS prefix` }
      : {
          check: 'audience',
          ok: false,
          code: 'E_TOKEN_AUDIENCE_MISMATCH',
          message: `${audiences.length === 0 ? 'aud is missing' : `the first aud is ${show(audiences[0])}`}, not the CAS prefix ${JSON.stringify(prefix)}${slashHint(audiences[0])}`,
        },
  );

  const sub = claims.sub;
  checks.push(
    typeof sub === 'string' && sub.trim() !== ''
      ? { check: 'subject', ok: true, message: `sub (the username) is ${JSON.stringify(sub)}` }
      : { check: 'subject', ok: false, code: 'E_TOKEN_SUBJECT_MISSING', message: `sub (the username) is ${typeof sub === 'string' ? 'blank' : show(sub)}: CAS rejects a token without a subject` },
  );

  const ipCheck = (check: 'origin' | 'client', include: boolean | undefined, expected: string | undefined, what: string, flag: string) => {
    const value = claims[check];
    const setting = `include-${check === 'origin' ? 'server' : 'client'}-ip-address`;
    if (include === false) {
      checks.push({ check, ok: null, message: `${check} is not compared (${setting}=false)` });
    } else if (typeof value !== 'string' && include === undefined) {
      checks.push({ check, ok: null, message: `the token has no ${check} claim: CAS made it with ${setting}=false (with it on, CAS rejects such a token); pass --cas-config to check` });
    } else if (typeof value !== 'string') {
      checks.push({
        check,
        ok: false,
        code: check === 'origin' ? 'E_TOKEN_ORIGIN_MISSING' : 'E_TOKEN_CLIENT_MISSING',
        message: `the token has no ${check} claim (${what}), which CAS compares when include-${check === 'origin' ? 'server' : 'client'}-ip-address is on (the default)`,
      });
    } else if (expected === undefined) {
      checks.push({ check, ok: null, message: `${check} is ${value} (${what}); not compared: pass ${flag}` });
    } else if (value === expected) {
      checks.push({ check, ok: true, message: `${check} ${value} is the ${what}` });
    } else {
      checks.push({
        check,
        ok: false,
        code: check === 'origin' ? 'E_TOKEN_ORIGIN_MISMATCH' : 'E_TOKEN_CLIENT_MISMATCH',
        message: `${check} is ${value}, not the ${what} ${expected}`,
      });
    }
  };
  ipCheck('origin', options.includeServerIp, options.serverIp, 'server IP address', '--server-ip');
  ipCheck('client', options.includeClientIp, options.clientIp, 'client IP address', '--client-ip');

  const exp = claims.exp;
  if (typeof exp !== 'number' || !Number.isFinite(exp)) {
    checks.push({ check: 'expiration', ok: false, code: 'E_TOKEN_CLAIMS_INVALID', message: `exp is ${show(exp)}, not a time: CAS cannot tell when the token expires` });
  } else if (exp < now) {
    // jose4j NumericDate#isBefore(now): a token whose exp is this very second is still accepted.
    checks.push({ check: 'expiration', ok: false, code: 'E_TOKEN_EXPIRED', message: `the token expired at ${iso(exp)} (${span(now - exp)} ago)` });
  } else {
    checks.push({ check: 'expiration', ok: true, message: `valid until ${iso(exp)} (${span(exp - now)} left)` });
  }
  return checks;
}

export interface DecodeRegistrationOptions extends JudgeOptions {
  /** accept plain JSON / alg "none" tokens (CAS with crypto.enabled=false) */
  allowUnsecured?: boolean;
}

/**
 * Decodes a registration token with the account-registration keys and judges it as CAS would now.
 * A token CAS cannot decode (bad signature, wrong key, damaged) is a rejection, not an exception;
 * missing keys (usage) and unusable key values (input) still throw.
 */
export async function decodeRegistrationToken(token: string, keys: CasKeys, options: DecodeRegistrationOptions): Promise<RegistrationTokenReport> {
  const report: RegistrationTokenReport = { ok: false, accepted: false, prefix: options.prefix, checks: [], reasons: [], notes: [] };
  let decoded: DecodedCasToken;
  try {
    decoded = await decodeCasToken(token, keys, options.allowUnsecured === undefined ? {} : { allowUnsecured: options.allowUnsecured });
  } catch (error) {
    if (!isCasctlError(error) || error.category !== 'refused') throw error;
    report.checks.push({ check: 'decode', ok: false, code: error.code, message: error.message });
    report.reasons.push({ code: error.code, message: error.message, ...(error.hint ? { hint: error.hint } : {}) });
    const headers = (error.details as { headers?: RegistrationTokenReport['headers'] } | undefined)?.headers;
    if (headers) report.headers = headers;
    report.error = report.reasons[0];
    return report;
  }
  report.strategy = decoded.strategy;
  if (decoded.layoutHint) report.layout = decoded.layoutHint;
  report.signatureVerified = decoded.signatureVerified;
  report.decrypted = decoded.decrypted;
  report.headers = decoded.headers;
  const how = [decoded.signatureVerified ? 'signature verified' : undefined, decoded.decrypted ? 'decrypted' : undefined].filter(Boolean).join(', ');
  report.checks.push({ check: 'decode', ok: true, message: `${decoded.strategy}${how ? `: ${how}` : ''}` });
  if (decoded.strategy === 'NONE' || decoded.strategy === 'UNSECURED') {
    report.notes.push('the token is neither signed nor encrypted: CAS accepts such tokens only with cas.account-registration.core.crypto.enabled=false');
  }
  if (
    options.expectedStrategy !== undefined &&
    (decoded.strategy === 'ENCRYPT_AND_SIGN' || decoded.strategy === 'SIGN_AND_ENCRYPT') &&
    decoded.strategy !== options.expectedStrategy.toUpperCase()
  ) {
    report.checks.push({
      check: 'strategy',
      ok: false,
      code: 'E_TOKEN_STRATEGY_MISMATCH',
      message: `the token is ${decoded.strategy} but CAS is configured with strategy-type ${options.expectedStrategy}: CAS undoes the layers in its own order and fails`,
    });
  }
  if (!decoded.claims) {
    const message = 'the token decodes, but its payload is not a JSON object of claims';
    report.checks.push({ check: 'decode', ok: false, code: 'E_TOKEN_CLAIMS_INVALID', message });
  } else {
    report.claims = decoded.claims;
    report.fields = Object.fromEntries(Object.entries(decoded.claims).filter(([name]) => !STANDARD_CLAIMS.includes(name)));
    if (typeof decoded.claims.iat === 'number') report.issuedAt = iso(decoded.claims.iat);
    if (typeof decoded.claims.exp === 'number') report.expiresAt = iso(decoded.claims.exp);
    report.checks.push(...judgeRegistrationClaims(decoded.claims, options));
  }
  for (const check of report.checks) if (check.ok === false) report.reasons.push({ code: check.code!, message: check.message });
  report.accepted = report.reasons.length === 0;
  report.ok = report.accepted;
  if (!report.accepted) report.error = report.reasons[0];
  return report;
}

/** The human report: verdict, claims, the registration fields, then each check. */
export function formatTokenReport(report: RegistrationTokenReport, paint: import('../io/output.js').Paint): string {
  const lines: string[] = [];
  lines.push(
    report.accepted
      ? `${paint.green('✔ accepted')}: CAS (prefix ${report.prefix}) would accept this registration token now`
      : `${paint.red('✖ rejected')}: CAS (prefix ${report.prefix}) would not accept this registration token`,
  );
  if (report.strategy) {
    lines.push(`  ${paint.dim('format')}   ${report.strategy}${report.layout ? ` (${report.layout} layout)` : ''}`);
  }
  if (report.claims) {
    const standard = STANDARD_CLAIMS.filter((name) => report.claims![name] !== undefined);
    const width = Math.max(8, ...Object.keys(report.claims).map((k) => k.length + 1));
    lines.push(paint.bold('Claims:'));
    for (const name of standard) {
      let value = typeof report.claims[name] === 'string' ? String(report.claims[name]) : JSON.stringify(report.claims[name]);
      if ((name === 'exp' || name === 'iat' || name === 'nbf') && typeof report.claims[name] === 'number') value += ` (${iso(report.claims[name] as number)})`;
      lines.push(`  ${name.padEnd(width)}${value}`);
    }
    const fields = Object.entries(report.fields ?? {});
    if (fields.length > 0) {
      lines.push(paint.bold('Registration fields:'));
      for (const [name, value] of fields) lines.push(`  ${name.padEnd(width)}${typeof value === 'string' ? value : JSON.stringify(value)}`);
    }
  }
  lines.push(paint.bold('Checks:'));
  for (const check of report.checks) {
    const mark = check.ok === true ? paint.green('✔') : check.ok === false ? paint.red('✖') : paint.dim('-');
    lines.push(`  ${mark} ${check.check.padEnd(10)} ${check.message}${check.code && check.ok === false ? paint.dim(` [${check.code}]`) : ''}`);
  }
  for (const reason of report.reasons) if (reason.hint) lines.push(`  ${paint.dim('hint:')} ${reason.hint}`);
  for (const note of report.notes) lines.push(`  ${paint.yellow('note:')} ${note}`);
  return lines.join('\n');
}
