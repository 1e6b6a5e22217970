/**
 * The password CAS puts into the Basic header is the ENCODED password:
 * AbstractUsernamePasswordAuthenticationHandler runs `cas.authn.rest[].password-encoder` first
 * (PasswordEncoderUtils#newPasswordEncoder). casctl reproduces the encoders whose output is a pure
 * function of the password and the configuration; the others draw a random salt on every call (or once
 * per CAS start), so nobody outside that CAS process can know the bytes it sends.
 */
import { createHash, getHashes } from 'node:crypto';
import { usageError } from '../errors.js';
import { unixCrypt, validUnixCryptSalt } from './unix-crypt.js';

export const ENCODER_TYPES = ['none', 'default', 'glibc-crypt', 'bcrypt', 'pbkdf2', 'scrypt', 'ssha', 'standard', 'argon2'] as const;
export type EncoderType = (typeof ENCODER_TYPES)[number];

export interface EncoderConfig {
  type: EncoderType;
  /** DEFAULT: a MessageDigest name (MD5, SHA-1, SHA-256, SHA-512…); GLIBC_CRYPT: MD5|1, SHA-256|5, SHA-512|6 */
  encodingAlgorithm?: string;
  /** DEFAULT: Java charset name (UTF-8, ISO-8859-1, US-ASCII, UTF-16…) */
  characterEncoding?: string;
  /** GLIBC_CRYPT: rounds for SHA-256/SHA-512 (CAS's `strength`, default 16) */
  strength?: number;
  /** GLIBC_CRYPT: CAS uses `secret` as the crypt salt */
  secret?: string;
}

/** Spring Security / CAS names (case-insensitive, `_` or `-`) to casctl's spelling. */
export function parseEncoderType(value: string): EncoderType {
  const normal = value.trim().toLowerCase().replace(/_/g, '-');
  if (normal === '' ) return 'none';
  if (normal === 'glibccrypt' || normal === 'glibc') return 'glibc-crypt';
  if ((ENCODER_TYPES as readonly string[]).includes(normal)) return normal as EncoderType;
  if (normal.endsWith('.groovy') || value.includes('.')) {
    throw usageError('E_ENCODER_UNSUPPORTED', `password encoder '${value}' is a Groovy script or a Java class: casctl cannot run it`, {
      hint: 'encode the password yourself and pass it with --password-file (and --password-encoder none)',
    });
  }
  throw usageError('E_USAGE', `unknown password encoder '${value}'; options are ${ENCODER_TYPES.join(', ')}`);
}

/** Java charset names CAS operators use, mapped to what Node can produce. */
function encodeChars(password: string, charset: string): Buffer {
  const name = charset.trim().toUpperCase().replace(/_/g, '-');
  switch (name) {
    case 'UTF-8':
    case 'UTF8':
      return Buffer.from(password, 'utf8');
    case 'US-ASCII':
    case 'ASCII': {
      // Java replaces an unmappable character with '?'.
      return Buffer.from([...password].map((c) => (c.codePointAt(0)! < 0x80 ? c.codePointAt(0)! : 0x3f)));
    }
    case 'ISO-8859-1':
    case 'ISO8859-1':
    case 'LATIN1':
    case 'ISO-LATIN-1': {
      return Buffer.from([...password].map((c) => (c.codePointAt(0)! < 0x100 ? c.codePointAt(0)! : 0x3f)));
    }
    case 'UTF-16LE':
      return Buffer.from(password, 'utf16le');
    case 'UTF-16BE':
      return Buffer.from(password, 'utf16le').swap16();
    case 'UTF-16': {
      // Java's "UTF-16" encoder writes a big-endian byte-order mark first.
      return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(password, 'utf16le').swap16()]);
    }
    default:
      throw usageError('E_USAGE', `unsupported --character-encoding '${charset}'`, {
        hint: 'use UTF-8, ISO-8859-1, US-ASCII, UTF-16, UTF-16BE or UTF-16LE',
      });
  }
}

