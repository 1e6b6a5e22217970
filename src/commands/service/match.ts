import type { Command } from 'commander';
import { action } from '../../cli/action.js';
import type { Runtime } from '../../cli/context.js';
import { addNetworkOptions, addSecretOptions, httpClientFor, secretSources, type NetworkOptions } from '../../cli/options.js';
import { addRegistryOptions, registryPaths, type RegistryFlags } from './common.js';

interface MatchFlags extends RegistryFlags, NetworkOptions {
  remote?: string;
  actuatorUser?: string;
}

export function registerMatch(service: Command, runtime: Runtime): void {
  const command = service
    .command('match')
    .summary('which service definition CAS chooses for a URL, and why')
    .description(
      'Find the definition CAS would choose for a service URL: the URL as CAS sees it (only ;jsessionid=… is cut), the ' +
        "definitions in CAS's order (evaluation priority, evaluationOrder, name ignoring case, serviceId, id), each " +
        "matched by its matchingStrategy (FullRegex by default: Java's matches(), case-insensitive in ASCII only). " +
        'Shows the winner and whether CAS lets it through (enabled, SSO), why every earlier definition did not match, ' +
        'and, when none matches, the closest definitions and how they differ. With --remote, asks the running CAS ' +
        "through its registeredServices actuator endpoint, and says whether it agrees with the local files.",
    )
    .argument('<url>', 'the service URL, as the application sends it in service=')
    .argument('[path...]', 'definition files or directories; default: the registry location from --cas-config')
    .option('--remote <cas-url>', 'ask the running CAS at this URL (https://cas.example.org/cas) via GET /actuator/registeredServices/{url}')
    .option('--actuator-user <name>', 'user for HTTP basic authentication at the actuator endpoint');
  addSecretOptions(command, 'actuator-password', 'actuator password');
  addNetworkOptions(command);
  addRegistryOptions(command)
    .addHelpText(
      'after',
      `
Examples:
  Why does CAS say "Application Not Authorized to Use CAS" for this URL?
  $ casctl service match 'https://app.example.org/login?x=1' /etc/cas/services

  Ask the running CAS too, and compare:
  $ casctl service match https://app.example.org/ /etc/cas/services \\
      --remote https://cas.example.org/cas --actuator-user admin --actuator-password-env CAS_ACTUATOR_PASSWORD

Exit codes:
  0  an enabled definition matches: CAS lets the application in
  1  none matches, or the match is disabled: CAS answers UNAUTHORIZED_SERVICE
     (with --remote, the running CAS's answer decides)
  2  usage error
  3  a PATH does not exist or cannot be read
  4  the remote CAS cannot be reached`,
    )
    .action(
      action<MatchFlags>(runtime, async (ctx, flags, args) => {
        const [url, ...paths] = args;
        if (url === undefined || url.trim() === '') {
          const { usageError } = await import('../../errors.js');
          throw usageError('E_USAGE', 'the service URL is empty', { hint: "give the URL the application sends as service=, e.g. 'https://app.example.org/'" });
        }
        const locations = await registryPaths(ctx, paths, flags, flags.remote === undefined);
        const { matchService, formatMatch } = await import('../../service/match.js');
        let local: import('../../service/match.js').MatchReport | undefined;
        if (locations.length > 0) {
          const { collectDefinitionFiles } = await import('../../io/service-files.js');
          const { readDefinitions } = await import('../../service/lint.js');
          local = matchService(await readDefinitions(await collectDefinitionFiles(locations), flags.casVersion), url!, flags.casVersion);
        }
        let remote: import('../../service/remote.js').RemoteAnswer | undefined;
        if (flags.remote !== undefined) {
          let auth: { user: string; password: string } | undefined;
          if (flags.actuatorUser !== undefined) {
            const secret = await ctx.secrets.read({
              flag: 'actuator-password',
              label: 'actuator password',
              sources: secretSources(flags as unknown as Record<string, unknown>, 'actuator-password'),
            });
            auth = { user: flags.actuatorUser, password: secret.value };
            const target = new URL(flags.remote);
            if (target.protocol === 'http:' && !/^(127\.|\[::1\]$|localhost$)/.test(target.hostname)) {
              ctx.out.warn(`the actuator password goes to ${target.host} over plain http`);
            }
          }
          const { redactValues } = await import('../../io/redact.js');
          const client = await httpClientFor(ctx, flags, (text) => redactValues(text, [auth?.password]));
          try {
            const { askRemote } = await import('../../service/remote.js');
            const { normalizeServiceUrl } = await import('../../service/registry.js');
            remote = await askRemote(client, flags.remote, normalizeServiceUrl(url!), auth);
          } finally {
            await client.close();
          }
        }
        const { compareWithRemote, formatRemote } = await import('../../service/compare.js');
        const comparison = remote ? compareWithRemote(local, remote) : undefined;
        const allowed = comparison ? comparison.allowed : local!.allowed;
        const document = { ok: allowed, ...(local ?? { url }), ...(comparison ? { remote: comparison } : {}) };
        ctx.out.result(document, (paint) => (local ? formatMatch(local, paint, comparison ? (p) => formatRemote(comparison, p) : undefined) : formatRemote(comparison!, paint).join('\n')));
        return allowed ? 0 : 1;
      }),
    );
}
