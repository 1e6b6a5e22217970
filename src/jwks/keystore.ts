/**
 * The OIDC keystore CAS signs with: a JWKS file (`{"keys":[…]}`) whose keys carry a lifecycle `state`.
 * Parsing, validation ("what would CAS do with this file"), the signing-key rule and serialisation.
 *
 * CAS behaviour followed (apereo/cas, `cas-server-support-oidc-core-api`):
 * - states `OidcJsonWebKeystoreRotationService.JsonWebKeyLifecycleStates`: CURRENT=0, FUTURE=1, PREVIOUS=2,
 *   read as a JSON integer; absent or unknown ⇒ CURRENT;
 * - signing key (`OidcDefaultJsonWebKeystoreCacheLoader`): keys with use=sig (any use if none has it),
 *   asymmetric, state CURRENT, with a private part; the first in file order;
 * - file written by jose4j `JsonWebKeySet.toJson(INCLUDE_PRIVATE)`: compact JSON, members
 *   `kty, kid, use, alg, <key material>, <other members such as state>`.
 */
import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

export type Jwk = Record<string, unknown>;

export const STATES = { current: 0, future: 1, previous: 2 } as const;
export type StateName = keyof typeof STATES;
export const STATE_NAMES: Record<number, StateName> = { 0: 'current', 1: 'future', 2: 'previous' };

export type Severity = 'error' | 'warning';

export interface Finding {
  severity: Severity;
  /** stable code, documented in docs/readme/jwks.md */
  code: string;
  message: string;
  /** position of the key in `keys` (0-based), when the finding is about one key */
  index?: number;
  kid?: string;
  /**
   * true when the file cannot be processed as CAS processes it (not JSON, no `keys`, a key that does
   * not load, a bad `state`, duplicate kids): rotate/revoke/import refuse to touch such a file.
   */
  blocking: boolean;
}

export interface KeyInfo {
  index: number;
  kid?: string;
  kty: string;
  /** RSA modulus length or oct key length, in bits */
  size?: number;
  crv?: string;
  use?: string;
  alg?: string;
  /** the state as CAS reads it (absent or unknown ⇒ current) */
  state: StateName;
  /** the raw `state` member (undefined if absent) */
  rawState?: unknown;
  hasPrivate: boolean;
  symmetric: boolean;
  /** false when the key does not load; then a blocking finding says why */
  loads: boolean;
}

export interface ParsedKeystore {
  /** the keys as found in the file (members and order untouched); empty if the file did not parse */
  keys: Jwk[];
  info: KeyInfo[];
  findings: Finding[];
  /** false when `keys` could not be read at all */
  parsed: boolean;
}

const B64URL = /^[A-Za-z0-9_-]*$/;
const RSA_PRIVATE = ['d', 'p', 'q', 'dp', 'dq', 'qi'] as const;
const EC_CURVES: Record<string, { alg: string; bits: number }> = {
  'P-256': { alg: 'ES256', bits: 256 },
  'P-384': { alg: 'ES384', bits: 384 },
  'P-521': { alg: 'ES512', bits: 521 },
};
const JWS_ALGS = /^(RS|PS|ES|HS)(256|384|512)$|^EdDSA$|^ES256K$/;

/** The lifecycle state CAS gives a key: an integer 0/1/2, anything else (or nothing) counts as current. */
export function stateOf(jwk: Jwk): StateName {
  const raw = jwk.state;
  if (typeof raw === 'number' && Number.isInteger(raw) && STATE_NAMES[raw]) return STATE_NAMES[raw]!;
  return 'current';
}

export function parseStateName(value: string): StateName | undefined {
  const v = value.trim().toLowerCase();
  if (v === 'current' || v === '0') return 'current';
  if (v === 'future' || v === '1') return 'future';
  if (v === 'previous' || v === '2') return 'previous';
  return undefined;
}

export function kidOf(jwk: Jwk): string | undefined {
  return typeof jwk.kid === 'string' ? jwk.kid : undefined;
}

interface Loaded {
  kty: string;
  size?: number;
  crv?: string;
  hasPrivate: boolean;
  symmetric: boolean;
}

function requireMembers(jwk: Jwk, names: readonly string[]): void {
  for (const name of names) {
    const value = jwk[name];
    if (typeof value !== 'string' || value === '') throw new Error(`member "${name}" is missing or not a string`);
    if (!B64URL.test(value)) throw new Error(`member "${name}" is not base64url`);
  }
}

