/**
 * fast-xml-parser, loaded through its single-file CommonJS build: measured on Node 20 the ESM entry
 * (`import('fast-xml-parser')`, dozens of modules) costs ~75 ms of start-up, the bundled `require`
 * build ~40 ms, and `ticket check` runs on every monitoring tick.
 */
import { IN_BUNDLE } from '../cli/build-info.js';
import type { X2jOptions, XMLParser as XMLParserType, ValidationError } from 'fast-xml-parser';

interface ParserModule {
  XMLParser: new (options?: X2jOptions) => XMLParserType;
  XMLValidator: { validate(xml: string): true | ValidationError };
}

let parserModule: ParserModule | undefined;
// In the bundle esbuild resolves the literal require() to that build; from the sources, createRequire does
// (node:module fetched only then: loading it also loads Node's ESM loader, about 1 ms of every check).
const load = () =>
  (parserModule ??= (IN_BUNDLE ? require('fast-xml-parser') : sourceRequire()('fast-xml-parser')) as ParserModule);
const sourceRequire = () => (process.getBuiltinModule('node:module') as typeof import('node:module')).createRequire(import.meta.url);

/** Parses `xml` after checking it is well-formed (the parser alone accepts broken documents); undefined if not. */
export function parseXmlDocument(xml: string, options: X2jOptions): Record<string, unknown> | undefined {
  const { XMLParser, XMLValidator } = load();
  if (XMLValidator.validate(xml) !== true) return undefined;
  return new XMLParser(options).parse(xml) as Record<string, unknown>;
}
