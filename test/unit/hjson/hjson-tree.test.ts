import Hjson from 'hjson';
import { describe, expect, it } from 'vitest';
import { parseHjsonTree, plainValue, type ObjectNode } from '../../../src/hjson/hjson-tree.js';
import { defaultRegistrationProperties } from '../../../src/account/registration-properties.js';

// The positioned tree must read every document exactly as the hjson package does (which mirrors hjson-java).
const SAMPLES = [
  defaultRegistrationProperties(),
  '{}',
  '[]',
  'a: 1\nb: two words, with commas\nc: true',
  "{\n  # comment\n  a: 'single'\n  // another\n  b: \"x\\ty\\u0041\"\n  /* block */ c: [1, 2,\n 3]\n}",
  "{\n  text:\n    '''\n    line one\n      line two\n    '''\n  n: -0.5e3\n}",
  '{ a: 1, b: null, c: false, d: 01, e: 1., f: -, g: 5 # trailing comment\n}',
  '"just a string"',
  '{\n "@class": java.util.HashMap\n x: {\n  y: [\n   java.util.ArrayList\n   [\n    a\n    b\n   ]\n  ]\n }\n}',
  '{ dup: 1, dup: 2 }',
];

describe('parseHjsonTree', () => {
  it.each(SAMPLES.map((s, i) => [i, s]))('reads sample %i as hjson does', (_i, text) => {
    expect(() => Hjson.parse(text)).not.toThrow();
    expect(plainValue(parseHjsonTree(text))).toEqual(Hjson.parse(text));
  });

  it('records 1-based line and column of keys and values', () => {
    const root = parseHjsonTree('{\n  "a": 1,\n    b: {\n      c: x\n    }\n}') as ObjectNode;
    expect(root.start).toEqual({ line: 1, column: 1 });
    expect(root.entries[0]!.keyStart).toEqual({ line: 2, column: 3 });
    expect(root.entries[0]!.value.start).toEqual({ line: 2, column: 8 });
    const b = root.entries[1]!;
    expect(b.keyStart).toEqual({ line: 3, column: 5 });
    expect((b.value as ObjectNode).entries[0]!.keyStart).toEqual({ line: 4, column: 7 });
  });

  it('keeps duplicate keys (hjson-java does; the last one wins after Jackson)', () => {
    const root = parseHjsonTree('{ dup: 1\n dup: 2 }') as ObjectNode;
    expect(root.entries.map((e) => [e.key, e.keyStart.line])).toEqual([
      ['dup', 1],
      ['dup', 2],
    ]);
  });

  it('tells quoted strings from quoteless values', () => {
    const root = parseHjsonTree('{ a: "1", b: 1, c: x\n}') as ObjectNode;
    expect(root.entries.map((e) => [e.value.kind, 'quoted' in e.value && e.value.quoted])).toEqual([
      ['string', true],
      ['number', false],
      ['string', false],
    ]);
  });
});
