import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../../../src/cli/exit-codes.js';
import { parseMarkdown, renderRoff, renderText, type ManPage } from '../../../src/man/document.js';
import { EXIT_STATUS, exitStatusMarkdown } from '../../../src/man/exit-status.js';
import { REPO_ROOT } from '../../helpers/run-casctl.js';

const page = (markdown: string): ManPage => ({
  name: 'casctl-demo',
  summary: 'a demo page',
  synopsis: ['`casctl demo` [options]'],
  sections: [{ title: 'DESCRIPTION', blocks: parseMarkdown(markdown) }],
  version: '0.0.0',
  date: '',
});

function groffWarnings(roff: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'casctl-man-'));
  try {
    writeFileSync(join(dir, 'demo.1'), roff);
    const r = spawnSync('groff', ['-man', '-ww', '-z', join(dir, 'demo.1')], { encoding: 'utf8' });
    expect(r.error, 'groff is missing (.ci/run installs groff-base)').toBeUndefined();
    return r.stderr;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the src/man markdown subset', () => {
  const source = [
    'A paragraph with `--flag` and **bold**,',
    'joined across lines. [A link](https://example.org/) too.',
    '',
    '### A sub-heading',
    '',
    '- first item',
    '  continued',
    '  - nested item',
    '- second item with code:',
    '  ```console',
    '  $ casctl demo',
    '  .starts with a dot \\ and a backslash',
    '  ```',
    '',
    '1. numbered',
    '2. again',
    '',
    '#### Minor heading',
    '',
    '| code | meaning |',
    '|---|---|',
    '| `E_X` | a \\| pipe |',
    '',
    'Unicode: ✔ → ≥ × ± … — σ. An *emphasis*, and a CAS *.crypto.*.key setting.',
  ].join('\n');

  it('parses paragraphs, nested and numbered lists, code in a list item, headings and tables', () => {
    const blocks = parseMarkdown(source);
    expect(blocks.map((b) => b.kind)).toEqual(['para', 'heading', 'list', 'list', 'heading', 'table', 'para']);
    expect(blocks[0]).toEqual({ kind: 'para', text: 'A paragraph with `--flag` and **bold**, joined across lines. [A link](https://example.org/) too.' });
    const list = blocks[2] as Extract<(typeof blocks)[number], { kind: 'list' }>;
    expect(list.ordered).toBe(false);
    expect(list.items[0]!.blocks.map((b) => b.kind)).toEqual(['para', 'list']);
    expect(list.items[1]!.blocks[1]).toEqual({ kind: 'code', text: '$ casctl demo\n.starts with a dot \\ and a backslash' });
    expect((blocks[3] as { ordered: boolean }).ordered).toBe(true);
    expect(blocks[5]).toEqual({ kind: 'table', rows: [['code', 'meaning'], ['`E_X`', 'a | pipe']] });
  });

  it('renders roff that groff -man -ww accepts silently: escapes, requests never at a line start, ASCII-safe glyphs', () => {
    const roff = renderRoff(page(source));
    expect(groffWarnings(roff)).toBe('');
    expect(roff).toContain('\\fB\\-\\-flag\\fR');
    expect(roff).toContain('A link (https://example.org/)');
    expect(roff).toContain('\\&.starts with a dot \\e and a backslash');
    expect(roff).toContain('.SS "A sub\\-heading"');
    expect(roff).toMatch(/^\.IP 1\. 4$/m);
    expect(roff).toContain('E_X   a | pipe');
    expect(roff).not.toMatch(/[^\x00-\x7f]/);
    expect(roff).toContain('An \\fIemphasis\\fR, and a CAS *.crypto.*.key setting.');
  });

  it('renders plain text for terminals without man(1)', () => {
    const text = renderText(page(source));
    expect(text).toMatch(/^CASCTL-DEMO\(1\)\n\nNAME\n {7}casctl-demo - a demo page\n/);
    expect(text).toContain('       - first item continued\n         - nested item');
    expect(text).toContain('           $ casctl demo');
    expect(text.split('\n').every((l) => l.length <= 80 || l.startsWith('     '))).toBe(true);
  });

  it('every src/man/<page>.md renders without a groff warning', () => {
    const dir = join(REPO_ROOT, 'src/man');
    const files = readdirSync(dir).filter((f) => f.endsWith('.md'));
    expect(files.length).toBeGreaterThan(30);
    for (const file of files) {
      expect(groffWarnings(renderRoff(page(readFileSync(join(dir, file), 'utf8')))), file).toBe('');
    }
  });
});

