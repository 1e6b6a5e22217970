/**
 * What the commander tree does not know: the environment variables and files each page's command
 * reads or writes, and references to other manuals. Keyed by page name; text in the src/man markdown subset.
 */

type Entries = [name: string, text: string][];

/** Read by every command. */
export const COMMON_ENVIRONMENT: Entries = [
  ['CASCTL_DEBUG', '`1`: print the stack trace of an unexpected error (as `--debug`).'],
  ['CASCTL_NO_INPUT', 'any non-empty value: never prompt (as `--no-input`).'],
  ['NO_COLOR', 'any non-empty value: no colors on either stream (as `--no-color`).'],
  ['FORCE_COLOR', '`0` to `3`: force a color level, even into a pipe (`0` switches colors off).'],
  ['CI', 'set by CI systems: no spinners.'],
];

const TICKET_ENV: Entries = [
  ['CASCTL_SERVER', 'the CAS prefix (e.g. https://cas.example.org/cas), as `--server`; only the `ticket` commands read it.'],
];

const SECRET_ENV_NOTE: Entries = [
  ['VAR of --...-env', 'a secret flag ending in `-env` reads the variable you name. Other processes of the same user can read it (`/proc/<pid>/environ`): prefer the `-file` form.'],
];

const ACME_DIRS: Entries = [
  ['XDG_CONFIG_HOME', 'account keys live under `${XDG_CONFIG_HOME:-~/.config}/casctl/acme/accounts/`.'],
  ['XDG_DATA_HOME', 'certificate directories live under `${XDG_DATA_HOME:-~/.local/share}/casctl/acme/`.'],
];

const CRYPTO_ENV: Entries = [
  [
    'CAS_<PREFIX>_SIGNING_KEY, CAS_<PREFIX>_ENCRYPTION_KEY',
    "with `--feature NAME` and no other key option, the keys are read from the variables CAS itself binds, e.g. `CAS_AUTHN_TOKEN_CRYPTO_SIGNING_KEY` and `CAS_AUTHN_TOKEN_CRYPTO_ENCRYPTION_KEY`.",
  ],
  ...SECRET_ENV_NOTE,
];

export const PAGE_ENVIRONMENT: Record<string, Entries> = {
  'casctl': [...TICKET_ENV, ...ACME_DIRS, ['CASCTL_ACME_*', 'set for the `acme issue --deploy-hook` command; see **casctl-acme-issue**(1).'], ...SECRET_ENV_NOTE],
  'casctl-acme': ACME_DIRS,
  'casctl-acme-issue': [
    ...ACME_DIRS,
    [
      'CASCTL_ACME_NAMES, CASCTL_ACME_DOMAIN, CASCTL_ACME_DIR, CASCTL_ACME_CHAIN, CASCTL_ACME_DOMAIN_KEY, CASCTL_ACME_CSR, CASCTL_ACME_ACCOUNT_KEY, CASCTL_ACME_CERT, CASCTL_ACME_P12, CASCTL_ACME_NOT_AFTER, CASCTL_ACME_SERIAL',
      'set by casctl for the `--deploy-hook` command: the names (space separated), the first name, the directory and file paths, the expiry (ISO 8601) and the serial (hex). `CASCTL_ACME_CERT` and `CASCTL_ACME_P12` only when written.',
    ],
    ...SECRET_ENV_NOTE,
  ],
  'casctl-acme-status': ACME_DIRS,
  'casctl-acme-revoke': ACME_DIRS,
  'casctl-jwks-rotate': SECRET_ENV_NOTE,
  'casctl-jwks-revoke': SECRET_ENV_NOTE,
  'casctl-ticket': [...TICKET_ENV, ...SECRET_ENV_NOTE],
  'casctl-ticket-tgt': [...TICKET_ENV, ...SECRET_ENV_NOTE],
  'casctl-ticket-st': [...TICKET_ENV, ['VAR of --tgt-env', 'the ticket-granting ticket, read from the variable you name.'], ...SECRET_ENV_NOTE],
  'casctl-ticket-validate': TICKET_ENV,
  'casctl-ticket-status': [...TICKET_ENV, ['VAR of --tgt-env', 'the ticket-granting ticket, read from the variable you name.']],
  'casctl-ticket-logout': [...TICKET_ENV, ['VAR of --tgt-env', 'the ticket-granting ticket, read from the variable you name.']],
  'casctl-ticket-check': [...TICKET_ENV, ...SECRET_ENV_NOTE],
  'casctl-rest-auth-probe': SECRET_ENV_NOTE,
  'casctl-rest-auth-check': SECRET_ENV_NOTE,
  'casctl-crypto': CRYPTO_ENV,
  'casctl-crypto-decode': CRYPTO_ENV,
  'casctl-crypto-encode': CRYPTO_ENV,
  'casctl-account-token-decode': SECRET_ENV_NOTE,
  'casctl-account-token': SECRET_ENV_NOTE,
};

