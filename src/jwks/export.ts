/**
 * `casctl jwks export`: the public JWKS as CAS's `/oidc/jwks` endpoint publishes the keystore
 * (`OidcJwksEndpointController`, jose4j `PUBLIC_ONLY`): every key of every state (or one state with
 * `--state`, as `?state=` does), private members removed, symmetric keys never published.
 */
import { writeFileAtomic } from '../io/files.js';
import { publicJwk, stateOf, type Jwk, type StateName } from './keystore.js';
import { resolveTarget, type TargetOptions } from './settings.js';
import { assertUsable, readKeystore } from './store.js';

export interface ExportInput extends TargetOptions {
  state?: StateName;
  out?: string;
  force?: boolean;
  env: Record<string, string | undefined>;
  cwd: string;
}

export interface ExportResult {
  file: string;
  jwks: { keys: Jwk[] };
  out?: string;
  /** keys left out: symmetric ones, and other states under --state */
  skipped: number;
}

export function publicKeys(keys: Jwk[], state?: StateName): { keys: Jwk[]; skipped: number } {
  const out: Jwk[] = [];
  for (const jwk of keys) {
    if (state !== undefined && stateOf(jwk) !== state) continue;
    const pub = publicJwk(jwk);
    if (pub) out.push(pub);
  }
  return { keys: out, skipped: keys.length - out.length };
}

export async function exportKeystore(input: ExportInput): Promise<ExportResult> {
  const target = await resolveTarget(input, input.env, input.cwd);
  const loaded = await readKeystore(target.path);
  assertUsable(loaded, 'export');
  const { keys, skipped } = publicKeys(loaded.parsed.keys, input.state);
  const jwks = { keys };
  if (input.out !== undefined) {
    const out = input.out.startsWith('/') ? input.out : `${input.cwd.replace(/\/$/, '')}/${input.out}`;
    // Public keys only: readable by the web server or whoever publishes them.
    await writeFileAtomic(out, `${JSON.stringify(jwks)}\n`, { mode: 0o644, overwrite: input.force, what: 'public JWKS' });
    return { file: target.path, jwks, out, skipped };
  }
  return { file: target.path, jwks, skipped };
}