/** Java MessageDigest names → Node's. */
function digestName(algorithm: string): string {
  const name = algorithm.trim().toUpperCase();
  const map: Record<string, string> = {
    MD2: 'md2',
    MD5: 'md5',
    SHA: 'sha1',
    'SHA-1': 'sha1',
    SHA1: 'sha1',
    'SHA-224': 'sha224',
    'SHA-256': 'sha256',
    SHA256: 'sha256',
    'SHA-384': 'sha384',
    'SHA-512': 'sha512',
    SHA512: 'sha512',
    'SHA-512/224': 'sha512-224',
    'SHA-512/256': 'sha512-256',
    'SHA3-224': 'sha3-224',
    'SHA3-256': 'sha3-256',
    'SHA3-384': 'sha3-384',
    'SHA3-512': 'sha3-512',
  };
  const node = map[name];
  if (!node || !getHashes().includes(node)) {
    throw usageError('E_USAGE', `unsupported --encoding-algorithm '${algorithm}' for the default encoder`, {
      hint: 'use MD5, SHA-1, SHA-256, SHA-384 or SHA-512 (Java MessageDigest names)',
    });
  }
  return node;
}

const RANDOM_ENCODERS: Partial<Record<EncoderType, string>> = {
  bcrypt: 'BCRYPT (BCryptPasswordEncoder) draws a new random salt for every encoding, even with a secret',
  pbkdf2: 'PBKDF2 (Pbkdf2PasswordEncoder) prepends a new random salt to every encoding',
  scrypt: 'SCRYPT (SCryptPasswordEncoder) draws a new random salt for every encoding',
  ssha: 'SSHA (LdapShaPasswordEncoder) draws a new random 8-byte salt for every encoding',
  standard: 'STANDARD (StandardPasswordEncoder) draws a new random salt for every encoding',
  argon2: 'ARGON2 (Argon2PasswordEncoder) draws a new random salt for every encoding',
};

/** Checks a configuration before any secret is read, so a usage error comes first. */
export function validateEncoder(config: EncoderConfig): void {
  const random = RANDOM_ENCODERS[config.type];
  if (random) {
    throw usageError('E_ENCODER_NOT_DETERMINISTIC', `cannot reproduce what CAS sends with --password-encoder ${config.type}: ${random}`, {
      hint: 'the bytes CAS sends differ on every login and cannot be computed outside CAS; probe with the raw password (--password-encoder none) to test the endpoint itself',
    });
  }
  if (config.type === 'default') {
    if (!config.encodingAlgorithm) {
      throw usageError('E_USAGE', '--password-encoder default needs --encoding-algorithm (MD5, SHA-1, SHA-256 or SHA-512)', {
        hint: 'CAS itself returns null (and the login fails) when encoding-algorithm is blank',
      });
    }
    digestName(config.encodingAlgorithm);
    encodeChars('', config.characterEncoding ?? 'UTF-8');
  }
  if (config.type === 'glibc-crypt') {
    const algorithm = cryptAlgorithm(config.encodingAlgorithm);
    if (algorithm === 'des') {
      const name = config.encodingAlgorithm!;
      if (!config.secret && name.length < 2) {
        throw usageError('E_ENCODER_NOT_DETERMINISTIC', `cannot reproduce what CAS sends with glibc-crypt encoding-algorithm '${name}' and no secret: the DES salt would end with a random character CAS picks when it starts`, {
          hint: 'give the secret CAS is configured with (--encoder-secret-file/-env/-stdin, or --cas-config)',
        });
      }
      if (!validUnixCryptSalt(`${name}${config.secret ?? 'aa'}`)) {
        throw usageError('E_ENCODER_INVALID', `glibc-crypt falls back to DES crypt for encoding-algorithm '${name}', and '${name}' + secret is not a valid DES salt`, {
          hint: "commons-codec UnixCrypt rejects it too ('Invalid salt value'), so every login through CAS fails; use MD5, SHA-256 or SHA-512",
        });
      }
      return;
    }
    if (!config.secret) {
      throw usageError('E_ENCODER_NOT_DETERMINISTIC', 'cannot reproduce what CAS sends with --password-encoder glibc-crypt and no secret: without password-encoder.secret CAS picks a random salt when it starts', {
        hint: 'give the secret CAS is configured with (it is the crypt salt) with --encoder-secret-file/-env/-stdin, or --cas-config',
      });
    }
  }
}

export interface EncodedPassword {
  value: string;
  /** human description of what was applied */
  description: string;
  /** something the operator should know about this configuration */
  warning?: string;
}