const KEYSTORE_FILES: Entries = [
  ['/etc/cas/config/keystore.jwks', "the keystore when neither `--file` nor `--cas-config` names one (CAS's default); created and kept mode 0600."],
  ['<file>.bak', 'the keystore as it was before the last change (mode 0600).'],
  ['<file>.lock', 'the lock directory (proper-lockfile) that serialises changes; taken over when 10 s stale.'],
  ['.<name>.<pid>.<hex>.tmp', 'the temporary file of an atomic write, in the same directory; removed by a later run once a minute old.'],
];

const ACME_FILES: Entries = [
  ['${XDG_CONFIG_HOME:-~/.config}/casctl/acme/accounts/<CA host>/account.key', 'the ACME account key, one per CA (CAS: `cas.acme.user-key.location`); `--account-key` to choose.'],
  ['${XDG_DATA_HOME:-~/.local/share}/casctl/acme/<first name>/', 'the certificate directory (`--dir`): `domain.key`, `domain.csr`, `domain-chain.pem` (the `cas.acme.*` locations), and `--cert`/`--p12` when asked.'],
  ['<dir>/.casctl-acme.lock', 'the lock a run holds on its certificate directory; a second run waits.'],
  ['<dir>/domain.key.bak', 'the previous domain key after `--new-domain-key`.'],
];

export const PAGE_FILES: Record<string, Entries> = {
  'casctl-acme': ACME_FILES,
  'casctl-acme-issue': ACME_FILES,
  'casctl-acme-status': [['<dir>/domain-chain.pem', 'the chain whose first certificate is judged (`--chain`, `--cas-config` or `--dir`/`-d`).']],
  'casctl-acme-revoke': ACME_FILES.slice(0, 2),
  'casctl-jwks': KEYSTORE_FILES,
  'casctl-jwks-generate': KEYSTORE_FILES,
  'casctl-jwks-rotate': KEYSTORE_FILES,
  'casctl-jwks-revoke': KEYSTORE_FILES,
  'casctl-jwks-import': KEYSTORE_FILES,
  'casctl-jwks-show': KEYSTORE_FILES.slice(0, 1),
  'casctl-jwks-check': KEYSTORE_FILES.slice(0, 1),
  'casctl-jwks-export': [...KEYSTORE_FILES.slice(0, 1), ['--out FILE', 'the public JWKS, mode 0644; replaced only with `--force`.']],
  'casctl-jwk-gen': [
    ['-o FILE', 'the key or key set (mode 0600 when created); without `-S` replaced only with `--force`.'],
    ['-P FILE', 'the public key or public set (mode 0644 when created).'],
    ['FILE.lock', 'the lock that serialises appends to a key set (`-S -o FILE`).'],
  ],
  'casctl-ticket-tgt': [['--tgt-out FILE', 'the ticket-granting ticket, mode 0600, written atomically; replaced only with `--force`.']],
  'casctl-rest-auth-serve': [['--users FILE', 'the users file (JSON): `{"users":[{"username", "password" or "passwordHash", "attributes", "warnings", "passwordExpires", "state"}]}`.']],
  'casctl-crypto-keys': [['--out FILE', 'the settings, mode 0600, written atomically; replaced only with `--force`.']],
  'casctl-account-keys': [['--out FILE', 'the settings, mode 0600, written atomically; replaced only with `--force`.']],
  'casctl-account-new-properties': [['--out FILE', 'the registration-properties file, mode 0644 (CAS must read it); replaced only with `--force`.']],
  'casctl-completion': [
    ['completions/casctl.bash, completions/_casctl, completions/casctl.fish', 'the same scripts, shipped in the package.'],
  ],
};

/** Other manuals worth reading next to a page (name(section)). */
export const PAGE_SEE_ALSO: Record<string, string[]> = {
  'casctl': ['man(1)'],
  'casctl-acme-issue': ['openssl(1)', 'crontab(5)', 'systemd.timer(5)', 'setcap(8)'],
  'casctl-acme-status': ['openssl-x509(1)'],
  'casctl-jwks-rotate': ['crontab(5)'],
  'casctl-jwks-import': ['openssl-genpkey(1)', 'openssl-pkey(1)'],
  'casctl-ticket-check': ['crontab(5)', 'curl(1)'],
  'casctl-rest-auth-check': ['crontab(5)'],
  'casctl-rest-auth-probe': ['crypt(3)'],
  'casctl-jwk-gen': ['openssl-pkey(1)'],
};
