/**
 * The self-signed certificate `jwk-gen -x` prints, built the way jwk-gen.jar builds it with Bouncy
 * Castle: X.509 v3, no extensions, serial = current epoch milliseconds, subject = issuer =
 * `CN=<URL-encoded kid or JWK thumbprint>`, valid from now for 300 days, signed SHA256withRSA or
 * SHA256withECDSA (also on P-384/P-521, as the jar does).
 *
 * The DER is assembled here (a dozen fixed fields) and signed with node:crypto, which works for every
 * curve OpenSSL knows, secp256k1 included; WebCrypto-based libraries (@peculiar/x509) cannot sign with
 * secp256k1, node-forge knows RSA only, and neither is needed for one fixed structure.
 */
import { sign, type KeyObject } from 'node:crypto';
import { javaUrlEncode } from './java.js';

function length(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let rest = n; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

export function tlv(tag: number, content: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tag]), length(content.length), content]);
}

const sequence = (...parts: Buffer[]) => tlv(0x30, Buffer.concat(parts));
const set = (...parts: Buffer[]) => tlv(0x31, Buffer.concat(parts));

/** A non-negative INTEGER, minimal two's complement. */
export function integer(value: bigint): Buffer {
  if (value < 0n) throw new RangeError('negative INTEGER');
  let hex = value.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  let bytes = Buffer.from(hex, 'hex');
  if (bytes[0]! & 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes]);
  return tlv(0x02, bytes);
}

export function objectIdentifier(oid: string): Buffer {
  const arcs = oid.split('.').map((arc) => BigInt(arc));
  const out: number[] = [Number(arcs[0]! * 40n + arcs[1]!)];
  for (const arc of arcs.slice(2)) {
    const chunk: number[] = [];
    let rest = arc;
    do {
      chunk.unshift(Number(rest & 0x7fn) | (chunk.length ? 0x80 : 0));
      rest >>= 7n;
    } while (rest > 0n);
    out.push(...chunk);
  }
  return tlv(0x06, Buffer.from(out));
}

/** RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050 (as Bouncy Castle's `Time`). */
export function time(date: Date): Buffer {
  const iso = date.toISOString(); // YYYY-MM-DDTHH:MM:SS.sssZ
  const digits = iso.slice(0, 19).replace(/[-T:]/g, '');
  const year = date.getUTCFullYear();
  return year >= 1950 && year < 2050 ? tlv(0x17, Buffer.from(`${digits.slice(2)}Z`)) : tlv(0x18, Buffer.from(`${digits}Z`));
}

const OID = {
  commonName: '2.5.4.3',
  sha256WithRSAEncryption: '1.2.840.113549.1.1.11',
  ecdsaWithSHA256: '1.2.840.10045.4.3.2',
};

export interface SelfSignedOptions {
  publicKey: KeyObject;
  privateKey: KeyObject;
  /** the kid, or the JWK thumbprint when there is none (URL-encoded into the CN as the jar does) */
  subject: string;
  now?: Date;
  days?: number;
}

/** A DER certificate; `pem()` wraps it. */
export function selfSignedCertificate(options: SelfSignedOptions): Buffer {
  const now = new Date(Math.floor((options.now ?? new Date()).getTime() / 1000) * 1000);
  const notAfter = new Date(now.getTime() + (options.days ?? 300) * 86_400_000);
  const type = options.privateKey.asymmetricKeyType;
  let algorithm: Buffer;
  if (type === 'rsa') algorithm = sequence(objectIdentifier(OID.sha256WithRSAEncryption), Buffer.from([0x05, 0x00]));
  else if (type === 'ec') algorithm = sequence(objectIdentifier(OID.ecdsaWithSHA256));
  else throw new Error(`no X.509 signature algorithm for ${type} keys`);
  const name = sequence(set(sequence(objectIdentifier(OID.commonName), tlv(0x0c, Buffer.from(`${javaUrlEncode(options.subject)}`, 'utf8')))));
  const tbs = sequence(
    tlv(0xa0, integer(2n)), // [0] EXPLICIT version v3
    integer(BigInt((options.now ?? new Date()).getTime())),
    algorithm,
    name,
    sequence(time(now), time(notAfter)),
    name,
    options.publicKey.export({ type: 'spki', format: 'der' }),
  );
  // node:crypto signs RSA with PKCS #1 v1.5 and ECDSA as a DER (r, s) SEQUENCE: what X.509 wants.
  const signature = sign('sha256', tbs, options.privateKey);
  return sequence(tbs, algorithm, tlv(0x03, Buffer.concat([Buffer.from([0]), signature])));
}

/** PEM as Bouncy Castle's PemWriter writes it: 64-character lines. */
export function pem(label: string, der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}
