import { describe, expect, it } from 'vitest';
import { gsonPretty, gsonString } from '../../../src/jwk/gson.js';

// Expected texts are what Gson 2.10 (`new GsonBuilder().setPrettyPrinting().create()`) printed for the same input.
describe('gsonPretty', () => {
  it('escapes HTML characters, = and control characters as Gson does', () => {
    expect(gsonString('sig-1=<>&\'"\\\u0001\t/é\u2028')).toBe('"sig-1\\u003d\\u003c\\u003e\\u0026\\u0027\\"\\\\\\u0001\\t/é\\u2028"');
  });
  it('prints nested objects and arrays with two-space indent, empty ones inline, nulls dropped from objects', () => {
    expect(gsonPretty({ a: [], b: {}, c: null, d: [1, null, true] })).toBe('{\n  "a": [],\n  "b": {},\n  "d": [\n    1,\n    null,\n    true\n  ]\n}');
  });
  it('wraps a key set the way the jar prints -S', () => {
    expect(gsonPretty({ keys: [{ kty: 'oct', k: 'AA' }] })).toBe('{\n  "keys": [\n    {\n      "kty": "oct",\n      "k": "AA"\n    }\n  ]\n}');
  });
});
