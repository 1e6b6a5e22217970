/**
 * What CAS knows about the registration-properties file
 * (`cas.account-registration.core.registration-properties.location`): the Java class each entry binds to,
 * its fields with their Java types and defaults, and the field set CAS ships
 * (`support/cas-server-support-account-mgmt/src/main/resources/account-registration-properties/registration-properties.json`).
 */

export const PROPERTY_CLASS = 'org.apereo.cas.acct.AccountRegistrationProperty';

/**
 * The map CAS reads is `Map<String, AccountRegistrationProperty>` with Jackson default typing: the root
 * object names a concrete Map class. These are the ones Jackson can build.
 */
export const MAP_CLASSES = [
  'java.util.HashMap',
  'java.util.LinkedHashMap',
  'java.util.TreeMap',
  'java.util.concurrent.ConcurrentHashMap',
];

/** Concrete lists Jackson's default typing accepts for `values` (written `["java.util.ArrayList", [ … ]]`). */
export const LIST_CLASSES = ['java.util.ArrayList', 'java.util.LinkedList', 'java.util.Vector', 'java.util.concurrent.CopyOnWriteArrayList'];

export type JavaType = 'int' | 'boolean' | 'String' | 'List<String>';

export interface FieldSpec {
  type: JavaType;
  /** the value CAS uses when the field is absent */
  default: string | number | boolean | null;
  description: string;
}

/** `AccountRegistrationProperty` (cas-server-support-account-mgmt-core); `values` from 7.x docs. */
export const FIELDS: Record<string, FieldSpec> = {
  name: { type: 'String', default: null, description: 'request parameter and claim name' },
  order: { type: 'int', default: 0, description: 'display order' },
  required: { type: 'boolean', default: false, description: 'the form requires a value' },
  label: { type: 'String', default: null, description: 'message key of the label' },
  title: { type: 'String', default: null, description: 'message key of the title' },
  type: { type: 'String', default: 'text', description: 'input type (text, email, tel, select, …)' },
  pattern: { type: 'String', default: '.+', description: 'regular expression the value must match' },
  cssClass: { type: 'String', default: 'account-registration-field', description: 'CSS class of the input' },
  validationMessage: {
    type: 'String',
    default: 'cas.screen.acct.error.invalid-value',
    description: 'message key shown when the value does not match',
  },
  values: { type: 'List<String>', default: null, description: 'choices of a select field' },
};

/** HTML input types a browser renders as such; CAS adds `select` (a list of `values`). */
export const INPUT_TYPES = new Set([
  'text', 'email', 'tel', 'password', 'number', 'date', 'datetime-local', 'month', 'week', 'time', 'url', 'search',
  'color', 'checkbox', 'radio', 'range', 'hidden', 'select',
]);

/** The names the registration flow itself reads (`AccountRegistrationRequest#getUsername/getEmail/getPhone`). */
export const USERNAME = 'username';
export const EMAIL = 'email';
export const PHONE = 'phone';

export interface DefaultField {
  name: string;
  required: boolean;
  order: number;
  type?: string;
  pattern?: string;
}

// The patterns are CAS's own, with the characters ( ) { } / | - escaped inside character classes: that
// means the same to Java and to older JavaScript, and makes them valid under the `v` flag that browsers
// now use for HTML patterns (CAS's originals are invalid there, so browsers skip the check).
const EMAIL_PATTERN =
  "(?:[a-z0-9!#$%&'*+\\/=?^_`\\{\\|\\}~\\-]+(?:\\.[a-z0-9!#$%&'*+\\/=?^_`\\{\\|\\}~\\-]+)*|\"(?:[\\x01-\\x08\\x0b\\x0c\\x0e-\\x1f\\x21\\x23-\\x5b\\x5d-\\x7f]|\\\\[\\x01-\\x09\\x0b\\x0c\\x0e-\\x7f])*\")@(?:(?:[a-z0-9](?:[a-z0-9\\-]*[a-z0-9])?\\.)+[a-z0-9](?:[a-z0-9\\-]*[a-z0-9])?|\\[(?:(?:25[0-5]|2[0-4][0-9]|[01]?[0-9][0-9]?)\\.){3}(?:25[0-5]|2[0-4][0-9]|[01]?[0-9][0-9]?|[a-z0-9\\-]*[a-z0-9]:(?:[\\x01-\\x08\\x0b\\x0c\\x0e-\\x1f\\x21-\\x5a\\x53-\\x7f]|\\\\[\\x01-\\x09\\x0b\\x0c\\x0e-\\x7f])+)\\])";
const PHONE_PATTERN = '^(\\+\\d{1,2}\\s)?\\(?\\d{3}\\)?[\\s.\\-]\\d{3}[\\s.\\-]\\d{4}$';

/** CAS's shipped field set, in CAS's order. */
export const DEFAULT_FIELDS: DefaultField[] = [
  { name: 'username', required: true, order: 0 },
  { name: 'firstName', required: true, order: 1 },
  { name: 'lastName', required: true, order: 2 },
  { name: 'email', required: true, order: 3, type: 'email', pattern: EMAIL_PATTERN },
  { name: 'phone', required: false, order: 4, type: 'tel', pattern: PHONE_PATTERN },
];

/** The starting file `account new-properties` writes: JSON (a subset of Hjson), in CAS's own layout. */
export function defaultRegistrationProperties(): string {
  const document: Record<string, unknown> = { '@class': 'java.util.HashMap' };
  for (const field of DEFAULT_FIELDS) {
    document[field.name] = {
      '@class': PROPERTY_CLASS,
      name: field.name,
      required: field.required,
      label: `cas.screen.acct.label.${field.name}`,
      title: `cas.screen.acct.title.${field.name}`,
      ...(field.pattern !== undefined ? { pattern: field.pattern } : {}),
      ...(field.type !== undefined ? { type: field.type } : {}),
      order: field.order,
    };
  }
  return `${JSON.stringify(document, null, 2)}\n`;
}
