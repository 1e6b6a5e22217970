/**
 * A PKCS#10 certificate signing request (RFC 2986) for the domain key, built with node:crypto alone:
 * subject CN = first name, a subjectAltName extension request with every name (RFC 8555 §7.4 wants the
 * names in the SAN), signed SHA-256 (RSA PKCS#1 v1.5, ECDSA P-256) or SHA-384 (ECDSA P-384).
 * acme-client's createCsr does the same through @peculiar/x509, whose module graph costs ~120 ms to load
 * on every run; this file is what the CSR needs, no more.
 */
import { createPublicKey, sign, type KeyObject } from 'node:crypto';

function length(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function tlv(tag: number, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), length(body.length), body]);
}

const seq = (...c: Buffer[]) => tlv(0x30, ...c);
const set = (...c: Buffer[]) => tlv(0x31, ...c);

function oid(dotted: string): Buffer {
  const parts = dotted.split('.').map(Number);
  const bytes: number[] = [40 * parts[0]! + parts[1]!];
  for (const part of parts.slice(2)) {
    const chunk: number[] = [];
    let v = part;
    do {
      chunk.unshift(v & 0x7f);
      v = Math.floor(v / 128);
    } while (v > 0);
    for (let i = 0; i < chunk.length - 1; i++) chunk[i]! |= 0x80;
    bytes.push(...chunk);
  }
  return tlv(0x06, Buffer.from(bytes));
}

const OID = {
  commonName: '2.5.4.3',
  extensionRequest: '1.2.840.113549.1.9.14',
  subjectAltName: '2.5.29.17',
  sha256WithRSA: '1.2.840.113549.1.1.11',
  ecdsaSha256: '1.2.840.10045.4.3.2',
  ecdsaSha384: '1.2.840.10045.4.3.3',
};

/** DER of the CSR and its PEM. */
export function createCsr(names: string[], key: KeyObject): { der: Buffer; pem: string } {
  const subject = seq(set(seq(oid(OID.commonName), tlv(0x0c, Buffer.from(names[0]!, 'utf8')))));
  const spki = createPublicKey(key).export({ type: 'spki', format: 'der' });
  const san = seq(...names.map((name) => tlv(0x82, Buffer.from(name, 'ascii'))));
  const extensions = seq(seq(oid(OID.subjectAltName), tlv(0x04, san)));
  const attributes = tlv(0xa0, seq(oid(OID.extensionRequest), set(extensions)));
  const info = seq(tlv(0x02, Buffer.from([0])), subject, spki, attributes);

  let hash = 'sha256';
  let algorithm: Buffer;
  if (key.asymmetricKeyType === 'rsa') {
    algorithm = seq(oid(OID.sha256WithRSA), Buffer.from([0x05, 0x00]));
  } else {
    const p384 = key.asymmetricKeyDetails?.namedCurve === 'secp384r1';
    if (p384) hash = 'sha384';
    algorithm = seq(oid(p384 ? OID.ecdsaSha384 : OID.ecdsaSha256));
  }
  // node:crypto signs ECDSA as DER (r, s), which is what X.509/PKCS#10 carry.
  const signature = sign(hash, info, key);
  const der = seq(info, algorithm, tlv(0x03, Buffer.from([0]), signature));
  const b64 = der.toString('base64').replace(/.{64}/g, '$&\n').replace(/\n$/, '');
  return { der, pem: `-----BEGIN CERTIFICATE REQUEST-----\n${b64}\n-----END CERTIFICATE REQUEST-----\n` };
}
