/**
 * Account and domain keys: read in any PEM flavour CAS, openssl or certbot leave behind (PKCS#1
 * `RSA PRIVATE KEY`, SEC1 `EC PRIVATE KEY`, PKCS#8 `PRIVATE KEY`), generated when missing and written
 * in the format CAS's acme4j loader reads (`KeyPairUtils.readKeyPair` takes only the traditional forms).
 */
import { createPrivateKey, createPublicKey, generateKeyPair, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { inputError } from '../errors.js';

export type KeyType = 'rsa' | 'ec';
export type KeyFormat = 'traditional' | 'pkcs8';

export interface KeySpec {
  type: KeyType;
  /** RSA modulus bits (2048, 3072, 4096) */
  rsaBits: number;
  /** EC curve */
  curve: 'P-256' | 'P-384';
}

export interface LoadedKey {
  key: KeyObject;
  /** PKCS#8 PEM: what acme-client's JWS and CSR code want */
  pkcs8: string;
}

const generate = promisify(generateKeyPair);

/** Parses a private key PEM; `what` and `path` name the file in the error (exit 3). */
export function parsePrivateKey(pem: string, path: string, what: string): LoadedKey {
  if (/-----BEGIN ENCRYPTED PRIVATE KEY-----|Proc-Type: 4,ENCRYPTED/.test(pem)) {
    throw inputError('E_ACME_KEY_ENCRYPTED', `${what} ${path} is encrypted`, {
      hint: `decrypt it first (openssl pkey -in ${path} -out plain.key); casctl and CAS need it unencrypted, mode 0600`,
    });
  }
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: pem, format: 'pem' });
  } catch (error) {
    throw inputError('E_ACME_KEY_INVALID', `${what} ${path} is not a readable PEM private key`, {
      cause: error,
      hint: 'expected -----BEGIN RSA PRIVATE KEY-----, -----BEGIN EC PRIVATE KEY----- or -----BEGIN PRIVATE KEY-----',
    });
  }
  const type = key.asymmetricKeyType;
  if (type !== 'rsa' && type !== 'ec') {
    throw inputError('E_ACME_KEY_INVALID', `${what} ${path} is a ${type} key; ACME needs RSA or EC (P-256/P-384)`);
  }
  if (type === 'ec') {
    const curve = key.asymmetricKeyDetails?.namedCurve;
    if (curve !== 'prime256v1' && curve !== 'secp384r1') {
      throw inputError('E_ACME_KEY_INVALID', `${what} ${path} uses curve ${curve}; ACME CAs accept P-256 and P-384`);
    }
  }
  return { key, pkcs8: key.export({ type: 'pkcs8', format: 'pem' }).toString() };
}

export async function generateKey(spec: KeySpec): Promise<LoadedKey> {
  const pair =
    spec.type === 'rsa'
      ? await generate('rsa', { modulusLength: spec.rsaBits, publicExponent: 0x10001 })
      : await generate('ec', { namedCurve: spec.curve });
  const key = pair.privateKey as KeyObject;
  return { key, pkcs8: key.export({ type: 'pkcs8', format: 'pem' }).toString() };
}

/** PEM for the file: traditional = PKCS#1 for RSA, SEC1 for EC (what acme4j reads); or PKCS#8. */
export function encodeKey(key: KeyObject, format: KeyFormat): string {
  if (format === 'pkcs8') return key.export({ type: 'pkcs8', format: 'pem' }).toString();
  return key.export({ type: key.asymmetricKeyType === 'rsa' ? 'pkcs1' : 'sec1', format: 'pem' }).toString();
}

/** SPKI DER of a private or public key, for "does this certificate belong to this key" checks. */
export function spki(key: KeyObject): Buffer {
  const pub = key.type === 'private' ? createPublicKey(key) : key;
  return pub.export({ type: 'spki', format: 'der' });
}

export function describeKey(key: KeyObject): string {
  if (key.asymmetricKeyType === 'rsa') return `RSA ${key.asymmetricKeyDetails?.modulusLength ?? '?'}`;
  const curve = key.asymmetricKeyDetails?.namedCurve;
  return `EC ${curve === 'prime256v1' ? 'P-256' : curve === 'secp384r1' ? 'P-384' : curve}`;
}
