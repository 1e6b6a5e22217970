/**
 * Java regular expressions (java.util.regex.Pattern, as CAS compiles service ids: `CASE_INSENSITIVE`)
 * translated to JavaScript RegExp source with the same meaning, or rejected as Java rejects them.
 *
 * JavaScript's own engine cannot be used as it is: it accepts what Java rejects (`a{`, `\y`, `{x}`),
 * rejects what Java accepts (`a++`, `(?>…)`, `\Q…\E`, `\p{javaLowerCase}`, `[a-z&&[^c]]`, `a*{2}`), and
 * its `i` flag folds non-ASCII letters (`é` ~ `É`) where Java's CASE_INSENSITIVE folds ASCII only. So
 * the pattern is parsed here by Java's grammar (JDK 17 `Pattern`) and re-emitted for the `v` flag
 * without `i`: case-insensitivity is spelled out (`a` → `[aA]`), possessive quantifiers and atomic groups
 * become `(?=(…))\N`, `.` and `$` get Java's line terminators, `\s` Java's ASCII space set.
 *
 * What has no faithful translation is reported as `untranslatable`, never guessed: case-insensitive
 * back-references, `(?u)`/`(?U)`/`(?c)` flags, Unicode blocks, `\X`, `\b{g}`, `\N{…}`, and property
 * names this table does not know.
 */

export interface JavaRegexOptions {
  /** Pattern.CASE_INSENSITIVE (CAS always sets it for service ids) */
  caseInsensitive?: boolean;
}

export type JavaRegex =
  | { ok: true; pattern: string; source: string; full: RegExp; partial: RegExp }
  | { ok: false; kind: 'invalid' | 'untranslatable'; pattern: string; message: string; index: number };

class JavaSyntaxError extends Error {
  constructor(
    message: string,
    readonly index: number,
  ) {
    super(message);
  }
}
class Untranslatable extends Error {
  constructor(
    message: string,
    readonly index: number,
  ) {
    super(message);
  }
}

interface Flags {
  i: boolean;
  s: boolean;
  m: boolean;
  x: boolean;
  d: boolean;
}

const hex = (cp: number) => cp.toString(16);
/** A code point as a class member or atom, safe in `v` mode. */
const cpEscape = (cp: number) => (/[0-9A-Za-z_]/.test(String.fromCodePoint(cp)) ? String.fromCodePoint(cp) : `\\u{${hex(cp)}}`);
const isAsciiLetter = (cp: number) => (cp >= 65 && cp <= 90) || (cp >= 97 && cp <= 122);
const swapAscii = (cp: number) => (cp >= 97 ? cp - 32 : cp + 32);

const LINE_TERMINATORS = '\\n\\r\\u{85}\\u{2028}\\u{2029}';
const JAVA_SPACE = '[\\t\\n\\u{b}\\f\\r ]';
const HORIZONTAL = '[\\t \\u{a0}\\u{1680}\\u{180e}\\u{2000}-\\u{200a}\\u{202f}\\u{205f}\\u{3000}]';
const VERTICAL = '[\\n\\u{b}\\f\\r\\u{85}\\u{2028}\\u{2029}]';
const CASED = '[\\p{Ll}\\p{Lu}\\p{Lt}]';
const JAVA_CASED = '[\\p{Lowercase}\\p{Uppercase}\\p{Lt}]';

const GENERAL_CATEGORIES = new Set(
  'L Lu Ll Lt Lm Lo LC M Mn Mc Me N Nd Nl No Z Zs Zl Zp C Cc Cf Co Cs Cn P Pd Ps Pe Pc Po Pi Pf S Sm Sc Sk So'.split(' '),
);

/** Java's POSIX classes (US-ASCII only, as without UNICODE_CHARACTER_CLASS). */
const POSIX: Record<string, string> = {
  Lower: '[a-z]',
  Upper: '[A-Z]',
  ASCII: '[\\u{0}-\\u{7f}]',
  Alpha: '[a-zA-Z]',
  Digit: '[0-9]',
  Alnum: '[a-zA-Z0-9]',
  Punct: '[\\u{21}-\\u{2f}\\u{3a}-\\u{40}\\u{5b}-\\u{60}\\u{7b}-\\u{7e}]',
  Graph: '[\\u{21}-\\u{7e}]',
  Print: '[\\u{20}-\\u{7e}]',
  Blank: '[ \\t]',
  Cntrl: '[\\u{0}-\\u{1f}\\u{7f}]',
  XDigit: '[0-9a-fA-F]',
  Space: JAVA_SPACE,
};

