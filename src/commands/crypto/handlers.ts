/**
 * The `crypto` handlers: loaded with import() when a crypto command runs, never at start-up.
 * They turn options into domain calls (src/crypto/) and results into output.
 */
import type { Ctx } from '../../cli/context.js';
import { secretSources } from '../../cli/options.js';
import { CasctlError, inputError, isCasctlError, usageError } from '../../errors.js';
import { readTextFile, writeFileAtomic } from '../../io/files.js';
import { readStdinText } from '../../io/secrets.js';
import type { Paint } from '../../io/output.js';
import {
  CONTENT_ENCRYPTIONS,
  checkTokenClaims,
  decodeCasToken,
  encodeCasToken,
  type CasCompat,
  type CasKeys,
  type CipherStrategy,
  type ContentEncryption,
  type DecodedCasToken,
} from '../../crypto/cas-cipher.js';
import { FEATURES, type CasFeature } from '../../crypto/features.js';
import { generateFeatureKeys, renderKeys, requireFeature, type KeysFormat } from '../../crypto/keys.js';
import type { KeySourceOptions } from './options.js';

// ------------------------------------------------------------------------------------------- keys

export interface KeysOptions {
  feature?: string;
  format: KeysFormat;
  enc?: ContentEncryption;
  strategy?: CipherStrategy;
  out?: string;
  force?: boolean;
  list?: boolean;
}

export async function runKeys(ctx: Ctx, opts: KeysOptions): Promise<void> {
  if (opts.list) {
    ctx.out.result(
      FEATURES.map((f) => ({
        feature: f.name,
        prefix: f.prefix,
        kind: f.kind,
        signingBits: f.signingBits,
        encryptionBits: f.kind === 'randomized' ? f.encryptionSize * 8 : f.encryptionSize,
        enc: f.enc ?? null,
        decodable: f.decodable,
        description: f.description,
      })),
      (paint) => listText(paint),
    );
    return;
  }
  if (!opts.feature) {
    throw usageError('E_USAGE', 'choose a feature with --feature NAME', {
      hint: `one of: ${FEATURES.map((f) => f.name).join(', ')} (see casctl crypto keys --list)`,
    });
  }
  const keys = generateFeatureKeys({ feature: opts.feature, enc: opts.enc, strategy: opts.strategy });
  const text = await renderKeys(keys, opts.format);
  const summary = {
    feature: keys.feature,
    prefix: keys.prefix,
    kind: keys.kind,
    signingBits: keys.signingBits,
    encryptionBits: keys.encryptionBits,
    ...(keys.enc ? { enc: keys.enc, strategy: keys.strategy } : {}),
    format: opts.format,
  };
  if (opts.out) {
    const written = await writeFileAtomic(opts.out, text, { mode: 0o600, overwrite: opts.force === true, what: 'keys file' });
    // The file holds the secrets; stdout gets only where they went.
    ctx.out.result(
      { ...summary, file: written.path, replaced: !written.created, settings: keys.settings.map(({ name, env }) => ({ name, env })) },
      '',
    );
    ctx.out.success(`${written.created ? 'wrote' : 'replaced'} ${opts.out} (mode 0600): ${keys.settings.map((s) => (opts.format === 'env' ? s.env : s.name)).join(', ')}`);
    return;
  }
  ctx.out.result({ ...summary, settings: keys.settings }, text);
}

function listText(paint: Paint): string {
  const rows = FEATURES.map((f) => [
    f.name,
    `${f.prefix}.*`,
    f.kind === 'randomized' ? `sign ${f.signingBits}, AES ${f.encryptionSize * 8} (random)` : `sign ${f.signingBits}, enc ${f.encryptionSize} ${f.enc}`,
  ]);
  const widths = [0, 1].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => `${paint.bold(r[0]!.padEnd(widths[0]!))}  ${r[1]!.padEnd(widths[1]!)}  ${r[2]}`).join('\n');
}

// ---------------------------------------------------------------------------------- key sources

interface ResolvedKeys {
  keys: CasKeys;
  /** where each key came from, safe to print */
  origins: string[];
  feature?: CasFeature;
  /** settings from --cas-config that matter to decode/encode */
  config: { enc?: string; strategy?: string; enabled?: boolean; source?: string };
}

