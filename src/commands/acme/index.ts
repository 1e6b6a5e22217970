import type { Command } from 'commander';
import type { Runtime } from '../../cli/context.js';
import { registerIssue } from './issue.js';
import { registerProfiles } from './profiles.js';
import { registerRevoke } from './revoke.js';
import { registerStatus } from './status.js';

/** `casctl acme issue|status|revoke|profiles`: certificates for CAS from any ACME CA (RFC 8555). */
export function register(program: Command, runtime: Runtime): void {
  const acme = program
    .command('acme')
    .summary('certificates for CAS from any ACME CA (issue, status, revoke, profiles)')
    .description(
      "Get and renew the TLS certificate CAS (or Tomcat, nginx, a load balancer) serves, from Let's Encrypt or any ACME CA (RFC 8555), with a temporary HTTP-01 responder or a webroot. Replaces CAS's deprecated cas-server-support-acme module and is safe to run daily from cron.",
    );
  registerIssue(acme, runtime);
  registerStatus(acme, runtime);
  registerRevoke(acme, runtime);
  registerProfiles(acme, runtime);
}
