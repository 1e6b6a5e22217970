/**
 * Every command family, listed once. Adding a family is a folder under src/commands/ with an index.ts
 * exporting `register`, and one line in FAMILIES.
 *
 * Startup speed: a run that names a family loads that family's definitions only (each is its own
 * chunk); the root help lists the others from this table's name and summary, and `completion`
 * loads them all. A test keeps each summary here equal to the one the family registers.
 */
import type { Command } from 'commander';
import type { Runtime } from '../cli/context.js';
import { registerCompletion } from './completion.js';

type Register = (program: Command, runtime: Runtime) => void;

export interface Family {
  name: string;
  summary: string;
  load(): Promise<{ register: Register }>;
}

export const FAMILIES: Family[] = [
  { name: 'acme', summary: 'certificates for CAS from any ACME CA (issue, status, revoke, profiles)', load: () => import('./acme/index.js') },
  {
    name: 'jwks',
    summary: 'manage the OIDC keystore CAS signs ID tokens with (generate, rotate, revoke, show, export, check, import)',
    load: () => import('./jwks/index.js'),
  },
  { name: 'jwk-gen', summary: 'generate a JSON Web Key, as jwk-gen.jar does (RSA, oct, EC, OKP)', load: () => import('./jwk-gen/index.js') },
  {
    name: 'ticket',
    summary: 'CAS tickets over the REST protocol: TGT, ST, validate, status, logout, login check',
    load: () => import('./ticket/index.js'),
  },
  { name: 'rest-auth', summary: 'test a delegated REST authentication endpoint as CAS calls it', load: () => import('./rest-auth/index.js') },
  {
    name: 'crypto',
    summary: "CAS's signing/encryption keys and tokens: mint keys, decode and encode CAS JWTs",
    load: () => import('./crypto/index.js'),
  },
  {
    name: 'account',
    summary: 'self-service account registration: properties file, keys, tokens',
    load: () => import('./account/index.js'),
  },
  {
    name: 'service',
    summary: 'the service registry: lint definitions, find the one CAS matches for a URL',
    load: () => import('./service/index.js'),
  },
];

/** The family a command line addresses (`casctl jwks rotate`, `casctl help jwks`), if any. */
export function targetFamily(argv: readonly string[]): Family | undefined {
  const words = argv.filter((arg) => !arg.startsWith('-'));
  const name = words[0] === 'help' ? words[1] : words[0];
  return FAMILIES.find((family) => family.name === name);
}

/**
 * Registers what this run needs: the addressed family in full, or (for the root help, a typo, or
 * `all`) every family. Without a target, families appear as name + summary only, which is all the
 * root help and commander's "did you mean" suggestions use.
 */
export async function registerCommands(program: Command, runtime: Runtime, argv: readonly string[], all = false): Promise<void> {
  const target = all ? undefined : targetFamily(argv);
  if (all || target) {
    const families = all ? FAMILIES : [target!];
    const modules = await Promise.all(families.map((family) => family.load()));
    modules.forEach((module) => module.register(program, runtime));
  }
  if (!all) {
    for (const family of FAMILIES) {
      if (family === target) continue;
      // A stand-in that is never run: its name and summary fill the root help and suggestions.
      program.command(family.name).summary(family.summary).description(family.summary);
    }
  }
  registerCompletion(program, runtime);
}
