/**
 * A positioned reading of an Hjson document: the same grammar as hjson-js (`lib/hjson-parse.js`, which
 * mirrors hjson-java's `JsonValue.readHjson`, the reader CAS uses), but every key and value keeps its
 * line and column so that lint findings can point into the file. The `hjson` package stays the judge
 * of syntax (its messages are the ones users know); this tree only adds positions and sees what a
 * plain parse hides, such as duplicate keys (the last one wins in CAS).
 */

export interface Position {
  /** 1-based line */
  line: number;
  /** 1-based column (UTF-16 code units, as editors count for BMP text) */
  column: number;
}

interface Base {
  start: Position;
}
export interface ObjectNode extends Base {
  kind: 'object';
  entries: ObjectEntry[];
}
export interface ObjectEntry {
  key: string;
  keyStart: Position;
  value: HjsonNode;
}
export interface ArrayNode extends Base {
  kind: 'array';
  items: HjsonNode[];
}
export interface ScalarNode extends Base {
  kind: 'string' | 'number' | 'boolean' | 'null';
  value: string | number | boolean | null;
  /** true for "…", '…' and '''…''' strings; false for quoteless values */
  quoted: boolean;
}
export type HjsonNode = ObjectNode | ArrayNode | ScalarNode;

export class HjsonTreeError extends Error {
  constructor(
    message: string,
    readonly position: Position,
  ) {
    super(message);
  }
}

const isPunctuator = (c: string) => c === '{' || c === '}' || c === '[' || c === ']' || c === ',' || c === ':';

