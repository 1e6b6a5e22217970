/**
 * Where the keystore is and which keys to make: `--file`, else the CAS setting from `--cas-config`
 * (both spellings CAS versions used), else CAS's default path. Key type/size/id come from flags, then
 * the CAS configuration, then (for rotate) the keys already in the file, then CAS's defaults.
 */
import { resolve } from 'node:path';
import { resourceToPath } from '../config/cas-config.js';
import { inputError } from '../errors.js';
import { loadCasConfig } from '../io/cas-config.js';
import { realPathOr } from '../io/files.js';
import { DEFAULT_KEY_ID, DEFAULT_SIZE, parseKeyType, validateSpec, type KeySpec, type KeyType } from './keygen.js';

export const DEFAULT_KEYSTORE = '/etc/cas/config/keystore.jwks';

export const SETTINGS = {
  file: ['cas.authn.oidc.jwks.file-system.jwks-file', 'cas.authn.oidc.jwks.jwks-file'],
  type: ['cas.authn.oidc.jwks.core.jwks-type', 'cas.authn.oidc.jwks.jwks-type'],
  size: ['cas.authn.oidc.jwks.core.jwks-key-size', 'cas.authn.oidc.jwks.jwks-key-size'],
  keyId: ['cas.authn.oidc.jwks.core.jwks-key-id', 'cas.authn.oidc.jwks.jwks-key-id'],
} as const;

export interface TargetOptions {
  file?: string;
  casConfig?: string;
}

export interface KeystoreTarget {
  /** the keystore path (a symlink resolved to the file it points at, so the link survives the rewrite) */
  path: string;
  /** where the path came from, for messages: `--file`, the setting name, or `default` */
  source: string;
  /** key settings found in the CAS configuration */
  configType?: KeyType;
  configSize?: number;
  configKeyId?: string;
  /** the setting names that supplied configType/configSize, for messages */
  typeSetting?: string;
  sizeSetting?: string;
}

export async function resolveTarget(options: TargetOptions, env: Record<string, string | undefined>, cwd: string): Promise<KeystoreTarget> {
  let path: string;
  let source: string;
  const target: Partial<KeystoreTarget> = {};
  if (options.casConfig !== undefined) {
    const cfg = await loadCasConfig(resolvePath(options.casConfig, cwd), env);
    const type = cfg.get(...SETTINGS.type);
    if (type !== undefined && type.trim() !== '') {
      target.typeSetting = cfg.which(...SETTINGS.type);
      target.configType = parseKeyType(type, target.typeSetting);
    }
    const size = cfg.getNumber(...SETTINGS.size);
    if (size !== undefined) {
      target.configSize = size;
      target.sizeSetting = cfg.which(...SETTINGS.size);
    }
    const keyId = cfg.get(...SETTINGS.keyId);
    if (keyId !== undefined && keyId.trim() !== '') target.configKeyId = keyId.trim();
    const file = cfg.get(...SETTINGS.file);
    if (options.file === undefined && file !== undefined && file.trim() !== '') {
      const setting = cfg.which(...SETTINGS.file)!;
      if (file.trim().startsWith('{')) {
        throw inputError('E_CONFIG_NOT_A_FILE', `${setting} in ${options.casConfig} holds the keystore itself (JSON or {cipher}), not a file`, {
          hint: 'keep the keystore in a file CAS reads (file:/etc/cas/config/keystore.jwks), or pass --file',
        });
      }
      path = resourceToPath(file, setting);
      source = setting;
    } else if (options.file === undefined) {
      path = DEFAULT_KEYSTORE;
      source = 'default';
    } else {
      path = options.file;
      source = '--file';
    }
  } else if (options.file !== undefined) {
    path = options.file;
    source = '--file';
  } else {
    path = DEFAULT_KEYSTORE;
    source = 'default';
  }
  path = resolvePath(path, cwd);
  path = realPathOr(path);
  return { ...target, path, source };
}

function resolvePath(path: string, cwd: string): string {
  return resolve(cwd, path);
}

export interface SpecOptions {
  type?: string;
  size?: number;
  keyId?: string;
}

/**
 * The spec for new keys: flags, then the CAS configuration, then `fromFile` (what the keystore already
 * holds, for rotate), then CAS's defaults. A size from a weaker source than the type is only used if it
 * fits that type.
 */
export function keySpecFor(flags: SpecOptions, target: KeystoreTarget, fromFile?: KeySpec): KeySpec {
  const candidates: { type?: KeyType; size?: number; where: string; sizeWhere: string }[] = [
    { type: flags.type !== undefined ? parseKeyType(flags.type) : undefined, size: flags.size, where: '--type', sizeWhere: '--size' },
    { type: target.configType, size: target.configSize, where: target.typeSetting ?? '', sizeWhere: target.sizeSetting ?? '' },
    { type: fromFile?.type, size: fromFile?.size, where: 'keystore', sizeWhere: 'keystore' },
  ];
  const typeRank = candidates.findIndex((c) => c.type !== undefined);
  const type: KeyType = typeRank === -1 ? 'RSA' : candidates[typeRank]!.type!;
  for (let rank = 0; rank < candidates.length; rank++) {
    const c = candidates[rank]!;
    if (c.size === undefined) continue;
    if (rank <= typeRank || typeRank === -1) return validateSpec({ type, size: c.size }, c.sizeWhere);
    // A weaker source's size applies only if it suits the type chosen above.
    if (c.type === type || (c.type === undefined && fits(type, c.size))) return validateSpec({ type, size: c.size }, c.sizeWhere);
  }
  return { type, size: DEFAULT_SIZE[type] };
}

function fits(type: KeyType, size: number): boolean {
  try {
    validateSpec({ type, size });
    return true;
  } catch {
    return false;
  }
}

export function keyIdFor(flag: string | undefined, target: KeystoreTarget, fromFile?: string): string {
  const keyId = flag ?? target.configKeyId ?? fromFile ?? DEFAULT_KEY_ID;
  return keyId;
}