const JAVA_CHARACTER: Record<string, string> = {
  javaLowerCase: '\\p{Lowercase}',
  javaUpperCase: '\\p{Uppercase}',
  javaTitleCase: '\\p{Lt}',
  javaDigit: '\\p{Nd}',
  javaLetter: '\\p{L}',
  javaLetterOrDigit: '[\\p{L}\\p{Nd}]',
  javaAlphabetic: '\\p{Alphabetic}',
  javaIdeographic: '\\p{Ideographic}',
  javaSpaceChar: '[\\p{Zs}\\p{Zl}\\p{Zp}]',
  javaWhitespace: '[[\\p{Zs}\\p{Zl}\\p{Zp}--[\\u{a0}\\u{2007}\\u{202f}]]\\t\\n\\u{b}\\f\\r\\u{1c}-\\u{1f}]',
  javaISOControl: '[\\u{0}-\\u{1f}\\u{7f}-\\u{9f}]',
  javaDefined: '\\P{Cn}',
  javaMirrored: '\\p{Bidi_Mirrored}',
};

/** `\p{IsX}` binary properties (java.lang.CharacterData / CharPredicates.forUnicodeProperty). */
const BINARY: Record<string, string> = {
  ALPHABETIC: '\\p{Alphabetic}',
  LETTER: '\\p{L}',
  IDEOGRAPHIC: '\\p{Ideographic}',
  LOWERCASE: '\\p{Lowercase}',
  UPPERCASE: '\\p{Uppercase}',
  TITLECASE: '\\p{Lt}',
  WHITESPACE: '\\p{White_Space}',
  WHITE_SPACE: '\\p{White_Space}',
  CONTROL: '\\p{Cc}',
  PUNCTUATION: '\\p{P}',
  HEXDIGIT: '\\p{Hex_Digit}',
  HEX_DIGIT: '\\p{Hex_Digit}',
  DIGIT: '\\p{Nd}',
  ASSIGNED: '\\P{Cn}',
  NONCHARACTERCODEPOINT: '\\p{Noncharacter_Code_Point}',
  NONCHARACTER_CODE_POINT: '\\p{Noncharacter_Code_Point}',
  JOINCONTROL: '\\p{Join_Control}',
  JOIN_CONTROL: '\\p{Join_Control}',
};

function compiles(source: string): boolean {
  try {
    new RegExp(source, 'v');
    return true;
  } catch {
    return false;
  }
}

/** Case-insensitive predicates in Java also match the other cases (JDK CharPredicates with caseIns). */
function property(name: string, negated: boolean, ci: boolean, at: number): string {
  let body: string | undefined;
  let cased = false;
  if (POSIX[name] !== undefined) {
    body = ci && (name === 'Lower' || name === 'Upper') ? '[a-zA-Z]' : POSIX[name];
  } else if (JAVA_CHARACTER[name] !== undefined) {
    cased = name === 'javaLowerCase' || name === 'javaUpperCase' || name === 'javaTitleCase';
    body = ci && cased ? JAVA_CASED : JAVA_CHARACTER[name];
  } else if (name === 'LD' || name === 'L1' || name === 'all') {
    body = name === 'LD' ? '[\\p{L}\\p{Nd}]' : name === 'L1' ? '[\\u{0}-\\u{ff}]' : '[\\s\\S]';
  } else if (name.startsWith('java')) {
    throw new Untranslatable(`\\p{${name}} has no JavaScript equivalent`, at);
  } else {
    let category: string | undefined;
    const eq = /^(general_category|gc|script|sc|block|blk)=(.+)$/.exec(name);
    if (eq) {
      if (eq[1] === 'general_category' || eq[1] === 'gc') category = eq[2];
      else if (eq[1] === 'script' || eq[1] === 'sc') return script(eq[2]!, negated, at);
      else throw new Untranslatable(`Unicode blocks (\\p{${name}}) have no JavaScript equivalent`, at);
    } else if (GENERAL_CATEGORIES.has(name)) category = name;
    else if (name.startsWith('In')) throw new Untranslatable(`Unicode blocks (\\p{${name}}) have no JavaScript equivalent`, at);
    else if (name.startsWith('Is')) {
      const short = name.slice(2);
      if (GENERAL_CATEGORIES.has(short)) category = short;
      else if (BINARY[short.toUpperCase()] !== undefined) {
        const key = short.toUpperCase();
        body = ci && (key === 'LOWERCASE' || key === 'UPPERCASE' || key === 'TITLECASE') ? JAVA_CASED : BINARY[key];
      } else return script(short, negated, at);
    } else {
      // Without Is/In or key=, Java knows only the fixed names above (CharPredicates.forProperty).
      throw new JavaSyntaxError(`Unknown character property name {${name}}`, at);
    }
    if (category !== undefined) {
      if (!GENERAL_CATEGORIES.has(category)) throw new Untranslatable(`casctl does not know the category \\p{${name}}`, at);
      if (ci && (category === 'Lu' || category === 'Ll' || category === 'Lt')) body = CASED;
      else body = category === 'LC' ? CASED : `\\p{${category}}`;
    }
  }
  return negated ? negate(body!) : body!;
}