/** Loads a key the way a JOSE library must: every member present and well-formed, the private part matching. */
export function loadKey(jwk: Jwk, checkPairs = true): Loaded {
  const kty = jwk.kty;
  if (typeof kty !== 'string') throw new Error('member "kty" is missing');
  switch (kty) {
    case 'RSA': {
      requireMembers(jwk, ['n', 'e']);
      const pub = createPublicKey({ key: { kty, n: jwk.n as string, e: jwk.e as string }, format: 'jwk' });
      const size = pub.asymmetricKeyDetails?.modulusLength;
      const hasPrivate = jwk.d !== undefined;
      if (hasPrivate) {
        requireMembers(jwk, ['d']);
        const crt = RSA_PRIVATE.filter((m) => jwk[m] !== undefined);
        // jose4j accepts n/e/d alone; Node needs the CRT members to check the pair, so only then is it checked.
        if (crt.length > 1) {
          requireMembers(jwk, RSA_PRIVATE);
          createPrivateKey({ key: pick(jwk, ['kty', 'n', 'e', ...RSA_PRIVATE]) as never, format: 'jwk' });
          if (checkPairs) checkRsaPair(jwk);
        }
      }
      return { kty, size, hasPrivate, symmetric: false };
    }
    case 'EC': {
      const crv = jwk.crv;
      if (typeof crv !== 'string' || !EC_CURVES[crv]) throw new Error(`curve ${JSON.stringify(crv)} is not P-256, P-384 or P-521`);
      requireMembers(jwk, ['x', 'y']);
      const pub = createPublicKey({ key: pick(jwk, ['kty', 'crv', 'x', 'y']) as never, format: 'jwk' });
      const hasPrivate = jwk.d !== undefined;
      if (hasPrivate) {
        requireMembers(jwk, ['d']);
        const priv = createPrivateKey({ key: pick(jwk, ['kty', 'crv', 'x', 'y', 'd']) as never, format: 'jwk' });
        if (checkPairs) checkPair(priv, pub, crv === 'P-256' ? 'sha256' : crv === 'P-384' ? 'sha384' : 'sha512');
      }
      return { kty, crv, size: EC_CURVES[crv]!.bits, hasPrivate, symmetric: false };
    }
    case 'OKP': {
      const crv = jwk.crv;
      if (crv !== 'Ed25519' && crv !== 'Ed448' && crv !== 'X25519' && crv !== 'X448') {
        throw new Error(`curve ${JSON.stringify(crv)} is not Ed25519, Ed448, X25519 or X448`);
      }
      requireMembers(jwk, ['x']);
      const pub = createPublicKey({ key: pick(jwk, ['kty', 'crv', 'x']) as never, format: 'jwk' });
      const hasPrivate = jwk.d !== undefined;
      if (hasPrivate) {
        requireMembers(jwk, ['d']);
        const priv = createPrivateKey({ key: pick(jwk, ['kty', 'crv', 'x', 'd']) as never, format: 'jwk' });
        const derived = checkPairs ? createPublicKey(priv).export({ format: 'jwk' }) as Jwk : jwk;
        if (checkPairs && derived.x !== jwk.x) throw new Error('the private part does not belong to the public key');
      }
      return { kty, crv, hasPrivate, symmetric: false };
    }
    case 'oct': {
      requireMembers(jwk, ['k']);
      return { kty, size: Buffer.from(jwk.k as string, 'base64url').length * 8, hasPrivate: true, symmetric: true };
    }
    default:
      throw new Error(`key type ${JSON.stringify(kty)} is not RSA, EC, OKP or oct`);
  }
}

function pick(jwk: Jwk, names: string[]): Jwk {
  const out: Jwk = {};
  for (const name of names) if (jwk[name] !== undefined) out[name] = jwk[name];
  return out;
}

const big = (value: unknown): bigint => BigInt(`0x${Buffer.from(value as string, 'base64url').toString('hex') || '0'}`);

/**
 * The RSA private members belong to the public key and to each other (n = p·q, e·d ≡ 1 mod p-1 and q-1,
 * the CRT values): plain big-integer arithmetic, far cheaper than a trial signature with each key.
 */
function checkRsaPair(jwk: Jwk): void {
  const [n, e, d, p, q, dp, dq, qi] = [jwk.n, jwk.e, jwk.d, jwk.p, jwk.q, jwk.dp, jwk.dq, jwk.qi].map(big) as bigint[];
  const ok =
    p! > 1n &&
    q! > 1n &&
    p! * q! === n &&
    (e! * d!) % (p! - 1n) === 1n &&
    (e! * d!) % (q! - 1n) === 1n &&
    dp === d! % (p! - 1n) &&
    dq === d! % (q! - 1n) &&
    (qi! * q!) % p! === 1n;
  if (!ok) throw new Error('the private part does not belong to the public key');
}

function checkPair(priv: KeyObject, pub: KeyObject, hash: string): void {
  const data = Buffer.from('casctl key pair check');
  let ok = false;
  try {
    ok = verify(hash, data, pub, sign(hash, data, priv));
  } catch {
    ok = false;
  }
  if (!ok) throw new Error('the private part does not belong to the public key');
}

