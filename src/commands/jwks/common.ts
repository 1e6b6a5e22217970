/** Flags every jwks command shares: where the keystore is. */
import { InvalidArgumentError, type Command } from 'commander';
import { addCasConfigOption } from '../../cli/options.js';

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
