/**
 * casctl's reading of Java regular expressions, judged by Java itself (javac + java from the JDK):
 * every pair here is built so that JavaScript's own engine, or a naive translation, would answer
 * differently from `Pattern.compile(p, CASE_INSENSITIVE).matcher(url).matches()`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileJavaRegex } from '../../../src/service/java-regex.js';
import { JavaRegexOracle } from '../../helpers/java-regex-oracle.js';

/** [pattern, input] pairs; input undefined = compile only */
export const DIFFERING_PAIRS: [string, string | undefined][] = [
  // case-insensitivity is ASCII only in Java (JavaScript's i flag folds é/É, ſ/s, K/k (Kelvin))
  ['é', 'É'],
  ['[é]', 'É'],
  ['café', 'CAFÉ'],
  ['https://app\\.example\\.org/.*', 'HTTPS://APP.EXAMPLE.ORG/x'],
  ['s', 'ſ'],
  ['k', '\u212a'],
  ['[a-z]+', 'ABC'],
  ['[K-a]', 'z'],
  ['[^a]', 'A'],
  ['[[a-z]&&[^c]]', 'C'],
  ['\\p{Lower}+', 'AB'],
  ['\\p{javaLowerCase}+', 'ÉÉ'],
  ['\\p{javaLowerCase}', 'ǅ'],
  ['\\p{Ll}', 'A'],
  ['\\P{Lu}', 'a'],
  ['\\p{IsLatin}+', 'Abc'],
  ['\\p{Lower}', 'é'],
  ['(?-i)a', 'A'],
  ['(?-i)(a(?i)b)c', 'aBC'],
  ['(?-i)a|(?i)b|c', 'C'],
  ['(?-i:a)b', 'AB'],
  // possessive quantifiers and atomic groups (JavaScript has neither)
  ['a++b', 'aab'],
  ['a++a', 'aaa'],
  ['.*+x', 'abx'],
  ['(?>a+)b', 'aab'],
  ['(?>a|ab)c', 'abc'],
  ['a{1,2}+a', 'aa'],
  ['a?+a', 'a'],
  // \Q…\E quoting
  ['\\Qa.b\\E', 'A.B'],
  ['\\Qa.b\\E', 'axb'],
  ['https://\\Qapp.example.org\\E/.*', 'https://app.example.org/x'],
  ['\\Qab', 'AB'],
  ['[\\Q]\\E]', ']'],
  // Java's syntax errors that JavaScript (without u) accepts
  ['a{', undefined],
  ['{foo}', undefined],
  ['https://app.example.org/{id}', undefined],
  ['\\y', undefined],
  ['a\\E', undefined],
  ['x{,3}', undefined],
  ['a{3,1}', undefined],
  ['[z-a]', undefined],
  ['[a-\\w]', undefined],
  ['[]', undefined],
  ['(?#c)', undefined],
  ['(?<1a>x)', undefined],
  ['\\k<n>', undefined],
  ['[\\b]', undefined],
  ['a**', undefined],
  ['*a', undefined],
  ['https://(app|www.example.org/.*', undefined],
  ['https://app)\\.example\\.org', undefined],
  ['\\p{LowercaseLetter}', undefined],
  // what Java accepts and JavaScript (u/v) rejects
  ['a*{2}', 'aaa'],
  ['{2}a', 'a'],
  ['x]', 'x]'],
  ['x}', 'x}'],
  ['[]a]', ']'],
  ['[^]a]', 'b'],
  ['[a-]', '-'],
  ['[\\w-.]+', 'a-.'],
  ['[a&&]', 'a'],
  ['[&&a]', 'a'],
  ['[^a-c&&b]', 'a'],
  ['[^a[b]]', 'b'],
  ['[^a[b]]', 'c'],
  ['\\9', '9'],
  ['(a)\\2', 'a'],
  ['\\0101', 'A'],
  ['\\x41', 'a'],
  ['\\x{41}', 'A'],
  ['\\u00e9', 'É'],
  ['\\u00e9', 'é'],
  ['\\e', '\u001b'],
  ['\\cA', '\u0001'],
  ['[[:alpha:]]+', ':alph'],
  ['(?x) a b # comment', 'ab'],
  ['(?x)[a b]', ' '],
  ['(?<name>x)y', 'XY'],
  ['(?-i)(a)(b)\\20', 'abb0'],
  ['(?-i)(a)\\1', 'aa'],
  ['(\\d)\\1', '11'],
  // line terminators: Java's . excludes U+0085 too; $ matches before a final terminator, \s is ASCII
  ['.', '\u0085'],
  ['(?s).', '\n'],
  ['a$', 'a\n'],
  ['a$\\n', 'a\n'],
  ['a$\\r\\n', 'a\r\n'],
  ['a\\Z\\n', 'a\n'],
  ['\\s', '\u00a0'],
  ['\\s', '\u000b'],
  ['\\w', 'é'],
  ['\\d', '٣'],
  ['\\h', '\u00a0'],
  ['\\v', '\u0085'],
  ['\\R\\n', '\r\n'],
  ['\\R', '\r\n'],
  ['(?m)a$\\n^b', 'a\nb'],
  ['😀+', '😀😀'],
  ['.', '😀'],
  ['[😀]', '😀'],
  // usual service ids
  ['^https://app\\.example\\.org(/.*)?$', 'https://app.example.org'],
  ['^(https|imaps)://.*', 'imaps://mail.example.org'],
  ['https://app.example.org', 'https://appXexample.org'],
  ['https://app\\.example\\.org', 'https://app.example.org/login'],
];

