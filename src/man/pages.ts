/**
 * Man pages built from the commander tree (the same tree --help and the completions come from):
 * casctl(1), casctl-<family>(1), casctl-<family>-<verb>(1), as git and gh name theirs.
 * Each page: NAME, SYNOPSIS, DESCRIPTION (the command's description, then src/man/<page>.md),
 * COMMANDS (families), OPTIONS, EXIT STATUS, ENVIRONMENT, FILES, EXAMPLES, SEE ALSO.
 */
import type { Argument, Command, Option } from 'commander';
import { parseMarkdown, type Block, type ManPage, type Section } from './document.js';
import { ERROR_CODES, EXIT_STATUS, EXIT_STATUS_NOTES } from './exit-status.js';
import { COMMON_ENVIRONMENT, PAGE_ENVIRONMENT, PAGE_FILES, PAGE_SEE_ALSO } from './extras.js';

export interface PageEntry {
  name: string;
  /** words below the root: [] for casctl, ['jwks', 'rotate'] for casctl-jwks-rotate */
  path: string[];
  command: Command;
}

const hidden = (command: Command) => (command as Command & { _hidden?: boolean })._hidden === true;

export function pageName(path: readonly string[]): string {
  return ['casctl', ...path].join('-');
}

/** Every command that gets a page, root first, in the tree's order (commander's help command excluded). */
export function pageEntries(root: Command): PageEntry[] {
  const out: PageEntry[] = [];
  const walk = (command: Command, path: string[]) => {
    out.push({ name: pageName(path), path, command });
    for (const sub of command.commands) {
      if (!hidden(sub) && sub.name() !== 'help') walk(sub, [...path, sub.name()]);
    }
  };
  walk(root, []);
  return out;
}

/** The page a `casctl help --man …` line names: `jwks rotate`, `jwks list` (alias), `casctl-jwks-rotate`. */
export function findEntry(root: Command, words: readonly string[]): PageEntry | undefined {
  const entries = pageEntries(root);
  if (words.length === 1 && words[0]!.startsWith('casctl')) return entries.find((e) => e.name === words[0]);
  let command = root;
  const path: string[] = [];
  for (const word of words) {
    const sub = command.commands.find((c) => c.name() === word || c.aliases().includes(word));
    if (!sub || hidden(sub) || sub.name() === 'help') return undefined;
    command = sub;
    path.push(sub.name());
  }
  return entries.find((e) => e.name === pageName(path));
}

const para = (text: string): Block => ({ kind: 'para', text });
const tagged = (tag: string, ...body: Block[]): Block => ({ kind: 'tagged', tag, body });

/** `-d, --domain <name>` → "`-d`, `--domain` <name>": flags bold, the value placeholder plain. */
function flagsTag(flags: string): string {
  return flags.replace(/(^|[\s,])(--?[A-Za-z0-9][\w-]*)/g, '$1`$2`');
}

function optionBlocks(command: Command, options: readonly Option[]): Block[] {
  const help = command.createHelp();
  return options.filter((o) => !o.hidden).map((o) => tagged(flagsTag(o.flags), para(help.optionDescription(o))));
}

function argumentBlocks(command: Command): Block[] {
  const help = command.createHelp();
  return command.registeredArguments.map((a: Argument) => {
    const name = a.name() + (a.variadic ? '...' : '');
    return tagged(a.required ? `<${name}>` : `[${name}]`, para(help.argumentDescription(a) || a.description || name));
  });
}

/** The text `addHelpText('after', …)` adds under "Examples:", as commander prints it. */
export function helpExamples(command: Command): { text: string; commands: string[] }[] {
  let after = '';
  // commander prints addHelpText('after') text from this event; collect it instead
  (command as unknown as NodeJS.EventEmitter).emit('afterHelp', { error: false, command, write: (s: string) => (after += s) });
  const lines = after.split('\n');
  const start = lines.findIndex((l) => /^Examples?:\s*$/.test(l));
  if (start < 0) return [];
  const examples: { text: string; commands: string[] }[] = [];
  let current: { text: string; commands: string[] } | undefined;
  for (const line of lines.slice(start + 1)) {
    if (line.trim() !== '' && !/^\s/.test(line)) break; // the next block (Exit codes:, Environment:)
    const content = line.trim();
    if (content === '') {
      current = undefined;
      continue;
    }
    if (!current) examples.push((current = { text: '', commands: [] }));
    if (content.startsWith('$ ')) current.commands.push(content);
    else if (current.commands.length > 0) current.commands.push(content); // continuation or output
    else current.text = `${current.text} ${content}`.trim();
  }
  return examples;
}

function exampleBlocks(command: Command): Block[] {
  let examples = helpExamples(command);
  // a family's --help has no examples of its own: its page shows the first of each command's
  if (examples.length === 0) {
    examples = command.commands.filter((c) => !hidden(c) && c.name() !== 'help').flatMap((c) => helpExamples(c).slice(0, 1));
  }
  return examples.flatMap((e) => [
    ...(e.text ? [para(e.text.replace(/:$/, '.'))] : []),
    { kind: 'code' as const, text: e.commands.join('\n') },
  ]);
}

