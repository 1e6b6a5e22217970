/**
 * jwk-gen's command line, checked in the order jwk-gen.jar checks it and refused with the jar's own
 * messages, word for word (casctl exits 2 where the jar exits 1). casctl's additions (--json,
 * --k-only, --force, refusing flags the jar would silently ignore or crash on) come after them.
 */
import { usageError } from '../errors.js';
import { JavaNumberFormatError, javaIntegerDecode } from './java.js';
import {
  EC_CURVES,
  KID_GENERATORS,
  OKP_CURVES,
  type EcCurve,
  type KeySpec,
  type KeyUse,
  type KidGenerator,
  type KidGeneratorName,
  type OkpCurve,
} from './keys.js';

/** The flags as commander hands them over (values unparsed: the jar's parsing is done here). */
export interface JwkGenFlags {
  type?: string;
  size?: string;
  curve?: string;
  usage?: string;
  algorithm?: string;
  id?: string;
  idGenerator?: string;
  noGenerateId?: boolean;
  showPubKey?: boolean;
  keySet?: boolean;
  output?: string;
  pubKeyOutput?: string;
  x509?: boolean;
  force?: boolean;
  kOnly?: boolean;
  /** the short names of -i/-g/-I in the order they were given (commons-cli's option group) */
  idGroup?: string[];
}

export interface JwkGenRequest {
  spec: KeySpec;
  showPublic: boolean;
  keySet: boolean;
  output?: string;
  publicOutput?: string;
  x509: boolean;
  force: boolean;
  kOnly: boolean;
  /** things the jar does silently that a user should hear about (stderr) */
  warnings: string[];
}

const USAGE_HINT = "run 'casctl jwk-gen --help' for the flags";
const fail = (code: string, message: string, hint = USAGE_HINT) => usageError(code, message, { hint });

const empty = (value: string | undefined): value is undefined | '' => value === undefined || value === '';

/** commons-cli's OptionGroup: -i, -g and -I exclude each other; the second one named is the error. */
function checkIdGroup(order: readonly string[]): void {
  let selected: string | undefined;
  for (const key of order) {
    if (selected === undefined || selected === key) selected = key;
    else {
      throw fail(
        'E_USAGE',
        `Failed to parse arguments: The option '${key}' was specified but an option from this group has already been selected: '${selected}'`,
        '-i/--id, -g/--idGenerator and -I/--noGenerateId exclude each other: give one of them',
      );
    }
  }
}

function kidGenerator(flags: JwkGenFlags, warnings: string[]): KidGenerator {
  if (!empty(flags.id)) return { kind: 'specified', kid: flags.id };
  // -I, or -i with an empty value: no kid at all.
  if (flags.id !== undefined || flags.noGenerateId) return { kind: 'none' };
  if (flags.idGenerator === undefined) return { kind: 'timestamp' };
  if ((KID_GENERATORS as readonly string[]).includes(flags.idGenerator)) return { kind: flags.idGenerator as KidGeneratorName };
  warnings.push(
    `unknown key ID generator '${flags.idGenerator}': using timestamp, as jwk-gen.jar does (generators: ${KID_GENERATORS.join(', ')})`,
  );
  return { kind: 'timestamp' };
}

/** `Integer.decode` then the jar's divisibility check; casctl also refuses sizes the jar would crash on. */
export function parseSize(size: string | undefined, kty: 'RSA' | 'oct'): number {
  if (empty(size)) throw fail('E_JWK_SIZE_MISSING', `Key size (in bits) is required for key type ${kty}`, `pass -s/--size, e.g. -s ${kty === 'oct' ? 512 : 2048}`);
  let bits: number;
  try {
    bits = javaIntegerDecode(size);
  } catch (error) {
    if (!(error instanceof JavaNumberFormatError)) throw error;
    throw fail('E_JWK_SIZE_INVALID', `Invalid key size: ${error.message}`, 'give the size in bits: decimal (512), hex (0x200 or #200) or octal (01000)');
  }
  if (bits % 8 !== 0) throw fail('E_JWK_SIZE_INVALID', `Key size (in bits) must be divisible by 8, got ${bits}`);
  if (bits <= 0) throw fail('E_JWK_SIZE_INVALID', `Key size (in bits) must be positive, got ${bits}`);
  if (kty === 'RSA') {
    // SunRsaSign's limits and messages (the jar would die with a stack trace).
    if (bits < 512) throw fail('E_JWK_SIZE_INVALID', 'RSA keys must be at least 512 bits long', 'use 2048 bits or more');
    if (bits > 16384) throw fail('E_JWK_SIZE_INVALID', 'RSA keys must be no longer than 16384 bits');
  }
  return bits;
}