function script(name: string, negated: boolean, at: number): string {
  // Java takes script names case-insensitively (UnicodeScript.forName); JavaScript wants the canonical spelling.
  const canonical = name.toLowerCase().replace(/(^|_)([a-z])/g, (_, sep: string, c: string) => sep + c.toUpperCase());
  const body = `\\p{Script=${canonical}}`;
  if (!compiles(body)) {
    throw new Untranslatable(`casctl does not know \\p{Is${name}} as a script or property (Java 21 knows more binary properties than Java 17)`, at);
  }
  return negated ? negate(body) : body;
}

function negate(body: string): string {
  if (body.startsWith('\\p{')) return `\\P${body.slice(2)}`;
  if (body.startsWith('\\P{')) return `\\p${body.slice(2)}`;
  return `[^${body}]`;
}

/** Where the JS source nests into a class, an operand must be a class or property (v mode). */
const asOperand = (item: string) => (item.startsWith('[') || item.startsWith('\\p{') || item.startsWith('\\P{') ? item : `[${item}]`);

/** Escapes that always stand for the same JavaScript: \\B, the anchors (\\G, the end of the previous match, is the start for one match) and \\R. */
const FIXED_ESCAPES = new Map<string, string>([
  ['B', '\\B'],
  ['A', '^'],
  ['G', '^'],
  ['z', '$'],
  // JDK 17 backtracks into \\R (`\\R\\n` matches CRLF), although its documentation says atomic.
  ['R', '(?:\\r\\n|[\\n\\u{b}\\f\\r\\u{85}\\u{2028}\\u{2029}])'],
]);

class Translator {
  private i = 0;
  private jsGroups = 0;
  /** Java group number → JS group number, once the Java group is closed */
  private readonly closed = new Map<number, number>();
  /** Java groups whose text can match no ASCII letter (a case-insensitive back-reference to them is exact) */
  private readonly caseless = new Set<number>();
  private javaGroups = 0;
  private readonly names = new Map<string, number>();
  private totalJavaGroups = 0;
  /** the first construct casctl cannot translate: reported only if Java finds no syntax error in the pattern */
  private deferred?: Untranslatable;
  /** inside a look-behind: what makes Java's study() lose the maximum length */
  private lookbehind = 0;
  private lookbehindUnbounded = false;

  constructor(
    private readonly p: string,
    private flags: Flags,
  ) {
    this.totalJavaGroups = countGroups(p);
  }

  private peekCp(at = this.i): number | undefined {
    return at < this.p.length ? this.p.codePointAt(at) : undefined;
  }
  private readCp(): number {
    const cp = this.p.codePointAt(this.i)!;
    this.i += cp > 0xffff ? 2 : 1;
    return cp;
  }
  private ch(at = this.i): string {
    return this.p[at] ?? '';
  }
  private error(message: string, at = this.i): never {
    throw new JavaSyntaxError(message, at);
  }

  translate(): string {
    const source = this.alternation();
    if (this.i < this.p.length) {
      if (this.ch() === ')') this.error("Unmatched closing ')'", this.i - 1 < 0 ? 0 : this.i - 1);
      this.error('Unexpected internal error');
    }
    if (this.deferred) throw this.deferred;
    return source;
  }

  /** Java reports its syntax errors first: keep parsing, and say "untranslatable" only at the end. */
  private defer(message: string, at: number): string {
    this.deferred ??= new Untranslatable(message, at);
    return '(?:)';
  }

  private skipComments(): void {
    if (!this.flags.x) return;
    for (;;) {
      const c = this.ch();
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\u000b') this.i++;
      else if (c === '#') {
        while (this.i < this.p.length && !/[\n\r\u0085\u2028\u2029]/.test(this.ch())) this.i++;
      } else return;
    }
  }

  private alternation(): string {
    const branches = [this.sequence()];
    while (this.ch() === '|') {
      this.i++;
      branches.push(this.sequence());
    }
    return branches.join('|');
  }

  private sequence(): string {
    let out = '';
    for (;;) {
      this.skipComments();
      const c = this.ch();
      if (c === '' || c === '|' || c === ')') return out;
      if (c === '*' || c === '+' || c === '?') this.error(`Dangling meta character '${c}'`);
      if (c === '{') {
        // Java quantifies an empty atom here (`a*{2}`, `{2}a` are valid): nothing to emit.
        this.quantifier();
        continue;
      }
      const start = this.i;
      const atom = this.atom();
      if (atom.flagsOnly) continue; // (?i) takes no quantifier: a following * is dangling
      out += this.quantified(atom.source, atom.quantifiable, this.p.slice(start, this.i));
    }
  }

