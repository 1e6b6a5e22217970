/**
 * Gathers what `account token decode` needs (token, keys, CAS prefix and settings) from the command line,
 * --cas-config and the secret sources, then decodes and judges the token.
 */
import type { Ctx } from '../cli/context.js';
import type { CasConfig } from '../config/cas-config.js';
import { CasctlError, inputError, isCasctlError, usageError } from '../errors.js';
import { loadCasConfig } from '../io/cas-config.js';
import { readStdinText } from '../io/secrets.js';
import type { CasKeys } from '../crypto/cas-cipher.js';
import { ACCOUNT_SETTINGS, decodeRegistrationToken, type RegistrationTokenReport } from './token.js';

export interface TokenDecodeInput {
  server?: string;
  casConfig?: string;
  signingKeyFile?: string;
  signingKeyEnv?: string;
  encryptionKeyFile?: string;
  encryptionKeyEnv?: string;
  clientIp?: string;
  serverIp?: string;
}

async function readKey(ctx: Ctx, flag: 'signing-key' | 'encryption-key', file?: string, env?: string): Promise<string | undefined> {
  if (!file && !env) return undefined;
  const label = flag === 'signing-key' ? 'signing key' : 'encryption key';
  const { value, origin } = await ctx.secrets.read({ flag, label, sources: { file, env }, prompt: false });
  // `account keys --out` writes settings, not bare keys: pointing a key flag at that file is an easy slip.
  if (/^\s*(#|[\w.-]+\.crypto\.(signing|encryption)\.key\s*[=:])/m.test(value) || /\n\s*\S/.test(value.trim())) {
    throw inputError('E_KEY_FILE_FORMAT', `the ${label} from ${origin} is not a bare key: it has several lines or setting names`, {
      hint: 'give the key value alone (one line), or pass the settings file with --cas-config',
    });
  }
  // A key file may end with a newline or carry surrounding blanks; CAS trims its settings too.
  return value.trim();
}

export async function runTokenDecode(ctx: Ctx, options: TokenDecodeInput, tokenArg: string): Promise<RegistrationTokenReport> {
  let config: CasConfig | undefined;
  if (options.casConfig) config = await loadCasConfig(options.casConfig, ctx.env);

  const prefix = options.server ?? config?.get(ACCOUNT_SETTINGS.prefix);
  if (prefix === undefined || prefix.trim() === '') {
    throw usageError('E_SERVER_REQUIRED', 'the CAS prefix is needed to check the token issuer and audience', {
      hint: `pass --server https://sso.example.org/cas, or --cas-config with ${ACCOUNT_SETTINGS.prefix} set`,
    });
  }

  const keys: CasKeys = {};
  const signing = (await readKey(ctx, 'signing-key', options.signingKeyFile, options.signingKeyEnv)) ?? nonBlank(config?.get(ACCOUNT_SETTINGS.signingKey));
  const encryption =
    (await readKey(ctx, 'encryption-key', options.encryptionKeyFile, options.encryptionKeyEnv)) ?? nonBlank(config?.get(ACCOUNT_SETTINGS.encryptionKey));
  if (signing !== undefined) keys.signingKey = signing;
  if (encryption !== undefined) keys.encryptionKey = encryption;

  const cryptoEnabled = config?.getBoolean(ACCOUNT_SETTINGS.cryptoEnabled);
  const keyed = signing !== undefined || encryption !== undefined;
  const token = tokenArg === '-' ? await readStdinText(ctx.streams.stdin) : tokenArg;
  const strategy = config?.get(ACCOUNT_SETTINGS.strategy);

  try {
    return await decodeRegistrationToken(token, keys, {
      prefix: prefix.trim(),
      clientIp: options.clientIp,
      serverIp: options.serverIp,
      // With --cas-config an absent setting is CAS's default (on); without it, unknown.
      includeClientIp: config ? (config.getBoolean(ACCOUNT_SETTINGS.includeClientIp) ?? true) : undefined,
      includeServerIp: config ? (config.getBoolean(ACCOUNT_SETTINGS.includeServerIp) ?? true) : undefined,
      allowUnsecured: cryptoEnabled === false ? true : keyed ? false : undefined,
      ...(strategy && strategy.trim() !== '' ? { expectedStrategy: strategy.trim() } : {}),
    });
  } catch (error) {
    if (isCasctlError(error) && (error.code === 'E_SIGNING_KEY_REQUIRED' || error.code === 'E_ENCRYPTION_KEY_REQUIRED') && config) {
      const setting = error.code === 'E_SIGNING_KEY_REQUIRED' ? ACCOUNT_SETTINGS.signingKey : ACCOUNT_SETTINGS.encryptionKey;
      throw new CasctlError(error.category, error.code, `${error.message}, and ${config.source} does not set ${setting}`, {
        hint: `without that setting CAS generated a random key at start-up (it logs it); pass it with --${error.code === 'E_SIGNING_KEY_REQUIRED' ? 'signing' : 'encryption'}-key-file`,
        details: error.details,
      });
    }
    throw error;
  }
}

const nonBlank = (value: string | undefined) => (value === undefined || value.trim() === '' ? undefined : value.trim());
