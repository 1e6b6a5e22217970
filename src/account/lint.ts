/**
 * `casctl account lint`: reads a registration-properties file the way CAS does
 * (`DefaultAccountRegistrationPropertyLoader`: hjson-java `readHjson`, then Jackson with default typing,
 * `FAIL_ON_UNKNOWN_PROPERTIES`, into `Map<String, AccountRegistrationProperty>`) and reports every problem
 * with its place in the file: what would make CAS fail to load the file or the registration flow fail is
 * an error; what CAS accepts but quietly changes or ignores is a warning.
 */
import { closestName } from '../text/closest-name.js';
import type { Paint } from '../io/output.js';
import { HjsonTreeError, parseHjsonTree, type HjsonNode, type ObjectEntry, type ObjectNode, type Position } from '../hjson/hjson-tree.js';
import { describeSyntaxError, printable, treeOf } from '../hjson/read.js';
import { checkPattern } from './pattern-check.js';
import {
  EMAIL,
  FIELDS,
  INPUT_TYPES,
  LIST_CLASSES,
  MAP_CLASSES,
  PHONE,
  PROPERTY_CLASS,
  USERNAME,
  type JavaType,
} from './registration-properties.js';

export type Severity = 'error' | 'warning';

export interface Finding {
  severity: Severity;
  /** stable rule code (documented in docs/readme/account.md) */
  code: string;
  message: string;
  line?: number;
  column?: number;
  /** the entry (key of the top-level map) the finding is about */
  property?: string;
  /** the field inside the entry */
  field?: string;
  hint?: string;
}

export interface FieldSummary {
  key: string;
  name?: string;
  order: number;
  required: boolean;
  type: string;
}

export interface LintResult {
  ok: boolean;
  file: string;
  errors: number;
  warnings: number;
  findings: Finding[];
  fields: FieldSummary[];
  /** set when the file could not be read as Hjson at all (lint judges it: exit 1) */
  error?: { code: string; message: string };
  /** the source line (or a window of it) of a syntax error, and the 1-based column of the error in it */
  excerpt?: { text: string; column: number };
}

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;

export { printable };

const quote = (text: string) => JSON.stringify(printable(text, 80));

class Collector {
  readonly findings: Finding[] = [];
  add(severity: Severity, code: string, message: string, at?: Position, extra: Partial<Finding> = {}) {
    const finding: Finding = { severity, code, message, ...(at && at.line > 0 ? { line: at.line, column: at.column } : {}), ...extra };
    this.findings.push(finding);
  }
}

function describe(node: HjsonNode): string {
  switch (node.kind) {
    case 'object':
      return 'an object';
    case 'array':
      return 'an array';
    case 'string':
      return `the string ${quote(String(node.value))}`;
    case 'number':
      return `the number ${node.value}`;
    case 'boolean':
      return `${node.value}`;
    case 'null':
      return 'null';
  }
}

/** Last occurrence wins (hjson-java keeps duplicates, Jackson's last setter call wins); earlier ones are reported. */
function effectiveEntries(node: ObjectNode, where: string, out: Collector, property?: string): Map<string, ObjectEntry> {
  const map = new Map<string, ObjectEntry>();
  for (const entry of node.entries) {
    const previous = map.get(entry.key);
    if (previous) {
      out.add(
        'warning',
        'duplicate-key',
        `${quote(entry.key)} appears twice in ${where} (also at line ${previous.keyStart.line}): CAS keeps only the last one`,
        entry.keyStart,
        { ...(property !== undefined ? { property, field: entry.key } : { property: entry.key }) },
      );
      map.delete(entry.key);
    }
    map.set(entry.key, entry);
  }
  return map;
}

interface Checked {
  /** the value CAS ends up with, or undefined when CAS would fail */
  value: unknown;
}

