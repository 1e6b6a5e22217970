/**
 * The CAS features that protect what they hand out with a `<prefix>.crypto.signing.key` /
 * `<prefix>.crypto.encryption.key` pair, with the kind and size of key CAS's own source uses for each.
 * Every prefix below was read in the apereo/cas source (the cipher executor's getSigningKeySetting /
 * getEncryptionKeySetting, or the properties class); `source` names where.
 */
import type { ContentEncryption } from './cas-cipher.js';

/**
 * jwt: `EncryptionJwtSigningJwtCryptographyProperties` — encryption key = oct JWK `k` (base64url), JWE
 *      dir + `alg` (A256CBC-HS512 newest default), signing key = oct JWK `k` used as HMAC text (HS512).
 * randomized: `EncryptionRandomizedSigningJwtCryptographyProperties` — encryption key = random AES key of
 *      `key-size` bytes (default 16), base64url (`Base64RandomStringGenerator`), used by a binary AES cipher
 *      (`BaseBinaryCipherExecutor`); signing key as above. `alg` is "AES".
 */
export type FeatureKind = 'jwt' | 'randomized';

export interface CasFeature {
  /** the --feature name */
  name: string;
  /** setting prefix up to and including `.crypto` */
  prefix: string;
  kind: FeatureKind;
  description: string;
  /** signing key size in bits (SigningJwtCryptoProperties: 512) */
  signingBits: number;
  /** encryption key size: bits for jwt features, BYTES for randomized ones (CAS's own units) */
  encryptionSize: number;
  /** jwt features: the JWE enc that fits `encryptionSize` */
  enc?: ContentEncryption;
  /** tokens of this feature can be decoded by `crypto decode` (CAS's JWS/JWE string format) */
  decodable: boolean;
  /** where the prefix and sizes were confirmed in apereo/cas */
  source: string;
}

/** Newest CAS defaults (EncryptionJwtCryptoProperties): A256CBC-HS512 with 512-bit keys. */
export const NEWEST_DEFAULT_ENC: ContentEncryption = 'A256CBC-HS512';
export const DEFAULT_STRATEGY = 'ENCRYPT_AND_SIGN';

const jwt = (name: string, prefix: string, description: string, source: string, encryptionBits = 512): CasFeature => ({
  name,
  prefix,
  kind: 'jwt',
  description,
  signingBits: 512,
  encryptionSize: encryptionBits,
  enc: encryptionBits === 256 ? 'A128CBC-HS256' : 'A256CBC-HS512',
  decodable: true,
  source,
});

export const FEATURES: readonly CasFeature[] = [
  jwt('token', 'cas.authn.token.crypto', 'JWT service tickets and TGTs (REST token=true, jwtAsServiceTicket)', 'TokenTicketCipherExecutor#getSigningKeySetting'),
  jwt(
    'account-registration',
    'cas.account-registration.core.crypto',
    'account registration (sign-up) activation tokens',
    'cipher "Account Registration Token" #getSigningKeySetting (AccountRegistrationTokenCipherExecutor)',
  ),
  jwt(
    'tgc',
    'cas.tgc.crypto',
    'ticket-granting cookie (TGC) value',
    'TicketGrantingCookieCipherExecutor; TicketGrantingCookieProperties sets encryption key-size 256, signing 512',
    256,
  ),
  {
    name: 'webflow',
    prefix: 'cas.webflow.crypto',
    kind: 'randomized',
    description: 'login webflow state (execution parameter)',
    signingBits: 512,
    encryptionSize: 16,
    decodable: false,
    source: 'WebflowProperties → EncryptionRandomizedSigningJwtCryptographyProperties (key-size 16, alg AES); BaseBinaryCipherExecutor',
  },
  jwt('pm-reset', 'cas.authn.pm.reset.crypto', 'password management: password reset tokens', 'password-reset cipher executor #getSigningKeySetting'),
  jwt('mfa-trusted', 'cas.authn.mfa.trusted.crypto', 'MFA trusted device records', 'cipher "Multifactor Authentication & Trusted Devices" #getSigningKeySetting'),
  jwt('gauth', 'cas.authn.mfa.gauth.crypto', 'Google Authenticator token accounts', 'cipher "Google Authenticator Token Accounts" #getSigningKeySetting'),
  jwt('web-authn', 'cas.authn.mfa.web-authn.crypto', 'WebAuthn (FIDO2) device registrations', 'cipher "WebAuthN Authentication" #getSigningKeySetting'),
  jwt('oauth', 'cas.authn.oauth.crypto', 'OAuth registered-service secrets ({cipher} values)', 'OAuth cipher executor (ENCRYPTED_VALUE_PREFIX) #getSigningKeySetting'),
  jwt(
    'oauth-session-replication',
    'cas.authn.oauth.session-replication.cookie.crypto',
    'OAuth/OIDC distributed session cookie',
    'cipher "OAuth/OIDC Distributed Session Management Cookie" #getSigningKeySetting',
  ),
  jwt(
    'pac4j-session-replication',
    'cas.authn.pac4j.core.session-replication.cookie.crypto',
    'delegated authentication distributed session cookie',
    'delegated-authentication session cookie cipher #getSigningKeySetting',
  ),
  jwt(
    'saml-idp-session-replication',
    'cas.authn.saml-idp.core.session-replication.cookie.crypto',
    'SAML2 IdP distributed session cookie',
    'SAML IdP session cookie cipher #getSigningKeySetting',
  ),
];

export function featureNames(): string[] {
  return FEATURES.map((f) => f.name);
}

/** The feature by its name (also accepts the prefix, with or without `.crypto`). */
export function findFeature(name: string): CasFeature | undefined {
  const wanted = name.trim().toLowerCase();
  return FEATURES.find((f) => f.name === wanted || f.prefix === wanted || f.prefix === `${wanted}.crypto`);
}
