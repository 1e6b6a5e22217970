import { CasConfig, parseCasConfig } from '../config/cas-config.js';
import { readTextFile } from './files.js';

/** Loads `--cas-config FILE` (cas.properties or application.yml). */
export async function loadCasConfig(path: string, env: Record<string, string | undefined>): Promise<CasConfig> {
  return parseCasConfig(await readTextFile(path, 'CAS configuration'), path, env);
}