function exitStatusBlocks(entry: PageEntry): Block[] {
  const family = entry.path[0];
  // the cases behind each code are told once, on casctl(1)
  const blocks: Block[] = EXIT_STATUS.map((s) => tagged(`**${s.code}**`, para(family === undefined ? `${s.meaning}: ${s.cases}` : s.meaning)));
  if (family === undefined) blocks.push(...EXIT_STATUS_NOTES.map(para));
  const verb = entry.path.slice(1).join(' ');
  if (family === undefined) {
    blocks.push(
      { kind: 'heading', level: 3, text: 'Error codes shared by every command' },
      para('Under `--json` the `error.code` member names the failure; each command page lists its own codes.'),
      ...ERROR_CODES.shared!.map((row) => tagged(row.codes, para(`exit ${row.exit}: ${row.meaning}`))),
    );
    return blocks;
  }
  const rows = (ERROR_CODES[family] ?? []).filter((row) => !verb || !row.commands || row.commands.some((c) => verb === c || verb.startsWith(`${c} `)));
  if (rows.length > 0) {
    blocks.push(
      { kind: 'heading', level: 3, text: 'Error codes' },
      para(`Besides the codes shared by every command (see **casctl**(1)), ${verb ? `\`casctl ${entry.path.join(' ')}\`` : `the \`${family}\` commands`} can fail with:`),
      ...rows.map((row) => tagged(row.codes, para(`exit ${row.exit}: ${row.meaning}`))),
    );
  }
  return blocks;
}

function seeAlso(entry: PageEntry, all: PageEntry[]): string {
  const names = new Set<string>();
  if (entry.path.length > 0) names.add('casctl');
  if (entry.path.length > 1) names.add(pageName(entry.path.slice(0, -1)));
  for (const other of all) {
    const childOf = other.path.length === entry.path.length + 1 && entry.path.every((w, i) => other.path[i] === w);
    if (childOf) names.add(other.name);
  }
  const pages = [...names].map((n) => `**${n}**(1)`);
  pages.push(...(PAGE_SEE_ALSO[entry.name] ?? []).map((ref) => ref.replace(/^([\w.-]+)\((\d\w*)\)$/, '**$1**($2)')));
  return `${pages.join(', ')}; README.md in the casctl package for set-up and the conventions every command follows.`;
}

function synopsis(entry: PageEntry): string[] {
  const { command, path } = entry;
  const usage = command.usage().replace(/\s+/g, ' ').trim();
  if (path.length === 0) return ['`casctl` [global options] <command> [options]', '`casctl help` [--man] [<command>...]'];
  const lines = [`\`casctl ${path.join(' ')}\` ${usage}`];
  for (const alias of command.aliases()) lines.push(`\`casctl ${[...path.slice(0, -1), alias].join(' ')}\` ${usage}`);
  return lines;
}

export function buildPage(root: Command, entry: PageEntry, prose: string | undefined, version: string): ManPage {
  const { command, path } = entry;
  const all = pageEntries(root);
  const summary = (path.length === 0 ? 'the command-line toolkit for Apereo CAS operators' : command.summary() || command.description().split('\n')[0]!).replace(/\.$/, '');
  const description: Block[] = command
    .description()
    .split(/\n\s*\n/)
    .map((p) => para(p));
  if (command.aliases().length > 0) description.push(para(`Also available as \`casctl ${[...path.slice(0, -1), ...command.aliases()].join(' ')}\`.`));
  if (prose) description.push(...parseMarkdown(prose));

  const subs = command.commands.filter((c) => !hidden(c) && c.name() !== 'help');
  const commands: Block[] = subs.map((sub) =>
    tagged(`\`${sub.name()}\`${sub.aliases().length ? ` (alias ${sub.aliases().map((a) => `\`${a}\``).join(', ')})` : ''}`, para(`${sub.summary() || sub.description().split('\n')[0]}. See **${pageName([...path, sub.name()])}**(1).`)),
  );

  const own = path.length === 0 ? [] : command.options;
  const options: Block[] = [...argumentBlocks(command), ...optionBlocks(command, own)];
  // commander keeps the help flag outside .options
  const helpBlocks = [tagged('`-h`, `--help`', para('show help'))];
  if (path.length === 0) {
    options.push(...optionBlocks(root, root.options), ...helpBlocks);
  } else {
    options.push(...helpBlocks, { kind: 'heading', level: 3, text: 'Global options' }, para('Accepted before or after the command words.'), ...optionBlocks(root, root.options));
  }

  const environment = [...(PAGE_ENVIRONMENT[entry.name] ?? []), ...COMMON_ENVIRONMENT].map(([name, text]) => tagged(`\`${name}\``, para(text)));
  const files = (PAGE_FILES[entry.name] ?? []).map(([name, text]) => tagged(name, para(text)));

  const sections: Section[] = [
    { title: 'DESCRIPTION', blocks: description },
    { title: 'COMMANDS', blocks: commands },
    { title: 'OPTIONS', blocks: options },
    { title: 'EXIT STATUS', blocks: exitStatusBlocks(entry) },
    { title: 'ENVIRONMENT', blocks: environment },
    { title: 'FILES', blocks: files },
    { title: 'EXAMPLES', blocks: exampleBlocks(command) },
    { title: 'SEE ALSO', blocks: [para(seeAlso(entry, all))] },
  ];
  return { name: entry.name, summary, synopsis: synopsis(entry), sections, version, date: '' };
}
