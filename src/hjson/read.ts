/**
 * Reading a document the way CAS's hjson-java `JsonValue.readHjson` does, shared by `account lint` and
 * `service lint`: the `hjson` package judges the syntax (its messages are the ones users know), the
 * positioned tree gives every key and value its line and column, and the parts a plain parse hides
 * (raw control characters in strings, which hjson-java rejects) are reported.
 */
import { HjsonTreeError, parseHjsonTree, type HjsonNode, type Position } from './hjson-tree.js';

/** Control characters and very long text make terminal output unreadable: escape and cut. */
export function printable(text: string, max = 160): string {
  // eslint-disable-next-line no-control-regex
  const escaped = text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\ufffd]/g, (c) =>
    c === '\ufffd' ? '\\ufffd' : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
  return escaped.length > max ? `${escaped.slice(0, max)}…` : escaped;
}

export interface HjsonSyntaxError {
  /** "not valid Hjson: …" */
  message: string;
  line?: number;
  column?: number;
  hint?: string;
  /** the source line (or a window of it) and the 1-based column of the error in it */
  excerpt?: { text: string; column: number };
}

/** Turns the hjson package's exception into a message, a position and an excerpt with a caret column. */
export function describeSyntaxError(error: unknown, text: string): HjsonSyntaxError {
  const raw =
    error instanceof RangeError ? 'the document is nested too deeply (hjson-java, the reader CAS uses, stops at depth 1000)' : ((error as Error)?.message ?? String(error));
  const match = /^(.*?) at line (\d+),(\d+) >>>/s.exec(raw);
  const message = printable((match ? match[1]! : raw).replace(/\s*\(check your syntax[^)]*\)/, ''), 200);
  const hint = (error as { hint?: string }).hint;
  const result: HjsonSyntaxError = { message: `not valid Hjson: ${message}` };
  if (match) {
    result.line = Number(match[2]);
    result.column = Math.max(1, Number(match[3]));
  }
  if (hint) result.hint = printable(hint.replace(/\s+/g, ' '), 200);
  const lines = result.line ? text.split('\n', result.line) : [];
  const source = result.line ? lines[result.line - 1]?.replace(/\r$/, '') : undefined;
  if (source === undefined || !result.column) return result;
  // A window of the line around the column, escaped for the terminal, with the caret position recomputed.
  const start = Math.max(0, result.column - 1 - 60);
  const before = `${start > 0 ? '…' : ''}${printable(source.slice(start, result.column - 1), 200)}`;
  const after = printable(source.slice(result.column - 1, result.column - 1 + 60), 200);
  const tail = source.length > result.column - 1 + 60 ? '…' : '';
  result.excerpt = { text: `${before}${after}${tail}`, column: before.length + 1 };
  return result;
}

export type HjsonReading =
  | { ok: true; root: HjsonNode; plain: unknown; controlCharacters: { at: Position; char: string }[] }
  | { ok: false; syntax: HjsonSyntaxError };

/** Parses Hjson text as CAS does; the tree keeps positions (or, in the rare case it cannot, position 0:0). */
export async function readHjson(text: string): Promise<HjsonReading> {
  const { default: Hjson } = await import('hjson');
  let plain: unknown;
  try {
    plain = Hjson.parse(text);
  } catch (error) {
    return { ok: false, syntax: describeSyntaxError(error, text) };
  }
  const controlCharacters: { at: Position; char: string }[] = [];
  let root: HjsonNode;
  try {
    root = parseHjsonTree(text, { onControlCharacter: (at, char) => controlCharacters.push({ at, char }) });
  } catch (error) {
    // The hjson package accepted the text: a position-less tree still lets every check run.
    if (!(error instanceof HjsonTreeError) && !(error instanceof RangeError)) throw error;
    root = treeOf(plain);
  }
  return { ok: true, root, plain, controlCharacters };
}

/** A tree without positions (line 0) from a plain value. */
export function treeOf(value: unknown): HjsonNode {
  const start = { line: 0, column: 0 };
  if (Array.isArray(value)) return { kind: 'array', start, items: value.map(treeOf) };
  if (value !== null && typeof value === 'object') {
    return { kind: 'object', start, entries: Object.entries(value).map(([key, v]) => ({ key, keyStart: start, value: treeOf(v) })) };
  }
  const kind = value === null ? 'null' : typeof value === 'number' ? 'number' : typeof value === 'boolean' ? 'boolean' : 'string';
  return { kind, start, value: value as string | number | boolean | null, quoted: kind === 'string' };
}
