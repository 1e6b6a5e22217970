/**
 * `casctl jwk-gen`: flags and help only; the handler lives in src/jwk/jwk-gen.ts and loads on use.
 * Flag names, short letters and meanings are jwk-gen.jar's (mitreid-connect/json-web-key-generator),
 * so `java -jar jwk-gen.jar …` lines from the CAS docs work unchanged after `casctl jwk-gen`.
 */
import { CommanderError, type Command } from 'commander';
import { action } from '../../cli/action.js';
import { suggestValues } from '../../cli/options.js';
import type { Runtime } from '../../cli/context.js';

/** commons-cli's messages for the parse errors the jar reports as "Failed to parse arguments: …". */
function jarParseError(error: CommanderError): CommanderError {
  const quoted = /'([^']+)'/.exec(error.message)?.[1];
  if (error.code === 'commander.unknownOption' && quoted) {
    return new CommanderError(error.exitCode, error.code, `Failed to parse arguments: Unrecognized option: ${quoted}`);
  }
  if (error.code === 'commander.optionMissingArgument' && quoted) {
    const short = /^-(\w)\b/.exec(quoted)?.[1] ?? quoted.replace(/^-+/, '').split(/[ ,]/)[0];
    return new CommanderError(error.exitCode, error.code, `Failed to parse arguments: Missing argument for option: ${short}`);
  }
  return error;
}

export function registerJwkGenCommand(program: Command, runtime: Runtime): void {
  /** -i, -g and -I in the order given: the jar's option group names the first one in its error */
  const idGroup: string[] = [];
  const command = program
    .command('jwk-gen')
    .summary('generate a JSON Web Key, as jwk-gen.jar does (RSA, oct, EC, OKP)')
    .description(
      [
        'Generate a JSON Web Key: a drop-in for the json-web-key-generator jar the CAS',
        'docs use (`java -jar jwk-gen.jar -t oct -s 512`): same flags, output, messages.',
        'Prints "Full key:" and the key on stdout; -o writes it to a file (0600, atomic).',
        'Unlike the jar, casctl never replaces an -o file without --force, and usage',
        'errors exit 2 (the jar exits 1).',
      ].join('\n'),
    )
    .option('-t, --type <type>', 'key type, one of: RSA, oct, EC, OKP (case-sensitive)')
    .option('-s, --size <bits>', 'key size in bits, required for RSA and oct; divisible by 8; hex 0x200/#200 and octal 01000 accepted')
    .option('-c, --curve <curve>', 'curve, required for EC (P-256, secp256k1, P-384, P-521) and OKP (Ed25519, Ed448, X25519, X448)')
    .option('-u, --usage <use>', 'key usage: sig or enc (optional)')
    .option('-a, --algorithm <alg>', 'algorithm to record as "alg", e.g. HS512, RS256 (optional)')
    .option('-i, --id <kid>', 'key ID (optional; an empty value means no kid)')
    .option('-g, --idGenerator <method>', "how to make the key ID: date, timestamp, sha256, sha1 or none (default timestamp)")
    .option('-I, --noGenerateId', "no key ID (deprecated in the jar: use '-g none')")
    .option('-p, --showPubKey', 'also print the public key (not with -o)')
    .option('-S, --keySet', 'wrap the key in a key set {"keys": [...]}; with -o, append to an existing set')
    .option('-o, --output <file>', 'write the key to FILE (0600) instead of printing it; with -S, append to the set in FILE')
    .option('-P, --pubKeyOutput <file>', 'also write the public key (or public key set) to FILE; needs -o')
    .option('-x, --x509', 'also print the keys as PEM and a self-signed certificate (RSA and EC; not with -o)')
    .option('--force', 'replace an existing -o/-P file (without -S)')
    .option('--k-only', 'oct only: print just the "k" value (what a CAS *.crypto.*.key setting takes)')
    .addHelpText(
      'after',
      `
Examples:
  The signing/encryption key of a CAS *.crypto.* setting (512-bit oct), jar style:
  $ casctl jwk-gen -t oct -s 512

  Only the value to paste into cas.properties:
  $ casctl jwk-gen -t oct -s 512 --k-only

  An RSA signing key with a SHA-256 thumbprint-style kid, as JSON for scripts:
  $ casctl --json jwk-gen -t RSA -s 2048 -u sig -a RS256 -g sha256

  Append an EC key to a key set file, and keep the public set next to it:
  $ casctl jwk-gen -t EC -c P-256 -u sig -S -o keys.jwks -P keys-public.jwks

  An EC key with its PEM forms and a self-signed certificate:
  $ casctl jwk-gen -t EC -c P-384 -x

Errors carry jwk-gen.jar's messages word for word (e.g. "Key size (in bits) is required for
key type oct"); usage errors exit 2 (the jar exits 1), file problems exit 3.`,
    )
    .exitOverride((error) => {
      throw jarParseError(error);
    })
    .action(
      action(runtime, async (ctx, options) => {
        const { runJwkGen } = await import('../../jwk/jwk-gen.js');
        return runJwkGen(ctx, { ...(options as Record<string, unknown>), idGroup });
      }),
    );
  command.on('option:id', () => idGroup.push('i'));
  command.on('option:idGenerator', () => idGroup.push('g'));
  command.on('option:noGenerateId', () => idGroup.push('I'));
  // The jar's own messages validate these; shell completion still offers the values.
  suggestValues(command, '--type', ['RSA', 'oct', 'EC', 'OKP']);
  suggestValues(command, '--curve', ['P-256', 'secp256k1', 'P-384', 'P-521', 'Ed25519', 'Ed448', 'X25519', 'X448']);
  suggestValues(command, '--usage', ['sig', 'enc']);
  suggestValues(command, '--idGenerator', ['date', 'timestamp', 'sha256', 'sha1', 'none']);
}
