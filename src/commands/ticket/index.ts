import type { Command } from 'commander';
import type { Runtime } from '../../cli/context.js';
import { registerCheck } from './check.js';
import { registerLogout } from './logout.js';
import { registerSt } from './st.js';
import { registerStatus } from './status.js';
import { registerTgt } from './tgt.js';
import { registerValidate } from './validate.js';

export function register(program: Command, runtime: Runtime): void {
  const ticket = program
    .command('ticket')
    .summary('CAS tickets over the REST protocol: TGT, ST, validate, status, logout, login check')
    .description(
      'Obtain and validate CAS tickets (REST protocol: cas-server-support-rest) and run a synthetic login for monitoring. The CAS prefix comes from --server or CASCTL_SERVER.',
    );
  registerTgt(ticket, runtime);
  registerSt(ticket, runtime);
  registerValidate(ticket, runtime);
  registerStatus(ticket, runtime);
  registerLogout(ticket, runtime);
  registerCheck(ticket, runtime);
}
