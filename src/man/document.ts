/**
 * A man page as data, the markdown subset the src/man/<page>.md prose is written in, and the two
 * renderers: man(7) roff for dist/man/ and `man`, plain text for hosts without `man`.
 *
 * Markdown subset: paragraphs, `- ` bullets (nested by indentation), `1. ` numbered lists, fenced code
 * blocks, `### ` and `#### ` sub-headings, inline `code`, **bold** and *italic*. Pipe tables are tolerated and
 * rendered preformatted; `[text](url)` links become "text (url)".
 */

export type Block =
  | { kind: 'para'; text: string }
  | { kind: 'heading'; level: 3 | 4; text: string }
  | { kind: 'list'; ordered: boolean; items: ListItem[] }
  | { kind: 'code'; text: string }
  | { kind: 'table'; rows: string[][] }
  /** a term and its body: options, exit codes, variables, files (.TP) */
  | { kind: 'tagged'; tag: string; body: Block[] };

export interface ListItem {
  blocks: Block[];
}

export interface Section {
  title: string;
  blocks: Block[];
}

export interface ManPage {
  name: string;
  /** the one-line summary after NAME's dash */
  summary: string;
  /** one line per form, inline markup allowed */
  synopsis: string[];
  sections: Section[];
  version: string;
  date: string;
}

// ---------------------------------------------------------------------------------------------------
// markdown subset -> blocks

const FENCE = /^(\s*)(```|~~~)/;
const BULLET = /^(\s*)([-*]|\d+[.)])\s+(.*)$/;
const TABLE_ROW = /^\s*\|.*\|\s*$/;
const TABLE_RULE = /^\s*\|[\s:|-]+\|\s*$/;

export function parseMarkdown(source: string): Block[] {
  const lines = source.replace(/\r\n/g, '\n').split('\n');
  return parseLines(lines);
}

function parseLines(lines: string[]): Block[] {
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (line.trim() === '') {
      i++;
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence) {
      const indent = fence[1]!.length;
      const body: string[] = [];
      i++;
      while (i < lines.length && !new RegExp(`^\\s*${fence[2]}\\s*$`).test(lines[i]!)) {
        body.push(lines[i]!.slice(Math.min(indent, lines[i]!.length - lines[i]!.trimStart().length)));
        i++;
      }
      i++; // closing fence
      blocks.push({ kind: 'code', text: body.join('\n') });
      continue;
    }
    const heading = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      blocks.push({ kind: 'heading', level: heading[1]!.length >= 4 ? 4 : 3, text: heading[2]! });
      i++;
      continue;
    }
    if (TABLE_ROW.test(line)) {
      const rows: string[][] = [];
      while (i < lines.length && TABLE_ROW.test(lines[i]!)) {
        if (!TABLE_RULE.test(lines[i]!)) rows.push(splitRow(lines[i]!));
        i++;
      }
      blocks.push({ kind: 'table', rows });
      continue;
    }
    const bullet = BULLET.exec(line);
    if (bullet) {
      const [list, next] = parseList(lines, i, bullet[1]!.length);
      blocks.push(list);
      i = next;
      continue;
    }
    const para: string[] = [];
    while (i < lines.length && lines[i]!.trim() !== '' && !FENCE.test(lines[i]!) && !/^#{1,6}\s/.test(lines[i]!)) {
      if (para.length > 0 && (BULLET.test(lines[i]!) || TABLE_ROW.test(lines[i]!))) break;
      para.push(lines[i]!.trim());
      i++;
    }
    blocks.push({ kind: 'para', text: para.join(' ') });
  }
  return blocks;
}

/** A list starting at `start` whose markers sit at column `indent`; returns it and the next line. */
function parseList(lines: string[], start: number, indent: number): [Block, number] {
  const first = BULLET.exec(lines[start]!)!;
  const ordered = /\d/.test(first[2]!);
  const items: ListItem[] = [];
  let i = start;
  while (i < lines.length) {
    const match = BULLET.exec(lines[i]!);
    if (!match || match[1]!.length !== indent) break;
    const contentIndent = indent + match[2]!.length + 1;
    const body: string[] = [match[3]!];
    i++;
    // the item continues while lines are blank-then-indented or indented deeper than the marker
    while (i < lines.length) {
      const line = lines[i]!;
      const lead = line.length - line.trimStart().length;
      if (line.trim() === '') {
        const next = lines.slice(i + 1).find((l) => l.trim() !== '');
        if (next === undefined || next.length - next.trimStart().length <= indent) break;
        body.push('');
        i++;
        continue;
      }
      if (lead <= indent) break;
      body.push(line.slice(Math.min(contentIndent, lead)));
      i++;
    }
    items.push({ blocks: parseLines(body) });
  }
  return [{ kind: 'list', ordered, items }, i];
}

function splitRow(line: string): string[] {
  const inner = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  const cells: string[] = [];
  let cell = '';
  let code = false;
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i]!;
    if (c === '\\' && inner[i + 1] === '|') {
      cell += '|';
      i++;
    } else if (c === '`') {
      code = !code;
      cell += c;
    } else if (c === '|' && !code) {
      cells.push(cell.trim());
      cell = '';
    } else cell += c;
  }
  cells.push(cell.trim());
  return cells;
}

