/**
 * Exit statuses and error codes, the one structured source the man pages' EXIT STATUS sections and
 * README's exit code table are drawn from (a test keeps README's table equal to EXIT_STATUS).
 * Text is in the src/man markdown subset (inline `code` and **bold**).
 */

export interface ExitStatus {
  code: number;
  meaning: string;
  cases: string;
}

/** casctl's exit codes: src/cli/exit-codes.ts maps error categories to these numbers. */
export const EXIT_STATUS: ExitStatus[] = [
  {
    code: 0,
    meaning: 'success',
    cases: 'the command did its job; also "nothing to do" (`acme issue` on a certificate that is not due; `check` with warnings only)',
  },
  {
    code: 1,
    meaning: 'the remote side or the check said no',
    cases:
      'authentication rejected (401/403/404/423/412/428), ticket invalid or expired, TGT unknown, ACME order invalid or challenge failed, `check`/`lint`/`validate`/`probe`/`status` found what it judges bad (an unparseable input included), `--deploy-hook` failed after a certificate was written',
  },
  {
    code: 2,
    meaning: 'usage error',
    cases: 'unknown command or option, bad option value, conflicting options, a required value missing when no prompt is possible, a secret given on no source',
  },
  {
    code: 3,
    meaning: 'local input or state error',
    cases:
      'a file missing, unreadable, not permitted or invalid (for commands that do not judge it), refusing to overwrite without `--force`, lock held too long, a port that is taken or not permitted, a `classpath:` location, a broken keystore that `rotate`/`revoke` will not touch',
  },
  {
    code: 4,
    meaning: 'network, TLS or timeout',
    cases: 'connection refused, DNS failure, TLS verification failed, no answer within `--timeout`, an ACME CA that is down',
  },
  { code: 70, meaning: 'internal error', cases: 'a bug in casctl: re-run with `--debug` and report it' },
  { code: 130, meaning: 'interrupted', cases: 'Ctrl-C or SIGTERM; clean-up (temporary files, the HTTP-01 responder) runs first' },
];

/** What follows the table wherever it is printed. */
export const EXIT_STATUS_NOTES = [
  '`ticket check --nagios` and `acme status --nagios` use the monitoring-plugin convention instead (0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN). `jwk-gen` exits 2 for usage errors where the original jar exits 1.',
  'With `--json`, an exit-2/3/4 failure prints `{"error":{"code":"E_…","message":"…","hint":"…"}}` on stdout; a refusal (exit 1) prints the command\'s result with `"ok": false` and an `"error": {"code","message"}` member.',
];

export interface ErrorCode {
  /** one or more `E_…` codes (markdown) */
  codes: string;
  /** the exit status, with its exceptions ("3 (1 for `check`)") */
  exit: string;
  meaning: string;
  /** the commands of the family it concerns (verbs below the family); all of them when absent */
  commands?: string[];
}

