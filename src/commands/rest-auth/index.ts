import type { Command } from 'commander';
import type { Runtime } from '../../cli/context.js';
import { registerCheck } from './check.js';
import { registerProbe } from './probe.js';
import { registerServe } from './serve.js';

export function register(program: Command, runtime: Runtime): void {
  const restAuth = program
    .command('rest-auth')
    .summary('test a delegated REST authentication endpoint as CAS calls it')
    .description(
      `Call the endpoint that cas.authn.rest[].uri points at exactly as CAS does (method, no body, Basic credentials with the encoded password, 5 s timeouts), and say what CAS concludes.`,
    );
  registerProbe(restAuth, runtime);
  registerCheck(restAuth, runtime);
  registerServe(restAuth, runtime);
}
