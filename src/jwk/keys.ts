/**
 * Key generation for jwk-gen, from node:crypto only (OpenSSL underneath): RSA, oct, EC (P-256,
 * secp256k1, P-384, P-521) and OKP (Ed25519, Ed448, X25519, X448). JWKs carry their members in the
 * order jwk-gen.jar prints them (Nimbus insertion order, iterated as a Java HashMap).
 */
import { createHash, generateKeyPair, randomBytes, type JsonWebKey, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { inJavaHashMapOrder } from './java.js';

export type KeyType = 'RSA' | 'oct' | 'EC' | 'OKP';
export const KEY_TYPES: readonly KeyType[] = ['RSA', 'oct', 'EC', 'OKP'];
export const EC_CURVES = ['P-256', 'secp256k1', 'P-384', 'P-521'] as const;
export const OKP_CURVES = ['Ed25519', 'Ed448', 'X25519', 'X448'] as const;
export type EcCurve = (typeof EC_CURVES)[number];
export type OkpCurve = (typeof OKP_CURVES)[number];
export type KeyUse = 'sig' | 'enc';

export const KID_GENERATORS = ['date', 'timestamp', 'sha256', 'sha1', 'none'] as const;
export type KidGeneratorName = (typeof KID_GENERATORS)[number];
export type KidGenerator = { kind: KidGeneratorName } | { kind: 'specified'; kid: string };

/** A JWK as printed: string members in the jar's order. */
export type Jwk = Record<string, string>;

export type KeySpec =
  | { kty: 'RSA'; size: number; use?: KeyUse; alg?: string; kid: KidGenerator }
  | { kty: 'oct'; size: number; use?: KeyUse; alg?: string; kid: KidGenerator }
  | { kty: 'EC'; crv: EcCurve; use?: KeyUse; alg?: string; kid: KidGenerator }
  | { kty: 'OKP'; crv: OkpCurve; use?: KeyUse; alg?: string; kid: KidGenerator };

export interface GeneratedKey {
  jwk: Jwk;
  /** undefined for oct (the jar's "No public key.") */
  publicJwk?: Jwk;
  /** the key pair for -x (not for oct) */
  privateKey?: KeyObject;
  publicKey?: KeyObject;
}

const NODE_EC_CURVE: Record<EcCurve, string> = {
  'P-256': 'prime256v1',
  secp256k1: 'secp256k1',
  'P-384': 'secp384r1',
  'P-521': 'secp521r1',
};

const NODE_OKP_TYPE = { Ed25519: 'ed25519', Ed448: 'ed448', X25519: 'x25519', X448: 'x448' } as const;

/** Private members per key type, in the order Nimbus puts them after the common ones. */
const PRIVATE_MEMBERS = new Set(['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k']);

const generatePair = promisify(generateKeyPair) as (
  type: string,
  options: Record<string, unknown>,
) => Promise<{ publicKey: KeyObject; privateKey: KeyObject }>;

const base64url = (bytes: Buffer) => bytes.toString('base64url');

/** kid per generator, as KeyIdGenerator does: `bytes` is what the jar hashes for this key type. */
export function makeKid(generator: KidGenerator, use: KeyUse | undefined, bytes: Buffer, now = new Date()): string | undefined {
  const prefix = use ? `${use}-` : '';
  switch (generator.kind) {
    case 'specified':
      return generator.kid === '' ? undefined : generator.kid;
    case 'none':
      return undefined;
    case 'timestamp':
      return `${prefix}${Math.floor(now.getTime() / 1000)}`;
    case 'date':
      // Instant.now().truncatedTo(SECONDS).toString(): no fraction when it is zero.
      return `${prefix}${new Date(Math.floor(now.getTime() / 1000) * 1000).toISOString().replace('.000Z', 'Z')}`;
    case 'sha256':
      return base64url(createHash('sha256').update(bytes).digest());
    case 'sha1':
      return createHash('sha1').update(bytes).digest('base64');
  }
}

function header(spec: KeySpec, kid: string | undefined): [string, string][] {
  const members: [string, string][] = [['kty', spec.kty]];
  if (spec.use) members.push(['use', spec.use]);
  if (spec.alg) members.push(['alg', spec.alg]);
  if (kid !== undefined) members.push(['kid', kid]);
  return members;
}

function pick(jwk: JsonWebKey, names: string[]): [string, string][] {
  return names.map((name) => {
    const value = (jwk as Record<string, unknown>)[name];
    if (typeof value !== 'string') throw new Error(`node:crypto exported no '${name}'`);
    return [name, value];
  });
}

/** The public JWK of a private one (oct has none), members re-ordered as Nimbus would. */
export function publicJwkOf(jwk: Record<string, unknown>): Record<string, unknown> | undefined {
  if (jwk.kty === 'oct') return undefined;
  const members = Object.entries(jwk).filter(([name]) => !PRIVATE_MEMBERS.has(name));
  return Object.fromEntries(members);
}

export async function generateKey(spec: KeySpec, now = new Date()): Promise<GeneratedKey> {
  if (spec.kty === 'oct') {
    const secret = randomBytes(spec.size / 8);
    const kid = makeKid(spec.kid, spec.use, secret, now);
    return { jwk: inJavaHashMapOrder([...header(spec, kid), ['k', base64url(secret)]]) };
  }
  let pair: { publicKey: KeyObject; privateKey: KeyObject };
  let names: string[];
  if (spec.kty === 'RSA') {
    pair = await generatePair('rsa', { modulusLength: spec.size, publicExponent: 0x10001 });
    names = ['n', 'e', 'd', 'p', 'q', 'dp', 'dq', 'qi'];
  } else if (spec.kty === 'EC') {
    pair = await generatePair('ec', { namedCurve: NODE_EC_CURVE[spec.crv] });
    names = ['crv', 'x', 'y', 'd'];
  } else {
    pair = await generatePair(NODE_OKP_TYPE[spec.crv], {});
    names = ['crv', 'x', 'd'];
  }
  const exported = pair.privateKey.export({ format: 'jwk' });
  const members = pick(exported, names);
  // What the jar hashes for sha256/sha1 kids: the X.509 SubjectPublicKeyInfo for RSA and EC
  // (PublicKey.getEncoded()), the raw public key x for OKP.
  const hashed =
    spec.kty === 'OKP' ? Buffer.from(exported.x!, 'base64url') : pair.publicKey.export({ type: 'spki', format: 'der' });
  const kid = makeKid(spec.kid, spec.use, hashed, now);
  const all = [...header(spec, kid), ...members];
  return {
    jwk: inJavaHashMapOrder(all),
    publicJwk: inJavaHashMapOrder(all.filter(([name]) => !PRIVATE_MEMBERS.has(name))),
    privateKey: pair.privateKey,
    publicKey: pair.publicKey,
  };
}

/** RFC 7638 SHA-256 thumbprint (Nimbus `computeThumbprint()`), the certificate CN when there is no kid. */
export function thumbprint(jwk: Jwk): string {
  const required: Record<string, string[]> = {
    RSA: ['e', 'kty', 'n'],
    EC: ['crv', 'kty', 'x', 'y'],
    OKP: ['crv', 'kty', 'x'],
    oct: ['k', 'kty'],
  };
  const names = required[jwk.kty!];
  if (!names) throw new Error(`no thumbprint for key type ${jwk.kty}`);
  const canonical = `{${names.map((name) => `${JSON.stringify(name)}:${JSON.stringify(jwk[name])}`).join(',')}}`;
  return base64url(createHash('sha256').update(canonical).digest());
}
