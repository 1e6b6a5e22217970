/**
 * Every command family, registered once. Adding a family is a folder under src/commands/ with an
 * index.ts exporting `register`, and one line here. Nothing heavy is imported by these modules:
 * handlers load their domain code with `import()` when they run.
 */
import type { Command } from 'commander';
import type { Runtime } from '../cli/context.js';
import { register as registerAccount } from './account/index.js';
import { register as registerAcme } from './acme/index.js';
import { registerCompletion } from './completion.js';
import { register as registerCrypto } from './crypto/index.js';
import { register as registerJwkGen } from './jwk-gen/index.js';
import { register as registerJwks } from './jwks/index.js';
import { register as registerRestAuth } from './rest-auth/index.js';
import { register as registerTicket } from './ticket/index.js';

export function registerCommands(program: Command, runtime: Runtime): void {
  registerAcme(program, runtime);
  registerJwks(program, runtime);
  registerJwkGen(program, runtime);
  registerTicket(program, runtime);
  registerRestAuth(program, runtime);
  registerCrypto(program, runtime);
  registerAccount(program, runtime);
  registerCompletion(program, runtime);
}