  private atom(): { source: string; quantifiable: boolean; flagsOnly?: boolean } {
    const start = this.i;
    const c = this.ch();
    switch (c) {
      case '(': {
        const source = this.group();
        return source === null ? { source: '', quantifiable: false, flagsOnly: true } : { source, quantifiable: true };
      }
      case '[':
        this.i++;
        return { source: this.classBody(true), quantifiable: true };
      case '.':
        this.i++;
        return { source: this.flags.s ? '[\\s\\S]' : this.flags.d ? '[^\\n]' : `[^${LINE_TERMINATORS}]`, quantifiable: true };
      case '^':
        this.i++;
        if (!this.flags.m) return { source: '^', quantifiable: true };
        return {
          source: this.flags.d ? '(?:^|(?<=\\n)(?!$))' : `(?:^|(?<=[\\n\\u{85}\\u{2028}\\u{2029}])(?!$)|(?<=\\r)(?![\\n]|$))`,
          quantifiable: true,
        };
      case '$':
        this.i++;
        return { source: this.dollar(), quantifiable: true };
      case '\\':
        return this.escape(start);
      default: {
        const cp = this.readCp();
        return { source: this.literal(cp), quantifiable: true };
      }
    }
  }

  private dollar(): string {
    if (this.flags.d) return this.flags.m ? '(?=\\n|$)' : '(?=\\n?$)';
    if (this.flags.m) return '(?:(?=\\r\\n|[\\r\\u{85}\\u{2028}\\u{2029}]|$)|(?<!\\r)(?=\\n))';
    return '(?=(?:\\r\\n|(?<!\\r)\\n|[\\r\\u{85}\\u{2028}\\u{2029}])?$)';
  }

  private literal(cp: number): string {
    if (this.flags.i && isAsciiLetter(cp)) return `[${String.fromCodePoint(cp)}${String.fromCodePoint(swapAscii(cp))}]`;
    const s = String.fromCodePoint(cp);
    if (/[\^$\\.*+?()[\]{}|/]/.test(s)) return `\\${s}`;
    if (/[ -~]/.test(s)) return s;
    return `\\u{${hex(cp)}}`;
  }

  /** Parses `*`, `+`, `?`, `{n}`, `{n,}`, `{n,m}` with an optional `?`/`+`; undefined when none follows. */
  private quantifier(): { text: string; mode: '' | '?' | '+' } | undefined {
    this.skipComments();
    const c = this.ch();
    let text: string;
    if (c === '*' || c === '+' || c === '?') {
      this.i++;
      text = c;
    } else if (c === '{') {
      const start = this.i;
      if (!/[0-9]/.test(this.ch(this.i + 1))) this.error('Illegal repetition', start);
      this.i++;
      const min = this.digits();
      let max: number | undefined = min;
      if (this.ch() === ',') {
        this.i++;
        max = this.ch() === '}' ? undefined : this.digits();
      }
      if (this.ch() !== '}') this.error('Unclosed counted closure');
      this.i++;
      if (min > 0x7fffffff || (max !== undefined && (max > 0x7fffffff || max < min))) this.error('Illegal repetition range', start);
      text = max === min ? `{${min}}` : max === undefined ? `{${min},}` : `{${min},${max}}`;
    } else return undefined;
    const modifier = this.ch();
    if (modifier === '?' || modifier === '+') {
      this.i++;
      return { text, mode: modifier };
    }
    return { text, mode: '' };
  }

  private digits(): number {
    let n = 0;
    while (/[0-9]/.test(this.ch())) {
      n = n * 10 + Number(this.ch());
      this.i++;
    }
    return n;
  }