export function encodePassword(password: string, config: EncoderConfig): EncodedPassword {
  validateEncoder(config);
  switch (config.type) {
    case 'none':
      return { value: password, description: 'none (the password as typed)' };
    case 'default': {
      const charset = config.characterEncoding ?? 'UTF-8';
      const hex = createHash(digestName(config.encodingAlgorithm!)).update(encodeChars(password, charset)).digest('hex');
      return { value: hex, description: `default: ${config.encodingAlgorithm} of the ${charset} bytes, lower-case hex` };
    }
    case 'glibc-crypt': {
      const algorithm = cryptAlgorithm(config.encodingAlgorithm);
      const strength = config.strength ?? 16;
      const key = Buffer.from(password, 'utf8');
      if (algorithm === 'des') {
        // GlibcCryptPasswordEncoder: salt = algorithm name + secret (or + a random hex string); DES uses 2 characters.
        const salt = `${config.encodingAlgorithm!}${config.secret ?? ''}`;
        return {
          value: unixCrypt(key, salt),
          description: `glibc-crypt fallback: traditional DES crypt, salt "${salt.slice(0, 2)}"`,
          warning: `encoding-algorithm '${config.encodingAlgorithm}' is none of MD5/1, SHA-256/5, SHA-512/6, so CAS falls back to DES crypt with the salt "${salt.slice(0, 2)}" taken from that name, and only the first 8 bytes of the password count`,
        };
      }
      const value =
        algorithm === 'md5' ? md5Crypt(key, config.secret!) : shaCrypt(algorithm, key, config.secret!, strength);
      return { value, description: `glibc-crypt ${algorithm}${algorithm === 'md5' ? '' : ` rounds=${strength}`} with the configured secret as salt` };
    }
    default:
      throw new Error(`internal: encoder ${config.type} passed validation`);
  }
}

type CryptAlgorithm = 'md5' | 'sha256' | 'sha512' | 'des';

/** GlibcCryptPasswordEncoder#generateCryptSalt: "1"/MD5, "5"/SHA-256, "6"/SHA-512, anything else DES. */
function cryptAlgorithm(value: string | undefined): CryptAlgorithm {
  if (!value || value.trim() === '') {
    throw usageError('E_USAGE', '--password-encoder glibc-crypt needs --encoding-algorithm (MD5, SHA-256 or SHA-512)', {
      hint: 'CAS itself returns null (and the login fails) when encoding-algorithm is blank',
    });
  }
  const upper = value.toUpperCase();
  if (value === '1' || upper === 'MD5') return 'md5';
  if (value === '5' || upper === 'SHA-256') return 'sha256';
  if (value === '6' || upper === 'SHA-512') return 'sha512';
  return 'des';
}

const ITOA64 = './0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

function b64From24(b2: number, b1: number, b0: number, n: number): string {
  let w = (b2 << 16) | (b1 << 8) | b0;
  let out = '';
  for (let i = 0; i < n; i++) {
    out += ITOA64[w & 0x3f];
    w >>>= 6;
  }
  return out;
}

/**
 * The salt commons-codec accepts: the leading run of [./A-Za-z0-9] (up to `max`); an empty run is
 * the IllegalArgumentException "Invalid salt value" that makes CAS's encoder throw.
 */
function cryptSalt(secret: string, max: number): string {
  const match = /^[./A-Za-z0-9]+/.exec(secret);
  if (!match) {
    throw usageError('E_ENCODER_INVALID', 'the glibc-crypt secret (the salt) must start with characters from [./A-Za-z0-9]', {
      hint: "CAS's commons-codec Crypt rejects this salt too ('Invalid salt value'), so every login through CAS fails",
    });
  }
  return match[0].slice(0, max);
}

