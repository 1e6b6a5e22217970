import { InvalidArgumentError, type Command } from 'commander';
import { addCasConfigOption, suggestValues } from '../../cli/options.js';
import type { Ctx } from '../../cli/context.js';
import { CAS_VERSIONS, NEWEST_CAS_VERSION, type CasVersion } from '../../service/model.js';

export interface RegistryFlags {
  casVersion: CasVersion;
  casConfig?: string;
}

function parseCasVersion(value: string): CasVersion {
  const normalized = value.trim().replace(/\.x$/, '').replace(/^8(\.\d+)?$/, '8');
  if (!(CAS_VERSIONS as readonly string[]).includes(normalized)) {
    throw new InvalidArgumentError(`--cas-version takes one of ${CAS_VERSIONS.join(', ')}, got '${value}'`);
  }
  return normalized as CasVersion;
}

export function addRegistryOptions(command: Command): Command {
  command.option('--cas-version <version>', `the CAS version whose service classes apply (${CAS_VERSIONS.join(', ')})`, parseCasVersion, NEWEST_CAS_VERSION);
  addCasConfigOption(command);
  return suggestValues(command, '--cas-version', CAS_VERSIONS);
}

/** How a service-registry location is given without --cas-config (for the classpath: hint). */
const AS_PATH = 'as PATH arguments (casctl service lint /etc/cas/services)';

/** PATHs as given, else the registry location from --cas-config (json, then yaml). */
export async function registryPaths(ctx: Ctx, paths: string[], flags: RegistryFlags, required: boolean): Promise<string[]> {
  if (paths.length > 0) return paths;
  if (flags.casConfig === undefined) {
    if (!required) return [];
    const { usageError } = await import('../../errors.js');
    throw usageError('E_USAGE', 'name the service definition files or directories, or pass --cas-config', {
      hint: 'e.g. casctl service lint /etc/cas/services',
    });
  }
  const { loadCasConfig } = await import('../../io/cas-config.js');
  const { resourceToPath } = await import('../../config/cas-config.js');
  const config = await loadCasConfig(flags.casConfig, ctx.env);
  const json = config.get('cas.service-registry.json.location');
  const yaml = config.get('cas.service-registry.yaml.location');
  const locations: string[] = [];
  if (json !== undefined) locations.push(resourceToPath(json, 'cas.service-registry.json.location', AS_PATH));
  if (yaml !== undefined) locations.push(resourceToPath(yaml, 'cas.service-registry.yaml.location', AS_PATH));
  if (locations.length === 0) {
    // CAS's default location is classpath:services, inside the web application.
    resourceToPath('classpath:services', `cas.service-registry.json.location (not set in ${flags.casConfig}: CAS's default)`, AS_PATH);
  }
  return locations;
}
