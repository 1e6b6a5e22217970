/**
 * CAS's own token format (the `<prefix>.crypto.*` cipher executors: JWT service tickets and TGTs,
 * account-registration tokens, …), read and written exactly as CAS does.
 *
 * - Signing key → HMAC key = the UTF-8 bytes of the key TEXT (`AbstractCipherExecutor#configureSigningKey`),
 *   never its base64 decoding; JWS `alg` HS512.
 * - Encryption key → AES key = base64url-decode of the key (`{"kty":"oct","k":<key>}`), JWE `alg` `dir`,
 *   `enc` A256CBC-HS512 (current default) or A128CBC-HS256 (CAS 5/6); `zip: DEF` in older layouts.
 * - ENCRYPT_AND_SIGN (default): JWS whose payload segment is the base64(url) of the JWE compact string.
 *   SIGN_AND_ENCRYPT: JWE whose plaintext is the JWS compact string.
 * - CAS decodes the JWS payload with commons-codec's lenient Base64 (both alphabets, padding optional),
 *   and verifies the HMAC over the segments as received: so does this module.
 *
 * Pure: no I/O, no console. jose is loaded on first use. Every failure is a CasctlError with a stable code.
 */
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { inputError, refusedError, usageError, type CasctlError } from '../errors.js';

export type CipherStrategy = 'ENCRYPT_AND_SIGN' | 'SIGN_AND_ENCRYPT';
/** What a decoded token turned out to be. SIGN/ENCRYPT: one of the keys was disabled; NONE: plain JSON. */
export type DecodedStrategy = CipherStrategy | 'SIGN' | 'ENCRYPT' | 'UNSECURED' | 'NONE';
export type ContentEncryption = 'A256CBC-HS512' | 'A192CBC-HS384' | 'A128CBC-HS256' | 'A256GCM' | 'A192GCM' | 'A128GCM';
/** CAS major versions whose token layout `encodeCasToken` can reproduce (8 = newest). */
export type CasCompat = 5 | 6 | 7 | 8;
export type JoseHeader = Record<string, unknown>;

/** CBC-HS first: a key size picks the CBC-HS enc CAS uses (`encForKeyBytes`); GCM only when named. */
export const CONTENT_ENCRYPTIONS: readonly ContentEncryption[] = ['A256CBC-HS512', 'A192CBC-HS384', 'A128CBC-HS256', 'A256GCM', 'A192GCM', 'A128GCM'];
export const CAS_COMPATS: readonly CasCompat[] = [5, 6, 7, 8];
export const DEFAULT_COMPAT: CasCompat = 8;
/** Key size in bytes that each `enc` needs (dir: the key IS the content encryption key). */
export const ENC_KEY_BYTES: Record<ContentEncryption, number> = {
  'A128CBC-HS256': 32,
  'A192CBC-HS384': 48,
  'A256CBC-HS512': 64,
  A128GCM: 16,
  A192GCM: 24,
  A256GCM: 32,
};
const TAG_BYTES: Record<ContentEncryption, number> = { 'A128CBC-HS256': 16, 'A192CBC-HS384': 24, 'A256CBC-HS512': 32, A128GCM: 16, A192GCM: 16, A256GCM: 16 };
const isGcm = (enc: ContentEncryption) => enc.endsWith('GCM');
const HMAC: Record<string, { hash: string; bytes: number }> = {
  HS256: { hash: 'sha256', bytes: 32 },
  HS384: { hash: 'sha384', bytes: 48 },
  HS512: { hash: 'sha512', bytes: 64 },
};

export interface CasKeys {
  /** the `…crypto.signing.key` text (its UTF-8 bytes are the HMAC key) */
  signingKey?: string;
  /** the `…crypto.encryption.key` value (base64url octets; CAS 8 also takes an oct JWK as JSON) */
  encryptionKey?: string;
}

export interface DecodeOptions {
  /**
   * Accept an unsecured JWT (`alg: none`, what CAS emits when crypto is disabled) and plain JSON.
   * Default: true when no key is given, false when a key is given (CAS with crypto enabled rejects them).
   */
  allowUnsecured?: boolean;
  /** largest inflated plaintext accepted for `zip: DEF` (default 4 MiB) */
  maxDecompressedBytes?: number;
}