/** MD5-crypt ($1$), as commons-codec Md5Crypt / glibc. */
export function md5Crypt(key: Buffer, secret: string): string {
  const salt = Buffer.from(cryptSalt(secret, 8), 'latin1');
  const magic = Buffer.from('$1$');
  const alt = createHash('md5').update(key).update(salt).update(key).digest();
  const ctx = createHash('md5').update(key).update(magic).update(salt);
  for (let len = key.length; len > 0; len -= 16) ctx.update(alt.subarray(0, Math.min(16, len)));
  for (let i = key.length; i > 0; i >>>= 1) ctx.update(i & 1 ? Buffer.from([0]) : key.subarray(0, 1));
  let final = ctx.digest();
  for (let i = 0; i < 1000; i++) {
    const c = createHash('md5');
    c.update(i & 1 ? key : final);
    if (i % 3) c.update(salt);
    if (i % 7) c.update(key);
    c.update(i & 1 ? final : key);
    final = c.digest();
  }
  const f = final;
  const hash =
    b64From24(f[0]!, f[6]!, f[12]!, 4) +
    b64From24(f[1]!, f[7]!, f[13]!, 4) +
    b64From24(f[2]!, f[8]!, f[14]!, 4) +
    b64From24(f[3]!, f[9]!, f[15]!, 4) +
    b64From24(f[4]!, f[10]!, f[5]!, 4) +
    b64From24(0, 0, f[11]!, 2);
  return `$1$${salt.toString('latin1')}$${hash}`;
}

const SHA256_ORDER = [
  [0, 10, 20], [21, 1, 11], [12, 22, 2], [3, 13, 23], [24, 4, 14], [15, 25, 5], [6, 16, 26], [27, 7, 17], [18, 28, 8], [9, 19, 29],
] as const;
const SHA512_ORDER = [
  [0, 21, 42], [22, 43, 1], [44, 2, 23], [3, 24, 45], [25, 46, 4], [47, 5, 26], [6, 27, 48], [28, 49, 7], [50, 8, 29], [9, 30, 51],
  [31, 52, 10], [53, 11, 32], [12, 33, 54], [34, 55, 13], [56, 14, 35], [15, 36, 57], [37, 58, 16], [59, 17, 38], [18, 39, 60],
  [40, 61, 19], [62, 20, 41],
] as const;

/**
 * SHA-crypt ($5$/$6$, Drepper's specification), as commons-codec Sha2Crypt: CAS always writes
 * `rounds=<strength>`, which is clamped to 1000..999999999 and then printed as clamped.
 */
export function shaCrypt(algorithm: 'sha256' | 'sha512', key: Buffer, secret: string, requestedRounds: number): string {
  const size = algorithm === 'sha256' ? 32 : 64;
  const prefix = algorithm === 'sha256' ? '$5$' : '$6$';
  const rounds = Math.max(1000, Math.min(999_999_999, Math.trunc(requestedRounds)));
  const salt = Buffer.from(cryptSalt(secret, 16), 'latin1');
  const h = () => createHash(algorithm);
  const b = h().update(key).update(salt).update(key).digest();
  const a = h().update(key).update(salt);
  let cnt = key.length;
  for (; cnt > size; cnt -= size) a.update(b);
  a.update(b.subarray(0, cnt));
  for (cnt = key.length; cnt > 0; cnt >>>= 1) a.update(cnt & 1 ? b : key);
  let altResult = a.digest();
  const dpCtx = h();
  for (let i = 0; i < key.length; i++) dpCtx.update(key);
  const dp = dpCtx.digest();
  const p = Buffer.alloc(key.length);
  for (let i = 0; i < key.length; i += size) dp.copy(p, i, 0, Math.min(size, key.length - i));
  const dsCtx = h();
  for (let i = 0; i < 16 + altResult[0]!; i++) dsCtx.update(salt);
  const ds = dsCtx.digest();
  const s = Buffer.alloc(salt.length);
  for (let i = 0; i < salt.length; i += size) ds.copy(s, i, 0, Math.min(size, salt.length - i));
  for (let r = 0; r < rounds; r++) {
    const c = h();
    c.update(r & 1 ? p : altResult);
    if (r % 3) c.update(s);
    if (r % 7) c.update(p);
    c.update(r & 1 ? altResult : p);
    altResult = c.digest();
  }
  const f = altResult;
  let out = '';
  if (algorithm === 'sha256') {
    for (const [x, y, z] of SHA256_ORDER) out += b64From24(f[x]!, f[y]!, f[z]!, 4);
    out += b64From24(0, f[31]!, f[30]!, 3);
  } else {
    for (const [x, y, z] of SHA512_ORDER) out += b64From24(f[x]!, f[y]!, f[z]!, 4);
    out += b64From24(0, 0, f[63]!, 2);
  }
  return `${prefix}rounds=${rounds}$${salt.toString('latin1')}$${out}`;
}
