/**
 * Reads one service definition file as CAS does (JsonServiceRegistry: Hjson, then Jackson with default
 * typing; YamlServiceRegistry: `--- !<class>` documents) into a definition with positions, and reports
 * what CAS would do with each problem in the file itself. Problems across files (duplicate ids,
 * shadowing, ties) are judged in lint.ts.
 */
import type { Document, Node as YamlNode } from 'yaml';
import { printable, readHjson } from '../hjson/read.js';
import type { HjsonNode, Position } from '../hjson/hjson-tree.js';
import { compileJavaRegex, type JavaRegex } from './java-regex.js';
import {
  atLeast,
  CAS8_ALLOWED_PACKAGES,
  CAS_SERVICE_FIELDS,
  MATCHING_STRATEGIES,
  POLICY_FIELDS,
  SERVICE_CLASSES,
  suggest,
  type CasVersion,
  type MatchingStrategyName,
  type ServiceKind,
} from './model.js';

export type Severity = 'error' | 'warning';

export interface Finding {
  severity: Severity;
  /** stable code (documented in casctl-service-lint) */
  code: string;
  /** what is wrong, and what CAS will do about it */
  message: string;
  file: string;
  line?: number;
  column?: number;
  hint?: string;
}

export interface ServiceDefinition {
  file: string;
  format: 'json' | 'yaml';
  className: string;
  kind: ServiceKind;
  priority: number;
  id?: number;
  idAt?: Position;
  name: string;
  serviceId: string;
  serviceIdAt?: Position;
  evaluationOrder: number;
  evaluationOrderAt?: Position;
  strategy: MatchingStrategyName;
  /** LiteralRegisteredServiceMatchingStrategy.caseInsensitive */
  literalCaseInsensitive: boolean;
  /** StartsWithRegisteredServiceMatchingStrategy.expectedUrl */
  expectedUrl?: string;
  enabled: boolean;
  ssoEnabled: boolean;
  /** the compiled serviceId, for the regex strategies */
  regex?: JavaRegex;
  at: Position;
}

export interface ReadResult {
  file: string;
  format: 'json' | 'yaml';
  /** undefined when CAS skips the file or drops the service */
  definition?: ServiceDefinition;
  findings: Finding[];
}

/** One node of a definition, JSON or YAML alike: `type` is the `@class` (JSON) or the `!<tag>` (YAML). */
interface TNode {
  kind: 'object' | 'array' | 'scalar';
  at: Position;
  type?: string;
  typeAt?: Position;
  entries: { key: string; keyAt: Position; value: TNode }[];
  items: TNode[];
  /** an array with its Java collection class: `["java.util.ArrayList", [ … ]]` or a tagged YAML sequence */
  typedCollection?: boolean;
  value?: string | number | boolean | null;
}

const NO_POSITION: Position = { line: 0, column: 0 };

function fromHjson(node: HjsonNode, onDuplicate: (key: string, at: Position, first: Position) => void): TNode {
  const base = { at: node.start, entries: [], items: [] };
  if (node.kind === 'object') {
    const seen = new Map<string, number>();
    const result: TNode = { ...base, kind: 'object', entries: [] };
    for (const entry of node.entries) {
      if (entry.key === '@class' && entry.value.kind === 'string') {
        result.type = String(entry.value.value);
        result.typeAt = entry.keyStart;
        continue;
      }
      const index = seen.get(entry.key);
      const value = fromHjson(entry.value, onDuplicate);
      if (index !== undefined) {
        onDuplicate(entry.key, entry.keyStart, result.entries[index]!.keyAt);
        result.entries[index] = { key: entry.key, keyAt: entry.keyStart, value };
      } else {
        seen.set(entry.key, result.entries.length);
        result.entries.push({ key: entry.key, keyAt: entry.keyStart, value });
      }
    }
    return result;
  }
  if (node.kind === 'array') {
    const [className, list] = node.items;
    if (node.items.length === 2 && className?.kind === 'string' && /^[\w$]+(\.[\w$]+)+$/.test(String(className.value)) && list?.kind === 'array') {
      return { ...base, kind: 'array', type: String(className.value), typeAt: className.start, typedCollection: true, items: list.items.map((i) => fromHjson(i, onDuplicate)) };
    }
    return { ...base, kind: 'array', items: node.items.map((i) => fromHjson(i, onDuplicate)) };
  }
  return { ...base, kind: 'scalar', value: node.value };
}

