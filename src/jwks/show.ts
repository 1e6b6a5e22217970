/** `casctl jwks show`: one row per key and the key CAS signs ID tokens with. */
import { parseKeystore, serializeKeystore, signingKey, STATES, type Jwk, type KeyInfo, type StateName } from './keystore.js';
import { resolveTarget, type TargetOptions } from './settings.js';
import { assertUsable, readKeystore } from './store.js';

export interface KeySummary {
  index: number;
  kid?: string;
  kty: string;
  /** RSA modulus bits, EC curve bits, oct key bits */
  size?: number;
  crv?: string;
  use?: string;
  alg?: string;
  state: StateName;
  /** the integer written in the file (undefined when absent) */
  stateValue?: number;
  private: boolean;
  /** true for the one key CAS signs with */
  signing: boolean;
}

export function toSummary(info: KeyInfo[]): { keys: KeySummary[]; signingKid?: string; signingIndex?: number } {
  const signer = signingKey(info);
  return {
    keys: info.map((k) => ({
      index: k.index,
      kid: k.kid,
      kty: k.kty,
      size: k.size,
      crv: k.crv,
      use: k.use,
      alg: k.alg,
      state: k.state,
      stateValue: typeof k.rawState === 'number' ? k.rawState : k.rawState === undefined ? undefined : STATES[k.state],
      private: k.hasPrivate && !k.symmetric,
      signing: signer !== undefined && signer.index === k.index,
    })),
    signingKid: signer?.kid,
    signingIndex: signer?.index,
  };
}

/** Summary of keys just computed (no pair checks: they were made or checked already). */
export function summarize(keys: Jwk[]) {
  return toSummary(parseKeystore(serializeKeystore(keys), { checkPairs: false }).info);
}

export interface ShowInput extends TargetOptions {
  env: Record<string, string | undefined>;
  cwd: string;
}

export interface ShowResult {
  file: string;
  signingKid?: string;
  signingIndex?: number;
  keys: KeySummary[];
}

export async function showKeystore(input: ShowInput): Promise<ShowResult> {
  const target = await resolveTarget(input, input.env, input.cwd);
  const loaded = await readKeystore(target.path);
  assertUsable(loaded, 'show');
  return { file: target.path, ...toSummary(loaded.parsed.info) };
}