function parseCurve<C extends string>(crv: string | undefined, kty: 'EC' | 'OKP', curves: readonly C[]): C {
  if (empty(crv)) throw fail('E_JWK_CURVE_MISSING', `Curve is required for key type ${kty}`, `pass -c/--curve, one of ${curves.join(', ')}`);
  if (!(curves as readonly string[]).includes(crv)) {
    throw fail('E_JWK_CURVE_INVALID', `Curve ${crv} is not valid for key type ${kty}`, `curves for ${kty}: ${curves.join(', ')}`);
  }
  return crv as C;
}

export function parseJwkGenFlags(flags: JwkGenFlags, global: { json: boolean }): JwkGenRequest {
  const warnings: string[] = [];
  checkIdGroup(flags.idGroup ?? []);
  const kid = kidGenerator(flags, warnings);
  const kty = flags.type;
  if (kty === undefined) throw fail('E_JWK_TYPE_MISSING', 'Key type must be supplied.', 'pass -t/--type: RSA, oct, EC or OKP');

  let use: KeyUse | undefined;
  if (flags.usage !== undefined) {
    if (flags.usage !== 'sig' && flags.usage !== 'enc') {
      throw fail('E_JWK_USE_INVALID', `Invalid key usage, must be 'sig' or 'enc', got ${flags.usage}`);
    }
    use = flags.usage;
  }
  const alg = empty(flags.algorithm) ? undefined : flags.algorithm;

  let spec: KeySpec;
  if (kty === 'RSA') spec = { kty, size: parseSize(flags.size, kty), use, alg, kid };
  else if (kty === 'oct') spec = { kty, size: parseSize(flags.size, kty), use, alg, kid };
  else if (kty === 'EC') spec = { kty, crv: parseCurve<EcCurve>(flags.curve, kty, EC_CURVES), use, alg, kid };
  else if (kty === 'OKP') spec = { kty, crv: parseCurve<OkpCurve>(flags.curve, kty, OKP_CURVES), use, alg, kid };
  else throw fail('E_JWK_TYPE_UNKNOWN', `Unknown key type: ${kty}`, 'key types are case-sensitive: RSA, oct, EC, OKP');

  const output = flags.output;
  const request: JwkGenRequest = {
    spec,
    showPublic: flags.showPubKey === true,
    keySet: flags.keySet === true,
    output,
    publicOutput: flags.pubKeyOutput,
    x509: flags.x509 === true,
    force: flags.force === true,
    kOnly: flags.kOnly === true,
    warnings,
  };

  // casctl's own checks: flags the jar ignores silently or crashes on.
  if (output === '') throw fail('E_USAGE', '-o/--output needs a file name');
  if (request.publicOutput !== undefined) {
    if (output === undefined) throw fail('E_USAGE', "-P/--pubKeyOutput needs '-o/--output' as well", 'pass -o FILE for the full key');
    if (request.publicOutput === '') throw fail('E_USAGE', '-P/--pubKeyOutput needs a file name');
    if (request.publicOutput === output) throw fail('E_USAGE', '-o/--output and -P/--pubKeyOutput name the same file');
    if (kty === 'oct' && !request.keySet) {
      throw fail('E_USAGE', 'an oct key has no public key to write to -P/--pubKeyOutput', 'leave out -P, or use -S to keep the public keys of a key set');
    }
  }
  if (request.kOnly) {
    if (kty !== 'oct') throw fail('E_USAGE', '--k-only works with -t oct only', 'it prints the k value a CAS *.crypto.*.key setting takes');
    const others = [
      [request.keySet, '-S'],
      [request.showPublic, '-p'],
      [request.x509, '-x'],
      [output !== undefined, '-o'],
      [global.json, '--json'],
    ].filter(([on]) => on).map(([, flag]) => flag);
    if (others.length > 0) throw fail('E_USAGE', `--k-only prints the bare k value: it cannot be combined with ${others.join(', ')}`);
  }
  if (output === undefined) {
    if (request.x509 && kty !== 'RSA' && kty !== 'EC') {
      // The jar prints the key first and then fails; casctl fails before printing a key it refuses to finish.
      throw fail('E_JWK_X509_TYPE', `Unknown key type for X509 encoding: ${kty}`, '-x works with RSA and EC keys');
    }
    if (global.json && (request.showPublic || request.x509)) {
      throw fail('E_USAGE', '--json prints the key (or key set) as one document: leave out -p and -x', 'or leave out --json for the jar-style text');
    }
  } else {
    if (request.showPublic) warnings.push('-p/--showPubKey is ignored with -o/--output (use -P FILE to write the public key)');
    if (request.x509) warnings.push('-x/--x509 is ignored with -o/--output, as jwk-gen.jar does');
  }
  return request;
}