export interface DecodedCasToken {
  strategy: DecodedStrategy;
  headers: { jws?: JoseHeader; jwe?: JoseHeader };
  /** the innermost plaintext: the claims JSON for JWTs and registration tokens */
  payloadText: string;
  /** `payloadText` parsed, when it is a JSON object */
  claims?: Record<string, unknown>;
  /** true when an HMAC signature was checked and matched */
  signatureVerified: boolean;
  /** true when a JWE layer was decrypted */
  decrypted: boolean;
  /**
   * How the JWS payload segment carried the inner JWE: base64url (CAS 6.x late, 7, 8), standard Base64 with
   * `+/=` (CAS 5/6 `EncodingUtils.encodeBase64`), or base64url of a standard Base64 string (CAS 5.0).
   */
  payloadEncoding?: 'base64url' | 'base64' | 'base64-in-base64url';
  /** which CAS versions produce this exact layout (best guess from the headers), e.g. "CAS 8" */
  layoutHint?: string;
}

export interface EncodeOptions {
  strategy?: CipherStrategy;
  /** JWE `enc`; default: the compat level's default, or the one the encryption key's size fits */
  enc?: ContentEncryption;
  /** CAS version whose layout to reproduce (default 8, the newest) */
  compat?: CasCompat;
  /** JWE `kid` for layouts that carry one (default: a random UUID per token, as CAS does) */
  kid?: string;
  /** with no keys at all: emit an unsecured JWT (`alg: none`) as CAS does with crypto disabled */
  unsecured?: boolean;
}

export interface EncodedCasToken {
  token: string;
  strategy: DecodedStrategy;
  headers: { jws?: JoseHeader; jwe?: JoseHeader };
  enc?: ContentEncryption;
  compat: CasCompat;
  /** facts worth a warning (e.g. an enc chosen from the key size, a short HMAC key) */
  notes: string[];
}

/** What each CAS major emits (derived from EncodingUtils/JsonWebTokenEncryptor/JsonWebTokenSigner). */
export interface CompatLayout {
  defaultEnc: ContentEncryption;
  /** `zip: DEF`, and where jose4j put it in the header */
  zip: false | 'first' | 'after-enc';
  kid: boolean;
  /** JWE header carries `cty: JWT`, `typ: JWT` */
  jwtTypes: boolean;
  /** JWS header carries `typ: JWT` */
  jwsTyp: boolean;
  /** JWS payload segment alphabet */
  payloadEncoding: 'base64url' | 'base64';
}

export const COMPAT_LAYOUTS: Record<CasCompat, CompatLayout> = {
  // 5.x EncodingUtils#encryptValueAsJwt: enableDefaultCompression() then alg + enc only; #signJws: payload
  // segment = encodeBase64 (standard alphabet, padded), header {"alg":"HS512"}.
  5: { defaultEnc: 'A128CBC-HS256', zip: 'first', kid: false, jwtTypes: false, jwsTyp: false, payloadEncoding: 'base64' },
  // 6.x EncodingUtils: zip + cty/typ JWT + kid; #signJws(key, value, alg, headers): encodeUrlSafeBase64, typ JWT.
  6: { defaultEnc: 'A128CBC-HS256', zip: 'first', kid: true, jwtTypes: true, jwsTyp: true, payloadEncoding: 'base64url' },
  // 7.x BaseStringCipherExecutor → JsonWebTokenEncryptor (6.6+): alg, enc, cty, typ, kid; no zip; enc default A128CBC-HS256.
  7: { defaultEnc: 'A128CBC-HS256', zip: false, kid: true, jwtTypes: true, jwsTyp: true, payloadEncoding: 'base64url' },
  // newest (7.3+/8) EncryptionJwtCryptoProperties: A256CBC-HS512 and 512-bit keys; same headers.
  8: { defaultEnc: 'A256CBC-HS512', zip: false, kid: true, jwtTypes: true, jwsTyp: true, payloadEncoding: 'base64url' },
};

type Jose = typeof import('jose');
let josePromise: Promise<Jose> | undefined;
const loadJose = () => (josePromise ??= import('jose'));

const B64URL = /^[A-Za-z0-9_-]*$/;
const B64_LENIENT = /^[A-Za-z0-9+/_-]*={0,2}$/;
const COMPACT_JWE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9+/_=-]*\.[A-Za-z0-9_-]*$/;
const TOKEN_CHARS = /[^A-Za-z0-9_.+/=-]/;
const utf8 = new TextEncoder();
const TOKEN_HINT = 'paste the whole token as CAS issued it (one line, no quotes); check it was not cut off';

/** base64url without padding (what CAS's keys and JOSE segments use). */
export function base64url(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64url');
}

