import type { Command } from 'commander';
import { action } from '../../cli/action.js';
import type { Runtime } from '../../cli/context.js';
import { addRegistryOptions, registryPaths, type RegistryFlags } from './common.js';

export function registerLint(service: Command, runtime: Runtime): void {
  const command = service
    .command('lint')
    .summary('check service definitions as CAS loads them')
    .description(
      'Read every service definition (JSON or YAML) the way CAS does (Hjson, then Jackson with default typing) and ' +
        'report what CAS would do with it, each finding with its code, file:line:column and consequence: errors are ' +
        'where CAS loses the service (a parse error, no or an unknown @class for the version, a blank name or serviceId, ' +
        'a serviceId that is not a valid Java regex, a duplicate id, untyped collections); warnings are where CAS keeps ' +
        'it but probably not as meant (ignored property names, file names the watcher cannot map, unescaped dots, a ' +
        'FullRegex serviceId without a trailing .*, http beside https, evaluationOrder ties, shadowed definitions, ' +
        'disabled services).',
    )
    .argument('[path...]', 'definition files or directories (walked recursively: *.json, *.yml, *.yaml); default: cas.service-registry.json.location (or .yaml.) from --cas-config');
  addRegistryOptions(command)
    .addHelpText(
      'after',
      `
Examples:
  Check the registry directory before CAS (re)loads it:
  $ casctl service lint /etc/cas/services

  Take the location from CAS's own configuration, for a CAS 7.0 server:
  $ casctl service lint --cas-config /etc/cas/config/cas.properties --cas-version 7.0

  In CI, the errors as JSON:
  $ casctl --json service lint services/ | jq '.findings[] | select(.severity == "error")'

Exit codes:
  0  no errors (warnings may be printed)
  1  errors: CAS would skip a file or drop a service
  2  usage error (no PATH and no --cas-config, a bad --cas-version)
  3  a PATH does not exist or cannot be read, or the registry location is classpath:`,
    )
    .action(
      action<RegistryFlags>(runtime, async (ctx, flags, paths) => {
        const locations = await registryPaths(ctx, paths, flags, true);
        const { collectDefinitionFiles } = await import('../../io/service-files.js');
        const sources = await collectDefinitionFiles(locations);
        const { readDefinitions, lintRegistry, formatLint } = await import('../../service/lint.js');
        const report = lintRegistry(await readDefinitions(sources, flags.casVersion), flags.casVersion);
        ctx.out.result(report, (paint) => formatLint(report, paint));
        return report.ok ? 0 : 1;
      }),
    );
}