// ---------------------------------------------------------------------------------------------------
// inline markup: `code`, **bold**, [text](url)

type Span = { text: string; style: 'plain' | 'bold' | 'italic' };

export function inlineSpans(text: string): Span[] {
  const spans: Span[] = [];
  const linked = text.replace(/\[([^\]]+)\]\((https?:[^)]+)\)/g, '$1 ($2)').replace(/\[([^\]]+)\]\(#[^)]*\)/g, '$1');
  // `code`, **bold**, *italic* (a word or words only: `*.crypto.*.key` stays literal)
  const pattern = /`([^`]+)`|\*\*(.+?)\*\*|(?<=^|[\s(])\*([A-Za-z][^*]*?[A-Za-z])\*(?=$|[\s.,;:)])/g;
  let last = 0;
  for (let match = pattern.exec(linked); match; match = pattern.exec(linked)) {
    if (match.index > last) spans.push({ text: linked.slice(last, match.index), style: 'plain' });
    if (match[3] !== undefined) spans.push({ text: match[3], style: 'italic' });
    else spans.push({ text: match[1] ?? match[2]!.replace(/`/g, ''), style: 'bold' });
    last = match.index + match[0].length;
  }
  if (last < linked.length) spans.push({ text: linked.slice(last), style: 'plain' });
  return spans;
}

export function plainInline(text: string): string {
  return inlineSpans(text)
    .map((s) => s.text)
    .join('');
}

// ---------------------------------------------------------------------------------------------------
// roff

/**
 * Characters outside ASCII become glyphs every groff device has (ps, ascii, utf8), so that
 * `groff -man -ww -z` and `man --warnings` stay silent whatever the terminal.
 */
const GLYPHS: Record<string, string> = {
  '…': '...',
  '→': '\\[->]',
  '←': '\\[<-]',
  '⇒': '=>',
  '≥': '\\[>=]',
  '≤': '\\[<=]',
  '×': '\\[mu]',
  '±': '\\[+-]',
  '—': '\\[em]',
  '–': '\\[en]',
  '§': '\\[sc]',
  '·': '.',
  '≈': '~',
  '≡': '==',
  'σ': 'sd',
  '✔': '+',
  '✓': '+',
  '✖': 'x',
  '✘': 'x',
  '“': '"',
  '”': '"',
  '‘': "'",
  '’': "'",
  '\u00a0': '\\ ',
};

function escapeChars(text: string): string {
  let out = '';
  for (const c of text) {
    if (c === '\\') out += '\\e';
    else if (c === '-') out += '\\-';
    else if (c.charCodeAt(0) < 128) out += c;
    else out += GLYPHS[c] ?? '?';
  }
  return out;
}

/** One input line of roff text; a leading . or ' would be read as a request. */
function roffLine(text: string): string {
  return /^[.']/.test(text) ? `\\&${text}` : text;
}

export function roffInline(text: string): string {
  return inlineSpans(text)
    // long literals (JSON, URLs) may break after a comma or slash (\\:), else groff cannot fill the line
    .map((s) =>
      s.style === 'bold'
        ? `\\fB${s.text.length > 30 ? escapeChars(s.text).replace(/([,/])/g, '$1\\:') : escapeChars(s.text)}\\fR`
        : s.style === 'italic'
          ? `\\fI${escapeChars(s.text)}\\fR`
          : escapeChars(s.text),
    )
    .join('');
}

function roffText(text: string): string {
  return roffLine(roffInline(text.replace(/\s+/g, ' ').trim()));
}

function roffPreformatted(text: string): string[] {
  return ['.PP', '.RS 4', '.nf', ...text.split('\n').map((l) => roffLine(escapeChars(l))), '.fi', '.RE'];
}

export function tableLines(rows: string[][]): string[] {
  const plain = rows.map((r) => r.map(plainInline));
  const widths: number[] = [];
  for (const row of plain) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, [...cell].length)));
  return plain.map((row) =>
    row
      .map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat(widths[i]! - [...cell].length)))
      .join('  ')
      .trimEnd(),
  );
}

