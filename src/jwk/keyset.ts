/**
 * The key set file `jwk-gen -S -o FILE` appends to. An existing set is read whole and checked first:
 * unreadable or not a JWK set means exit 3 with the jar's message, and the file is left as it was.
 * Existing keys are kept verbatim (members, order, extra top-level members), unlike the jar, which
 * re-serialises them through Nimbus and drops what it does not know.
 */
import { readFile } from 'node:fs/promises';
import { errnoCode, inputError } from '../errors.js';
import { publicJwkOf } from './keys.js';

export interface KeySetDocument {
  /** top-level members other than "keys", kept as found */
  [member: string]: unknown;
  keys: Record<string, unknown>[];
}

/** Java's FileNotFoundException texts, which the jar prints after "Could not read existing KeySet: ". */
const STRERROR: Record<string, string> = {
  EACCES: 'Permission denied',
  EPERM: 'Operation not permitted',
  EISDIR: 'Is a directory',
  ENOENT: 'No such file or directory',
  ENOTDIR: 'Not a directory',
  ELOOP: 'Too many levels of symbolic links',
};

export function parseKeySet(text: string): KeySetDocument {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new Error((error as Error).message);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new Error('a JWK set must be a JSON object');
  const keys = (doc as Record<string, unknown>).keys;
  if (!Array.isArray(keys)) throw new Error('Missing required "keys" member (an array)');
  keys.forEach((key, position) => {
    if (typeof key !== 'object' || key === null || Array.isArray(key)) throw new Error(`Invalid JWK at position ${position}: not a JSON object`);
    const kty = (key as Record<string, unknown>).kty;
    if (typeof kty !== 'string' || kty === '') throw new Error(`Invalid JWK at position ${position}: missing "kty"`);
  });
  return doc as KeySetDocument;
}

/** The set at `path`, or an empty one if there is no file yet. */
export async function readKeySet(path: string): Promise<{ doc: KeySetDocument; existed: boolean }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = errnoCode(error);
    if (code === 'ENOENT') return { doc: { keys: [] }, existed: false };
    const reason = (code && STRERROR[code]) ?? (error as Error).message;
    throw inputError('E_KEYSET_READ', `Could not read existing KeySet: ${path} (${reason})`, {
      cause: error,
      hint: 'check the file and its permissions; it was not changed',
    });
  }
  try {
    return { doc: parseKeySet(text), existed: true };
  } catch (error) {
    throw inputError('E_KEYSET_INVALID', `Could not parse existing KeySet: ${(error as Error).message}`, {
      hint: `${path} is not a JWK set ({"keys": [...]}); it was not changed. Fix it, or write the key to another file`,
    });
  }
}

/** The public set the jar writes with -P: private members dropped, oct keys (and unknown types) left out. */
export function publicKeySet(doc: KeySetDocument): { keys: Record<string, unknown>[] } {
  const keys = doc.keys
    .filter((key) => ['RSA', 'EC', 'OKP'].includes(key.kty as string))
    .map((key) => publicJwkOf(key))
    .filter((key): key is Record<string, unknown> => key !== undefined);
  return { keys };
}