/** `shared`: codes of the shared layer (every command); otherwise per family (the first word after casctl). */
export const ERROR_CODES: Record<string, ErrorCode[]> = {
  "shared": [
    { codes: "`E_USAGE`", exit: "2", meaning: "unknown command or option, bad or conflicting values (commander's message is kept)" },
    { codes: "`E_INPUT_REQUIRED`", exit: "2", meaning: "a value is required and no prompt is possible (no TTY, `--no-input`); the hint names the flag" },
    { codes: "`E_SECRET_ENV_UNSET`", exit: "2", meaning: "`--…-env VAR` names a variable that is not set" },
    { codes: "`E_SECRET_EMPTY`", exit: "3", meaning: "the secret read from a file, stdin or the environment is empty" },
    { codes: "`E_FILE_NOT_FOUND`", exit: "3", meaning: "a file does not exist (or a parent is not a directory)" },
    { codes: "`E_FILE_PERMISSION`", exit: "3", meaning: "permission denied, or a read-only file system" },
    { codes: "`E_FILE_IS_DIRECTORY`", exit: "3", meaning: "a directory where a file was expected" },
    { codes: "`E_FILE_EXISTS`", exit: "3", meaning: "refusing to overwrite an existing file; pass `--force`" },
    { codes: "`E_FILE_NO_SPACE`, `E_FILE_IO`", exit: "3", meaning: "the disk is full; another I/O error" },
    { codes: "`E_LOCKED`", exit: "3", meaning: "another casctl run held the lock for longer than the wait" },
    { codes: "`E_CONFIG_INVALID`", exit: "3", meaning: "`--cas-config` is not valid YAML, or a numeric setting is not a number" },
    { codes: "`E_CONFIG_CLASSPATH`, `E_CONFIG_NOT_A_FILE`", exit: "3", meaning: "a CAS resource setting is `classpath:` or a URL, not a local file" },
    { codes: "`E_CA_FILE_INVALID`", exit: "3", meaning: "`--ca-file` holds no PEM certificate" },
    { codes: "`E_TIMEOUT`", exit: "4", meaning: "no answer within `--timeout`" },
    { codes: "`E_CONNECTION_REFUSED`, `E_CONNECTION_RESET`", exit: "4", meaning: "nothing listens there; the connection was dropped" },
    { codes: "`E_DNS`", exit: "4", meaning: "the host name does not resolve" },
    { codes: "`E_TLS`", exit: "4", meaning: "TLS verification failed (pass `--ca-file` for a private CA)" },
    { codes: "`E_NETWORK`", exit: "4", meaning: "another transport failure (the message names the host)" },
    { codes: "`E_INTERRUPTED`", exit: "130", meaning: "Ctrl-C or SIGTERM" },
    { codes: "`E_INTERNAL`", exit: "70", meaning: "a bug: re-run with `--debug`" },
  ],
  "acme": [
    { codes: "`E_ACME_SERVER_REQUIRED`", exit: "2", meaning: "no CA chosen (`--server`, `--staging`, `--production`, `--cas-config`)" },
    { codes: "`E_ACME_SERVER_UNKNOWN`, `E_ACME_SERVER_INVALID`", exit: "2", meaning: "an `acme://` URI casctl cannot map, or not a URL" },
    { codes: "`E_ACME_NO_DOMAINS`, `E_ACME_NAME_INVALID`, `E_ACME_WILDCARD`", exit: "2", meaning: "no `-d`, a name that is not a DNS name, a wildcard" },
    { codes: "`E_ACME_TOS_REQUIRED`", exit: "2", meaning: "a new account needs `--agree-tos` (the CA's terms URL is named)", commands: ["issue"] },
    { codes: "`E_ACME_EAB_REQUIRED`", exit: "2", meaning: "the CA wants external account binding (`--eab-kid`, `--eab-hmac-key-file`)", commands: ["issue"] },
    { codes: "`E_ACME_PORT_IN_USE`, `E_ACME_PORT_DENIED`", exit: "3", meaning: "the HTTP-01 port is taken / needs privilege (the hint lists the ways out)", commands: ["issue"] },
    { codes: "`E_ACME_LISTEN_ADDRESS`, `E_ACME_LISTEN`", exit: "3", meaning: "`--listen` is not an address of this machine / other listen failure", commands: ["issue"] },
    { codes: "`E_ACME_KEY_INVALID`, `E_ACME_KEY_ENCRYPTED`", exit: "3", meaning: "an existing key file is not a usable RSA/EC PEM key, or is encrypted" },
    { codes: "`E_ACME_CHAIN_INVALID`", exit: "3 (1 in `status`)", meaning: "the chain file holds no readable certificate" },
    { codes: "`E_ACME_PREFLIGHT`", exit: "3", meaning: "`--preflight`: the challenge URL did not answer the key authorization", commands: ["issue"] },
    { codes: "`E_LOCKED`, `E_FILE_*`", exit: "3", meaning: "the certificate directory is locked by another run for 30 s; file errors" },
    { codes: "`E_ACME_PROFILE_UNKNOWN`", exit: "2", meaning: "`--profile` names a profile the CA's directory does not list, or the CA offers none (the list is shown); no order is placed", commands: ["issue"] },
    { codes: "`E_ACME_PROFILE_REFUSED`", exit: "1", meaning: "the CA refused the order's profile (`invalidProfile`: withdrawn or incompatible)", commands: ["issue"] },
    { codes: "`E_ACME_VALIDATION_FAILED`", exit: "1", meaning: "the CA could not validate a name (its problem document and the name are shown)", commands: ["issue"] },
    { codes: "`E_ACME_PROBLEM`, `E_ACME_RATE_LIMITED`, `E_ACME_ACTION_REQUIRED`", exit: "1", meaning: "other CA refusals (`urn:ietf:params:acme:error:…`, detail, subproblems)" },
    { codes: "`E_ACME_ORDER_INVALID`, `E_ACME_NO_HTTP01`, `E_ACME_BAD_CERTIFICATE`", exit: "1", meaning: "the order failed / no http-01 offered / no certificate returned", commands: ["issue"] },
    { codes: "`E_ACME_KEY_MISMATCH`, `E_ACME_NAMES_MISMATCH`", exit: "1", meaning: "the certificate returned does not match the domain key or names: nothing written (`revoke --with-domain-key` with a key that does not match: 3)" },
    { codes: "`E_ACME_ACCOUNT_UNKNOWN`", exit: "1", meaning: "`revoke`: the CA knows no account for that account key", commands: ["revoke"] },
    { codes: "`E_ACME_DEPLOY_HOOK_FAILED`", exit: "1", meaning: "the certificate was written, the deploy hook failed", commands: ["issue"] },
    { codes: "`E_CONNECTION_REFUSED`, `E_TIMEOUT`, `E_DNS`, `E_TLS`", exit: "4", meaning: "the CA cannot be reached (the host is named)" },
    { codes: "`E_ACME_DIRECTORY`, `E_ACME_SERVER_ERROR`, `E_ACME_POLL_TIMEOUT`, `E_ACME_CLIENT`", exit: "4", meaning: "not an ACME directory, `serverInternal`, still pending after `--poll-timeout`, an unexpected answer" },
  ],
  "jwks": [
    { codes: "`E_FILE_NOT_FOUND`", exit: "3", meaning: "keystore (or `--pem`, `--cas-config`) missing" },
    { codes: "`E_FILE_PERMISSION`", exit: "3", meaning: "cannot read or write the keystore or its directory" },
    { codes: "`E_FILE_EXISTS`", exit: "3", meaning: "generate without `--force`, export `--out` without `--force`", commands: ["generate", "export"] },
    { codes: "`E_KEYSTORE_INVALID`", exit: "3 (1 for `check`)", meaning: "the keystore has blocking findings; nothing was changed" },
    { codes: "`E_LOCKED`", exit: "3", meaning: "another run held the lock for more than 3 minutes", commands: ["generate", "rotate", "revoke", "import"] },
    { codes: "`E_KEYSTORE_CHANGED`", exit: "3", meaning: "the file changed between read and write (this run's lock was taken over while it stalled); nothing written, run again", commands: ["generate", "rotate", "revoke", "import"] },
    { codes: "`E_CONFIG_CLASSPATH`, `E_CONFIG_NOT_A_FILE`, `E_CONFIG_INVALID`", exit: "3", meaning: "the keystore setting is not a local file / the CAS config does not parse" },
    { codes: "`E_JWKS_KEY_TYPE`, `E_JWKS_KEY_SIZE`", exit: "2 (flag) / 3 (CAS config, PEM)", meaning: "type other than RSA/EC; EC size not 256/384/521(512); RSA below 2048 or not a multiple of 8", commands: ["generate", "rotate", "import"] },
    { codes: "`E_PEM_INVALID`, `E_PEM_ENCRYPTED`", exit: "3", meaning: "`--pem` is not a usable private key", commands: ["import"] },
    { codes: "`E_JWKS_KEY_EXISTS`, `E_JWKS_KID_EXISTS`", exit: "3", meaning: "import of a key or kid already in the keystore", commands: ["import"] },
    { codes: "`E_ACTUATOR_DENIED`, `E_ACTUATOR_NOT_FOUND`, `E_ACTUATOR_FAILED`", exit: "1", meaning: "CAS's actuator answered 401/403, 404, or something else", commands: ["rotate", "revoke"] },
    { codes: "network errors (`E_…` from the HTTP client)", exit: "4", meaning: "`--actuator` could not reach CAS", commands: ["rotate", "revoke"] },
    { codes: "`E_USAGE`", exit: "2", meaning: "bad flags, e.g. `--actuator` with `--file`" },
  ],
  "jwk-gen": [
    { codes: "`E_JWK_TYPE_MISSING`", exit: "2", meaning: "`Key type must be supplied.`" },
    { codes: "`E_JWK_TYPE_UNKNOWN`", exit: "2", meaning: "`Unknown key type: <t>`" },
    { codes: "`E_JWK_USE_INVALID`", exit: "2", meaning: "`Invalid key usage, must be 'sig' or 'enc', got <u>`" },
    { codes: "`E_JWK_SIZE_MISSING`", exit: "2", meaning: "`Key size (in bits) is required for key type <t>`" },
    { codes: "`E_JWK_SIZE_INVALID`", exit: "2", meaning: "`Invalid key size: <Java NumberFormatException message>`, `Key size (in bits) must be divisible by 8, got N`, non-positive or out-of-range RSA sizes" },
    { codes: "`E_JWK_CURVE_MISSING`", exit: "2", meaning: "`Curve is required for key type <t>`" },
    { codes: "`E_JWK_CURVE_INVALID`", exit: "2", meaning: "`Curve <c> is not valid for key type <t>`" },
    { codes: "`E_JWK_X509_TYPE`", exit: "2", meaning: "`Unknown key type for X509 encoding: <t>`" },
    { codes: "`E_USAGE`", exit: "2", meaning: "`Failed to parse arguments: …` (commons-cli wording: `Unrecognized option: --x`, `Missing argument for option: s`, `The option 'g' was specified but an option from this group has already been selected: 'i'`), and flag combinations casctl refuses" },
    { codes: "`E_FILE_EXISTS`", exit: "3", meaning: "`-o`/`-P` file exists and neither `--force` nor `-S` was given" },
    { codes: "`E_KEYSET_READ`", exit: "3", meaning: "`Could not read existing KeySet: FILE (Permission denied)`" },
    { codes: "`E_KEYSET_INVALID`", exit: "3", meaning: "`Could not parse existing KeySet: <reason>`" },
    { codes: "`E_FILE_PERMISSION`, `E_LOCKED`, …", exit: "3", meaning: "writing the file or taking its lock failed (shared file errors)" },
  ],
  "ticket": [
    { codes: "`E_SERVER_REQUIRED`, `E_SERVER_INVALID`", exit: "2", meaning: "no `--server`/`CASCTL_SERVER`, or not an http(s) URL without query" },
    { codes: "`E_TGT_REQUIRED`, `E_TGT_ENV_UNSET`, `E_TGT_EMPTY`", exit: "2", meaning: "no TGT source (or credentials for `st`), the `--tgt-env` variable is unset, the TGT is empty", commands: ["st", "status", "logout"] },
    { codes: "`E_INPUT_REQUIRED`, `E_SECRET_ENV_UNSET`", exit: "2", meaning: "no password source and no terminal to prompt on; `--password-env` variable unset" },
    { codes: "`E_SECRET_EMPTY`, `E_FILE_NOT_FOUND`, `E_FILE_EXISTS`, `E_CA_FILE_INVALID`", exit: "3", meaning: "empty password; a missing `--password-file`/`--tgt-file`/`--ca-file`; `--tgt-out` exists (use `--force`); `--ca-file` holds no PEM certificate" },
    { codes: "`E_NO_CREDENTIALS`", exit: "1", meaning: "400: CAS extracted no credentials (e.g. a blank username; `--renew` without credentials)" },
    { codes: "`E_BAD_REQUEST`", exit: "1", meaning: "another 400 (e.g. Spring's \"URL was not normalized\")" },
    { codes: "`E_AUTHENTICATION_FAILED`", exit: "1", meaning: "401: the messages of CAS's `authentication_exceptions` are printed (`--json`: `authenticationExceptions`)" },
    { codes: "`E_TGT_NOT_FOUND`", exit: "1", meaning: "404 \"… could not be found or is considered invalid\": unknown or expired TGT" },
    { codes: "`E_REST_NOT_AVAILABLE`", exit: "1", meaning: "404 on `/v1/tickets`: wrong prefix or no REST module (try `--via login-form`)" },
    { codes: "`E_METHOD_NOT_ALLOWED`, `E_UNSUPPORTED_MEDIA_TYPE`", exit: "1", meaning: "405, 415" },
    { codes: "`E_SERVICE_NOT_ALLOWED`", exit: "1", meaning: "500 \"Target service/application is unspecified or unrecognized\": the service is not registered" },
    { codes: "`E_SERVER_ERROR`", exit: "1", meaning: "another 500; CAS's (HTML-unescaped) message is printed" },
    { codes: "`E_UNEXPECTED_STATUS`, `E_TICKET_RESPONSE_INVALID`", exit: "1", meaning: "a status or body CAS does not send (usually a wrong `--server`)" },
    { codes: "`E_TICKET_REJECTED`, `E_VALIDATION_RESPONSE_INVALID`", exit: "1", meaning: "validation failed (CAS's code and description printed) or the answer was not a CAS answer", commands: ["validate", "check"] },
    { codes: "`E_LOGIN_PAGE_UNAVAILABLE`, `E_LOGIN_FORM_NOT_FOUND`, `E_LOGIN_REJECTED`, `E_LOGIN_FORBIDDEN`, `E_LOGIN_NO_TICKET`", exit: "1", meaning: "`--via login-form`: no login page/form, the form came back (wrong password), 403 (CSRF), a redirect without a ticket (service not allowed)", commands: ["check"] },
    { codes: "`E_CHECK_SLOW`", exit: "1", meaning: "`check` took longer than `--crit-ms`", commands: ["check"] },
    { codes: "`E_SERVER_UNAVAILABLE`", exit: "4", meaning: "502/503/504 from CAS or a proxy" },
    { codes: "`E_TIMEOUT`, `E_CONNECTION_REFUSED`, `E_DNS`, `E_TLS`, `E_CONNECTION_RESET`, `E_NETWORK`", exit: "4", meaning: "network, TLS or timeout" },
  ],
  "rest-auth": [
    { codes: "`E_REST_AUTH_*` (table above)", exit: "1", meaning: "CAS would refuse the login (probe)", commands: ["probe"] },
    { codes: "`E_REST_AUTH_CONTRACT`", exit: "1", meaning: "a `check` row failed", commands: ["check"] },
    { codes: "`E_ENCODER_NOT_DETERMINISTIC`", exit: "2", meaning: "the password encoder salts at random; what CAS sends cannot be reproduced", commands: ["probe", "check"] },
    { codes: "`E_ENCODER_UNSUPPORTED`", exit: "2", meaning: "Groovy script or custom-class encoder", commands: ["probe", "check"] },
    { codes: "`E_ENCODER_INVALID`", exit: "2", meaning: "the glibc-crypt secret (or, for the DES fallback, algorithm name + secret) is not a valid crypt salt: CAS's encoder fails on it too", commands: ["probe", "check"] },
    { codes: "`E_USAGE`, `E_INPUT_REQUIRED`, `E_SECRET_ENV_UNSET`", exit: "2", meaning: "bad flags, missing password source, unset variable" },
    { codes: "`E_USERS_FILE_INVALID`", exit: "3", meaning: "users.json is not what `serve` expects (the message names the entry)", commands: ["serve"] },
    { codes: "`E_LISTEN_FAILED`", exit: "3", meaning: "`serve` cannot listen (address in use, privileged port, no such address)", commands: ["serve"] },
    { codes: "`E_FILE_NOT_FOUND`, `E_FILE_PERMISSION`, `E_SECRET_EMPTY`, `E_CONFIG_INVALID`", exit: "3", meaning: "password file, users file, --cas-config" },
    { codes: "`E_TIMEOUT`", exit: "4", meaning: "no answer within the timeout; the message says CAS would have timed out" },
    { codes: "`E_CONNECTION_REFUSED`, `E_CONNECTION_RESET`, `E_DNS`, `E_TLS`, `E_NETWORK`", exit: "4", meaning: "transport failures (also an answer that is not HTTP)" },
  ],
  "crypto": [
    { codes: "`E_TOKEN_SIGNATURE_INVALID`", exit: "1", meaning: "HMAC does not match: wrong signing key (or altered token)" },
    { codes: "`E_TOKEN_DECRYPTION_FAILED`", exit: "1", meaning: "JWE tag does not match, or the key size does not fit the token's `enc`: wrong encryption key" },
    { codes: "`E_TOKEN_TRUNCATED`", exit: "1", meaning: "2/4 segments, short signature/tag/IV: the token was cut off" },
    { codes: "`E_TOKEN_MALFORMED` / `E_TOKEN_EMPTY`", exit: "1", meaning: "not a JWS/JWE/JSON (bad characters, header not JSON, bad base64) / nothing read" },
    { codes: "`E_TOKEN_UNSECURED`", exit: "1", meaning: "`alg: none` or plain JSON while keys were given (CAS with crypto on rejects it)" },
    { codes: "`E_TOKEN_UNSUPPORTED`", exit: "1", meaning: "RSA/EC signatures, `RSA-OAEP-256`, unknown `enc`/`zip`: not the shared-key format casctl reads" },
    { codes: "`E_TOKEN_EXPIRED`, `E_TOKEN_NOT_YET_VALID`, `E_TOKEN_ISSUER_MISMATCH`, `E_TOKEN_AUDIENCE_MISMATCH`, `E_TOKEN_CLAIMS_INVALID`", exit: "1", meaning: "claim checks (in `findings`)" },
    { codes: "`E_SIGNING_KEY_REQUIRED`, `E_ENCRYPTION_KEY_REQUIRED`, `E_KEYS_REQUIRED`", exit: "2", meaning: "the token needs a key that was not given" },
    { codes: "`E_FEATURE_UNKNOWN`, `E_FEATURE_NOT_JWT`, `E_INPUT_REQUIRED`, `E_SECRET_ENV_UNSET`, `E_USAGE`", exit: "2", meaning: "command line" },
    { codes: "`E_SIGNING_KEY_INVALID`, `E_ENCRYPTION_KEY_INVALID`, `E_ENCRYPTION_KEY_SIZE`", exit: "3", meaning: "a key that is not a CAS key (not base64url, PEM/JWK signing key, wrong size for `--enc`)" },
    { codes: "`E_CLAIMS_INVALID`, `E_CONFIG_KEYS_MISSING`, `E_CONFIG_INVALID`, `E_FILE_NOT_FOUND`, `E_FILE_PERMISSION`, `E_FILE_EXISTS`", exit: "3", meaning: "input files" },
  ],
  "service": [
    { codes: "findings of severity `error`", exit: "1", meaning: "lint: CAS loses a service (`\"ok\": false`; each finding carries its own code, listed above)", commands: ["lint"] },
    { codes: "`UNAUTHORIZED_SERVICE`", exit: "1", meaning: "match: no enabled definition matches, or the match is disabled (`\"ok\": false`, `casAnswer` under `--json`)", commands: ["match"] },
    { codes: "`E_ACTUATOR_DENIED`, `E_ACTUATOR_NOT_FOUND`, `E_ACTUATOR_FAILED`", exit: "1 (4 when CAS cannot be reached)", meaning: "`--remote`: the actuator answered 401/403, is not exposed, or answered something else", commands: ["match"] },
    { codes: "`E_USAGE`", exit: "2", meaning: "bad flags, an empty URL, no PATH and no `--cas-config`" },
    { codes: "`E_FILE_NOT_FOUND`, `E_FILE_PERMISSION`", exit: "3", meaning: "a PATH does not exist or cannot be read" },
    { codes: "`E_CONFIG_CLASSPATH`, `E_CONFIG_NOT_A_FILE`, `E_CONFIG_INVALID`", exit: "3", meaning: "the registry location in `--cas-config` is `classpath:` (CAS's default) or not a local path; the config does not parse" },
  ],
  "account": [
    { codes: "`E_REGISTRATION_PROPERTIES_INVALID`", exit: "1", meaning: "lint found errors", commands: ["lint"] },
    { codes: "`E_HJSON_SYNTAX`", exit: "1", meaning: "lint: the file is not valid Hjson", commands: ["lint"] },
    { codes: "`E_NOT_TEXT`", exit: "1", meaning: "lint: the file is binary", commands: ["lint"] },
    { codes: "`E_TOKEN_*` (table above)", exit: "1", meaning: "the token would be rejected", commands: ["token decode"] },
    { codes: "`E_SERVER_REQUIRED`", exit: "2", meaning: "token decode: no `--server` and no `cas.server.prefix` in `--cas-config`", commands: ["token decode"] },
    { codes: "`E_SIGNING_KEY_REQUIRED`, `E_ENCRYPTION_KEY_REQUIRED`", exit: "2", meaning: "the token is signed/encrypted and the key was not given (names the missing `--cas-config` setting)", commands: ["token decode"] },
    { codes: "`E_SECRET_ENV_UNSET`, `E_USAGE`", exit: "2", meaning: "a `--…-key-env` variable is not set; bad flags" },
    { codes: "`E_FILE_NOT_FOUND`, `E_FILE_PERMISSION`, `E_FILE_IS_DIRECTORY`", exit: "3", meaning: "the file to lint, the config or a key file cannot be read" },
    { codes: "`E_FILE_EXISTS`", exit: "3", meaning: "`--out` exists and `--force` was not given" },
    { codes: "`E_KEY_FILE_FORMAT`", exit: "3", meaning: "token decode: a `--…-key-file`/`-env` holds several lines or setting names (e.g. the output of `account keys --out`); pass that file with `--cas-config`", commands: ["token decode"] },
    { codes: "`E_SIGNING_KEY_INVALID`, `E_ENCRYPTION_KEY_INVALID`", exit: "3", meaning: "a key value CAS would not accept (JWK/PEM signing key, non-base64url encryption key)", commands: ["token decode"] },
    { codes: "`E_CONFIG_INVALID`", exit: "3", meaning: "a `--cas-config` value is malformed" },
  ],
};

/** README's exit code table, exactly as README.md carries it. */
export function exitStatusMarkdown(): string {
  const rows = EXIT_STATUS.map((s) => `| ${s.code} | ${s.meaning} | ${s.cases} |`);
  return ['| code | meaning | cases |', '|---|---|---|', ...rows].join('\n');
}