let oracle: JavaRegexOracle;
beforeAll(() => {
  oracle = JavaRegexOracle.compile();
});
afterAll(() => oracle?.dispose());

describe('Java regex translation against java.util.regex', () => {
  it('gives Java’s answer for every pair built to differ', () => {
    const verdicts = oracle.judge(DIFFERING_PAIRS.map(([pattern, url]) => ({ pattern, ...(url !== undefined ? { url } : {}) })));
    const disagreements: string[] = [];
    let compared = 0;
    DIFFERING_PAIRS.forEach(([pattern, url], index) => {
      const java = verdicts[index]!;
      const ours = compileJavaRegex(pattern);
      if (!ours.ok && ours.kind === 'untranslatable') {
        disagreements.push(`${JSON.stringify(pattern)}: casctl cannot translate (${ours.message}); Java: ${java.valid ? 'valid' : java.message}`);
        return;
      }
      compared++;
      if (java.valid !== ours.ok) {
        disagreements.push(`${JSON.stringify(pattern)}: Java ${java.valid ? 'accepts' : `rejects (${java.message})`}, casctl ${ours.ok ? 'accepts' : `rejects (${ours.message})`}`);
        return;
      }
      if (!java.valid || !ours.ok) {
        expect(ours.ok ? '' : ours.message).toBe(java.valid ? '' : java.message);
        return;
      }
      if (url !== undefined && ours.full.test(url) !== java.matches) {
        disagreements.push(`${JSON.stringify(pattern)} ~ ${JSON.stringify(url)}: Java ${java.matches ? 'matches' : 'does not match'}, casctl ${java.matches ? 'does not' : 'does'} (${ours.source})`);
      }
    });
    expect(disagreements).toEqual([]);
    expect(compared).toBe(DIFFERING_PAIRS.length);
  });

  it('reports what it cannot translate instead of guessing', () => {
    for (const pattern of ['\\p{InGreek}', '(?u)é', '\\X', '\\b{g}', '(a)\\1', '\\N{LATIN SMALL LETTER A}', '(?U)\\w']) {
      const result = compileJavaRegex(pattern);
      expect(result.ok, pattern).toBe(false);
      expect(!result.ok && result.kind, pattern).toBe('untranslatable');
    }
    // and Java does accept each of them
    const verdicts = oracle.judge(['\\p{InGreek}', '(?u)é', '\\X', '\\b{g}', '(a)\\1', '\\N{LATIN SMALL LETTER A}', '(?U)\\w'].map((pattern) => ({ pattern })));
    expect(verdicts.every((v) => v.valid)).toBe(true);
  });

  it('matches the whole URL (matches()), and finds a part for PartialRegex (find())', () => {
    const r = compileJavaRegex('https://app\\.example\\.org');
    expect(r.ok && r.full.test('https://app.example.org/login')).toBe(false);
    expect(r.ok && r.partial.test('https://app.example.org/login')).toBe(true);
  });
});