  private quantified(atom: string, quantifiable: boolean, javaText = ''): string {
    const q = this.quantifier();
    if (!q) return atom;
    if (this.lookbehind > 0 && /^[*+]$|,\}$/.test(q.text) && javaText.startsWith('(') && !/^\((?:\?:|\?<[a-zA-Z][a-zA-Z0-9]*>)?(\\.|\[[^\]]*\]|[^\\()|[\]])\)$/.test(javaText)) {
      // JDK's study(): an unbounded loop over a group has no obvious maximum length
      this.lookbehindUnbounded = true;
    }
    const base = quantifiable ? `(?:${atom})` : atom;
    if (q.mode === '?') return `${base}${q.text}?`;
    if (q.mode === '+') return this.atomic(`${base}${q.text}`);
    return `${base}${q.text}`;
  }

  /** An atomic group: a lookahead does not backtrack into itself, and the back-reference consumes what it took. */
  private atomic(inner: string): string {
    const n = ++this.jsGroups;
    return `(?:(?=(${inner}))\\${n})`;
  }

  /** A group's JS source, or null for an inline-flags group `(?i)`. */
  private group(): string | null {
    const start = this.i;
    this.i++; // (
    const saved = { ...this.flags };
    let prefix: string;
    let javaNumber: number | undefined;
    let atomicGroup = false;
    if (this.ch() === '?') {
      this.i++;
      const k = this.ch();
      if (k === ':') {
        this.i++;
        prefix = '(?:';
      } else if (k === '=' || k === '!') {
        this.i++;
        prefix = `(?${k}`;
      } else if (k === '>') {
        this.i++;
        prefix = '';
        atomicGroup = true;
      } else if (k === '<') {
        this.i++;
        const k2 = this.ch();
        if (k2 === '=' || k2 === '!') {
          this.i++;
          prefix = `(?<${k2}`;
          this.lookbehind++;
        } else {
          if (!/[a-zA-Z]/.test(k2)) this.error('capturing group name does not start with a Latin letter');
          let name = '';
          while (/[a-zA-Z0-9]/.test(this.ch())) name += this.p[this.i++];
          if (this.ch() !== '>') this.error("named capturing group is missing trailing '>'");
          this.i++;
          if (this.names.has(name)) this.error(`Named capturing group <${name}> is already defined`);
          javaNumber = ++this.javaGroups;
          this.names.set(name, javaNumber);
          prefix = '(';
        }
      } else {
        // inline flags: (?idmsuxU-idmsuxU) or (?flags:X)
        let on = true;
        let any = false;
        for (;;) {
          const f = this.ch();
          if (f === '-') {
            on = false;
            this.i++;
            continue;
          }
          if (f === ')' || f === ':') break;
          if (!'idmsuxUc'.includes(f) || f === '') this.error('Unknown inline modifier');
          if (f === 'u' || f === 'U' || f === 'c') {
            if (on) {
              const what = f === 'u' ? 'UNICODE_CASE' : f === 'U' ? 'UNICODE_CHARACTER_CLASS' : 'CANON_EQ';
              this.defer(`the inline flag (?${f}) (${what}) has no JavaScript equivalent`, this.i);
            }
          } else (this.flags as unknown as Record<string, boolean>)[f] = on;
          any = true;
          this.i++;
        }
        void any;
        if (this.ch() === ')') {
          // (?i) changes the flags for the rest of the enclosing group
          this.i++;
          return null;
        }
        this.i++; // :
        prefix = '(?:';
      }
    } else {
      javaNumber = ++this.javaGroups;
      prefix = '(';
    }
    const jsNumber = prefix === '(' ? ++this.jsGroups : undefined;
    const outerUnbounded = this.lookbehindUnbounded;
    const inner = this.alternation();
    if (prefix === '(?<=' || prefix === '(?<!') {
      this.lookbehind--;
      if (this.lookbehindUnbounded) this.error('Look-behind group does not have an obvious maximum length');
      this.lookbehindUnbounded = outerUnbounded;
    }
    if (this.ch() !== ')') this.error('Unclosed group', this.p.length);
    this.i++;
    this.flags = saved;
    if (javaNumber !== undefined && jsNumber !== undefined) {
      this.closed.set(javaNumber, jsNumber);
      if (matchesNoLetter(this.p.slice(start, this.i))) this.caseless.add(javaNumber);
    }
    if (atomicGroup) return this.atomic(inner);
    return `${prefix}${inner})`;
  }

  private backReference(javaNumber: number, at: number): string {
    const js = this.closed.get(javaNumber);
    if (js === undefined) {
      // Java's Matcher has room for at least 10 groups: a reference to one that never exists never matches.
      if (this.lookbehind > 0) this.lookbehindUnbounded = true;
      if (javaNumber > this.totalJavaGroups && javaNumber <= 9) return '(?!)';
      return this.defer(`a back-reference to group ${javaNumber} before it closes cannot be translated`, at);
    }
    if (this.lookbehind > 0) this.lookbehindUnbounded = true;
    if (this.flags.i && !this.caseless.has(javaNumber)) {
      return this.defer('a back-reference under case-insensitive matching (Java compares it ignoring ASCII case) cannot be translated', at);
    }
    return `(?:\\${js})`;
  }

  private escape(start: number): { source: string; quantifiable: boolean } {
    this.i++; // backslash
    const c = this.ch();
    if (c === '') this.error('Unexpected internal error', start);
    const fixed = FIXED_ESCAPES.get(c);
    if (fixed !== undefined) {
      this.i++;
      return { source: fixed, quantifiable: true };
    }
    switch (c) {
      case 'Q': {
        this.i++;
        const end = this.p.indexOf('\\E', this.i);
        const text = end === -1 ? this.p.slice(this.i) : this.p.slice(this.i, end);
        this.i = end === -1 ? this.p.length : end + 2;
        const parts = [...text].map((ch) => this.literal(ch.codePointAt(0)!));
        // Each quoted character is one atom: a following quantifier applies to the last one only.
        return { source: parts.join(''), quantifiable: false };
      }
      case 'b':
        this.i++;
        if (this.p.startsWith('{g}', this.i)) {
          this.i += 3;
          return { source: this.defer('\\b{g} (a grapheme cluster boundary) has no JavaScript equivalent', start), quantifiable: true };
        }
        return { source: '\\b', quantifiable: true };
      case 'Z':
        this.i++;
        return { source: this.flags.d ? '(?=\\n?$)' : '(?=(?:\\r\\n|(?<!\\r)\\n|[\\r\\u{85}\\u{2028}\\u{2029}])?$)', quantifiable: true };
      case 'X':
        this.i++;
        return { source: this.defer('\\X (an extended grapheme cluster) has no JavaScript equivalent', start), quantifiable: true };
      case 'k': {
        this.i++;
        if (this.ch() !== '<') this.error('\\k is not followed by \'<\' for named capturing group');
        const close = this.p.indexOf('>', this.i);
        const name = close === -1 ? '' : this.p.slice(this.i + 1, close);
        if (close === -1 || !/^[a-zA-Z][a-zA-Z0-9]*$/.test(name)) this.error("named capturing group is missing trailing '>'");
        this.i = close + 1;
        const n = this.names.get(name);
        if (n === undefined) this.error(`named capturing group <${name}> does not exist`);
        return { source: this.backReference(n, start), quantifiable: true };
      }
      case 'E':
        this.error('Illegal/unsupported escape sequence', start + 1);
    }
    if (c >= '1' && c <= '9') {
      this.i++;
      let n = Number(c);
      // More digits only while the group exists (JDK Pattern.ref).
      while (/[0-9]/.test(this.ch()) && n * 10 + Number(this.ch()) <= this.totalJavaGroups) {
        n = n * 10 + Number(this.ch());
        this.i++;
      }
      return { source: this.backReference(n, start), quantifiable: true };
    }
    const single = this.classEscape(false, start);
    if (single.kind === 'set') return { source: single.source, quantifiable: true };
    return { source: this.literal(single.cp), quantifiable: true };
  }

  /**
   * An escape that stands for one character or a set, shared by atoms and classes (the backslash is
   * consumed; `this.i` is at the letter).
   */
  private classEscape(inClass: boolean, start: number): { kind: 'char'; cp: number } | { kind: 'set'; source: string } {
    const c = this.ch();
    this.i++;
    const set = (source: string) => ({ kind: 'set' as const, source });
    const char = (cp: number) => ({ kind: 'char' as const, cp });
    switch (c) {
      case 'd':
        return set('[0-9]');
      case 'D':
        return set('[^0-9]');
      case 'w':
        return set('[a-zA-Z_0-9]');
      case 'W':
        return set('[^a-zA-Z_0-9]');
      case 's':
        return set(JAVA_SPACE);
      case 'S':
        return set(`[^${JAVA_SPACE.slice(1, -1)}]`);
      case 'h':
        return set(HORIZONTAL);
      case 'H':
        return set(`[^${HORIZONTAL.slice(1, -1)}]`);
      case 'v':
        return set(VERTICAL);
      case 'V':
        return set(`[^${VERTICAL.slice(1, -1)}]`);
      case 'p':
      case 'P': {
        let name: string;
        if (this.ch() === '{') {
          const close = this.p.indexOf('}', this.i);
          if (close === -1) this.error('Unclosed character family');
          name = this.p.slice(this.i + 1, close);
          this.i = close + 1;
          if (name === '') this.error('Empty character family');
        } else {
          name = this.ch();
          if (name === '') this.error('Illegal character family');
          this.i++;
        }
        let negated = c === 'P';
        if (name.startsWith('^')) {
          negated = !negated;
          name = name.slice(1);
        }
        try {
          return set(property(name, negated, this.flags.i, start));
        } catch (error) {
          if (!(error instanceof Untranslatable)) throw error;
          this.defer(error.message, error.index);
          return set('\\p{L}');
        }
      }
      case 't':
        return char(9);
      case 'n':
        return char(10);
      case 'r':
        return char(13);
      case 'f':
        return char(12);
      case 'a':
        return char(7);
      case 'e':
        return char(27);
      case '0': {
        const o1 = this.ch();
        if (!/[0-7]/.test(o1)) this.error('Illegal octal escape sequence');
        this.i++;
        let value = Number(o1);
        if (/[0-7]/.test(this.ch())) {
          value = value * 8 + Number(this.ch());
          this.i++;
          if (Number(o1) <= 3 && /[0-7]/.test(this.ch())) {
            value = value * 8 + Number(this.ch());
            this.i++;
          }
        }
        return char(value);
      }
      case 'x': {
        if (this.ch() === '{') {
          const close = this.p.indexOf('}', this.i);
          const digits = close === -1 ? '' : this.p.slice(this.i + 1, close);
          if (!/^[0-9a-fA-F]+$/.test(digits) || parseInt(digits, 16) > 0x10ffff) this.error('Illegal hexadecimal escape sequence');
          this.i = close + 1;
          return char(parseInt(digits, 16));
        }
        const digits = this.p.slice(this.i, this.i + 2);
        if (!/^[0-9a-fA-F]{2}$/.test(digits)) this.error('Illegal hexadecimal escape sequence');
        this.i += 2;
        return char(parseInt(digits, 16));
      }
      case 'u': {
        const digits = this.p.slice(this.i, this.i + 4);
        if (!/^[0-9a-fA-F]{4}$/.test(digits)) this.error('Illegal Unicode escape sequence');
        this.i += 4;
        let cp = parseInt(digits, 16);
        const low = /^\\u([dD][c-fC-F][0-9a-fA-F]{2})/.exec(this.p.slice(this.i));
        if (cp >= 0xd800 && cp <= 0xdbff && low) {
          cp = 0x10000 + ((cp - 0xd800) << 10) + (parseInt(low[1]!, 16) - 0xdc00);
          this.i += 6;
        }
        return char(cp);
      }
      case 'c': {
        if (this.i >= this.p.length) this.error('Illegal control escape sequence');
        return char(this.readCp() ^ 64);
      }
      case 'N':
        if (this.ch() === '{') {
          const close = this.p.indexOf('}', this.i);
          if (close === -1) this.error('Unclosed character name escape sequence');
          this.i = close + 1;
          this.defer('\\N{…} (a character by name) cannot be translated', start);
          return char(0x41);
        }
        this.error('Illegal character name escape sequence');
    }
    if (/[a-zA-Z]/.test(c)) {
      void inClass;
      this.error('Illegal/unsupported escape sequence', this.i - 1);
    }
    // Any other character after a backslash is itself.
    this.i--;
    return char(this.readCp());
  }

  /** A character class after its `[`; returns a `v`-mode class. */
  private classBody(topLevel: boolean): string {
    let negated = false;
    if (this.ch() === '^') {
      negated = true;
      this.i++;
    }
    const operands: string[][] = [[]]; // intersection of unions
    let first = true;
    for (;;) {
      if (this.flags.x) this.skipClassWhitespace();
      const c = this.ch();
      if (c === '') this.error('Unclosed character class', this.p.length - 1);
      if (c === ']' && !(first && operands[0]!.length === 0)) {
        this.i++;
        break;
      }
      first = false;
      if (c === '[') {
        this.i++;
        operands[operands.length - 1]!.push(this.classBody(false));
        continue;
      }
      if (c === '&' && this.ch(this.i + 1) === '&') {
        this.i += 2;
        operands.push([]);
        continue;
      }
      this.classRange(operands[operands.length - 1]!);
    }
    void topLevel;
    const unions = operands.filter((u) => u.length > 0);
    let body: string;
    if (unions.length === 0) body = '';
    else if (unions.length === 1) body = unions[0]!.join('');
    else body = unions.map((u) => (u.length === 1 ? asOperand(u[0]!) : `[${u.join('')}]`)).join('&&');
    return `[${negated ? '^' : ''}${body}]`;
  }

  private skipClassWhitespace(): void {
    for (;;) {
      const c = this.ch();
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\u000b') this.i++;
      else if (c === '#') {
        while (this.i < this.p.length && !/[\n\r\u0085\u2028\u2029]/.test(this.ch())) this.i++;
      } else return;
    }
  }

  /** One class member: a char, a range, a set escape or \Q…\E. */
  private classRange(into: string[]): void {
    const start = this.i;
    let cp: number;
    if (this.ch() === '\\') {
      this.i++;
      if (this.ch() === 'Q') {
        this.i++;
        const end = this.p.indexOf('\\E', this.i);
        if (end === -1) this.error('Unclosed character class', this.p.length - 1);
        for (const ch of this.p.slice(this.i, end)) into.push(...this.classChar(ch.codePointAt(0)!));
        this.i = end + 2;
        return;
      }
      if (this.ch() === 'b' || this.ch() === 'B' || this.ch() === 'A' || this.ch() === 'z' || this.ch() === 'Z' || this.ch() === 'G' || this.ch() === 'R' || this.ch() === 'X' || this.ch() === 'k' || this.ch() === 'E') {
        this.error('Illegal/unsupported escape sequence');
      }
      if (/[1-9]/.test(this.ch())) this.error('Illegal/unsupported escape sequence');
      const e = this.classEscape(true, start);
      if (e.kind === 'set') {
        into.push(e.source);
        return;
      }
      cp = e.cp;
    } else cp = this.readCp();
    if (this.ch() === '-' && this.ch(this.i + 1) !== ']' && this.ch(this.i + 1) !== '[' && this.ch(this.i + 1) !== '') {
      this.i++;
      let end: number;
      if (this.ch() === '\\') {
        const at = this.i;
        this.i++;
        const e = this.classEscape(true, at);
        if (e.kind === 'set') this.error('Illegal character range', at);
        end = e.cp;
      } else end = this.readCp();
      if (end < cp) this.error('Illegal character range', this.i - 1);
      into.push(`${cpEscape(cp)}-${cpEscape(end)}`);
      if (this.flags.i) {
        // Java: c in range, or an ASCII letter whose other case is in range.
        for (let l = 65; l <= 122; l++) {
          if (!isAsciiLetter(l)) continue;
          const other = swapAscii(l);
          if ((l < cp || l > end) && other >= cp && other <= end) into.push(cpEscape(l));
        }
      }
      return;
    }
    into.push(...this.classChar(cp));
  }

  private classChar(cp: number): string[] {
    if (this.flags.i && isAsciiLetter(cp)) return [cpEscape(cp), cpEscape(swapAscii(cp))];
    return [cpEscape(cp)];
  }
}

