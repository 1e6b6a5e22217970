/**
 * `casctl jwks generate`: a new keystore as CAS makes one when the file is missing
 * (`OidcJsonWebKeystoreGeneratorService#generateJsonWebKeySet`): current sig, current enc, future sig,
 * future enc, in that order.
 */
import { pathExists } from '../io/files.js';
import { inputError } from '../errors.js';
import { generateJwk, newKid, type KeySpec, type KeyUse } from './keygen.js';
import type { Jwk, StateName } from './keystore.js';
import { keyIdFor, keySpecFor, resolveTarget, type SpecOptions, type TargetOptions } from './settings.js';
import { summarize, type KeySummary } from './show.js';
import { replaceKeystore } from './store.js';

export const GENERATED_LAYOUT: [KeyUse, StateName][] = [
  ['sig', 'current'],
  ['enc', 'current'],
  ['sig', 'future'],
  ['enc', 'future'],
];

export async function generateKeys(spec: KeySpec, keyId: string): Promise<Jwk[]> {
  const taken = new Set<string>();
  const kids = GENERATED_LAYOUT.map(() => {
    const kid = newKid(keyId, taken);
    taken.add(kid);
    return kid;
  });
  return Promise.all(GENERATED_LAYOUT.map(([use, state], i) => generateJwk({ spec, use, state, kid: kids[i]! })));
}

export interface GenerateInput extends TargetOptions, SpecOptions {
  force?: boolean;
  dryRun?: boolean;
  env: Record<string, string | undefined>;
  cwd: string;
}

export interface GenerateResult {
  file: string;
  dryRun: boolean;
  written: boolean;
  created: boolean;
  backup?: string;
  type: KeySpec['type'];
  size: number;
  keys: KeySummary[];
  signingKid?: string;
}

export async function generateKeystore(input: GenerateInput): Promise<GenerateResult> {
  const target = await resolveTarget(input, input.env, input.cwd);
  const spec = keySpecFor(input, target);
  const keyId = keyIdFor(input.keyId, target);
  if (!input.force && (await pathExists(target.path))) {
    throw inputError('E_FILE_EXISTS', `refusing to overwrite existing keystore ${target.path}`, {
      hint: 'pass --force to replace it (the old keystore is kept as .bak), or rotate it with casctl jwks rotate',
    });
  }
  const keys = await generateKeys(spec, keyId);
  const summary = summarize(keys);
  const base = { file: target.path, type: spec.type, size: spec.size, keys: summary.keys, signingKid: summary.signingKid };
  if (input.dryRun) return { ...base, dryRun: true, written: false, created: false };
  const written = await replaceKeystore(target.path, keys, input.force === true);
  return { ...base, dryRun: false, written: true, created: written.created, backup: written.backupPath };
}
