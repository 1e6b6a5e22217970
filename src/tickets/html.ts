/**
 * Just enough HTML reading for CAS pages: the start tags of a document with their attributes, so a
 * login form's action and inputs (whatever hidden fields the server uses: django-cas-server's `lt` and
 * `csrfmiddlewaretoken`, Apereo's `execution` and `_eventId`) and the TGT form of a REST answer can be
 * read. A small scanner rather than an XML parser: login pages are HTML, not well-formed XML.
 */

export interface StartTag {
  name: string;
  attributes: Record<string, string>;
  /** offset of the `<` in the document */
  offset: number;
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Decodes the character references CAS and Django emit (`&amp;`, `&#39;`, `&#x27;`, …). */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c !== '&') {
      out += c;
      continue;
    }
    const end = text.indexOf(';', i);
    if (end === -1 || end - i > 12) {
      out += c;
      continue;
    }
    const ref = text.slice(i + 1, end);
    let decoded: string | undefined;
    if (ref.startsWith('#x') || ref.startsWith('#X')) {
      const n = Number.parseInt(ref.slice(2), 16);
      if (Number.isFinite(n)) decoded = String.fromCodePoint(n);
    } else if (ref.startsWith('#')) {
      const n = Number.parseInt(ref.slice(1), 10);
      if (Number.isFinite(n)) decoded = String.fromCodePoint(n);
    } else {
      decoded = NAMED[ref.toLowerCase()];
    }
    if (decoded === undefined) {
      out += c;
      continue;
    }
    out += decoded;
    i = end;
  }
  return out;
}

const isSpace = (c: string | undefined) => c === ' ' || c === '\n' || c === '\t' || c === '\r' || c === '\f';
const isNameChar = (c: string | undefined) => c !== undefined && !isSpace(c) && c !== '>' && c !== '/' && c !== '=' && c !== '<';

/** Every start tag in document order; comments, scripts and styles are skipped. */
export function startTags(html: string): StartTag[] {
  const tags: StartTag[] = [];
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt === -1) break;
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      i = end === -1 ? html.length : end + 3;
      continue;
    }
    const first = html[lt + 1];
    if (first === undefined || !/[A-Za-z]/.test(first)) {
      i = lt + 1;
      continue;
    }
    let j = lt + 1;
    while (isNameChar(html[j])) j++;
    const name = html.slice(lt + 1, j).toLowerCase();
    const attributes: Record<string, string> = {};
    // attributes
    for (;;) {
      while (isSpace(html[j]) || html[j] === '/') j++;
      if (j >= html.length || html[j] === '>') break;
      const nameStart = j;
      while (isNameChar(html[j])) j++;
      if (j === nameStart) {
        j++;
        continue;
      }
      const attr = html.slice(nameStart, j).toLowerCase();
      while (isSpace(html[j])) j++;
      let value = '';
      if (html[j] === '=') {
        j++;
        while (isSpace(html[j])) j++;
        const quote = html[j];
        if (quote === '"' || quote === "'") {
          const close = html.indexOf(quote, j + 1);
          const stop = close === -1 ? html.length : close;
          value = html.slice(j + 1, stop);
          j = stop + 1;
        } else {
          const valueStart = j;
          while (j < html.length && !isSpace(html[j]) && html[j] !== '>') j++;
          value = html.slice(valueStart, j);
        }
      }
      if (!(attr in attributes)) attributes[attr] = decodeEntities(value);
    }
    tags.push({ name, attributes, offset: lt });
    i = j + 1;
    if (name === 'script' || name === 'style') {
      const close = html.toLowerCase().indexOf(`</${name}`, i);
      i = close === -1 ? html.length : close;
    }
  }
  return tags;
}

export interface HtmlForm {
  action?: string;
  method: string;
  inputs: { name: string; type: string; value: string; checked: boolean }[];
}

/** The forms of a page with their inputs (input, button, select's first/selected option, textarea is ignored). */
export function forms(html: string): HtmlForm[] {
  const result: HtmlForm[] = [];
  let current: HtmlForm | undefined;
  const lower = html.toLowerCase();
  for (const tag of startTags(html)) {
    if (tag.name === 'form') {
      current = { action: tag.attributes.action, method: (tag.attributes.method ?? 'get').toLowerCase(), inputs: [] };
      result.push(current);
      continue;
    }
    if (!current) continue;
    // a form ends at its </form>; inputs after it belong to no form
    const closeAt = lower.lastIndexOf('</form', tag.offset);
    const formStartedAfterClose = closeAt !== -1 && closeAt > lower.lastIndexOf('<form', tag.offset);
    if (formStartedAfterClose) {
      current = undefined;
      continue;
    }
    if ((tag.name === 'input' || tag.name === 'button') && tag.attributes.name) {
      current.inputs.push({
        name: tag.attributes.name,
        type: (tag.attributes.type ?? (tag.name === 'button' ? 'submit' : 'text')).toLowerCase(),
        value: tag.attributes.value ?? '',
        checked: 'checked' in tag.attributes,
      });
    }
  }
  return result;
}