/** Type check of one field value against its Java type, following Jackson's default coercions. */
function checkType(type: JavaType, node: HjsonNode, field: string, property: string, at: Position, out: Collector): Checked {
  const ctx = { property, field };
  const wrong = (expected: string, hint?: string): Checked => {
    out.add('error', 'wrong-type', `${quote(property)}.${field} must be ${expected}, found ${describe(node)}`, at, { ...ctx, ...(hint ? { hint } : {}) });
    return { value: undefined };
  };
  const coerced = (value: unknown, how: string): Checked => {
    out.add('warning', 'coerced-type', `${quote(property)}.${field} is ${describe(node)}: CAS ${how}`, at, ctx);
    return { value };
  };
  switch (type) {
    case 'int': {
      if (node.kind === 'number') {
        const n = node.value as number;
        if (n < INT_MIN || n > INT_MAX) return wrong('a whole number within Java int range (±2147483647)');
        if (!Number.isInteger(n)) return coerced(Math.trunc(n), `truncates it to ${Math.trunc(n)}`);
        return { value: n };
      }
      if (node.kind === 'string') {
        const text = String(node.value).trim();
        if (text === '') return coerced(0, 'reads an empty string as 0');
        if (/^[+-]?\d+$/.test(text) && Number(text) >= INT_MIN && Number(text) <= INT_MAX) {
          return coerced(Number(text), `converts it to the number ${Number(text)}; write it without quotes`);
        }
        return wrong('a whole number', `write e.g. "${field}": 1`);
      }
      if (node.kind === 'null') return coerced(0, 'reads null as 0');
      return wrong('a whole number');
    }
    case 'boolean': {
      if (node.kind === 'boolean') return { value: node.value };
      if (node.kind === 'string') {
        const text = String(node.value).trim();
        if (/^(true|false)$/i.test(text)) return coerced(/^true$/i.test(text), `converts it to ${text.toLowerCase()}; write it without quotes`);
        if (text === '') return coerced(false, 'reads an empty string as false');
        return wrong('true or false');
      }
      if (node.kind === 'number' && Number.isInteger(node.value)) {
        return coerced(node.value !== 0, `reads it as ${node.value !== 0}; write true or false`);
      }
      if (node.kind === 'null') return coerced(false, 'reads null as false');
      return wrong('true or false');
    }
    case 'String': {
      if (node.kind === 'string') return { value: node.value };
      if (node.kind === 'number' || node.kind === 'boolean') {
        return coerced(String(node.value), `converts it to the text "${String(node.value)}"; put it in quotes`);
      }
      if (node.kind === 'null') {
        const fallback = FIELDS[field]?.default;
        return fallback !== null && fallback !== undefined
          ? coerced(null, `stores null instead of its default "${String(fallback)}"; remove the line to get the default`)
          : { value: null };
      }
      return wrong('a string');
    }
    case 'List<String>': {
      const hint = `write "${field}": [ "java.util.ArrayList", [ "first", "second" ] ] (Jackson's typed list)`;
      if (node.kind !== 'array') return wrong('a typed list', hint);
      const [className, list] = node.items;
      if (node.items.length !== 2 || className?.kind !== 'string' || list?.kind !== 'array') {
        out.add('error', 'wrong-type', `${quote(property)}.${field} is a plain array: CAS (Jackson default typing) needs a typed list ["java.util.ArrayList", [ … ]]`, at, { ...ctx, hint });
        return { value: undefined };
      }
      if (!LIST_CLASSES.includes(String(className.value))) {
        out.add('error', 'wrong-class', `${quote(property)}.${field} names the list class ${quote(String(className.value))}, which Jackson cannot use here`, className.start, {
          ...ctx,
          hint: `use ${LIST_CLASSES[0]}`,
        });
        return { value: undefined };
      }
      const values: string[] = [];
      for (const item of list.items) {
        if (item.kind === 'string') values.push(String(item.value));
        else if (item.kind === 'number' || item.kind === 'boolean') {
          out.add('warning', 'coerced-type', `${quote(property)}.${field} holds ${describe(item)}: CAS converts it to text; put it in quotes`, item.start, ctx);
          values.push(String(item.value));
        } else if (item.kind !== 'null') {
          out.add('error', 'wrong-type', `${quote(property)}.${field} must hold strings, found ${describe(item)}`, item.start, ctx);
          return { value: undefined };
        }
      }
      return { value: values };
    }
  }
}

/** Closest known field name (case or a typo of up to two letters), for the hint of an unknown property. */
function suggest(name: string): string | undefined {
  return closestName(name, Object.keys(FIELDS), (n) => n.toLowerCase().replace(/[-_]/g, ''));
}

interface Property {
  key: string;
  keyStart: Position;
  name?: string;
  nameAt?: Position;
  order: number;
  orderAt: Position;
  orderGiven: boolean;
  required: boolean;
  type: string;
  typeAt: Position;
  values?: string[];
  valuesAt?: Position;
}

