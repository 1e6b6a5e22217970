import type { Command } from 'commander';
import type { Runtime } from '../../cli/context.js';
import { registerDecode } from './decode.js';
import { registerEncode } from './encode.js';
import { registerKeys } from './keys.js';

export function register(program: Command, runtime: Runtime): void {
  const crypto = program
    .command('crypto')
    .summary("CAS's signing/encryption keys and tokens: mint keys, decode and encode CAS JWTs")
    .description(
      "Mint the <prefix>.crypto.signing.key / .encryption.key pair of a CAS feature, read what CAS produced with them (JWT tickets, registration tokens, the TGC) and produce tokens as CAS would. HMAC keys are the key TEXT (CAS's rule); encryption keys are base64url AES keys (JWE dir).",
    );
  registerKeys(crypto, runtime);
  registerDecode(crypto, runtime);
  registerEncode(crypto, runtime);
}
