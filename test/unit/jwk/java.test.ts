import { describe, expect, it } from 'vitest';
import { JavaNumberFormatError, javaHashMapOrder, javaIntegerDecode, javaStringHash, javaUrlEncode } from '../../../src/jwk/java.js';

// Expected values were produced by OpenJDK 17 (Integer.decode, HashMap, URLEncoder) and are Java's
// documented behaviour; they are reference vectors, not outputs of the code under test.
const decoded: [string, number][] = [
  ['512', 512], ['0x200', 512], ['0X200', 512], ['#200', 512], ['01000', 512], ['0', 0], ['00', 0],
  ['-0x10', -16], ['+512', 512], ['-8', -8], ['-0', 0], ['2147483647', 2147483647], ['-2147483648', -2147483648],
  ['0x7fffffff', 2147483647], ['-0x80000000', -2147483648], ['0777', 511], ['-#10', -16],
];
const refused: [string, string][] = [
  ['0x', 'For input string: "" under radix 16'],
  ['#', 'For input string: "" under radix 16'],
  ['08', 'For input string: "8" under radix 8'],
  ['09', 'For input string: "9" under radix 8'],
  ['abc', 'For input string: "abc"'],
  ['', 'Zero length string'],
  ['-', 'For input string: "-"'],
  ['+', 'For input string: ""'],
  ['0x-1', 'Sign character in wrong position'],
  ['--1', 'Sign character in wrong position'],
  ['2147483648', 'For input string: "2147483648"'],
  ['0x80000000', 'For input string: "80000000" under radix 16'],
  [' 512', 'For input string: " 512"'],
  ['1e3', 'For input string: "1e3"'],
  ['0b101', 'For input string: "b101" under radix 8'],
  ['0xG', 'For input string: "G" under radix 16'],
];

describe('javaIntegerDecode (Integer.decode)', () => {
  it.each(decoded)('decodes %j as %d', (input, value) => {
    expect(Object.is(javaIntegerDecode(input), value)).toBe(true);
  });
  it.each(refused)('refuses %j with Java\'s message %j', (input, message) => {
    expect(() => javaIntegerDecode(input)).toThrowError(new JavaNumberFormatError(message));
  });
  it('is not JavaScript Number(): no exponent, no binary, no surrounding spaces', () => {
    expect(Number('1e3')).toBe(1000);
    expect(() => javaIntegerDecode('1e3')).toThrow(JavaNumberFormatError);
    expect(javaIntegerDecode('010')).toBe(8);
  });
});

describe('javaHashMapOrder (HashMap iteration of Nimbus JWK members)', () => {
  it('matches String.hashCode', () => {
    expect(javaStringHash('kty')).toBe(106544);
    expect(javaStringHash('keys')).toBe(3288564);
    expect(javaStringHash('hello world')).toBe(1794106052);
  });
  it.each([
    [['kty', 'use', 'alg', 'kid', 'k'], 'kty,use,kid,k,alg'],
    [['kty', 'use', 'alg', 'kid', 'n', 'e', 'd', 'p', 'q', 'dp', 'dq', 'qi'], 'p,kty,q,d,e,use,kid,qi,dp,alg,dq,n'],
    [['kty', 'use', 'alg', 'kid', 'crv', 'x', 'y', 'd'], 'kty,d,use,crv,kid,x,y,alg'],
    [['kty', 'use', 'alg', 'kid', 'crv', 'x', 'd'], 'kty,d,use,crv,kid,x,alg'],
    [['kty', 'kid', 'n', 'e'], 'kty,e,kid,n'],
  ])('orders %j as Java does', (keys, expected) => {
    expect(javaHashMapOrder(keys).join(',')).toBe(expected);
  });
});

describe('javaUrlEncode (URLEncoder.encode, UTF-8)', () => {
  it('keeps unreserved characters, encodes the rest like Java', () => {
    expect(javaUrlEncode('a b+c/d=é~*._-')).toBe('a+b%2Bc%2Fd%3D%C3%A9%7E*._-');
  });
});
