/**
 * Checks a registration field's `pattern`. CAS hands it to the browser as the input's HTML `pattern`
 * attribute, which browsers compile as JavaScript `^(?:pattern)$` with the `v` flag (HTML spec, since
 * 2023: Chrome 112, Firefox 116, Safari 17); a pattern that does not compile there is silently ignored,
 * so the field is not checked at all. Patterns written for Java (`java.util.regex.Pattern`) often use
 * syntax JavaScript lacks or reads differently: these are reported by name.
 */

export interface PatternIssue {
  severity: 'error' | 'warning';
  code: 'pattern-java-only' | 'pattern-invalid' | 'pattern-not-v-compatible' | 'pattern-empty';
  message: string;
  hint?: string;
}

/** Java's POSIX-style `\p{…}` names; JavaScript has none of them. */
const POSIX_CLASSES = new Set(['Lower', 'Upper', 'ASCII', 'Alpha', 'Digit', 'Alnum', 'Punct', 'Graph', 'Print', 'Blank', 'Cntrl', 'XDigit', 'Space']);

/** Escapes that exist in Java only (JavaScript reads them as a plain letter, or rejects them with the u/v flag). */
const JAVA_ONLY_ESCAPES: Record<string, string> = {
  A: 'beginning of input',
  z: 'end of input',
  Z: 'end of input before a final line terminator',
  G: 'end of the previous match',
  R: 'any line break',
  X: 'an extended grapheme cluster',
  h: 'a horizontal white space',
  H: 'a non-horizontal white space',
  e: 'the escape character',
  a: 'the bell character',
};

function javaOnlyConstructs(pattern: string): string[] {
  const found: string[] = [];
  const add = (text: string) => {
    if (!found.includes(text)) found.push(text);
  };
  let classDepth = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      const e = pattern[i + 1];
      if (e === undefined) break;
      if (e === 'Q') {
        add('\\Q…\\E quoting');
        const end = pattern.indexOf('\\E', i + 2);
        i = end === -1 ? pattern.length : end + 1;
        continue;
      }
      if (JAVA_ONLY_ESCAPES[e]) add(`\\${e} (${JAVA_ONLY_ESCAPES[e]})`);
      else if (e === 'p' || e === 'P') {
        const braced = /^\{([^}]*)\}/.exec(pattern.slice(i + 2));
        if (!braced) add(`\\${e}${pattern[i + 2] ?? ''} (a one-letter property without braces)`);
        else {
          const name = braced[1]!;
          if (/^java/.test(name) || /^(Is|In)[A-Z]/.test(name) || POSIX_CLASSES.has(name) || /^(block|blk)=/i.test(name)) {
            add(`\\${e}{${name}}`);
          }
          i += braced[0].length;
        }
      } else if (e === 'x' && pattern[i + 2] === '{') add('\\x{…} (a code point in braces)');
      i++;
      continue;
    }
    if (classDepth > 0) {
      if (c === '[') classDepth++;
      else if (c === ']') classDepth--;
      else if (c === '&' && pattern[i + 1] === '&') {
        add('&& (character class intersection, e.g. [a-z&&[^aeiou]])');
        i++;
      }
      continue;
    }
    if (c === '[') {
      classDepth = 1;
      // A leading ] or ^] is a literal in Java's classes.
      if (pattern[i + 1] === '^') i++;
      if (pattern[i + 1] === ']') i++;
      continue;
    }
    if (c === '(' && pattern[i + 1] === '?') {
      const g = pattern[i + 2];
      if (g === '>') add('(?>…) (an atomic group)');
      else if (g !== undefined && /[a-zA-Z-]/.test(g) && /^[idmsuxU]*(?:-[idmsuxU]*)?[):]/.test(pattern.slice(i + 2))) {
        add(`${/^\(\?[a-zA-Z-]*[):]/.exec(pattern.slice(i))![0]}… (inline flags)`);
      }
      continue;
    }
    let quantifierEnd = -1;
    if (c === '*' || c === '+' || c === '?') quantifierEnd = i;
    else if (c === '{') {
      const bound = /^\{\d+(?:,\d*)?\}/.exec(pattern.slice(i));
      if (bound) quantifierEnd = i + bound[0].length - 1;
    }
    if (quantifierEnd >= 0) {
      const after = pattern[quantifierEnd + 1];
      if (after === '+') {
        add(`${pattern.slice(i, quantifierEnd + 1)}+ (a possessive quantifier)`);
        i = quantifierEnd + 1;
      } else if (after === '?') i = quantifierEnd + 1;
      else i = quantifierEnd;
    }
  }
  return found;
}

function compileError(source: string, flags: string): string | undefined {
  try {
    new RegExp(source, flags);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

export function checkPattern(pattern: string): PatternIssue[] {
  if (pattern === '') {
    return [
      {
        severity: 'warning',
        code: 'pattern-empty',
        message: 'the pattern is empty: the browser accepts only an empty value',
        hint: 'remove "pattern" to get the default ".+", or write the pattern you mean',
      },
    ];
  }
  const javaOnly = javaOnlyConstructs(pattern);
  if (javaOnly.length > 0) {
    return javaOnly.map((construct) => ({
      severity: 'error',
      code: 'pattern-java-only',
      message: `the pattern uses Java-only regex syntax: ${construct}; the browser (JavaScript) rejects it or reads it differently`,
      hint: 'write the pattern in the syntax Java and JavaScript share (no possessive quantifiers, atomic groups, inline flags, \\Q…\\E, \\z, Java \\p{…} names or &&)',
    }));
  }
  const legacy = compileError(pattern, '');
  const unicode = compileError(pattern, 'u');
  const html = compileError(`^(?:${pattern})$`, 'v');
  if (legacy !== undefined && unicode !== undefined) {
    return [{ severity: 'error', code: 'pattern-invalid', message: `the pattern does not compile in JavaScript: ${cleanRegexMessage(legacy)}` }];
  }
  if (html !== undefined) {
    return [
      {
        severity: 'warning',
        code: 'pattern-not-v-compatible',
        message: `browsers compile HTML patterns with the v flag, where this one is invalid (${cleanRegexMessage(html)}): they ignore it and accept any value`,
        hint: 'escape the characters ( ) [ ] { } / - | inside character classes, e.g. [\\s.\\-] instead of [\\s.-]',
      },
    ];
  }
  return [];
}

/** "Invalid regular expression: /…/v: Invalid character in character class" → the reason only. */
function cleanRegexMessage(message: string): string {
  const match = /^Invalid regular expression: \/.*\/[a-z]*: (.*)$/s.exec(message);
  return match ? match[1]! : message;
}