function label(index: number, kid: string | undefined): string {
  return kid === undefined ? `keys[${index}]` : `keys[${index}] (${kid})`;
}

function firstLine(error: unknown): string {
  return String((error as Error)?.message ?? error).split('\n')[0]!;
}

/** Parses and judges a keystore text. Never throws: everything wrong becomes a finding. */
export function parseKeystore(text: string, options: { checkPairs?: boolean } = {}): ParsedKeystore {
  const findings: Finding[] = [];
  const fail = (code: string, message: string): ParsedKeystore => ({
    keys: [],
    info: [],
    findings: [{ severity: 'error', code, message, blocking: true }],
    parsed: false,
  });
  if (text.trim() === '') return fail('JWKS_EMPTY', 'the file is empty');
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    const message = firstLine(error);
    // "Unexpected end of JSON input", or an error at the very end of the text (a cut-off file): truncated.
    const at = /at position (\d+)/.exec(message);
    const atEnd = at !== null && Number(at[1]) >= text.trimEnd().length;
    if (atEnd || /end of (JSON )?input|Unterminated/i.test(message)) {
      return fail('JWKS_TRUNCATED', `the file is not complete JSON (truncated?): ${message}`);
    }
    return fail('JWKS_NOT_JSON', `the file is not JSON: ${message}`);
  }
  if (document === null || typeof document !== 'object' || Array.isArray(document)) {
    return fail('JWKS_NOT_JWKS', 'the file is JSON but not a JWKS object ({"keys":[…]})');
  }
  const keys = (document as { keys?: unknown }).keys;
  if (keys === undefined) return fail('JWKS_NO_KEYS_MEMBER', 'the JWKS has no "keys" member');
  if (!Array.isArray(keys)) return fail('JWKS_NO_KEYS_MEMBER', 'the "keys" member is not an array');

  const info: KeyInfo[] = [];
  const kids = new Map<string, number>();
  keys.forEach((key: unknown, index) => {
    if (key === null || typeof key !== 'object' || Array.isArray(key)) {
      findings.push({ severity: 'error', code: 'JWKS_KEY_INVALID', message: `keys[${index}] is not a JSON object`, index, blocking: true });
      info.push({ index, kty: '?', state: 'current', hasPrivate: false, symmetric: false, loads: false });
      return;
    }
    const jwk = key as Jwk;
    const kid = kidOf(jwk);
    const name = label(index, kid);
    const entry: KeyInfo = {
      index,
      kid,
      kty: typeof jwk.kty === 'string' ? jwk.kty : '?',
      use: typeof jwk.use === 'string' ? jwk.use : undefined,
      alg: typeof jwk.alg === 'string' ? jwk.alg : undefined,
      state: stateOf(jwk),
      rawState: jwk.state,
      hasPrivate: false,
      symmetric: jwk.kty === 'oct',
      loads: true,
    };
    info.push(entry);
    try {
      const loaded = loadKey(jwk, options.checkPairs ?? true);
      Object.assign(entry, { size: loaded.size, crv: loaded.crv, hasPrivate: loaded.hasPrivate, symmetric: loaded.symmetric });
    } catch (error) {
      entry.loads = false;
      findings.push({ severity: 'error', code: 'JWKS_KEY_INVALID', message: `${name} does not load: ${firstLine(error)}`, index, kid, blocking: true });
    }

    if (kid === undefined) {
      findings.push({ severity: 'warning', code: 'JWKS_KID_MISSING', message: `${name} has no "kid": clients cannot pick it by id`, index, blocking: false });
    } else if (kids.has(kid)) {
      findings.push({
        severity: 'error',
        code: 'JWKS_DUPLICATE_KID',
        message: `${name} has the same kid as keys[${kids.get(kid)}]: clients cannot tell the keys apart`,
        index,
        kid,
        blocking: true,
      });
    } else {
      kids.set(kid, index);
    }

    const raw = jwk.state;
    if (raw === undefined) {
      findings.push({ severity: 'warning', code: 'JWKS_STATE_MISSING', message: `${name} has no "state": CAS treats it as current`, index, kid, blocking: false });
    } else if (typeof raw === 'string') {
      findings.push({
        severity: 'error',
        code: 'JWKS_STATE_STRING',
        message: `${name} has "state": ${JSON.stringify(raw)}, a string: CAS reads the state as a JSON integer (0 current, 1 future, 2 previous)`,
        index,
        kid,
        blocking: true,
      });
    } else if (typeof raw !== 'number' || !Number.isInteger(raw) || !STATE_NAMES[raw]) {
      findings.push({
        severity: 'error',
        code: 'JWKS_STATE_UNKNOWN',
        message: `${name} has "state": ${JSON.stringify(raw)}, not 0 (current), 1 (future) or 2 (previous): CAS treats it as current`,
        index,
        kid,
        blocking: true,
      });
    }

    if (entry.use !== undefined && entry.use !== 'sig' && entry.use !== 'enc') {
      findings.push({ severity: 'warning', code: 'JWKS_USE_UNKNOWN', message: `${name} has "use": ${JSON.stringify(entry.use)}, neither sig nor enc`, index, kid, blocking: false });
    }
    if (entry.loads) {
      const mislabel = algProblem(entry);
      if (mislabel) findings.push({ severity: 'warning', code: 'JWKS_ALG_MISMATCH', message: `${name} ${mislabel}`, index, kid, blocking: false });
      if (entry.kty === 'RSA' && entry.size !== undefined && entry.size < 2048) {
        findings.push({
          severity: 'error',
          code: 'JWKS_RSA_TOO_SMALL',
          message: `${name} is a ${entry.size}-bit RSA key: jose4j (CAS) refuses RSA keys below 2048 bits`,
          index,
          kid,
          blocking: false,
        });
      }
    }
  });

  if (!signingKey(info)) {
    findings.push({
      severity: 'error',
      code: 'JWKS_NO_SIGNING_KEY',
      message: 'no current asymmetric signing key with a private part: CAS cannot sign ID tokens with this keystore',
      blocking: false,
    });
  }
  return { keys: keys as Jwk[], info, findings, parsed: true };
}

