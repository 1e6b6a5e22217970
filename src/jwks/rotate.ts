/**
 * CAS's rotation and revocation (`OidcDefaultJsonWebKeystoreRotationService#rotate` / `#revoke`):
 * rotate: every current key becomes previous, every future key current (each key evaluated once), new
 * future sig + enc keys appended, and new current sig + enc keys when no current key is left.
 * revoke: every previous key removed. `rotate --revoke` revokes first, then rotates, in one write.
 */
import { readFile } from 'node:fs/promises';
import { jwkFromMaterial, keyIdOf, KeyPool, newKid, sizeOfCurve, type KeySpec, type KeyUse } from './keygen.js';
import { kidOf, parseKeystore, STATES, stateOf, type Jwk, type KeyInfo, type ParsedKeystore, type StateName } from './keystore.js';
import { keyIdFor, keySpecFor, resolveTarget, type SpecOptions, type TargetOptions } from './settings.js';
import { modifyKeystore, type LoadedKeystore } from './store.js';
import { summarize, type KeySummary } from './show.js';

export type Change =
  | { kind: 'state'; kid?: string; use?: string; from: StateName; to: StateName }
  | { kind: 'added'; kid: string; use: KeyUse; state: StateName; kty: string; size: number }
  | { kind: 'removed'; kid?: string; use?: string; state: StateName };

export type KeyFactory = (use: KeyUse, state: StateName, taken: Set<string>) => Promise<Jwk>;

/** Removes every previous key. Pure: returns new arrays. */
export function revokeKeys(keys: Jwk[]): { keys: Jwk[]; changes: Change[] } {
  const changes: Change[] = [];
  const kept = keys.filter((jwk) => {
    if (stateOf(jwk) !== 'previous') return true;
    changes.push({ kind: 'removed', kid: kidOf(jwk), use: useOf(jwk), state: 'previous' });
    return false;
  });
  return { keys: kept, changes };
}

/** CAS's rotation over `keys` (copied, member order kept; `state` replaced in place or appended). */
export async function rotateKeys(keys: Jwk[], makeKey: KeyFactory): Promise<{ keys: Jwk[]; changes: Change[] }> {
  const changes: Change[] = [];
  const out = keys.map((jwk) => {
    const from = stateOf(jwk);
    const to: StateName = from === 'current' ? 'previous' : from === 'future' ? 'current' : 'previous';
    if (from === 'previous') return jwk;
    changes.push({ kind: 'state', kid: kidOf(jwk), use: useOf(jwk), from, to });
    return { ...jwk, state: STATES[to] };
  });
  const taken = new Set(out.map(kidOf).filter((k): k is string => k !== undefined));
  const add = async (use: KeyUse, state: StateName) => {
    const jwk = await makeKey(use, state, taken);
    taken.add(kidOf(jwk)!);
    out.push(jwk);
    changes.push({ kind: 'added', kid: kidOf(jwk)!, use, state, kty: jwk.kty as string, size: sizeOf(jwk) });
  };
  await add('sig', 'future');
  await add('enc', 'future');
  if (!out.some((jwk) => stateOf(jwk) === 'current')) {
    await add('sig', 'current');
    await add('enc', 'current');
  }
  return { keys: out, changes };
}

function useOf(jwk: Jwk): string | undefined {
  return typeof jwk.use === 'string' ? jwk.use : undefined;
}

function sizeOf(jwk: Jwk): number {
  if (jwk.kty === 'RSA') return Buffer.from(jwk.n as string, 'base64url').length * 8;
  return sizeOfCurve(jwk.crv as string) ?? 0;
}

/** The type and size of the keys already in the file: the signing key's, else the first asymmetric sig key's. */
export function specInFile(parsed: ParsedKeystore): KeySpec | undefined {
  const pick = (k: KeyInfo) => k.loads && (k.kty === 'RSA' || k.kty === 'EC');
  const candidates = [
    ...parsed.info.filter((k) => pick(k) && k.use === 'sig' && k.state === 'current' && k.hasPrivate),
    ...parsed.info.filter((k) => pick(k) && k.use === 'sig'),
    ...parsed.info.filter(pick),
  ];
  const key = candidates[0];
  if (!key) return undefined;
  return key.kty === 'RSA' ? { type: 'RSA', size: key.size! } : { type: 'EC', size: sizeOfCurve(key.crv)! };
}

