import type { Command } from 'commander';
import type { Runtime } from '../../cli/context.js';
import { registerCheck } from './check.js';
import { registerExport } from './export.js';
import { registerGenerate } from './generate.js';
import { registerImport } from './import.js';
import { registerRevoke } from './revoke.js';
import { registerRotate } from './rotate.js';
import { registerShow } from './show.js';

export function register(program: Command, runtime: Runtime): void {
  const jwks = program
    .command('jwks')
    .summary('manage the OIDC keystore CAS signs ID tokens with (generate, rotate, revoke, show, export, check, import)')
    .description(
      `Manage the JWKS file CAS's OIDC module signs and encrypts with (cas.authn.oidc.jwks.file-system.jwks-file, default /etc/cas/config/keystore.jwks), with the key lifecycle CAS uses: state 0 current, 1 future, 2 previous. Every change takes a lock on the file, keeps the old content as <file>.bak and replaces the file atomically.`,
    );
  registerGenerate(jwks, runtime);
  registerRotate(jwks, runtime);
  registerRevoke(jwks, runtime);
  registerShow(jwks, runtime);
  registerExport(jwks, runtime);
  registerCheck(jwks, runtime);
  registerImport(jwks, runtime);
}