function checkProperty(entry: ObjectEntry, out: Collector): Property | undefined {
  const key = entry.key;
  const node = entry.value;
  if (node.kind !== 'object') {
    out.add('error', 'wrong-type', `${quote(key)} must be an object describing a field, found ${describe(node)}`, entry.keyStart, {
      property: key,
      hint: `write ${quote(key)}: { "@class": "${PROPERTY_CLASS}", "name": ${quote(key)} }`,
    });
    return undefined;
  }
  const fields = effectiveEntries(node, quote(key), out, key);
  const marker = fields.get('@class');
  if (!marker) {
    out.add('error', 'missing-class', `${quote(key)} has no "@class": CAS (Jackson) cannot tell what it is`, entry.keyStart, {
      property: key,
      hint: `add "@class": "${PROPERTY_CLASS}"`,
    });
  } else if (marker.value.kind !== 'string' || marker.value.value !== PROPERTY_CLASS) {
    out.add('error', 'wrong-class', `${quote(key)} has "@class" ${describe(marker.value)}; CAS expects ${PROPERTY_CLASS}`, marker.keyStart, {
      property: key,
      field: '@class',
      hint: `write "@class": "${PROPERTY_CLASS}"`,
    });
  }
  const property: Property = { key, keyStart: entry.keyStart, order: 0, orderAt: entry.keyStart, orderGiven: false, required: false, type: 'text', typeAt: entry.keyStart };
  for (const [field, fieldEntry] of fields) {
    if (field === '@class') continue;
    const spec = FIELDS[field];
    if (!spec) {
      const guess = suggest(field);
      out.add('error', 'unknown-property', `${quote(key)} has the unknown property ${quote(field)}: CAS fails to load a file with unknown properties`, fieldEntry.keyStart, {
        property: key,
        field,
        hint: guess ? `did you mean "${guess}"? Known: ${Object.keys(FIELDS).join(', ')}` : `known properties: ${Object.keys(FIELDS).join(', ')}`,
      });
      continue;
    }
    const { value } = checkType(spec.type, fieldEntry.value, field, key, fieldEntry.keyStart, out);
    if (value === undefined) continue;
    switch (field) {
      case 'name':
        if (typeof value === 'string') {
          property.name = value;
          property.nameAt = fieldEntry.keyStart;
        }
        break;
      case 'order':
        property.order = value as number;
        property.orderAt = fieldEntry.keyStart;
        property.orderGiven = true;
        break;
      case 'required':
        property.required = value as boolean;
        break;
      case 'type':
        if (typeof value === 'string') {
          property.type = value;
          property.typeAt = fieldEntry.keyStart;
        }
        break;
      case 'values':
        property.values = value as string[];
        property.valuesAt = fieldEntry.keyStart;
        break;
      case 'pattern':
        if (typeof value === 'string') {
          for (const issue of checkPattern(value)) {
            out.add(issue.severity, issue.code, `${quote(key)}.pattern: ${issue.message}`, fieldEntry.keyStart, {
              property: key,
              field,
              ...(issue.hint ? { hint: issue.hint } : {}),
            });
          }
        }
        break;
    }
  }
  if (property.name === undefined || property.name.trim() === '') {
    out.add('error', 'missing-name', `${quote(key)} has no "name": the form field has no request parameter and the flow cannot read it`, property.nameAt ?? entry.keyStart, {
      property: key,
      hint: `add "name": ${quote(key)}`,
    });
  } else if (property.name !== key) {
    out.add('warning', 'name-mismatch', `${quote(key)} has "name" ${quote(property.name)}: CAS uses the name, not the key, as the field and claim name`, property.nameAt, {
      property: key,
      field: 'name',
      hint: 'use the same text for both to avoid confusion',
    });
  }
  if (property.type === 'select' && (property.values === undefined || property.values.length === 0)) {
    out.add('error', 'select-without-values', `${quote(key)} is a select without "values": the list offers nothing to choose`, property.typeAt, {
      property: key,
      field: 'type',
      hint: 'add "values": [ "java.util.ArrayList", [ "first", "second" ] ]',
    });
  } else if (property.values !== undefined && property.type !== 'select') {
    out.add('warning', 'values-ignored', `${quote(key)} has "values" but type ${quote(property.type)}: only a select shows them`, property.valuesAt, {
      property: key,
      field: 'values',
      hint: 'set "type": "select", or remove "values"',
    });
  }
  if (!INPUT_TYPES.has(property.type)) {
    out.add('warning', 'unknown-input-type', `${quote(key)} has type ${quote(property.type)}, which browsers do not know: they show a plain text input`, property.typeAt, {
      property: key,
      field: 'type',
      hint: property.type === 'phone' ? 'use "tel" for telephone numbers' : `use one of: ${[...INPUT_TYPES].join(', ')}`,
    });
  }
  return property;
}

