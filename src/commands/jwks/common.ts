/** Flags every jwks command shares: where the keystore is. */
import { InvalidArgumentError, type Command } from 'commander';
import { addCasConfigOption, addNetworkOptions, addSecretOptions, secretSources, httpClientFor, type NetworkOptions } from '../../cli/options.js';
import type { Ctx } from '../../cli/context.js';

export interface TargetFlags {
  file?: string;
  casConfig?: string;
}

export function addTargetOptions(command: Command): Command {
  command.option('--file <path>', 'the keystore (default: the CAS setting from --cas-config, else /etc/cas/config/keystore.jwks)');
  return addCasConfigOption(command);
}

export function addSpecOptions(command: Command): Command {
  return command
    .option('--type <type>', 'key type for new keys: RSA or EC (default RSA, or cas.authn.oidc.jwks.core.jwks-type)')
    .option('--size <bits>', 'key size: RSA modulus bits (default 2048); EC 256, 384 or 521', parsePositive('--size'))
    .option('--key-id <id>', 'kid prefix: kids are <id>-<8 random letters> (default cas, or cas.authn.oidc.jwks.core.jwks-key-id)');
}

export function parsePositive(flag: string) {
  return (value: string): number => {
    if (!/^\d+$/.test(value.trim())) throw new InvalidArgumentError(`${flag} takes a whole number of bits, got '${value}'`);
    return Number(value);
  };
}

export const STATE_CHOICES = ['current', 'future', 'previous'];

export interface ActuatorFlags extends NetworkOptions {
  actuator?: string;
  actuatorUser?: string;
  actuatorPasswordFile?: string;
  actuatorPasswordEnv?: string;
  actuatorPasswordStdin?: boolean;
}

export function addActuatorOptions(command: Command): Command {
  command
    .option('--actuator <cas-url>', "ask the running CAS at this URL (https://cas.example.org/cas) to do it, via its oidcJwks actuator endpoint")
    .option('--actuator-user <name>', 'user for HTTP basic authentication at the actuator endpoint');
  addSecretOptions(command, 'actuator-password', 'actuator password');
  return addNetworkOptions(command);
}

/** Runs the actuator operations; the caller has checked that --actuator was given. */
type LocalFlags = Partial<Record<'file' | 'casConfig' | 'dryRun' | 'type' | 'size' | 'keyId', unknown>>;

export async function runActuator(ctx: Ctx, opts: ActuatorFlags & LocalFlags, operations: ('rotate' | 'revoke')[]) {
  const { usageError } = await import('../../errors.js');
  for (const flag of ['file', 'casConfig', 'dryRun', 'type', 'size', 'keyId'] as const) {
    if (opts[flag] !== undefined) {
      const name = flag.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
      throw usageError('E_USAGE', `--${name} cannot be combined with --actuator: CAS rotates its own keystore with its own settings`);
    }
  }
  let auth: { user: string; password: string } | undefined;
  if (opts.actuatorUser !== undefined) {
    const secret = await ctx.secrets.read({ flag: 'actuator-password', label: 'actuator password', sources: secretSources(opts as unknown as Record<string, unknown>, 'actuator-password') });
    auth = { user: opts.actuatorUser, password: secret.value };
  }
  const { redactValues } = await import('../../io/redact.js');
  const client = await httpClientFor(ctx, opts, (text) => redactValues(text, [auth?.password]));
  try {
    const { callActuator } = await import('../../jwks/actuator.js');
    return await callActuator(client, { base: opts.actuator!, operations, auth });
  } finally {
    await client.close();
  }
}