function fromYaml(node: YamlNode | null | undefined, position: (offset: number) => Position): TNode {
  const at = node?.range ? position(node.range[0]) : NO_POSITION;
  const base = { at, entries: [], items: [] };
  if (!node) return { ...base, kind: 'scalar', value: null };
  const tag = node.tag && !node.tag.startsWith('tag:yaml.org,2002:') ? node.tag.replace(/^!<?|>$/g, '') : undefined;
  const n = node as unknown as { items?: unknown[]; value?: unknown };
  if (Array.isArray(n.items) && n.items.length >= 0 && 'items' in n && (node.constructor.name === 'YAMLMap' || node.constructor.name === 'YAMLSeq')) {
    if (node.constructor.name === 'YAMLMap') {
      const result: TNode = { ...base, kind: 'object', ...(tag ? { type: tag, typeAt: at } : {}) };
      for (const pair of n.items as { key: YamlNode & { value?: unknown }; value: YamlNode }[]) {
        const key = String((pair.key as { value?: unknown })?.value ?? pair.key);
        const keyAt = pair.key?.range ? position(pair.key.range[0]) : at;
        if (key === '@class' && (pair.value as { value?: unknown })?.value !== undefined) {
          result.type = String((pair.value as { value?: unknown }).value);
          result.typeAt = keyAt;
          continue;
        }
        result.entries.push({ key, keyAt, value: fromYaml(pair.value, position) });
      }
      return result;
    }
    const items = (n.items as YamlNode[]).map((i) => fromYaml(i, position));
    if (tag) return { ...base, kind: 'array', type: tag, typeAt: at, typedCollection: true, items };
    const [className, list] = items;
    if (items.length === 2 && className?.kind === 'scalar' && /^[\w$]+(\.[\w$]+)+$/.test(String(className.value)) && list?.kind === 'array') {
      return { ...base, kind: 'array', type: String(className.value), typeAt: className.at, typedCollection: true, items: list.items };
    }
    return { ...base, kind: 'array', items };
  }
  const value = n.value;
  return { ...base, kind: 'scalar', ...(tag ? { type: tag, typeAt: at } : {}), value: value === undefined ? null : (value as string | number | boolean | null) };
}

const entry = (node: TNode, key: string) => node.entries.find((e) => e.key === key);
const simpleName = (className: string) => className.slice(className.lastIndexOf('.') + 1);

class Findings {
  readonly list: Finding[] = [];
  constructor(private readonly file: string) {}
  add(severity: Severity, code: string, message: string, at?: Position, hint?: string) {
    this.list.push({
      severity,
      code,
      message,
      file: this.file,
      ...(at && at.line > 0 ? { line: at.line, column: at.column } : {}),
      ...(hint ? { hint } : {}),
    });
  }
}

export interface ReadOptions {
  version: CasVersion;
}

