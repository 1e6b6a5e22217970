/**
 * `crypto keys`: mints the signing/encryption key pair of a CAS feature, of the kind and size CAS's own
 * source uses (features.ts), and renders it as lines CAS loads unchanged.
 */
import { randomBytes } from 'node:crypto';
import { usageError } from '../errors.js';
import { envName } from '../config/cas-config.js';
import { ENC_KEY_BYTES, type CipherStrategy, type ContentEncryption } from './cas-cipher.js';
import { DEFAULT_STRATEGY, FEATURES, NEWEST_DEFAULT_ENC, findFeature, type CasFeature } from './features.js';

export type KeysFormat = 'properties' | 'yaml' | 'env';
export const KEYS_FORMATS: readonly KeysFormat[] = ['properties', 'yaml', 'env'];

export interface KeySetting {
  /** canonical CAS setting name, e.g. cas.authn.token.crypto.signing.key */
  name: string;
  /** Spring Boot relaxed environment variable name */
  env: string;
  value: string;
  secret: boolean;
}

export interface FeatureKeys {
  feature: string;
  prefix: string;
  kind: CasFeature['kind'];
  signingBits: number;
  encryptionBits: number;
  enc?: ContentEncryption;
  strategy?: CipherStrategy;
  settings: KeySetting[];
}

export interface KeysRequest {
  feature: string;
  enc?: ContentEncryption;
  strategy?: CipherStrategy;
}

/** base64url (no padding) of `bytes` random bytes: what jose4j OctJwkGenerator puts in `k`. */
export function randomKey(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}

export function requireFeature(name: string): CasFeature {
  const feature = findFeature(name);
  if (!feature) {
    throw usageError('E_FEATURE_UNKNOWN', `unknown feature '${name}'`, {
      hint: `one of: ${FEATURES.map((f) => f.name).join(', ')} (casctl crypto keys --list)`,
    });
  }
  return feature;
}

const setting = (name: string, value: string, secret: boolean): KeySetting => ({ name, env: envName(name), value, secret });

export function generateFeatureKeys(request: KeysRequest): FeatureKeys {
  const feature = requireFeature(request.feature);
  const settings: KeySetting[] = [];
  const signing = randomKey(feature.signingBits / 8);
  if (feature.kind === 'randomized') {
    if (request.enc) {
      throw usageError('E_USAGE', `--enc does not apply to ${feature.name}: its encryption key is a random ${feature.encryptionSize * 8}-bit AES key, not a JWE key`);
    }
    if (request.strategy) throw usageError('E_USAGE', `--strategy does not apply to ${feature.name} (not a JWT cipher)`);
    settings.push(setting(`${feature.prefix}.signing.key`, signing, true));
    settings.push(setting(`${feature.prefix}.encryption.key`, randomKey(feature.encryptionSize), true));
    return {
      feature: feature.name,
      prefix: feature.prefix,
      kind: feature.kind,
      signingBits: feature.signingBits,
      encryptionBits: feature.encryptionSize * 8,
      settings,
    };
  }
  const enc = request.enc ?? feature.enc ?? NEWEST_DEFAULT_ENC;
  const encryptionBytes = ENC_KEY_BYTES[enc];
  settings.push(setting(`${feature.prefix}.signing.key`, signing, true));
  settings.push(setting(`${feature.prefix}.encryption.key`, randomKey(encryptionBytes), true));
  // CAS reads the key size only to generate a missing key; `alg` must match the key (dir: key = CEK).
  if (enc !== NEWEST_DEFAULT_ENC) settings.push(setting(`${feature.prefix}.alg`, enc, false));
  const strategy = request.strategy;
  if (strategy && strategy !== DEFAULT_STRATEGY) settings.push(setting(`${feature.prefix}.strategy-type`, strategy, false));
  return {
    feature: feature.name,
    prefix: feature.prefix,
    kind: feature.kind,
    signingBits: feature.signingBits,
    encryptionBits: encryptionBytes * 8,
    enc,
    strategy: strategy ?? DEFAULT_STRATEGY,
    settings,
  };
}

/** Lines CAS loads unchanged: cas.properties, application.yml (nested), or an environment file. */
export async function renderKeys(keys: FeatureKeys, format: KeysFormat): Promise<string> {
  const header = `CAS ${keys.feature} keys (signing ${keys.signingBits} bits, encryption ${keys.encryptionBits} bits${keys.enc ? `, ${keys.enc}` : ''})`;
  switch (format) {
    case 'properties':
      return `# ${header}\n${keys.settings.map((s) => `${s.name}=${s.value}`).join('\n')}\n`;
    case 'env':
      // KEY=VALUE lines: systemd EnvironmentFile=, docker --env-file, or `set -a; . FILE`.
      return `# ${header}\n${keys.settings.map((s) => `${s.env}=${s.value}`).join('\n')}\n`;
    case 'yaml': {
      const tree: Record<string, unknown> = {};
      for (const { name, value } of keys.settings) {
        const path = name.split('.');
        let node = tree;
        for (const part of path.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
        node[path[path.length - 1]!] = value;
      }
      const { stringify } = await import('yaml');
      return `# ${header}\n${stringify(tree, { defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN', lineWidth: 0 })}`;
    }
  }
}
