/**
 * `casctl service`: CAS's service registry (the JSON/YAML definitions that decide "Application Not
 * Authorized to Use CAS"): check the files as CAS loads them, and find which one CAS chooses for a URL.
 */
import type { Command } from 'commander';
import type { Runtime } from '../../cli/context.js';
import { registerLint } from './lint.js';
import { registerMatch } from './match.js';

export function register(program: Command, runtime: Runtime): void {
  const service = program
    .command('service')
    .summary('the service registry: lint definitions, find the one CAS matches for a URL')
    .description(
      "Tools for CAS's JSON/YAML service registry, where a definition that does not match makes CAS answer " +
        '"Application Not Authorized to Use CAS" (UNAUTHORIZED_SERVICE): lint the definitions as CAS loads them, and ' +
        'find which one CAS chooses for a service URL, locally or from the running CAS.',
    );
  registerLint(service, runtime);
  registerMatch(service, runtime);
}