/** Decodes base64 in either alphabet, padding optional (commons-codec style); undefined when not base64. */
export function decodeBase64Lenient(text: string): Buffer | undefined {
  if (!B64_LENIENT.test(text)) return undefined;
  const body = text.replace(/=+$/, '');
  if (body.length % 4 === 1) return undefined;
  return Buffer.from(body.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
}

function malformed(message: string, details?: Record<string, unknown>): CasctlError {
  return refusedError('E_TOKEN_MALFORMED', message, { hint: TOKEN_HINT, details });
}

function parseHeader(segment: string, what: 'JWS' | 'JWE'): JoseHeader {
  const bytes = B64URL.test(segment) ? Buffer.from(segment, 'base64url') : undefined;
  let header: unknown;
  try {
    header = bytes ? JSON.parse(bytes.toString('utf8')) : undefined;
  } catch {
    header = undefined;
  }
  if (!header || typeof header !== 'object' || Array.isArray(header)) {
    throw malformed(`the ${what} header (first segment) is not base64url-encoded JSON: this is not a CAS token, or it is damaged`);
  }
  if (typeof (header as JoseHeader).alg !== 'string') {
    throw malformed(`the ${what} header has no "alg": this is not a JOSE token`);
  }
  return header as JoseHeader;
}

function parseClaims(text: string): Record<string, unknown> | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(trimmed);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The AES key bytes of an encryption key setting: base64url octets, or (CAS 8) an oct JWK as JSON. */
export function encryptionKeyBytes(value: string): Uint8Array {
  let text = value.trim();
  if (text.startsWith('{')) {
    let jwk: { kty?: unknown; k?: unknown };
    try {
      jwk = JSON.parse(text) as typeof jwk;
    } catch {
      throw inputError('E_ENCRYPTION_KEY_INVALID', 'the encryption key starts with "{" but is not valid JSON', {
        hint: 'give the k value of the oct key (base64url), or a complete JWK',
      });
    }
    if (jwk.kty !== 'oct' || typeof jwk.k !== 'string') {
      throw inputError('E_ENCRYPTION_KEY_INVALID', `the encryption key is a JWK of type ${String(jwk.kty)}: casctl handles oct (AES) keys`, {
        hint: 'RSA encryption keys (RSA-OAEP-256) are not supported by casctl',
      });
    }
    text = jwk.k;
  }
  const bytes = B64URL.test(text) && text.length % 4 !== 1 ? Buffer.from(text, 'base64url') : undefined;
  if (!bytes || bytes.length === 0) {
    throw inputError('E_ENCRYPTION_KEY_INVALID', 'the encryption key is not base64url (A-Z a-z 0-9 - _), as CAS encryption keys are', {
      hint: "generate one with 'casctl crypto keys --feature …'; CAS reads it as the k of an oct JWK",
    });
  }
  return bytes;
}

/** The HMAC key of a signing key setting: the UTF-8 bytes of the text itself (as CAS does). */
export function signingKeyBytes(value: string): Uint8Array {
  if (value.trim() === '') throw inputError('E_SIGNING_KEY_INVALID', 'the signing key is empty');
  if (value.trim().startsWith('{') || value.includes('-----BEGIN')) {
    throw inputError('E_SIGNING_KEY_INVALID', 'the signing key is a JWK or PEM key: casctl handles HMAC (text) signing keys only', {
      hint: 'asymmetric (RS512) signing keys of CAS 8 are not supported',
    });
  }
  return utf8.encode(value);
}

function encOf(header: JoseHeader): ContentEncryption {
  const enc = header.enc;
  if (typeof enc !== 'string' || !(CONTENT_ENCRYPTIONS as readonly string[]).includes(enc)) {
    throw refusedError('E_TOKEN_UNSUPPORTED', `the JWE uses enc ${JSON.stringify(enc)}: casctl reads A256CBC-HS512, A192CBC-HS384, A128CBC-HS256 and A*GCM`, {
      details: { enc },
    });
  }
  return enc as ContentEncryption;
}

function layoutHint(jws: JoseHeader | undefined, jwe: JoseHeader | undefined, payloadEncoding: DecodedCasToken['payloadEncoding']): string | undefined {
  if (!jwe) return undefined;
  const zip = jwe.zip === 'DEF';
  const kid = typeof jwe.kid === 'string';
  if (payloadEncoding === 'base64-in-base64url') return 'CAS 5.0/5.1';
  if (zip && !jwe.cty) return 'CAS 5.x';
  if (zip) return 'CAS 5.x/6.x';
  if (kid) return jwe.enc === 'A256CBC-HS512' ? 'CAS 7.3+/8' : 'CAS 6.6+/7';
  return jws ? 'CAS 6+' : undefined;
}

function checkSignatureLength(segment: string, alg: string, where: string): Buffer {
  const spec = HMAC[alg]!;
  const signature = B64URL.test(segment) ? Buffer.from(segment, 'base64url') : undefined;
  if (!signature) throw malformed(`the ${where} signature segment is not base64url`);
  if (signature.length < spec.bytes) {
    throw refusedError(
      'E_TOKEN_TRUNCATED',
      `the ${where} signature is ${signature.length} bytes where ${alg} signatures are ${spec.bytes}: the token was cut off`,
      { hint: TOKEN_HINT, details: { signatureBytes: signature.length, expectedBytes: spec.bytes } },
    );
  }
  return signature;
}

/** Verifies an HS* JWS over the segments as received; returns its decoded payload bytes. */
function verifyJws(parts: string[], header: JoseHeader, signingKey: string | undefined, where: string, headers: DecodedCasToken['headers']) {
  const alg = header.alg as string;
  if (!HMAC[alg]) {
    throw refusedError('E_TOKEN_UNSUPPORTED', `the ${where} is signed with ${alg}: casctl verifies CAS's HMAC signatures (HS512) made with a text signing key`, {
      details: { alg, headers },
    });
  }
  const signature = checkSignatureLength(parts[2]!, alg, where);
  if (signingKey === undefined) {
    throw usageError('E_SIGNING_KEY_REQUIRED', `the ${where} is signed (${alg}): the signing key is needed to verify it`, {
      hint: 'pass --signing-key-file/--signing-key-env, or --cas-config with --feature',
      details: { headers },
    });
  }
  const expected = createHmac(HMAC[alg]!.hash, signingKeyBytes(signingKey)).update(`${parts[0]}.${parts[1]}`, 'ascii').digest();
  if (signature.length !== expected.length || !timingSafeEqual(signature, expected)) {
    throw refusedError('E_TOKEN_SIGNATURE_INVALID', `the ${where} signature does not match: wrong signing key, or the token was altered`, {
      hint: "compare with the …crypto.signing.key CAS runs with (the HMAC key is the key's text as written, not base64-decoded)",
      details: { alg, headers },
    });
  }
  const payload = decodeBase64Lenient(parts[1]!);
  if (!payload) throw malformed(`the ${where} payload segment is not base64`);
  return { payload, encoding: B64URL.test(parts[1]!) ? ('base64url' as const) : ('base64' as const) };
}

async function decryptJwe(
  compact: string,
  header: JoseHeader,
  encryptionKey: string | undefined,
  headers: DecodedCasToken['headers'],
  maxDecompressedBytes: number,
): Promise<string> {
  if (header.alg !== 'dir') {
    throw refusedError('E_TOKEN_UNSUPPORTED', `the JWE uses key management ${String(header.alg)}: casctl decrypts CAS's "dir" (shared AES key) tokens`, {
      details: { alg: header.alg, headers },
    });
  }
  const enc = encOf(header);
  if (header.zip !== undefined && header.zip !== 'DEF') {
    throw refusedError('E_TOKEN_UNSUPPORTED', `the JWE uses zip ${JSON.stringify(header.zip)}: only DEF exists`, { details: { headers } });
  }
  const parts = compact.split('.');
  const tag = Buffer.from(parts[4]!, 'base64url');
  if (tag.length < TAG_BYTES[enc]) {
    throw refusedError('E_TOKEN_TRUNCATED', `the JWE authentication tag is ${tag.length} bytes where ${enc} tags are ${TAG_BYTES[enc]}: the token was cut off`, {
      hint: TOKEN_HINT,
      details: { headers },
    });
  }
  const iv = Buffer.from(parts[2]!, 'base64url');
  const ciphertext = Buffer.from(parts[3]!, 'base64url');
  const ivBytes = isGcm(enc) ? 12 : 16;
  if (iv.length !== ivBytes || ciphertext.length === 0 || (!isGcm(enc) && ciphertext.length % 16 !== 0)) {
    throw refusedError('E_TOKEN_TRUNCATED', `the JWE ${iv.length !== ivBytes ? `IV is ${iv.length} bytes (${enc} uses ${ivBytes})` : 'ciphertext is not whole AES blocks'}: the token was cut off or altered`, {
      hint: TOKEN_HINT,
      details: { headers },
    });
  }
  if (encryptionKey === undefined) {
    throw usageError('E_ENCRYPTION_KEY_REQUIRED', `the token is encrypted (dir, ${enc}): the encryption key is needed to read it`, {
      hint: 'pass --encryption-key-file/--encryption-key-env, or --cas-config with --feature',
      details: { headers },
    });
  }
  const key = encryptionKeyBytes(encryptionKey);
  if (key.length !== ENC_KEY_BYTES[enc]) {
    throw refusedError(
      'E_TOKEN_DECRYPTION_FAILED',
      `cannot decrypt: the encryption key is ${key.length * 8} bits but the token's enc ${enc} needs a ${ENC_KEY_BYTES[enc] * 8}-bit key: wrong encryption key`,
      {
        hint:
          key.length * 8 === 256 || key.length * 8 === 512
            ? `a ${key.length * 8}-bit key fits ${key.length === 32 ? 'A128CBC-HS256 (CAS 5/6 default)' : 'A256CBC-HS512 (CAS 7/8 default)'}: this token was made with a different key or crypto.alg`
            : 'use the …crypto.encryption.key CAS runs with',
        details: { keyBits: key.length * 8, enc, headers },
      },
    );
  }
  const jose = await loadJose();
  try {
    const { plaintext } = await jose.compactDecrypt(compact, key, {
      keyManagementAlgorithms: ['dir'],
      contentEncryptionAlgorithms: [...CONTENT_ENCRYPTIONS],
      maxDecompressedLength: maxDecompressedBytes,
    });
    return Buffer.from(plaintext).toString('utf8');
  } catch (error) {
    if (error instanceof jose.errors.JWEDecryptionFailed) {
      throw refusedError('E_TOKEN_DECRYPTION_FAILED', 'decryption failed: the authentication tag does not match: wrong encryption key, or the token was altered', {
        hint: 'use the …crypto.encryption.key CAS runs with (base64url; it is decoded to the AES key)',
        details: { enc, headers },
      });
    }
    const message = (error as Error).message;
    if (/decompress/i.test(message)) {
      throw refusedError('E_TOKEN_MALFORMED', 'the JWE decrypted with this key, but its zip:DEF plaintext does not inflate: the producer did not DEFLATE it (RFC 7516)', {
        hint: 'CAS (jose4j) cannot read this token either; fix the producer or drop "zip" from its header',
        details: { headers },
        cause: error,
      });
    }
    throw refusedError('E_TOKEN_MALFORMED', `the JWE cannot be decrypted: ${message}`, { hint: TOKEN_HINT, details: { headers }, cause: error });
  }
}

/**
 * Decodes what a CAS cipher executor produced: verifies (HS*), decrypts (dir + A*CBC-HS*), inflates,
 * in whichever order the strategy used, and returns the headers and the innermost payload.
 */
export async function decodeCasToken(input: string, keys: CasKeys = {}, options: DecodeOptions = {}): Promise<DecodedCasToken> {
  const token = input.trim();
  const allowUnsecured = options.allowUnsecured ?? (keys.signingKey === undefined && keys.encryptionKey === undefined);
  const maxDecompressedBytes = options.maxDecompressedBytes ?? 4 * 1024 * 1024;
  if (token === '') throw refusedError('E_TOKEN_EMPTY', 'the token is empty', { hint: TOKEN_HINT });

  if (token.startsWith('{')) {
    const claims = parseClaims(token);
    if (!claims) throw malformed('the input starts with "{" but is not a JSON object (nor a JOSE token)');
    if (!allowUnsecured) {
      throw refusedError('E_TOKEN_UNSECURED', 'the token is plain JSON, neither signed nor encrypted: CAS with crypto enabled rejects it', {
        details: { strategy: 'NONE' },
      });
    }
    return { strategy: 'NONE', headers: {}, payloadText: token, claims, signatureVerified: false, decrypted: false };
  }

  const bad = TOKEN_CHARS.exec(token);
  if (bad) {
    const ch = bad[0];
    const shown =
      ch === ' ' ? 'a space' : ch === '\n' || ch === '\r' ? 'a line break' : /[\x21-\x7e]/.test(ch) ? `'${ch}'` : `character U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
    throw malformed(`the input is not a token: ${shown} at position ${bad.index + 1} never appears in a JWT/JWS/JWE (${token.length} characters read)`);
  }
  const parts = token.split('.');
  if (parts.length !== 3 && parts.length !== 5) {
    throw refusedError(
      parts.length === 2 || parts.length === 4 ? 'E_TOKEN_TRUNCATED' : 'E_TOKEN_MALFORMED',
      `the token has ${parts.length} dot-separated segment${parts.length === 1 ? '' : 's'}; a JWS/JWT has 3 and a JWE 5${parts.length === 2 || parts.length === 4 ? ': it looks cut off' : ''}`,
      { hint: TOKEN_HINT, details: { segments: parts.length } },
    );
  }

  const headers: DecodedCasToken['headers'] = {};
  if (parts.length === 3) {
    const jws = parseHeader(parts[0]!, 'JWS');
    headers.jws = jws;
    if (String(jws.alg).toLowerCase() === 'none') {
      if (parts[2] !== '') throw malformed('the token says alg "none" but carries a signature');
      if (!allowUnsecured) {
        throw refusedError('E_TOKEN_UNSECURED', 'the token is an unsecured JWT (alg "none"): CAS with crypto enabled never issues or accepts one', {
          hint: 'CAS emits unsecured JWTs only when the feature\'s crypto is disabled; a keyed deployment treats this as forged',
          details: { headers },
        });
      }
      const payload = decodeBase64Lenient(parts[1]!);
      if (!payload) throw malformed('the JWT payload segment is not base64url');
      const payloadText = payload.toString('utf8');
      return { strategy: 'UNSECURED', headers, payloadText, claims: parseClaims(payloadText), signatureVerified: false, decrypted: false };
    }
    const { payload, encoding } = verifyJws(parts, jws, keys.signingKey, 'JWS', headers);
    let inner = payload.toString('utf8');
    let payloadEncoding: DecodedCasToken['payloadEncoding'] = encoding;
    if (!COMPACT_JWE.test(inner)) {
      // CAS 5.0 set the standard-Base64 text as the JWS payload, so the segment is base64url(base64(JWE)).
      const nested = decodeBase64Lenient(inner.trim())?.toString('utf8');
      if (nested && COMPACT_JWE.test(nested)) {
        inner = nested;
        payloadEncoding = 'base64-in-base64url';
      }
    }
    if (COMPACT_JWE.test(inner)) {
      const jwe = parseHeader(inner.split('.')[0]!, 'JWE');
      headers.jwe = jwe;
      const payloadText = await decryptJwe(inner, jwe, keys.encryptionKey, headers, maxDecompressedBytes);
      return {
        strategy: 'ENCRYPT_AND_SIGN',
        headers,
        payloadText,
        claims: parseClaims(payloadText),
        signatureVerified: true,
        decrypted: true,
        payloadEncoding,
        layoutHint: layoutHint(jws, jwe, payloadEncoding),
      };
    }
    return { strategy: 'SIGN', headers, payloadText: inner, claims: parseClaims(inner), signatureVerified: true, decrypted: false, payloadEncoding };
  }

  if (!COMPACT_JWE.test(token)) throw malformed('the 5-segment token is not a compact JWE (base64url segments)');
  const jwe = parseHeader(parts[0]!, 'JWE');
  headers.jwe = jwe;
  const plaintext = await decryptJwe(token, jwe, keys.encryptionKey, headers, maxDecompressedBytes);
  const innerParts = plaintext.split('.');
  if (innerParts.length === 3 && COMPACT_JWS.test(plaintext)) {
    const jws = parseHeader(innerParts[0]!, 'JWS');
    headers.jws = jws;
    const { payload, encoding } = verifyJws(innerParts, jws, keys.signingKey, 'inner JWS', headers);
    const payloadText = payload.toString('utf8');
    return {
      strategy: 'SIGN_AND_ENCRYPT',
      headers,
      payloadText,
      claims: parseClaims(payloadText),
      signatureVerified: true,
      decrypted: true,
      payloadEncoding: encoding,
      layoutHint: layoutHint(jws, jwe, encoding),
    };
  }
  return { strategy: 'ENCRYPT', headers, payloadText: plaintext, claims: parseClaims(plaintext), signatureVerified: false, decrypted: true, layoutHint: layoutHint(undefined, jwe, undefined) };
}

/** The `enc` an encryption key of this size fits (dir: key size = CEK size). */
export function encForKeyBytes(bytes: number): ContentEncryption | undefined {
  return CONTENT_ENCRYPTIONS.find((enc) => ENC_KEY_BYTES[enc] === bytes);
}

async function encryptJwe(plaintext: string, key: Uint8Array, enc: ContentEncryption, layout: CompatLayout, kid: string | undefined) {
  // jose4j keeps insertion order: CAS 5/6 EncodingUtils called enableDefaultCompression() before setting alg.
  const header: JoseHeader = layout.zip === 'first' ? { zip: 'DEF', alg: 'dir', enc } : { alg: 'dir', enc };
  if (layout.zip === 'after-enc') header.zip = 'DEF';
  if (layout.jwtTypes) Object.assign(header, { cty: 'JWT', typ: 'JWT' });
  if (layout.kid) header.kid = kid ?? randomUUID();
  const jose = await loadJose();
  const token = await new jose.CompactEncrypt(utf8.encode(plaintext)).setProtectedHeader(header as import('jose').CompactJWEHeaderParameters).encrypt(key);
  return { token, header };
}

function signJws(payloadBytes: Uint8Array, signingKey: string, layout: CompatLayout) {
  const header: JoseHeader = layout.jwsTyp ? { alg: 'HS512', typ: 'JWT' } : { alg: 'HS512' };
  const encodedHeader = Buffer.from(JSON.stringify(header)).toString('base64url');
  const encodedPayload =
    layout.payloadEncoding === 'base64' ? Buffer.from(payloadBytes).toString('base64') : Buffer.from(payloadBytes).toString('base64url');
  const signature = createHmac('sha512', signingKeyBytes(signingKey)).update(`${encodedHeader}.${encodedPayload}`, 'ascii').digest('base64url');
  return { token: `${encodedHeader}.${encodedPayload}.${signature}`, header };
}

/**
 * Produces what a CAS cipher executor of the given version emits for `payloadText` with these keys.
 * Both keys: the strategy (default ENCRYPT_AND_SIGN); one key: JWS only or JWE only; none: `unsecured`.
 */
export async function encodeCasToken(payloadText: string, keys: CasKeys, options: EncodeOptions = {}): Promise<EncodedCasToken> {
  const compat = options.compat ?? DEFAULT_COMPAT;
  const layout = COMPAT_LAYOUTS[compat];
  if (!layout) throw usageError('E_USAGE', `unknown CAS compatibility level ${String(compat)}; use one of ${CAS_COMPATS.join(', ')}`);
  const notes: string[] = [];
  const headers: EncodedCasToken['headers'] = {};

  let aesKey: Uint8Array | undefined;
  let enc: ContentEncryption | undefined;
  if (keys.encryptionKey !== undefined) {
    aesKey = encryptionKeyBytes(keys.encryptionKey);
    const fits = encForKeyBytes(aesKey.length);
    if (options.enc) {
      enc = options.enc;
      if (aesKey.length !== ENC_KEY_BYTES[enc]) {
        throw inputError('E_ENCRYPTION_KEY_SIZE', `the encryption key is ${aesKey.length * 8} bits but ${enc} needs ${ENC_KEY_BYTES[enc] * 8}`, {
          hint: fits ? `a ${aesKey.length * 8}-bit key goes with --enc ${fits}` : 'generate a key with casctl crypto keys',
        });
      }
    } else if (aesKey.length === ENC_KEY_BYTES[layout.defaultEnc]) {
      enc = layout.defaultEnc;
    } else if (fits) {
      enc = fits;
      notes.push(`the ${aesKey.length * 8}-bit encryption key fits ${fits}, not CAS ${compat}'s default ${layout.defaultEnc}: set crypto.alg=${fits} in CAS`);
    } else {
      throw inputError('E_ENCRYPTION_KEY_SIZE', `the encryption key is ${aesKey.length * 8} bits: A*CBC-HS* needs 256, 384 or 512`, {
        hint: 'generate a key with casctl crypto keys',
      });
    }
  }
  if (keys.signingKey !== undefined) {
    const bytes = signingKeyBytes(keys.signingKey).length;
    if (bytes < 64) notes.push(`the signing key is ${bytes} bytes of text; CAS (jose4j) wants at least 64 for HS512`);
  }

  const both = aesKey !== undefined && keys.signingKey !== undefined;
  const strategy: DecodedStrategy = both ? (options.strategy ?? 'ENCRYPT_AND_SIGN') : aesKey ? 'ENCRYPT' : keys.signingKey !== undefined ? 'SIGN' : 'UNSECURED';
  let token: string;
  switch (strategy) {
    case 'ENCRYPT_AND_SIGN': {
      const jwe = await encryptJwe(payloadText, aesKey!, enc!, layout, options.kid);
      const jws = signJws(utf8.encode(jwe.token), keys.signingKey!, layout);
      Object.assign(headers, { jws: jws.header, jwe: jwe.header });
      token = jws.token;
      break;
    }
    case 'SIGN_AND_ENCRYPT': {
      const jws = signJws(utf8.encode(payloadText), keys.signingKey!, layout);
      const jwe = await encryptJwe(jws.token, aesKey!, enc!, layout, options.kid);
      Object.assign(headers, { jws: jws.header, jwe: jwe.header });
      token = jwe.token;
      break;
    }
    case 'ENCRYPT': {
      const jwe = await encryptJwe(payloadText, aesKey!, enc!, layout, options.kid);
      headers.jwe = jwe.header;
      token = jwe.token;
      break;
    }
    case 'SIGN': {
      const jws = signJws(utf8.encode(payloadText), keys.signingKey!, layout);
      headers.jws = jws.header;
      token = jws.token;
      break;
    }
    default: {
      if (!options.unsecured) {
        throw usageError('E_KEYS_REQUIRED', 'no signing or encryption key given', {
          hint: 'give the keys (--signing-key-file/--encryption-key-file, or --cas-config with --feature), or --unsecured for an alg "none" JWT',
        });
      }
      const header = { alg: 'none', typ: 'JWT' };
      headers.jws = header;
      token = `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${Buffer.from(payloadText).toString('base64url')}.`;
    }
  }
  return { token, strategy, headers, enc, compat, notes };
}

