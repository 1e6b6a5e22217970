import { InvalidArgumentError, Option, type Command } from 'commander';
import { action } from '../../cli/action.js';
import type { Runtime } from '../../cli/context.js';
import type { EncodeOptions } from './handlers.js';
import { addKeySourceOptions, encOption, KEY_SOURCES_HELP, strategyOption } from './options.js';

const parseCompat = (value: string): number => {
  if (!['5', '6', '7', '8'].includes(value.trim())) throw new InvalidArgumentError(`--compat takes 5, 6, 7 or 8, got '${value}'`);
  return Number(value);
};

export function registerEncode(parent: Command, runtime: Runtime): void {
  const command = parent
    .command('encode')
    .summary('produce a token from claims JSON exactly as CAS would (for testing services)')
    .description(
      "Encode a claims JSON object with a feature's keys as the newest CAS does (JWS HS512 over a JWE dir/A256CBC-HS512 with kid, no zip), or as an older CAS did with --compat (5: zip DEF, no kid, standard Base64 payload, A128CBC-HS256; 6: zip DEF and kid; 7: kid, no zip, A128CBC-HS256). With one key only, the token is a JWS or a JWE; --unsecured without keys gives an alg \"none\" JWT as CAS does with crypto disabled.",
    )
    .argument('[file]', "claims JSON file, or '-' for standard input (the default when stdin is not a terminal)");
  addKeySourceOptions(command)
    .addOption(strategyOption())
    .addOption(encOption('JWE content encryption (default: CAS\'s for --compat, or what the key size fits)'))
    .addOption(new Option('--compat <version>', 'CAS major version whose layout to produce').argParser(parseCompat))
    .option('--unsecured', 'without keys: produce an unsecured JWT (alg none)')
    .addHelpText(
      'after',
      `
${KEY_SOURCES_HELP}

Examples:
  A JWT service ticket for a test service, keys from the CAS configuration:
  $ echo '{"sub":"casuser","iss":"https://cas.example.org/cas","aud":"https://app.example.org","exp":4102444800}' |
      casctl crypto encode --cas-config /etc/cas/config/cas.properties --feature token

  As CAS 6 produced it (zip DEF, 256-bit key):
  $ casctl crypto encode claims.json --signing-key-file sig.key --encryption-key-file enc256.key --compat 6`,
    )
    .action(
      action<EncodeOptions>(runtime, async (ctx, opts, [file]) => {
        const { runEncode } = await import('./handlers.js');
        await runEncode(ctx, file, opts);
      }),
    );
}