function checkFlow(properties: Property[], out: Collector): void {
  const byName = new Map<string, Property>();
  for (const property of properties) {
    if (property.name === undefined) continue;
    const other = byName.get(property.name);
    if (other) {
      out.add('warning', 'duplicate-name', `${quote(property.key)} and ${quote(other.key)} both use the name ${quote(property.name)}: the form posts two fields with one name`, property.nameAt, {
        property: property.key,
        field: 'name',
      });
    } else byName.set(property.name, property);
  }
  const username = byName.get(USERNAME);
  if (!username) {
    out.add('error', 'missing-username', 'no field is named "username": the registration flow takes the username (the token subject) from it', undefined, {
      hint: 'add a "username" field with "required": true (account new-properties writes one)',
    });
  } else if (!username.required) {
    out.add('warning', 'username-optional', 'the "username" field is not required: a registration without it gets a token with a blank subject, which CAS rejects', username.keyStart, {
      property: username.key,
      hint: 'set "required": true',
    });
  }
  const contacts = [byName.get(EMAIL), byName.get(PHONE)].filter((p): p is Property => p !== undefined);
  if (contacts.length === 0) {
    out.add('error', 'missing-contact', 'no field is named "email" or "phone": CAS sends the activation link by mail or SMS and would have nowhere to send it', undefined, {
      hint: 'add an "email" field (required) and/or a "phone" field',
    });
  } else if (!contacts.some((p) => p.required)) {
    out.add('warning', 'contact-optional', `neither ${contacts.map((p) => quote(p.name!)).join(' nor ')} is required: a user who leaves them empty gets no activation link`, contacts[0]!.keyStart, {
      property: contacts[0]!.key,
      hint: 'set "required": true on "email" (or "phone")',
    });
  }
  const byOrder = new Map<number, Property>();
  for (const property of properties) {
    const other = byOrder.get(property.order);
    if (other) {
      out.add('warning', 'duplicate-order', `${quote(property.key)} has order ${property.order}${property.orderGiven ? '' : ' (the default)'}, like ${quote(other.key)}${other.orderAt.line > 0 ? ` (line ${other.orderAt.line})` : ''}: CAS shows them in no defined order`, property.orderAt, {
        property: property.key,
        field: 'order',
        hint: 'give every field its own "order"',
      });
    } else byOrder.set(property.order, property);
  }
}

function syntaxFinding(error: unknown, text: string): { finding: Finding; excerpt?: LintResult['excerpt'] } {
  const { message, line, column, hint, excerpt } = describeSyntaxError(error, text);
  const finding: Finding = { severity: 'error', code: 'syntax', message, ...(line !== undefined ? { line, column: column! } : {}), ...(hint ? { hint } : {}) };
  return { finding, ...(excerpt ? { excerpt } : {}) };
}

function finish(file: string, out: Collector, fields: FieldSummary[], extra: Partial<LintResult> = {}): LintResult {
  const order = { error: 0, warning: 1 };
  const findings = out.findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => (a.f.line ?? Infinity) - (b.f.line ?? Infinity) || (a.f.column ?? 0) - (b.f.column ?? 0) || order[a.f.severity] - order[b.f.severity] || a.i - b.i)
    .map(({ f }) => f);
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.length - errors;
  const ok = errors === 0;
  const error = ok ? undefined : (extra.error ?? { code: 'E_REGISTRATION_PROPERTIES_INVALID', message: `${file}: ${plural(errors, 'error')} CAS would trip over` });
  return { ok, file, errors, warnings, ...(error ? { error } : {}), findings, fields, ...(extra.excerpt !== undefined ? { excerpt: extra.excerpt } : {}) };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Lints the bytes (or text) of a registration-properties file; `file` names it in messages. */
