/**
 * Revocation (RFC 8555 §7.6): signed with the account key (kid of its account) or with the domain key
 * itself (a JWS carrying the key as jwk), which works even when the account key is lost.
 */

import { inputError, refusedError } from '../errors.js';
import { readTextFile } from '../io/files.js';
import { parseChain } from './cert.js';
import { connect } from './client.js';
import { parsePrivateKey, spki } from './keys.js';

/** RFC 5280 §5.3.1 CRLReason codes ACME CAs accept. */
export const REASON_CODES: Record<string, number> = {
  unspecified: 0,
  keyCompromise: 1,
  affiliationChanged: 3,
  superseded: 4,
  cessationOfOperation: 5,
};

export interface RevokeInput {
  chainPath: string;
  directoryUrl: string;
  keyPath: string;
  keyRole: 'account' | 'domain';
  reason: string;
  caFile?: string;
  insecure?: boolean;
  timeoutMs: number;
  log?: (line: string) => void;
}

export async function revokeCertificate(input: RevokeInput) {
  const chain = parseChain(await readTextFile(input.chainPath, 'certificate chain'), input.chainPath);
  const leaf = chain[0]!;
  const what = input.keyRole === 'account' ? 'account key' : 'domain key';
  const key = parsePrivateKey(await readTextFile(input.keyPath, what), input.keyPath, what);
  if (input.keyRole === 'domain' && !spki(leaf.cert.publicKey).equals(spki(key.key))) {
    throw inputError('E_ACME_KEY_MISMATCH', `the domain key ${input.keyPath} does not belong to the certificate in ${input.chainPath}`);
  }
  const session = await connect({ directoryUrl: input.directoryUrl, accountKey: key.pkcs8, caFile: input.caFile, insecure: input.insecure, timeoutMs: input.timeoutMs, log: input.log });
  const certificate = Buffer.from(leaf.cert.raw).toString('base64url');
  const payload: Record<string, unknown> = { certificate };
  const code = REASON_CODES[input.reason] ?? 0;
  if (code !== 0) payload.reason = code;
  if (input.keyRole === 'account') {
    try {
      await session.call(() => session.client.api.createAccount({ onlyReturnExisting: true }), 'looking up the account');
    } catch (error) {
      const type = ((error as { details?: { problem?: { type?: string } } }).details?.problem?.type) ?? '';
      if (type.endsWith(':accountDoesNotExist')) {
        throw refusedError('E_ACME_ACCOUNT_UNKNOWN', `the CA knows no account for ${input.keyPath}`, {
          hint: 'pass the --account-key that ordered the certificate, or revoke with --with-domain-key',
        });
      }
      throw error;
    }
  }
  try {
    await session.call(
      () => session.client.api.apiResourceRequest('revokeCert', payload, [200], { includeJwsKid: input.keyRole === 'account' }),
      'revoking the certificate',
    );
  } finally {
    await session.close();
  }
  return { serial: leaf.serial, names: leaf.names, reason: input.reason, notAfter: leaf.notAfter.toISOString(), signedWith: input.keyRole };
}
