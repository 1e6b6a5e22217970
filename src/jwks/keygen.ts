/**
 * New keystore keys, as CAS's `OidcJsonWebKeyStoreUtils#generateJsonWebKey` makes them: RSA (no `alg`)
 * or EC, `kid` = `<key-id>-<8 random letters>`, an integer `state`, private members included.
 * One deliberate difference: EC signing keys carry the label that fits their curve (P-256 → ES256,
 * P-384 → ES384, P-521 → ES512), where CAS labels every non-384/512 size ES512 on a P-256 key.
 * EC encryption keys carry no `alg` (a JWS label on them would be wrong; RSA keys have none either).
 */
import { generateKeyPair, randomInt, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { inputError, usageError, type CasctlErrorOptions } from '../errors.js';
import { STATES, type Jwk, type StateName } from './keystore.js';

const generate = promisify(generateKeyPair) as (
  type: string,
  options: Record<string, unknown>,
) => Promise<{ publicKey: KeyObject; privateKey: KeyObject }>;

export type KeyType = 'RSA' | 'EC';
export type KeyUse = 'sig' | 'enc';

export interface KeySpec {
  type: KeyType;
  /** RSA modulus bits; EC 256, 384 or 521 (512 accepted, as CAS reads it) */
  size: number;
}

export const DEFAULT_KEY_ID = 'cas';
export const DEFAULT_SIZE: Record<KeyType, number> = { RSA: 2048, EC: 256 };

export function ecCurve(size: number): { crv: string; alg: string } | undefined {
  if (size === 256) return { crv: 'P-256', alg: 'ES256' };
  if (size === 384) return { crv: 'P-384', alg: 'ES384' };
  if (size === 521 || size === 512) return { crv: 'P-521', alg: 'ES512' };
  return undefined;
}

/** The EC size a curve stands for, for "the type and size already in the file". */
export function sizeOfCurve(crv: string | undefined): number | undefined {
  return crv === 'P-256' ? 256 : crv === 'P-384' ? 384 : crv === 'P-521' ? 521 : undefined;
}

/** Checks a spec; `where` names the flag or setting the size came from, for the message. */
export function validateSpec(spec: KeySpec, where = '--size'): KeySpec {
  // A flag is a usage error (exit 2); a value from the CAS configuration is an input error (exit 3).
  const fail = (message: string, options?: CasctlErrorOptions) =>
    where.startsWith('--') ? usageError('E_JWKS_KEY_SIZE', message, options) : inputError('E_JWKS_KEY_SIZE', message, options);
  if (spec.type === 'EC') {
    if (!ecCurve(spec.size)) {
      throw fail(`${where} ${spec.size} is not an EC size: use 256 (P-256), 384 (P-384) or 521 (P-521)`);
    }
  } else if (!Number.isInteger(spec.size) || spec.size < 2048 || spec.size > 16384 || spec.size % 8 !== 0) {
    throw fail(`${where} ${spec.size} is not a usable RSA size: use a multiple of 8 from 2048 to 16384`, {
      hint: 'jose4j (CAS) refuses RSA keys below 2048 bits; 2048 is the CAS default',
    });
  }
  return spec;
}

export function parseKeyType(value: string, where = '--type'): KeyType {
  const upper = value.trim().toUpperCase();
  if (upper === 'RSA' || upper === 'EC') return upper;
  const make = where.startsWith('--') ? usageError : inputError;
  throw make('E_JWKS_KEY_TYPE', `${where} ${value} is not a key type CAS generates: use RSA or EC`);
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** `RandomUtils.randomAlphabetic(8)`: eight letters a-zA-Z. */
export function randomLetters(count = 8): string {
  let out = '';
  for (let i = 0; i < count; i++) out += LETTERS[randomInt(LETTERS.length)];
  return out;
}

export function newKid(keyId: string, taken: Set<string> = new Set()): string {
  for (;;) {
    const kid = `${keyId}-${randomLetters(8)}`;
    if (!taken.has(kid)) return kid;
  }
}

/** The `<key-id>` part of a kid CAS made (`cas-AbCdEfGh` → `cas`), or undefined. */
export function keyIdOf(kid: string | undefined): string | undefined {
  const match = kid === undefined ? null : /^(.+)-[A-Za-z]{8}$/.exec(kid);
  return match?.[1];
}

export interface NewKeyOptions {
  spec: KeySpec;
  use: KeyUse;
  state: StateName;
  kid: string;
}

/** One key in jose4j's member order: kty, kid, use, alg, key material, state. */
export async function generateJwk(options: NewKeyOptions): Promise<Jwk> {
  return jwkFromMaterial(await generateMaterial(options.spec), options);
}

/** Fresh key material (Node's JWK export: kty and key members, private included). */
export async function generateMaterial(spec: KeySpec): Promise<Jwk> {
  const curve = spec.type === 'EC' ? ecCurve(spec.size) : undefined;
  const { privateKey } =
    spec.type === 'RSA'
      ? await generate('rsa', { modulusLength: spec.size, publicExponent: 0x10001 })
      : await generate('ec', { namedCurve: curve!.crv });
  return privateKey.export({ format: 'jwk' }) as Jwk;
}

export function jwkFromMaterial(material: Jwk, options: NewKeyOptions): Jwk {
  const curve = options.spec.type === 'EC' ? ecCurve(options.spec.size) : undefined;
  return assembleJwk(material, options.kid, options.use, options.use === 'sig' ? curve?.alg : undefined, options.state);
}

function sameSpec(a: KeySpec, b: KeySpec): boolean {
  return a.type === b.type && (a.type === 'RSA' ? a.size === b.size : ecCurve(a.size)?.crv === ecCurve(b.size)?.crv);
}

/**
 * Key material made ahead of time, outside the keystore lock (RSA generation takes 50-500 ms): `take`
 * hands out a pre-made key when its spec matches what is needed once the lock is held, else makes one.
 */
export class KeyPool {
  private readonly ready: Promise<Jwk>[] = [];

  constructor(private readonly spec: KeySpec | undefined, count: number) {
    if (spec) for (let i = 0; i < count; i++) this.ready.push(generateMaterial(spec));
    // A failure here surfaces (again) when the key is made under the lock; never as an unhandled rejection.
    for (const pending of this.ready) pending.catch(() => {});
  }

  async take(spec: KeySpec): Promise<Jwk> {
    if (this.spec && sameSpec(spec, this.spec) && this.ready.length > 0) {
      try {
        return await this.ready.shift()!;
      } catch {
        /* fall through: make it now */
      }
    }
    return generateMaterial(spec);
  }
}

/** Orders members as jose4j writes them. `material` is Node's JWK export (kty + key members). */
export function assembleJwk(material: Jwk, kid: string, use: KeyUse, alg: string | undefined, state: StateName): Jwk {
  const jwk: Jwk = { kty: material.kty, kid, use };
  if (alg) jwk.alg = alg;
  const order = material.kty === 'RSA' ? ['n', 'e', 'd', 'p', 'q', 'dp', 'dq', 'qi'] : ['crv', 'x', 'y', 'd'];
  for (const name of order) if (material[name] !== undefined) jwk[name] = material[name];
  jwk.state = STATES[state];
  return jwk;
}