describe('exit statuses: one source for the pages and README', () => {
  it('EXIT_STATUS has every code src/cli/exit-codes.ts maps to', () => {
    expect(EXIT_STATUS.map((s) => s.code).sort((a, b) => a - b)).toEqual([...new Set(Object.values(EXIT))].sort((a, b) => a - b));
  });

  it("README's exit code table is the one EXIT_STATUS renders", () => {
    expect(readFileSync(join(REPO_ROOT, 'README.md'), 'utf8')).toContain(exitStatusMarkdown());
  });
});

describe('README sections moved into man pages', () => {
  // One sentence of each section the README no longer carries, and the page it moved to.
  const moved: [page: string, text: string][] = [
    ['casctl-acme-issue', 'There is **no silent default**'],
    ['casctl-acme-issue', 'A plain HTTP redirect to another port does not work with Let\'s Encrypt'],
    ['casctl-acme-issue', 'To replace CAS\'s own ACME module, remove `cas-server-support-acme`'],
    ['casctl-acme-issue', '/etc/cron.d/casctl-acme: every day at 03:17'],
    ['casctl-acme', '`badNonce` answers are retried'],
    ['casctl-acme', 'acme-client\'s `auto()` waits with its default back-off'],
    ['casctl-acme-status', '`--nagios`: 0 OK, 1 WARNING, 2 CRITICAL (also expired), 3 UNKNOWN'],
    ['casctl-acme-revoke', 'works when the account key is lost'],
    ['casctl-jwks', 'A symlinked keystore is followed'],
    ['casctl-jwks', 'twenty `rotate` runs started at once'],
    ['casctl-jwks-generate', '**Difference from CAS on purpose:**'],
    ['casctl-jwks-rotate', 'Exactly **one** node'],
    ['casctl-jwks-rotate', 'OidcJwksRotationEndpoint'],
    ['casctl-jwks-check', '`JWKS_STATE_STRING`'],
    ['casctl-jwks-export', "jose4j's\n`PUBLIC_ONLY` rendering"],
    ['casctl-jwks-import', 'A missing keystore is\ncreated (0600).'],
    ['casctl-jwk-gen', 'Parsed like Java\'s `Integer.decode`'],
    ['casctl-jwk-gen', 'jars 0.3–0.7 wrote timestamp kids without the hyphen'],
    ['casctl-ticket', 'Spring\'s firewall answers 400 to a path containing `//`'],
    ['casctl-ticket-st', 'CAS deletes a TGT\'s service tickets with it'],
    ['casctl-ticket-validate', 'never from the HTTP status'],
    ['casctl-ticket-check', "Choices made for start-up: the HTTP client is Node's own"],
    ['casctl-rest-auth', 'AccountPasswordMustChangeException'],
    ['casctl-rest-auth-probe', 'E_ENCODER_NOT_DETERMINISTIC'],
    ['casctl-rest-auth-check', 'since bcrypt ignores bytes after the 72nd'],
    ['casctl-rest-auth-serve', 'The account state is only revealed to the\n  right password.'],
    ['casctl-crypto', 'the **signing key\'s HMAC key is the key text itself**'],
    ['casctl-crypto-keys', 'TicketGrantingCookieProperties'],
    ['casctl-crypto-decode', "even CAS 5.0's base64-in-base64url"],
    ['casctl-crypto-encode', '| 5 | `zip, alg, enc` | DEF |'],
    ['casctl-account-lint', '`pattern-not-v-compatible`'],
    ['casctl-account-new-properties', 'The result passes `account lint` with no finding.'],
    ['casctl-account-token-decode', 'CAS stops at the first failure;\ncasctl lists them all.'],
    ['casctl-completion', 'echo \'fpath=(~/.zsh/completions $fpath)\' >> ~/.zshrc'],
  ];
  for (const [name, text] of moved) {
    it(`${name}.md keeps: ${text.split('\n')[0]!.slice(0, 50)}`, () => {
      expect(readFileSync(join(REPO_ROOT, 'src/man', `${name}.md`), 'utf8')).toContain(text);
    });
  }
});