async function resolveKeys(ctx: Ctx, opts: KeySourceOptions): Promise<ResolvedKeys> {
  const feature = opts.feature ? requireFeature(opts.feature) : undefined;
  const keys: CasKeys = {};
  const origins: string[] = [];
  const config: ResolvedKeys['config'] = {};
  for (const [flag, label, field] of [
    ['signing-key', 'signing key', 'signingKey'],
    ['encryption-key', 'encryption key', 'encryptionKey'],
  ] as const) {
    const request = { flag, label, sources: secretSources(opts as Record<string, unknown>, flag), prompt: false };
    if (!ctx.secrets.has(request)) continue;
    const secret = await ctx.secrets.read(request);
    keys[field] = secret.value;
    origins.push(`${label} from ${secret.origin}`);
  }
  if (opts.casConfig) {
    if (!feature) {
      throw usageError('E_USAGE', '--cas-config needs --feature to know which keys to read', {
        hint: 'e.g. --cas-config /etc/cas/config/cas.properties --feature token',
      });
    }
    const { loadCasConfig } = await import('../../io/cas-config.js');
    const cfg = await loadCasConfig(opts.casConfig, ctx.env);
    config.source = opts.casConfig;
    config.enc = cfg.get(`${feature.prefix}.alg`) || undefined;
    config.strategy = cfg.get(`${feature.prefix}.strategy-type`) || undefined;
    config.enabled = cfg.getBoolean(`${feature.prefix}.enabled`);
    for (const [field, suffix] of [
      ['signingKey', 'signing.key'],
      ['encryptionKey', 'encryption.key'],
    ] as const) {
      if (keys[field] !== undefined) continue;
      const value = cfg.get(`${feature.prefix}.${suffix}`);
      if (value !== undefined && value.trim() !== '') {
        keys[field] = value.trim();
        origins.push(`${feature.prefix}.${suffix} from ${opts.casConfig}`);
      }
    }
    if (keys.signingKey === undefined && keys.encryptionKey === undefined && config.enabled !== false) {
      throw inputError('E_CONFIG_KEYS_MISSING', `${opts.casConfig} sets neither ${feature.prefix}.signing.key nor ${feature.prefix}.encryption.key`, {
        hint: 'CAS then generates random keys at every start-up (see its log); put them in the file, or pass --signing-key-file/--encryption-key-file',
      });
    }
  } else if (feature && keys.signingKey === undefined && keys.encryptionKey === undefined) {
    // CAS deployments often take the keys from the environment (Spring Boot relaxed binding).
    const { envName } = await import('../../config/cas-config.js');
    for (const [field, suffix] of [
      ['signingKey', 'signing.key'],
      ['encryptionKey', 'encryption.key'],
    ] as const) {
      const name = envName(`${feature.prefix}.${suffix}`);
      const value = ctx.env[name];
      if (value !== undefined && value.trim() !== '') {
        keys[field] = value.trim();
        origins.push(`${feature.prefix}.${suffix} from env ${name}`);
      }
    }
    if (keys.signingKey === undefined && keys.encryptionKey === undefined) {
      throw usageError('E_INPUT_REQUIRED', `no keys for ${feature.name}: give --cas-config, the key files/variables, or set ${envName(`${feature.prefix}.signing.key`)}`, {
        hint: 'secrets are never taken from the command line',
      });
    }
  }
  if (feature && !feature.decodable) {
    throw usageError('E_FEATURE_NOT_JWT', `${feature.name} values are not JWS/JWE strings (${feature.kind} AES cipher): casctl cannot decode or encode them`, {
      hint: 'crypto decode/encode handle the JWT features: ' + FEATURES.filter((f) => f.decodable).map((f) => f.name).join(', '),
    });
  }
  return { keys, origins, feature, config };
}

async function readInput(ctx: Ctx, arg: string | undefined, what: string, keyOpts: KeySourceOptions): Promise<{ text: string; origin: string }> {
  const fromStdin = arg === '-' || (arg === undefined && !ctx.streams.stdin.isTTY);
  if (fromStdin) {
    if (keyOpts.signingKeyStdin || keyOpts.encryptionKeyStdin) {
      throw usageError('E_USAGE', `standard input cannot carry both the ${what} and a key`, { hint: 'give keys with --…-key-file or --…-key-env' });
    }
    const text = await readStdinText(ctx.streams.stdin);
    if (arg === undefined && text.trim() === '') {
      throw usageError('E_INPUT_REQUIRED', `no ${what} given`, { hint: `pass it as an argument, or '-' to read standard input` });
    }
    return { text, origin: 'stdin' };
  }
  if (arg === undefined) throw usageError('E_INPUT_REQUIRED', `no ${what} given`, { hint: `pass it as an argument, or '-' to read standard input` });
  return { text: arg, origin: 'argument' };
}