/** Why a key's `alg` does not fit the key, or undefined. */
function algProblem(key: KeyInfo): string | undefined {
  const alg = key.alg;
  if (alg === undefined) return undefined;
  const isJws = JWS_ALGS.test(alg);
  if (key.kty === 'EC') {
    const expected = EC_CURVES[key.crv ?? '']?.alg;
    if (isJws && alg !== expected) return `is a ${key.crv} key labelled "alg": "${alg}"; ${key.crv} signs with ${expected} (CAS's own generator writes this label)`;
    if (isJws && key.use === 'enc') return `is an encryption key labelled with the signature algorithm "${alg}"`;
    if (!isJws && !/^ECDH-ES/.test(alg)) return `is an EC key labelled "alg": "${alg}"`;
  } else if (key.kty === 'RSA') {
    if (isJws && !/^(RS|PS)/.test(alg)) return `is an RSA key labelled "alg": "${alg}"`;
    if (!isJws && !/^RSA/.test(alg)) return `is an RSA key labelled "alg": "${alg}"`;
    if (isJws && key.use === 'enc') return `is an encryption key labelled with the signature algorithm "${alg}"`;
  } else if (key.kty === 'oct') {
    if (isJws && !alg.startsWith('HS')) return `is a symmetric key labelled "alg": "${alg}"`;
  } else if (key.kty === 'OKP') {
    if (isJws && alg !== 'EdDSA') return `is an ${key.crv} key labelled "alg": "${alg}"`;
  }
  return undefined;
}

/**
 * The key CAS signs ID tokens with (when the client names no `jwksKeyId`): among keys with use=sig
 * (any use when none has it), the first asymmetric, current key with a private part, in file order.
 */
export function signingKey(info: KeyInfo[]): KeyInfo | undefined {
  const loadable = info.filter((k) => k.loads);
  const sig = loadable.filter((k) => k.use === 'sig');
  const pool = sig.length > 0 ? sig : loadable;
  return pool.find((k) => !k.symmetric && k.state === 'current' && k.hasPrivate);
}

export function blockingFindings(parsed: ParsedKeystore): Finding[] {
  return parsed.findings.filter((f) => f.blocking);
}

/** jose4j's `toJson(INCLUDE_PRIVATE)`: one compact line, no trailing newline. */
export function serializeKeystore(keys: Jwk[]): string {
  return JSON.stringify({ keys });
}

const PUBLIC_MEMBERS: Record<string, string[]> = {
  RSA: ['n', 'e'],
  EC: ['crv', 'x', 'y'],
  OKP: ['crv', 'x'],
};
const PRIVATE_MEMBERS = new Set(['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k']);

/**
 * A key as CAS's `/oidc/jwks` publishes it (`PUBLIC_ONLY`): common members, the public key material,
 * then the other members (such as `state`); undefined for symmetric keys, which are never published.
 */
export function publicJwk(jwk: Jwk): Jwk | undefined {
  const kty = jwk.kty;
  if (typeof kty !== 'string' || !PUBLIC_MEMBERS[kty]) return undefined;
  const out: Jwk = {};
  for (const [name, value] of Object.entries(jwk)) {
    if (PRIVATE_MEMBERS.has(name)) continue;
    out[name] = value;
  }
  return out;
}