function roffBlocks(blocks: Block[]): string[] {
  const out: string[] = [];
  for (const block of blocks) {
    switch (block.kind) {
      case 'para':
        out.push('.PP', roffText(block.text));
        break;
      case 'heading':
        out.push(block.level === 3 ? `.SS ${roffQuoted(block.text)}` : '.PP', ...(block.level === 4 ? [`\\fB${roffInline(block.text)}\\fR`] : []));
        break;
      case 'code':
        out.push(...roffPreformatted(block.text));
        break;
      case 'table':
        out.push(...roffPreformatted(tableLines(block.rows).join('\n')));
        break;
      case 'list':
        block.items.forEach((item, n) => {
          const [first, ...rest] = item.blocks;
          out.push(block.ordered ? `.IP ${n + 1}. 4` : '.IP \\(bu 2');
          if (first?.kind === 'para') out.push(roffText(first.text));
          else if (first) rest.unshift(first);
          if (rest.length > 0) out.push(`.RS ${block.ordered ? 4 : 2}`, ...roffBlocks(rest), '.RE');
        });
        out.push('.PP');
        break;
      case 'tagged': {
        const [first, ...rest] = block.body;
        out.push('.TP', roffLine(roffInline(block.tag)));
        if (first?.kind === 'para') out.push(roffText(first.text));
        else if (first) rest.unshift(first);
        if (rest.length > 0) out.push('.RS', ...roffBlocks(rest), '.RE');
        break;
      }
    }
  }
  // a .PP directly before another paragraph macro is redundant (and .PP .SS warns under -ww)
  return out.filter((line, i) => !(line === '.PP' && /^\.(PP|SS|SH|TP|IP)\b/.test(out[i + 1] ?? '.PP')));
}

function roffQuoted(text: string): string {
  return `"${roffInline(text).replace(/"/g, '\\(dq')}"`;
}

export function renderRoff(page: ManPage): string {
  const lines: string[] = [
    `.\\" ${page.name}(1): generated from the casctl command tree and src/man/${page.name}.md; do not edit`,
    `.TH ${page.name.toUpperCase().replace(/-/g, '\\-')} 1 "${page.date}" "casctl ${page.version}" "casctl manual"`,
    // no hyphenation and ragged right: option names and CAS setting names must stay whole
    '.nh',
    '.ad l',
    '.SH NAME',
    `${escapeChars(page.name)} \\- ${roffInline(page.summary)}`,
    '.SH SYNOPSIS',
    '.nf',
    ...page.synopsis.map((s) => roffLine(roffInline(s))),
    '.fi',
  ];
  for (const section of page.sections) {
    if (section.blocks.length === 0) continue;
    lines.push(`.SH ${section.title}`, ...roffBlocks(section.blocks));
  }
  // a trailing .PP or .RE pair that closes nothing is harmless; a trailing blank paragraph is not emitted
  while (lines[lines.length - 1] === '.PP') lines.pop();
  return `${lines.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------------
// plain text, for `casctl help --man` where no `man` is installed

const WIDTH = 80;

function wrap(text: string, indent: number, first = indent): string[] {
  const words = text.replace(/\s+/g, ' ').trim().split(' ');
  const lines: string[] = [];
  let line = ' '.repeat(first);
  let empty = true;
  for (const word of words) {
    if (!empty && line.length + 1 + word.length > WIDTH) {
      lines.push(line);
      line = ' '.repeat(indent) + word;
    } else {
      line += (empty ? '' : ' ') + word;
    }
    empty = false;
  }
  lines.push(line);
  return lines;
}

function textBlocks(blocks: Block[], indent: number): string[] {
  const out: string[] = [];
  for (const block of blocks) {
    switch (block.kind) {
      case 'para':
        out.push(...wrap(plainInline(block.text), indent), '');
        break;
      case 'heading':
        out.push(' '.repeat(Math.max(indent - 4, 0)) + plainInline(block.text), '');
        break;
      case 'code':
        out.push(...block.text.split('\n').map((l) => ' '.repeat(indent + 4) + l), '');
        break;
      case 'table':
        out.push(...tableLines(block.rows).map((l) => ' '.repeat(indent + 4) + l), '');
        break;
      case 'list':
        block.items.forEach((item, n) => {
          const marker = block.ordered ? `${n + 1}. ` : '- ';
          const [first, ...rest] = item.blocks;
          if (first?.kind === 'para') {
            const lines = wrap(plainInline(first.text), indent + marker.length, indent);
            lines[0] = ' '.repeat(indent) + marker + lines[0]!.trimStart();
            out.push(...lines);
          } else if (first) rest.unshift(first);
          const nested = textBlocks(rest, indent + marker.length);
          out.push(...(nested[nested.length - 1] === '' ? nested.slice(0, -1) : nested));
        });
        out.push('');
        break;
      case 'tagged':
        out.push(' '.repeat(indent) + plainInline(block.tag), ...textBlocks(block.body, indent + 7));
        break;
    }
  }
  return out;
}

export function renderText(page: ManPage): string {
  const out = [`${page.name.toUpperCase()}(1)`, '', 'NAME', ...wrap(`${page.name} - ${plainInline(page.summary)}`, 7), '', 'SYNOPSIS'];
  out.push(...page.synopsis.map((s) => `       ${plainInline(s)}`), '');
  for (const section of page.sections) {
    if (section.blocks.length === 0) continue;
    out.push(section.title, ...textBlocks(section.blocks, 7));
  }
  out.push(`casctl ${page.version}`.padEnd(40) + page.date.padStart(WIDTH - 40));
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n')}\n`;
}