export function keyIdInFile(parsed: ParsedKeystore): string | undefined {
  for (const key of parsed.info) {
    const id = keyIdOf(key.kid);
    if (id) return id;
  }
  return undefined;
}

export interface RotateInput extends TargetOptions, SpecOptions {
  /** revoke (remove previous keys) first, in the same write */
  revoke?: boolean;
  dryRun?: boolean;
  env: Record<string, string | undefined>;
  cwd: string;
}

export interface RotateResult {
  file: string;
  action: 'rotate' | 'revoke';
  dryRun: boolean;
  written: boolean;
  backup?: string;
  changes: Change[];
  keys: KeySummary[];
  signingKid?: string;
  /** things an operator should know (e.g. a signing key nobody has seen published yet) */
  warnings: string[];
}

function rotationWarnings(changes: Change[]): string[] {
  const fresh = changes.find((c) => c.kind === 'added' && c.state === 'current' && c.use === 'sig');
  return fresh && fresh.kind === 'added'
    ? [
        `the keystore had no future key, so CAS now signs with ${fresh.kid}, a key never published before: relying parties that cache the JWKS may reject new ID tokens until they fetch it again`,
      ]
    : [];
}

/** The spec the next rotation will most likely need, read without the lock (a guess: checked under it). */
async function likelySpec(path: string, input: RotateInput, target: Parameters<typeof keySpecFor>[1]): Promise<KeySpec | undefined> {
  try {
    return keySpecFor(input, target, specInFile(parseKeystore(await readFile(path, 'utf8'), { checkPairs: false })));
  } catch {
    return undefined;
  }
}

export async function rotateKeystore(input: RotateInput): Promise<RotateResult> {
  const target = await resolveTarget(input, input.env, input.cwd);
  // The two future keys every rotation adds are made before taking the lock, so concurrent runs (and
  // CAS's file watcher) wait only for the read-modify-write, not for RSA key generation.
  const pool = new KeyPool(await likelySpec(target.path, input, target), 2);
  const outcome = await modifyKeystore(
    target.path,
    async (current) => {
      const loaded = current as LoadedKeystore;
      let keys = loaded.parsed.keys;
      const changes: Change[] = [];
      if (input.revoke) {
        const revoked = revokeKeys(keys);
        keys = revoked.keys;
        changes.push(...revoked.changes);
      }
      const spec = keySpecFor(input, target, specInFile(loaded.parsed));
      const keyId = keyIdFor(input.keyId, target, keyIdInFile(loaded.parsed));
      const rotated = await rotateKeys(keys, async (use, state, taken) =>
        jwkFromMaterial(await pool.take(spec), { spec, use, state, kid: newKid(keyId, taken) }),
      );
      changes.push(...rotated.changes);
      return { keys: rotated.keys, result: { changes, keys: rotated.keys } };
    },
    { dryRun: input.dryRun, verb: 'rotate' },
  );
  return resultOf('rotate', target.path, input.dryRun, outcome, rotationWarnings(outcome.result.changes));
}

export interface RevokeInput extends TargetOptions {
  dryRun?: boolean;
  env: Record<string, string | undefined>;
  cwd: string;
}

export async function revokeKeystore(input: RevokeInput): Promise<RotateResult> {
  const target = await resolveTarget(input, input.env, input.cwd);
  const outcome = await modifyKeystore(
    target.path,
    async (current) => {
      const revoked = revokeKeys((current as LoadedKeystore).parsed.keys);
      // Nothing to remove: leave the file (and its mtime, which CAS's watcher reacts to) alone.
      return { keys: revoked.changes.length > 0 ? revoked.keys : undefined, result: revoked };
    },
    { dryRun: input.dryRun, verb: 'revoke keys of' },
  );
  return resultOf('revoke', target.path, input.dryRun, outcome, []);
}

function resultOf(
  action: RotateResult['action'],
  file: string,
  dryRun: boolean | undefined,
  outcome: { written: boolean; backupPath?: string; result: { changes: Change[]; keys: Jwk[] } },
  warnings: string[],
): RotateResult {
  const summary = summarize(outcome.result.keys);
  return {
    file,
    action,
    dryRun: dryRun === true,
    written: outcome.written,
    backup: outcome.backupPath,
    changes: outcome.result.changes,
    keys: summary.keys,
    signingKid: summary.signingKid,
    warnings,
  };
}