// ----------------------------------------------------------------------------------------- decode

export interface DecodeOptions extends KeySourceOptions {
  expectIssuer?: string;
  expectAudience?: string;
}

const STRATEGY_TEXT: Record<DecodedCasToken['strategy'], string> = {
  ENCRYPT_AND_SIGN: 'ENCRYPT_AND_SIGN (JWS over the JWE string)',
  SIGN_AND_ENCRYPT: 'SIGN_AND_ENCRYPT (JWE over the JWS string)',
  SIGN: 'signed only (JWS; encryption disabled)',
  ENCRYPT: 'encrypted only (JWE; signing disabled)',
  UNSECURED: 'unsecured JWT (alg none: crypto disabled)',
  NONE: 'plain JSON (crypto disabled)',
};

export async function runDecode(ctx: Ctx, tokenArg: string | undefined, opts: DecodeOptions): Promise<number> {
  const resolved = await resolveKeys(ctx, opts);
  const input = await readInput(ctx, tokenArg, 'token', opts);
  for (const origin of resolved.origins) ctx.out.debug(origin);
  let decoded: DecodedCasToken;
  try {
    decoded = await decodeCasToken(input.text, resolved.keys);
  } catch (error) {
    if (isCasctlError(error) && error.category === 'refused') return renderDecodeFailure(ctx, error);
    throw error;
  }
  const checks = checkTokenClaims(decoded.claims, { expectIssuer: opts.expectIssuer, expectAudience: opts.expectAudience });
  const warnings: string[] = [];
  if (resolved.config.strategy && decoded.strategy !== 'NONE' && decoded.strategy !== 'UNSECURED' && decoded.strategy.includes('_AND_')) {
    if (resolved.config.strategy.toUpperCase() !== decoded.strategy) {
      warnings.push(`${resolved.config.source} sets strategy-type ${resolved.config.strategy} but the token is ${decoded.strategy}: that CAS would not decode it`);
    }
  }
  if (decoded.strategy === 'SIGN' || decoded.strategy === 'ENCRYPT') {
    warnings.push(`the token is ${decoded.strategy === 'SIGN' ? 'signed but not encrypted' : 'encrypted but not signed'}: one of the feature's keys is disabled`);
  }
  for (const warning of warnings) ctx.out.warn(warning);
  const ok = checks.ok;
  const document = {
    ok,
    strategy: decoded.strategy,
    signatureVerified: decoded.signatureVerified,
    decrypted: decoded.decrypted,
    ...(decoded.payloadEncoding ? { payloadEncoding: decoded.payloadEncoding } : {}),
    ...(decoded.layoutHint ? { layout: decoded.layoutHint } : {}),
    headers: decoded.headers,
    ...(decoded.claims ? { claims: decoded.claims } : { payload: decoded.payloadText }),
    times: { issuedAt: checks.issuedAt ?? null, notBefore: checks.notBefore ?? null, expiresAt: checks.expiresAt ?? null, expired: checks.expired ?? null },
    findings: checks.findings,
    ...(checks.findings.length > 0 ? { error: { code: checks.findings[0]!.code, message: checks.findings[0]!.message } } : {}),
  };
  ctx.out.result(document, (paint) => decodeText(paint, decoded, checks));
  if (!ok) {
    for (const finding of checks.findings) ctx.out.error(finding.message);
    return 1;
  }
  return 0;
}