/** True when a group's text surely matches no ASCII letter: digits, \\d, \\s and punctuation only. */
function matchesNoLetter(text: string): boolean {
  const rest = text.replace(/\\[ds]/g, '');
  return !/[A-Za-z]|\\[^A-Za-z]?[A-Za-z]|(^|[^\\])\.|\[\^/.test(rest) && !/\\[^ds]/.test(text.replace(/\\[ds]/g, ''));
}

/**
 * Pattern.RemoveQEQuoting: Java rewrites `\Q…\E` into escaped characters before it parses anything, so a
 * quote also ends an escape before it (`\c\Q` is an error) and a quoted digit never extends a back-reference.
 */
export function removeQEQuoting(p: string): string {
  let i = 0;
  while (i < p.length - 1) {
    if (p[i] !== '\\') i += 1;
    else if (p[i + 1] !== 'Q') i += 2;
    else break;
  }
  if (i >= p.length - 1) return p;
  let out = p.slice(0, i);
  i += 2;
  let inQuote = true;
  let beginQuote = true;
  while (i < p.length) {
    const c = p[i++]!;
    const code = c.charCodeAt(0);
    if (code > 127 || /[A-Za-z]/.test(c)) out += c;
    else if (/[0-9]/.test(c)) {
      if (beginQuote) out += '\\x3';
      out += c;
    } else if (c !== '\\') {
      if (inQuote) out += '\\';
      out += c;
    } else if (inQuote) {
      if (p[i] === 'E') {
        i++;
        inQuote = false;
      } else out += '\\\\';
    } else if (p[i] === 'Q') {
      i++;
      inQuote = true;
      beginQuote = true;
      continue;
    } else {
      out += c;
      if (i !== p.length) out += p[i++];
    }
    beginQuote = false;
  }
  return out;
}

/** Capturing groups in the whole pattern (for Java's multi-digit back-reference rule). */
function countGroups(p: string): number {
  let n = 0;
  let inClass = 0;
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '\\') {
      if (p[i + 1] === 'Q') {
        const end = p.indexOf('\\E', i + 2);
        i = end === -1 ? p.length : end + 1;
      } else i++;
    } else if (inClass > 0) {
      if (c === '[') inClass++;
      else if (c === ']') inClass--;
    } else if (c === '[') {
      inClass = 1;
      if (p[i + 1] === '^') i++;
      if (p[i + 1] === ']') i++;
    } else if (c === '(' && (p[i + 1] !== '?' || (p[i + 2] === '<' && /[a-zA-Z]/.test(p[i + 3] ?? '')))) n++;
  }
  return n;
}