// ---------------------------------------------------------------------------------------------------
// Claims checks: what CAS (and the services consuming its JWTs) check after decoding.

export interface ClaimCheckOptions {
  /** seconds since the epoch; default now */
  now?: number;
  expectIssuer?: string;
  expectAudience?: string;
  /** allowed clock skew in seconds (default 0, as CAS compares exp with now) */
  clockToleranceSeconds?: number;
}

export interface ClaimFinding {
  code: 'E_TOKEN_EXPIRED' | 'E_TOKEN_NOT_YET_VALID' | 'E_TOKEN_ISSUER_MISMATCH' | 'E_TOKEN_AUDIENCE_MISMATCH' | 'E_TOKEN_CLAIMS_INVALID';
  message: string;
}

export interface ClaimCheckResult {
  ok: boolean;
  findings: ClaimFinding[];
  /** ISO times of the time claims present */
  issuedAt?: string;
  notBefore?: string;
  expiresAt?: string;
  expired?: boolean;
}

const iso = (seconds: number) => new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');

function describeAgo(seconds: number): string {
  const abs = Math.abs(seconds);
  const text = abs < 120 ? `${abs} s` : abs < 7200 ? `${Math.round(abs / 60)} min` : abs < 172800 ? `${Math.round(abs / 3600)} h` : `${Math.round(abs / 86400)} days`;
  return text;
}