function json(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

function decodeText(paint: Paint, decoded: DecodedCasToken, checks: ReturnType<typeof checkTokenClaims>): string {
  const lines: string[] = [];
  const state = [decoded.signatureVerified ? 'signature verified' : '', decoded.decrypted ? 'decrypted' : ''].filter(Boolean).join(', ');
  lines.push(`${paint.bold('Token:')}    ${STRATEGY_TEXT[decoded.strategy]}${state ? `, ${state}` : ''}`);
  if (decoded.layoutHint) {
    lines.push(`${paint.bold('Layout:')}   ${decoded.layoutHint}${decoded.payloadEncoding && decoded.payloadEncoding !== 'base64url' ? ` (JWS payload ${decoded.payloadEncoding})` : ''}`);
  }
  if (decoded.headers.jws) lines.push(`${paint.bold('JWS header:')} ${JSON.stringify(decoded.headers.jws)}`);
  if (decoded.headers.jwe) lines.push(`${paint.bold('JWE header:')} ${JSON.stringify(decoded.headers.jwe)}`);
  if (decoded.claims) {
    lines.push(paint.bold('Claims:'), json(decoded.claims));
  } else {
    lines.push(paint.bold('Payload:'), decoded.payloadText);
  }
  if (checks.issuedAt) lines.push(`${paint.bold('Issued:')}   ${checks.issuedAt}`);
  if (checks.notBefore) lines.push(`${paint.bold('Not before:')} ${checks.notBefore}`);
  if (checks.expiresAt) lines.push(`${paint.bold('Expires:')}  ${checks.expiresAt}${checks.expired ? ` ${paint.red('(expired)')}` : ''}`);
  // failed checks go to stderr as errors (runDecode), once
  return lines.join('\n');
}

function renderDecodeFailure(ctx: Ctx, error: CasctlError): number {
  const headers = (error.details?.headers ?? {}) as DecodedCasToken['headers'];
  ctx.out.result(
    {
      ok: false,
      error: { code: error.code, message: error.message, ...(error.hint ? { hint: error.hint } : {}) },
      ...(headers.jws || headers.jwe ? { headers } : {}),
    },
    (paint) =>
      [
        headers.jws ? `${paint.bold('JWS header:')} ${JSON.stringify(headers.jws)}` : '',
        headers.jwe ? `${paint.bold('JWE header:')} ${JSON.stringify(headers.jwe)}` : '',
      ]
        .filter(Boolean)
        .join('\n'),
  );
  ctx.out.error(error.message, error.hint);
  return 1;
}

// ----------------------------------------------------------------------------------------- encode

export interface EncodeOptions extends KeySourceOptions {
  strategy?: CipherStrategy;
  enc?: ContentEncryption;
  compat?: CasCompat;
  unsecured?: boolean;
}

export async function runEncode(ctx: Ctx, fileArg: string | undefined, opts: EncodeOptions): Promise<void> {
  const resolved = await resolveKeys(ctx, opts);
  let text: string;
  let origin: string;
  if (fileArg === undefined || fileArg === '-') {
    ({ text, origin } = await readInput(ctx, fileArg, 'claims JSON', opts));
  } else {
    text = await readTextFile(fileArg, 'claims file');
    origin = fileArg;
  }
  let claims: unknown;
  try {
    claims = JSON.parse(text);
  } catch (error) {
    throw inputError('E_CLAIMS_INVALID', `the claims in ${origin} are not valid JSON: ${(error as Error).message}`, {
      hint: 'give a JSON object, e.g. {"sub":"casuser","iss":"https://cas.example.org/cas"}',
    });
  }
  if (!claims || typeof claims !== 'object' || Array.isArray(claims)) {
    throw inputError('E_CLAIMS_INVALID', `the claims in ${origin} are not a JSON object`, { hint: 'a JWT payload is an object of claims' });
  }
  const configEnc = resolved.config.enc;
  if (!opts.enc && configEnc && !(CONTENT_ENCRYPTIONS as readonly string[]).includes(configEnc)) {
    throw inputError('E_CONFIG_INVALID', `${resolved.config.source} sets ${resolved.feature!.prefix}.alg=${configEnc}: casctl encodes with ${CONTENT_ENCRYPTIONS.join(', ')}`, {
      hint: 'pass --enc to override',
    });
  }
  const enc = opts.enc ?? (configEnc as ContentEncryption | undefined);
  const strategy = opts.strategy ?? (resolved.config.strategy?.toUpperCase() as CipherStrategy | undefined);
  if (strategy && strategy !== 'ENCRYPT_AND_SIGN' && strategy !== 'SIGN_AND_ENCRYPT') {
    throw inputError('E_CONFIG_INVALID', `${resolved.config.source} sets an unknown strategy-type ${strategy}`);
  }
  if (resolved.keys.signingKey === undefined && resolved.keys.encryptionKey === undefined && !opts.unsecured) {
    throw usageError('E_KEYS_REQUIRED', 'no signing or encryption key given', {
      hint: 'give --feature with --cas-config, or --signing-key-file/--encryption-key-file (or --…-env); --unsecured makes an alg "none" JWT',
    });
  }
  // CAS serialises the claims compactly (nimbus JWTClaimsSet#toString).
  const encoded = await encodeCasToken(JSON.stringify(claims), resolved.keys, {
    strategy,
    enc,
    compat: opts.compat,
    unsecured: opts.unsecured,
  });
  for (const note of encoded.notes) ctx.out.warn(note);
  ctx.out.result(
    { token: encoded.token, strategy: encoded.strategy, compat: encoded.compat, ...(encoded.enc ? { enc: encoded.enc } : {}), headers: encoded.headers },
    encoded.token,
  );
}