const cache = new Map<string, JavaRegex>();

/** Compiles a Java pattern as CAS does (`Pattern.compile(p, CASE_INSENSITIVE)` by default). */
export function compileJavaRegex(pattern: string, options: JavaRegexOptions = {}): JavaRegex {
  const ci = options.caseInsensitive ?? true;
  const key = `${ci ? 'i' : '-'}${pattern}`;
  const cached = cache.get(key);
  if (cached) return cached;
  let result: JavaRegex;
  try {
    const source = new Translator(removeQEQuoting(pattern), { i: ci, s: false, m: false, x: false, d: false }).translate();
    result = { ok: true, pattern, source, full: new RegExp(`^(?:${source})$`, 'v'), partial: new RegExp(source, 'v') };
  } catch (error) {
    if (error instanceof JavaSyntaxError) result = { ok: false, kind: 'invalid', pattern, message: error.message, index: error.index };
    else if (error instanceof Untranslatable) result = { ok: false, kind: 'untranslatable', pattern, message: error.message, index: error.index };
    else if (error instanceof SyntaxError) {
      result = { ok: false, kind: 'untranslatable', pattern, message: `casctl's translation does not compile in JavaScript (${error.message})`, index: 0 };
    } else throw error;
  }
  if (cache.size > 5000) cache.clear();
  cache.set(key, result);
  return result;
}

/** Java's PatternSyntaxException text: description, index, pattern and a caret. */
export function describeJavaError(result: Extract<JavaRegex, { ok: false }>): string {
  return `${result.message} near index ${result.index}`;
}