/** Checks exp/nbf and, when asked, iss and aud; never throws. */
export function checkTokenClaims(claims: Record<string, unknown> | undefined, options: ClaimCheckOptions = {}): ClaimCheckResult {
  const findings: ClaimFinding[] = [];
  const result: ClaimCheckResult = { ok: true, findings };
  const now = options.now ?? Math.floor(Date.now() / 1000);
  const skew = options.clockToleranceSeconds ?? 0;
  if (!claims) {
    if (options.expectIssuer !== undefined || options.expectAudience !== undefined) {
      findings.push({ code: 'E_TOKEN_CLAIMS_INVALID', message: 'the payload is not a JSON object of claims, so issuer/audience cannot be checked' });
    }
    result.ok = findings.length === 0;
    return result;
  }
  const time = (name: string): number | undefined => {
    const value = claims[name];
    if (value === undefined) return undefined;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      findings.push({ code: 'E_TOKEN_CLAIMS_INVALID', message: `the ${name} claim is ${JSON.stringify(value)}, not a number of seconds` });
      return undefined;
    }
    return value;
  };
  const iat = time('iat');
  const nbf = time('nbf');
  const exp = time('exp');
  if (iat !== undefined) result.issuedAt = iso(iat);
  if (nbf !== undefined) result.notBefore = iso(nbf);
  if (exp !== undefined) {
    result.expiresAt = iso(exp);
    result.expired = exp + skew <= now;
    if (result.expired) {
      findings.push({ code: 'E_TOKEN_EXPIRED', message: `the token expired at ${iso(exp)} (${describeAgo(now - exp)} ago)` });
    }
  }
  if (nbf !== undefined && nbf - skew > now) {
    findings.push({ code: 'E_TOKEN_NOT_YET_VALID', message: `the token is not valid before ${iso(nbf)} (in ${describeAgo(nbf - now)})` });
  }
  if (options.expectIssuer !== undefined && claims.iss !== options.expectIssuer) {
    findings.push({
      code: 'E_TOKEN_ISSUER_MISMATCH',
      message: `the issuer is ${claims.iss === undefined ? 'missing' : JSON.stringify(claims.iss)}, expected ${JSON.stringify(options.expectIssuer)}`,
    });
  }
  if (options.expectAudience !== undefined) {
    const aud = claims.aud;
    const list = Array.isArray(aud) ? aud : aud === undefined ? [] : [aud];
    if (!list.includes(options.expectAudience)) {
      findings.push({
        code: 'E_TOKEN_AUDIENCE_MISMATCH',
        message: `the audience is ${aud === undefined ? 'missing' : JSON.stringify(aud)}, expected ${JSON.stringify(options.expectAudience)}`,
      });
    }
  }
  result.ok = findings.length === 0;
  return result;
}
