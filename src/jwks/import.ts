/**
 * `casctl jwks import --pem key.pem`: adds a key from the operator's own PKI. Reads PKCS#1
 * (`RSA PRIVATE KEY`), SEC1 (`EC PRIVATE KEY`) and PKCS#8 (`PRIVATE KEY`) PEM; the key is written like
 * the keys CAS generates (kid, use, state, private members).
 */
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { inputError } from '../errors.js';
import { readTextFile } from '../io/files.js';
import { assembleJwk, ecCurve, newKid, sizeOfCurve, type KeyUse } from './keygen.js';
import { kidOf, type Jwk, type StateName } from './keystore.js';
import { resolveTarget, type TargetOptions } from './settings.js';
import { summarize, type KeySummary } from './show.js';
import { modifyKeystore } from './store.js';
import { keyIdInFile } from './rotate.js';

export interface ImportInput extends TargetOptions {
  pem: string;
  use: KeyUse;
  state: StateName;
  kid?: string;
  keyId?: string;
  dryRun?: boolean;
  env: Record<string, string | undefined>;
  cwd: string;
}

export interface ImportResult {
  file: string;
  dryRun: boolean;
  written: boolean;
  created: boolean;
  backup?: string;
  added: { kid: string; kty: string; size?: number; crv?: string; use: KeyUse; state: StateName };
  keys: KeySummary[];
  signingKid?: string;
}

/** A private key from PEM text, as the JWK members CAS stores (Node's export, jose4j's order later). */
export function pemToMaterial(text: string, where: string): Jwk {
  if (/ENCRYPTED/.test(text)) {
    throw inputError('E_PEM_ENCRYPTED', `${where} is an encrypted private key`, {
      hint: `decrypt it first: openssl pkey -in ${where} -out plain.pem (keep plain.pem 0600)`,
    });
  }
  if (!/-----BEGIN (RSA |EC )?PRIVATE KEY-----/.test(text)) {
    const what = /-----BEGIN (PUBLIC KEY|RSA PUBLIC KEY|CERTIFICATE)-----/.test(text) ? 'holds no private key (CAS signs with the private part)' : 'is not a PEM private key';
    throw inputError('E_PEM_INVALID', `${where} ${what}`, {
      hint: 'pass a PKCS#1 (RSA PRIVATE KEY), SEC1 (EC PRIVATE KEY) or PKCS#8 (PRIVATE KEY) PEM file',
    });
  }
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: text, format: 'pem' });
  } catch (error) {
    throw inputError('E_PEM_INVALID', `${where} does not parse as a private key: ${(error as Error).message}`, { cause: error });
  }
  if (key.asymmetricKeyType === 'rsa') {
    const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
    if (bits < 2048) {
      throw inputError('E_JWKS_KEY_SIZE', `${where} is a ${bits}-bit RSA key: jose4j (CAS) refuses RSA keys below 2048 bits`);
    }
  } else if (key.asymmetricKeyType === 'ec') {
    const curve = key.asymmetricKeyDetails?.namedCurve;
    if (curve !== 'prime256v1' && curve !== 'secp384r1' && curve !== 'secp521r1') {
      throw inputError('E_PEM_INVALID', `${where} is an EC key on curve ${curve}: CAS keys use P-256, P-384 or P-521`);
    }
  } else {
    throw inputError('E_PEM_INVALID', `${where} is a ${key.asymmetricKeyType} key: import takes RSA or EC keys`);
  }
  return key.export({ format: 'jwk' }) as Jwk;
}

function sameKey(a: Jwk, b: Jwk): boolean {
  if (a.kty !== b.kty) return false;
  return a.kty === 'RSA' ? a.n === b.n && a.e === b.e : a.crv === b.crv && a.x === b.x && a.y === b.y;
}

export async function importKey(input: ImportInput): Promise<ImportResult> {
  const target = await resolveTarget(input, input.env, input.cwd);
  const pemPath = input.pem.startsWith('/') ? input.pem : `${input.cwd.replace(/\/$/, '')}/${input.pem}`;
  const material = pemToMaterial(await readTextFile(pemPath, 'PEM key'), input.pem);
  // The public half must agree with the private one (createPublicKey derives it from the private key).
  createPublicKey(createPrivateKey({ key: material as never, format: 'jwk' }));
  const outcome = await modifyKeystore(
    target.path,
    async (current) => {
      const keys = current?.parsed.keys ?? [];
      const taken = new Set(keys.map(kidOf).filter((k): k is string => k !== undefined));
      const duplicate = keys.find((jwk) => sameKey(jwk, material));
      if (duplicate) {
        throw inputError('E_JWKS_KEY_EXISTS', `the key in ${input.pem} is already in the keystore as ${kidOf(duplicate) ?? 'a key without kid'}`);
      }
      if (input.kid !== undefined && taken.has(input.kid)) {
        throw inputError('E_JWKS_KID_EXISTS', `kid ${input.kid} is already used in ${target.path}`, { hint: 'pick another --kid, or leave it out for a generated one' });
      }
      const keyId = input.keyId ?? target.configKeyId ?? (current ? keyIdInFile(current.parsed) : undefined) ?? 'cas';
      const kid = input.kid ?? newKid(keyId, taken);
      const curve = material.kty === 'EC' ? ecCurve(sizeOfCurve(material.crv as string)!) : undefined;
      const jwk = assembleJwk(material, kid, input.use, input.use === 'sig' ? curve?.alg : undefined, input.state);
      return { keys: [...keys, jwk], result: { keys: [...keys, jwk], jwk } };
    },
    { dryRun: input.dryRun, missing: 'create', verb: 'import a key into' },
  );
  const summary = summarize(outcome.result.keys);
  const added = summary.keys[summary.keys.length - 1]!;
  return {
    file: target.path,
    dryRun: input.dryRun === true,
    written: outcome.written,
    created: outcome.created,
    backup: outcome.backupPath,
    added: { kid: added.kid!, kty: added.kty, size: added.size, crv: added.crv, use: input.use, state: input.state },
    keys: summary.keys,
    signingKid: summary.signingKid,
  };
}