const ESCAPES: Record<string, string> = { '"': '"', "'": "'", '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** Numbers in quoteless position, exactly as hjson-common's tryParseNumber reads them. */
function tryParseNumber(text: string): number | undefined {
  let i = 0;
  let ch = text.charAt(i++);
  let literal = '';
  let leadingZeros = 0;
  let testLeading = true;
  const next = () => (ch = text.charAt(i++));
  if (ch === '-') {
    literal = '-';
    ch = next();
  }
  while (ch >= '0' && ch <= '9') {
    if (testLeading) {
      if (ch === '0') leadingZeros++;
      else testLeading = false;
    }
    literal += ch;
    ch = next();
  }
  if (testLeading) leadingZeros--; // a single 0 is allowed
  if (ch === '.') {
    literal += '.';
    while (next() && ch >= '0' && ch <= '9') literal += ch;
  }
  if (ch === 'e' || ch === 'E') {
    literal += ch;
    ch = next();
    if (ch === '-' || ch === '+') {
      literal += ch;
      ch = next();
    }
    while (ch >= '0' && ch <= '9') {
      literal += ch;
      ch = next();
    }
  }
  while (ch && ch <= ' ') next();
  const number = +literal;
  if (ch || leadingZeros !== 0 || !Number.isFinite(number)) return undefined;
  return number;
}

export interface TreeOptions {
  /**
   * Called for a raw control character (below U+0020) inside a quoted string: hjson-js accepts all but
   * CR/LF there, while hjson-java (`HjsonParser#readStringInternal`, CAS's reader) rejects every one.
   */
  onControlCharacter?: (position: Position, char: string) => void;
}

export function parseHjsonTree(text: string, options: TreeOptions = {}): HjsonNode {
  let at = 0;
  let ch = ' ';
  // Line starts, for turning an offset into a position without rescanning.
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);

  const positionOf = (offset: number): Position => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - lineStarts[lo]! + 1 };
  };
  // `ch` is text[at - 1]
  const here = () => positionOf(Math.max(0, at - 1));
  const fail = (message: string): never => {
    throw new HjsonTreeError(message, here());
  };
  const next = () => {
    ch = text.charAt(at);
    at++;
    return ch;
  };
  const peek = (offset: number) => text.charAt(at + offset);

  function white(): void {
    while (ch) {
      while (ch && ch <= ' ') next();
      if (ch === '#' || (ch === '/' && peek(0) === '/')) {
        while (ch && ch !== "\n") ch = next();
      } else if (ch === '/' && peek(0) === '*') {
        ch = next();
        ch = next();
        while (ch && !(ch === '*' && peek(0) === '/')) next();
        if (ch) {
          ch = next();
          ch = next();
        }
      } else break;
    }
  }

  function string(allowMultiline: boolean): string {
    let value = '';
    const exit = ch;
    while (next()) {
      if (ch === exit) {
        ch = next();
        if (allowMultiline && exit === "'" && ch === "'" && value.length === 0) {
          ch = next();
          return multilineString();
        }
        return value;
      }
      if (ch === '\\') {
        ch = next();
        if (ch === 'u') {
          let code = 0;
          for (let i = 0; i < 4; i++) {
            ch = next();
            const digit = parseInt(ch, 16);
            if (Number.isNaN(digit)) fail(`Bad \\u char ${ch}`);
            code = code * 16 + digit;
          }
          value += String.fromCharCode(code);
        } else if (ESCAPES[ch] !== undefined) {
          value += ESCAPES[ch];
        } else break;
      } else if (ch === '\n' || ch === '\r') {
        fail('Bad string containing newline');
      } else {
        if (ch < ' ') options.onControlCharacter?.(here(), ch);
        value += ch;
      }
    }
    return fail('Bad string');
  }

  function multilineString(): string {
    let value = '';
    let triple = 0;
    let indent = 0;
    for (;;) {
      const c = peek(-indent - 5);
      if (!c || c === '\n') break;
      indent++;
    }
    const skipIndent = () => {
      let skip = indent;
      while (ch && ch <= ' ' && ch !== '\n' && skip-- > 0) next();
    };
    while (ch && ch <= ' ' && ch !== '\n') next();
    if (ch === '\n') {
      ch = next();
      skipIndent();
    }
    for (;;) {
      if (!ch) fail('Bad multiline string');
      else if (ch === "'") {
        triple++;
        ch = next();
        if (triple === 3) {
          if (value.endsWith('\n')) value = value.slice(0, -1);
          return value;
        }
        continue;
      } else {
        while (triple > 0) {
          value += "'";
          triple--;
        }
      }
      if (ch === '\n') {
        value += '\n';
        ch = next();
        skipIndent();
      } else {
        if (ch !== '\r') value += ch;
        ch = next();
      }
    }
  }

  function keyName(): string {
    if (ch === '"' || ch === "'") return string(false);
    let name = '';
    let space = -1;
    for (;;) {
      if (ch === ':') {
        if (!name) fail("Found ':' but no key name");
        else if (space >= 0 && space !== name.length) fail('Found whitespace in your key name');
        return name;
      } else if (ch <= ' ') {
        if (!ch) fail('Found EOF while looking for a key name');
        else if (space < 0) space = name.length;
      } else if (isPunctuator(ch)) {
        fail(`Found '${ch}' where a key name was expected`);
      } else {
        name += ch;
      }
      ch = next();
    }
  }

  function quoteless(start: Position): ScalarNode {
    let value = ch;
    if (isPunctuator(ch)) fail(`Found a punctuator character '${ch}' when expecting a quoteless string`);
    for (;;) {
      ch = next();
      const eol = ch === '\r' || ch === '\n' || ch === '';
      if (eol || ch === ',' || ch === '}' || ch === ']' || ch === '#' || (ch === '/' && (peek(0) === '/' || peek(0) === '*'))) {
        const trimmed = value.trim();
        if (trimmed === 'false' || trimmed === 'true') return { kind: 'boolean', value: trimmed === 'true', quoted: false, start };
        if (trimmed === 'null') return { kind: 'null', value: null, quoted: false, start };
        const first = value[0]!;
        if (first === '-' || (first >= '0' && first <= '9')) {
          const number = tryParseNumber(value);
          if (number !== undefined) return { kind: 'number', value: number, quoted: false, start };
        }
        if (eol) return { kind: 'string', value: trimmed, quoted: false, start };
      }
      value += ch;
    }
  }

  function array(): ArrayNode {
    const node: ArrayNode = { kind: 'array', items: [], start: here() };
    ch = next();
    white();
    if (ch === ']') {
      ch = next();
      return node;
    }
    while (ch) {
      node.items.push(value());
      white();
      if (ch === ',') {
        ch = next();
        white();
      }
      if (ch === ']') {
        ch = next();
        return node;
      }
      white();
    }
    return fail("End of input while parsing an array (missing ']')");
  }

  function object(withoutBraces: boolean): ObjectNode {
    const node: ObjectNode = { kind: 'object', entries: [], start: here() };
    if (!withoutBraces) next();
    white();
    if (ch === '}' && !withoutBraces) {
      ch = next();
      return node;
    }
    while (ch) {
      const keyStart = here();
      const key = keyName();
      white();
      if (ch !== ':') fail(`Expected ':' instead of '${ch}'`);
      ch = next();
      node.entries.push({ key, keyStart, value: value() });
      white();
      if (ch === ',') {
        ch = next();
        white();
      }
      if (ch === '}' && !withoutBraces) {
        ch = next();
        return node;
      }
      white();
    }
    if (withoutBraces) return node;
    return fail("End of input while parsing an object (missing '}')");
  }

  function value(): HjsonNode {
    white();
    const start = here();
    switch (ch) {
      case '{':
        return object(false);
      case '[':
        return array();
      case "'":
      case '"':
        return { kind: 'string', value: string(true), quoted: true, start };
      default:
        return quoteless(start);
    }
  }

  function checkTrailing(node: HjsonNode): HjsonNode {
    white();
    if (ch) fail('Syntax error, found trailing characters');
    return node;
  }

  // Braces around the root object are optional (hjson's legacy root, also hjson-java's).
  white();
  if (ch === '{') return checkTrailing(object(false));
  if (ch === '[') return checkTrailing(array());
  const mark = { at, ch };
  try {
    return checkTrailing(object(true));
  } catch (error) {
    at = mark.at;
    ch = mark.ch;
    try {
      return checkTrailing(value());
    } catch {
      throw error;
    }
  }
}

/** The plain value of a node (what `Hjson.parse` returns; duplicate keys: the last wins). */
export function plainValue(node: HjsonNode): unknown {
  switch (node.kind) {
    case 'object': {
      const result: Record<string, unknown> = {};
      for (const entry of node.entries) result[entry.key] = plainValue(entry.value);
      return result;
    }
    case 'array':
      return node.items.map(plainValue);
    default:
      return node.value;
  }
}