export async function lintRegistrationProperties(input: Uint8Array | string, file: string): Promise<LintResult> {
  const out = new Collector();
  let text: string;
  if (typeof input === 'string') text = input;
  else {
    const nul = input.indexOf(0);
    if (nul !== -1) {
      const before = Buffer.from(input.subarray(0, nul)).toString('utf8');
      const line = before.split('\n').length;
      out.add('error', 'not-text', `the file is not text (a NUL byte at offset ${nul}): CAS cannot read it as Hjson`, { line, column: before.length - before.lastIndexOf('\n') }, {
        hint: 'point the lint at the registration-properties JSON/Hjson file',
      });
      return finish(file, out, [], { error: { code: 'E_NOT_TEXT', message: `${file} is not a text file` } });
    }
    text = Buffer.from(input).toString('utf8');
    if (text.includes('\ufffd') && !Buffer.from(text, 'utf8').equals(Buffer.from(input))) {
      out.add('warning', 'not-utf8', 'the file is not valid UTF-8: CAS reads it as UTF-8 and replaces the bad bytes with U+FFFD', undefined, {
        hint: 'save the file as UTF-8',
      });
    }
  }
  if (text.startsWith('\ufeff')) {
    out.add('error', 'bom', "the file starts with a byte-order mark, which CAS's Hjson reader does not skip (it fails to load the file)", { line: 1, column: 1 }, {
      hint: 'save the file as UTF-8 without BOM',
    });
    text = text.slice(1);
  }

  const { default: Hjson } = await import('hjson');
  let plain: unknown;
  try {
    plain = Hjson.parse(text);
  } catch (error) {
    const { finding, excerpt } = syntaxFinding(error, text);
    out.findings.push(finding);
    return finish(file, out, [], { error: { code: 'E_HJSON_SYNTAX', message: `${file}: ${finding.message}` }, ...(excerpt !== undefined ? { excerpt } : {}) });
  }
  let root: HjsonNode;
  try {
    root = parseHjsonTree(text, {
      onControlCharacter: (at, char) => {
        const name = char === '\t' ? 'a tab' : `the control character U+${char.charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}`;
        out.add('error', 'syntax', `${name} inside a quoted string: CAS's Hjson reader (hjson-java) rejects raw control characters in strings`, at, {
          hint: char === '\t' ? 'write \\t instead, or remove it' : 'remove it, or write it as a \\u escape',
        });
      },
    });
  } catch (error) {
    // The hjson package accepted the text: a position-less tree still lets every check run.
    if (!(error instanceof HjsonTreeError) && !(error instanceof RangeError)) throw error;
    root = treeOf(plain);
  }
  if (root.kind !== 'object') {
    out.add('error', 'not-an-object', `the file holds ${describe(root)}, not an object of field definitions`, root.start, {
      hint: 'the file is { "@class": "java.util.HashMap", "<field>": { "@class": "org.apereo.cas.acct.AccountRegistrationProperty", … }, … }',
    });
    return finish(file, out, []);
  }
  const entries = effectiveEntries(root, 'the file', out);
  const marker = entries.get('@class');
  if (!marker) {
    out.add('error', 'missing-class', 'the top-level object has no "@class": CAS (Jackson) needs the map class', root.start, {
      hint: 'add "@class": "java.util.HashMap" as its first member',
    });
  } else if (marker.value.kind !== 'string' || !MAP_CLASSES.includes(String(marker.value.value))) {
    out.add('error', 'wrong-class', `the top-level "@class" is ${describe(marker.value)}; CAS expects a map class such as java.util.HashMap`, marker.keyStart, {
      field: '@class',
      hint: 'write "@class": "java.util.HashMap"',
    });
  }
  const properties: Property[] = [];
  for (const [key, entry] of entries) {
    if (key === '@class') continue;
    const property = checkProperty(entry, out);
    if (property) properties.push(property);
  }
  checkFlow(properties, out);
  const fields = [...properties]
    .sort((a, b) => a.order - b.order)
    .map((p) => ({ key: p.key, ...(p.name !== undefined ? { name: p.name } : {}), order: p.order, required: p.required, type: p.type }));
  return finish(file, out, fields);
}

/** The human report: one line per finding (`file:line:col: severity: message [code]`), then a summary. */
export function formatLint(result: LintResult, paint: Paint): string {
  const lines: string[] = [];
  for (const f of result.findings) {
    const where = f.line ? `${result.file}:${f.line}:${f.column}` : result.file;
    const severity = f.severity === 'error' ? paint.red('error') : paint.yellow('warning');
    lines.push(`${where}: ${severity}: ${f.message} ${paint.dim(`[${f.code}]`)}`);
    if (f.code === 'syntax' && result.excerpt !== undefined && f.column) {
      lines.push(`  ${result.excerpt.text}`);
      lines.push(`  ${' '.repeat(result.excerpt.column - 1)}${paint.red('^')}`);
    }
    if (f.hint) lines.push(`  ${paint.dim('hint:')} ${f.hint}`);
  }
  if (result.findings.length === 0) {
    lines.push(`${paint.green('✔')} ${result.file}: ${plural(result.fields.length, 'field')} (${result.fields.map((f) => f.name ?? f.key).join(', ')}), no problems`);
  } else {
    const summary = `${plural(result.errors, 'error')}, ${plural(result.warnings, 'warning')}`;
    lines.push(result.ok ? `${paint.yellow('!')} ${result.file}: ${summary}` : `${paint.red('✖')} ${result.file}: ${summary}`);
  }
  return lines.join('\n');
}