/** Reads a definition file's text; `file` names it in findings. */
export async function readServiceDefinition(file: string, text: string, options: ReadOptions): Promise<ReadResult> {
  const format = /\.ya?ml$/.test(file) ? 'yaml' : 'json';
  const out = new Findings(file);
  const done = (definition?: ServiceDefinition): ReadResult => ({ file, format, ...(definition ? { definition } : {}), findings: out.list });
  if (text.trim() === '') {
    out.add('warning', 'empty-file', 'the file is empty: CAS skips it');
    return done();
  }
  let root: TNode;
  if (format === 'json') {
    if (text.startsWith('\ufeff')) {
      out.add('error', 'parse-error', "the file starts with a byte-order mark, which CAS's Hjson reader does not skip: CAS skips this file", { line: 1, column: 1 }, 'save the file as UTF-8 without BOM');
      return done();
    }
    // JsonServiceRegistry reads only text that mentions @class (RegisteredServiceJsonSerializer.supports).
    if (!text.includes('@class')) {
      out.add('error', 'missing-class', 'the file has no "@class": CAS skips this file without a word', { line: 1, column: 1 }, 'add "@class": "org.apereo.cas.services.CasRegisteredService"');
      return done();
    }
    const reading = await readHjson(text);
    if (!reading.ok) {
      const { syntax } = reading;
      // hjson-java says "Expected valid escape sequence"; the hjson package only "Bad string".
      const line = syntax.line ? (text.split('\n')[syntax.line - 1] ?? '') : '';
      const escape = /\\([^"\\/bfnrtu])/.exec(line.slice(0, syntax.column ?? line.length));
      const badEscape = /escape/i.test(syntax.message) || (escape !== null && /Bad string/.test(syntax.message));
      out.add(
        'error',
        'parse-error',
        escape && badEscape
          ? `not valid Hjson: "\\${escape[1]}" is not an escape sequence in a quoted string (CAS's reader: "Expected valid escape sequence"): CAS skips this file`
          : `${syntax.message}: CAS skips this file`,
        syntax.line ? { line: syntax.line, column: syntax.column ?? 1 } : undefined,
        badEscape ? 'a backslash in a JSON string must be doubled: write "\\\\." for a literal dot in a regex' : syntax.hint,
      );
      return done();
    }
    for (const { at, char } of reading.controlCharacters) {
      const name = char === '\t' ? 'a tab' : `the control character U+${char.charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}`;
      out.add('error', 'parse-error', `${name} inside a quoted string, which CAS's Hjson reader rejects: CAS skips this file`, at, char === '\t' ? 'write \\t instead' : undefined);
    }
    if (reading.controlCharacters.length > 0) return done();
    root = fromHjson(reading.root, (key, at, first) =>
      out.add('warning', 'duplicate-key', `"${printable(key, 60)}" appears twice (also at line ${first.line}): CAS keeps only the last one`, at),
    );
  } else {
    // YamlServiceRegistry reads only documents starting with a class tag (RegisteredServiceYamlSerializer.supports).
    if (!text.trim().startsWith('--- !<')) {
      out.add('error', 'missing-class', 'the file does not start with "--- !<class>": CAS skips this file without a word', { line: 1, column: 1 }, 'start it with --- !<org.apereo.cas.services.CasRegisteredService>');
      return done();
    }
    const { parseDocument, LineCounter } = await import('yaml');
    const lines = new LineCounter();
    const doc: Document = parseDocument(text, { lineCounter: lines, uniqueKeys: false });
    if (doc.errors.length > 0) {
      const first = doc.errors[0]!;
      const pos = first.linePos?.[0];
      out.add('error', 'parse-error', `not valid YAML: ${printable(first.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, ''), 200)}: CAS skips this file`, pos ? { line: pos.line, column: pos.col } : undefined);
      return done();
    }
    root = fromYaml(doc.contents as YamlNode, (offset) => {
      const p = lines.linePos(offset);
      return { line: p.line, column: p.col };
    });
    // The class tag sits on the `--- !<…>` line, before the mapping it types.
    const tagOffset = text.indexOf('!<');
    if (root.type !== undefined && tagOffset >= 0) {
      const p = lines.linePos(tagOffset);
      root.typeAt = { line: p.line, column: p.col };
    }
  }
  if (root.kind !== 'object') {
    out.add('error', 'parse-error', 'the file holds no object: CAS skips this file', root.at);
    return done();
  }
  return done(checkDefinition(root, file, format, options, out));
}

function checkDefinition(root: TNode, file: string, format: 'json' | 'yaml', options: ReadOptions, out: Findings): ServiceDefinition | undefined {
  const { version } = options;
  let className = root.type;
  // CAS 6.x rewrites org.jasig class names to org.apereo with a warning (JasigRegisteredServiceDeserializationProblemHandler).
  if (className?.startsWith('org.jasig.') && version === '6.6') {
    const renamed = `org.apereo.${className.slice('org.jasig.'.length)}`;
    out.add('warning', 'jasig-class', `"@class" ${className} is the old org.jasig name: CAS 6.6 reads it as ${renamed}, with a warning`, root.typeAt ?? root.at, `write ${renamed}`);
    className = renamed;
  }
  if (className === undefined) {
    out.add('error', 'missing-class', 'the definition has no "@class": Jackson cannot tell which service type it is, and CAS skips this file', root.at, 'add "@class": "org.apereo.cas.services.CasRegisteredService"');
    return undefined;
  }
  const known = SERVICE_CLASSES[className];
  const classAt = root.typeAt ?? root.at;
  if (!known) {
    const jasig = className.startsWith('org.jasig.');
    const hint = suggest(simpleName(className), Object.keys(SERVICE_CLASSES).map(simpleName));
    out.add(
      'error',
      'unknown-class',
      `"@class" ${className} is not a service type CAS ${version} knows ("Could not resolve type id"): CAS skips this file`,
      classAt,
      jasig ? 'org.jasig classes were renamed org.apereo long ago: use org.apereo.cas.services.CasRegisteredService' : hint ? `did you mean ${Object.keys(SERVICE_CLASSES).find((c) => simpleName(c) === hint)}?` : 'use org.apereo.cas.services.CasRegisteredService (or the class of the installed OAuth/OIDC/SAML module)',
    );
    return undefined;
  }
  if (known.removedIn && atLeast(version, known.removedIn)) {
    out.add('error', 'removed-class', `"@class" ${simpleName(className)} was removed in CAS ${known.removedIn}, so CAS ${version} cannot read it: CAS skips this file`, classAt, 'use org.apereo.cas.services.CasRegisteredService');
    return undefined;
  }
  if (known.since && !atLeast(version, known.since)) {
    out.add('error', 'unknown-class', `"@class" ${simpleName(className)} does not exist yet in CAS ${version} (new in ${known.since}): CAS skips this file`, classAt, 'use org.apereo.cas.services.RegexRegisteredService on CAS before 6.6');
    return undefined;
  }
  if (known.deprecated) out.add('warning', 'deprecated-class', `${known.deprecated}; CAS ${version} still loads it, with a warning per service`, classAt);

  // Every nested value must carry its type (default typing NON_FINAL); what does not makes Jackson fail.
  let typingBroken = false;
  const visit = (node: TNode, path: string, parentTyped: boolean) => {
    if (node.kind === 'object') {
      if (node !== root && node.type === undefined) {
        typingBroken = true;
        out.add(
          'error',
          'untyped-object',
          `${path} is an object without "@class": CAS's default typing cannot tell its type, so Jackson fails and CAS skips this file`,
          node.at,
          format === 'yaml' ? 'tag it, e.g. !<java.util.HashMap> for a map' : 'add "@class" (e.g. "java.util.HashMap" for a map, or the policy class)',
        );
      }
      if (version === '8' && node.type && !CAS8_ALLOWED_PACKAGES.some((p) => node.type!.startsWith(p))) {
        out.add('error', 'class-not-allowed', `${path} names ${node.type}, a class outside the packages CAS 8 lets Jackson create: CAS skips this file`, node.typeAt ?? node.at);
      }
      for (const e of node.entries) visit(e.value, `${path}.${e.key}`, false);
    } else if (node.kind === 'array') {
      if (!node.typedCollection && !parentTyped) {
        typingBroken = true;
        const shown = node.items
          .slice(0, 3)
          .map((i) => (i.kind === 'scalar' ? JSON.stringify(i.value) : '…'))
          .join(', ');
        out.add(
          'error',
          'untyped-collection',
          format === 'yaml'
            ? `${path} is a list without a type tag: CAS's default typing needs the collection class, so Jackson fails and CAS skips this file`
            : `${path} is a bare list [${shown}${node.items.length > 3 ? ', …' : ''}]: CAS's default typing reads the first element as a class name, so Jackson fails and CAS skips this file`,
          node.at,
          format === 'yaml' ? 'tag the list, e.g. !<java.util.ArrayList>' : `write [ "java.util.ArrayList", [ ${shown} ] ] (or java.util.HashSet for a set)`,
        );
      }
      node.items.forEach((item, i) => visit(item, `${path}[${i}]`, false));
    }
  };
  for (const e of root.entries) visit(e.value, e.key, false);

  // Unknown properties: CAS ignores them without a word (FAIL_ON_UNKNOWN_PROPERTIES off).
  if (known.kind === 'cas') checkFields(root, '', CAS_SERVICE_FIELDS, simpleName(className), out);
  for (const field of ['accessStrategy', 'attributeReleasePolicy', 'usernameAttributeProvider', 'matchingStrategy']) {
    const policy = entry(root, field)?.value;
    if (policy?.kind === 'object' && policy.type?.startsWith('org.apereo.cas.services.')) {
      const fields = POLICY_FIELDS[simpleName(policy.type)];
      if (fields) checkFields(policy, `${field}.`, fields, simpleName(policy.type), out);
    }
  }

  const name = scalarText(root, 'name');
  const serviceIdEntry = entry(root, 'serviceId');
  const serviceId = scalarText(root, 'serviceId');
  let dropped = typingBroken;
  if (name === undefined || name.trim() === '') {
    out.add('error', 'blank-name', `the definition has ${name === undefined ? 'no "name"' : 'a blank "name"'}: CAS drops this service`, entry(root, 'name')?.keyAt ?? root.at, 'give it a name, e.g. the application name');
    dropped = true;
  }
  if (serviceId === undefined || serviceId.trim() === '') {
    out.add('error', 'blank-service-id', `the definition has ${serviceId === undefined ? 'no "serviceId"' : 'a blank "serviceId"'}: CAS drops this service`, serviceIdEntry?.keyAt ?? root.at, 'set "serviceId" to a regex of the application URLs, e.g. "^https://app\\\\.example\\\\.org/.*"');
    dropped = true;
  }
  const idEntry = entry(root, 'id');
  let id: number | undefined;
  if (idEntry) {
    const raw = idEntry.value.value;
    const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^-?\d+$/.test(raw.trim()) ? Number(raw.trim()) : undefined;
    if (n === undefined || !Number.isInteger(n)) {
      out.add('error', 'invalid-id', `"id" is ${JSON.stringify(raw)}, not a whole number: Jackson fails and CAS skips this file`, idEntry.keyAt);
      dropped = true;
    } else id = n;
  } else {
    out.add('warning', 'missing-id', 'the definition has no "id": every such file gets the same placeholder id, so CAS keeps only one of them', root.at, 'give it a unique "id"');
  }
  const orderEntry = entry(root, 'evaluationOrder');
  let evaluationOrder = 0;
  if (orderEntry) {
    const raw = orderEntry.value.value;
    const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^-?\d+$/.test(raw.trim()) ? Number(raw.trim()) : undefined;
    if (n === undefined || !Number.isInteger(n) || Math.abs(n) > 2147483647) {
      out.add('error', 'invalid-order', `"evaluationOrder" is ${JSON.stringify(raw)}, not a Java int: Jackson fails and CAS skips this file`, orderEntry.keyAt);
      dropped = true;
    } else evaluationOrder = n;
  }

  // Matching strategy (FullRegex when absent).
  let strategy: MatchingStrategyName = 'FullRegex';
  let literalCaseInsensitive = false;
  let expectedUrl: string | undefined;
  const matching = entry(root, 'matchingStrategy');
  if (matching?.value.kind === 'object' && matching.value.type) {
    const known = MATCHING_STRATEGIES[matching.value.type];
    if (!known || (known.since && !atLeast(version, known.since))) {
      out.add('error', 'unknown-class', `matchingStrategy "@class" ${matching.value.type} does not exist in CAS ${version}: Jackson fails and CAS skips this file`, matching.value.typeAt ?? matching.keyAt);
      dropped = true;
    } else {
      strategy = known.name;
      literalCaseInsensitive = entry(matching.value, 'caseInsensitive')?.value.value === true;
      const expected = entry(matching.value, 'expectedUrl')?.value.value;
      if (typeof expected === 'string') expectedUrl = expected;
    }
  }

  // Access strategy: enabled / ssoEnabled (default true).
  const access = entry(root, 'accessStrategy')?.value;
  const enabledEntry = access ? entry(access, 'enabled') : undefined;
  const enabled = enabledEntry ? enabledEntry.value.value !== false && enabledEntry.value.value !== 'false' : true;
  const sso = access ? entry(access, 'ssoEnabled')?.value.value : undefined;
  const ssoEnabled = sso !== false && sso !== 'false';
  if (!enabled) {
    out.add('warning', 'disabled', 'accessStrategy.enabled is false: CAS keeps the definition but answers "Application Not Authorized to Use CAS" (UNAUTHORIZED_SERVICE) for its URLs', enabledEntry!.keyAt, 'remove the line (or set true) to let the application use CAS');
  }

  let regex: JavaRegex | undefined;
  if (!dropped && serviceId !== undefined && serviceId.trim() !== '' && (strategy === 'FullRegex' || strategy === 'PartialRegex')) {
    regex = compileJavaRegex(serviceId);
    const at = serviceIdEntry!.value.at.line > 0 ? serviceIdEntry!.value.at : serviceIdEntry!.keyAt;
    if (!regex.ok && regex.kind === 'invalid') {
      out.add('error', 'invalid-regex', `serviceId ${JSON.stringify(printable(serviceId, 120))} is not a valid Java regex (${regex.message} near index ${regex.index}): CAS matches it against nothing, so this service can never be chosen`, at, regexHint(serviceId, regex.message));
    } else if (!regex.ok) {
      out.add('warning', 'regex-untranslatable', `serviceId uses Java regex syntax casctl cannot reproduce (${regex.message}): lint and match cannot judge which URLs it matches`, at);
    } else {
      patternWarnings(serviceId, strategy, at, out);
    }
  }
  if (dropped) return undefined;
  return {
    file,
    format,
    className,
    kind: known.kind,
    priority: known.priority,
    ...(id !== undefined ? { id, idAt: idEntry!.keyAt } : {}),
    name: name!,
    serviceId: serviceId!,
    ...(serviceIdEntry ? { serviceIdAt: serviceIdEntry.keyAt } : {}),
    evaluationOrder,
    ...(orderEntry ? { evaluationOrderAt: orderEntry.keyAt } : {}),
    strategy,
    literalCaseInsensitive,
    ...(expectedUrl !== undefined ? { expectedUrl } : {}),
    enabled,
    ssoEnabled,
    ...(regex ? { regex } : {}),
    at: root.at,
  };
}

function scalarText(node: TNode, key: string): string | undefined {
  const value = entry(node, key)?.value;
  if (!value || value.kind !== 'scalar' || value.value === null) return undefined;
  return String(value.value);
}

function checkFields(node: TNode, prefix: string, known: Set<string>, owner: string, out: Findings): void {
  for (const e of node.entries) {
    if (known.has(e.key)) continue;
    const close = suggest(e.key, known);
    out.add('warning', 'unknown-property', `${prefix}${e.key} is not a property of ${owner}: CAS ignores this property`, e.keyAt, close ? `did you mean ${prefix}${close}?` : undefined);
  }
}

function regexHint(serviceId: string, message: string): string | undefined {
  if (/Illegal repetition/.test(message) && /\{/.test(serviceId)) return 'a literal { must be escaped in a Java regex: write \\\\{';
  if (/Dangling meta character '\*'/.test(message)) return 'a wildcard is .* in a regex, not * alone';
  if (/Unclosed group/.test(message)) return 'a ( is not closed; write \\\\( for a literal parenthesis';
  return undefined;
}

/** The host part of a URL pattern (between :// and the next / : ? $ ), its position, and the scheme part. */
export function urlParts(pattern: string): { scheme: string; host: string } | undefined {
  const match = /^\^?(\(?[a-z|?+()]*\)?):\/\/(\(?[^/:?$]*?)(?=[/:?$]|\\?\/|\(\/|\(\?|$)/i.exec(pattern);
  if (!match) return undefined;
  return { scheme: match[1]!, host: match[2]! };
}

function patternWarnings(serviceId: string, strategy: MatchingStrategyName, at: Position, out: Findings): void {
  const parts = urlParts(serviceId);
  if (parts) {
    // "app.example.org": each unescaped dot between name characters is any character.
    const dot = /(^|[^\\])([A-Za-z0-9-]+)\.(?![*+?])([A-Za-z0-9-]+)/.exec(parts.host);
    if (dot) {
      const example = `${dot[2]}X${dot[3]}`;
      out.add(
        'warning',
        'unescaped-dot',
        `the host in serviceId has an unescaped dot (${dot[2]}.${dot[3]}): a dot matches any character, so it also matches ${example}`,
        at,
        `write ${dot[2]}\\\\.${dot[3]} in JSON (${dot[2]}\\.${dot[3]} in the regex)`,
      );
    }
  }
  if (strategy === 'FullRegex') {
    const body = serviceId.replace(/\$$/, '');
    if (!/([*+?)\]}]|\\[dwsSWD])$/.test(body)) {
      out.add(
        'warning',
        'no-trailing-wildcard',
        `serviceId ends without .*: FullRegex matches the whole URL, so only ${printable(body.replace(/^\^/, '').replace(/\\(.)/g, '$1'), 80)} itself matches, not the same URL with a path or query`,
        at,
        'end it with .* (or (/.*)? for the bare URL and everything under it)',
      );
    }
  }
}
