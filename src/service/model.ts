/**
 * What CAS knows about service definitions, by version: the `@class` names a registry may use, their
 * evaluation priority, and the fields Jackson binds (anything else CAS ignores without a word, because
 * its mappers do not fail on unknown properties). See the apereo/cas sources named beside each entry.
 */
import { closestName } from '../text/closest-name.js';

export const CAS_VERSIONS = ['6.6', '7.0', '7.1', '7.2', '7.3', '8'] as const;
export type CasVersion = (typeof CAS_VERSIONS)[number];
export const NEWEST_CAS_VERSION: CasVersion = '8';

const rank = (v: CasVersion) => CAS_VERSIONS.indexOf(v);
export const atLeast = (v: CasVersion, min: CasVersion) => rank(v) >= rank(min);

/** Which locator may choose a definition for a plain `service=` URL (AbstractServicesManager.findServiceBy). */
export type ServiceKind = 'cas' | 'oauth' | 'oidc' | 'saml' | 'wsfed';

export interface ServiceClass {
  kind: ServiceKind;
  /** RegisteredService.getEvaluationPriority(): lower first */
  priority: number;
  /** first version that has it */
  since?: CasVersion;
  /** first version that no longer has it (CAS skips the file) */
  removedIn?: CasVersion;
  /** deprecated: CAS loads it with a warning */
  deprecated?: string;
}

export const JAVA_INT_MAX = 2147483647;

export const SERVICE_CLASSES: Record<string, ServiceClass> = {
  'org.apereo.cas.services.CasRegisteredService': { kind: 'cas', priority: JAVA_INT_MAX, since: '6.6' },
  'org.apereo.cas.services.RegexRegisteredService': {
    kind: 'cas',
    priority: JAVA_INT_MAX,
    removedIn: '7.1',
    deprecated: 'RegexRegisteredService is deprecated since CAS 6.6 and removed in 7.1: use org.apereo.cas.services.CasRegisteredService',
  },
  // OIDC 1 and WS-Federation 3 per their getEvaluationPriority(); SAML 0 (SamlRegisteredService); OAuth: assumed 2.
  'org.apereo.cas.support.oauth.services.OAuthRegisteredService': { kind: 'oauth', priority: 2 },
  'org.apereo.cas.services.OidcRegisteredService': { kind: 'oidc', priority: 1 },
  'org.apereo.cas.support.saml.services.SamlRegisteredService': { kind: 'saml', priority: 0 },
  'org.apereo.cas.ws.idp.services.WSFederationRegisteredService': { kind: 'wsfed', priority: 3 },
};

/** Top-level fields of CasRegisteredService (BaseRegisteredService, BaseWebBasedRegisteredService, 6.6–8). */
export const CAS_SERVICE_FIELDS = new Set([
  '@class',
  'id',
  'name',
  'serviceId',
  'description',
  'templateName',
  'theme',
  'locale',
  'informationUrl',
  'privacyUrl',
  'logo',
  'responseType',
  'evaluationOrder',
  'logoutType',
  'logoutUrl',
  'redirectUrl',
  'proxyPolicy',
  'proxyTicketExpirationPolicy',
  'proxyGrantingTicketExpirationPolicy',
  'serviceTicketExpirationPolicy',
  'ticketGrantingTicketExpirationPolicy',
  'usernameAttributeProvider',
  'authenticationPolicy',
  'attributeReleasePolicy',
  'multifactorPolicy',
  'accessStrategy',
  'expirationPolicy',
  'acceptableUsagePolicy',
  'webflowInterruptPolicy',
  'singleSignOnParticipationPolicy',
  'passwordlessPolicy',
  'surrogatePolicy',
  'matchingStrategy',
  'publicKey',
  'properties',
  'contacts',
  'environments',
  'supportedProtocols',
  'requiredHandlers',
  'auditPolicy',
]);

const ACCESS_BASE = ['@class', 'enabled', 'ssoEnabled', 'requiredAttributes', 'rejectedAttributes', 'requireAllAttributes', 'caseInsensitive', 'unauthorizedRedirectUrl', 'delegatedAuthenticationPolicy', 'order', 'activationCriteria'];
const RELEASE_BASE = [
  '@class',
  'attributeFilter',
  'principalAttributesRepository',
  'consentPolicy',
  'authorizedToReleaseCredentialPassword',
  'authorizedToReleaseProxyGrantingTicket',
  'excludeDefaultAttributes',
  'authorizedToReleaseAuthenticationAttributes',
  'principalIdAttribute',
  'order',
  'activationCriteria',
  'canonicalizationMode',
];
const USERNAME_BASE = ['@class', 'canonicalizationMode', 'encryptUsername', 'scope', 'removePattern'];

/** Fields of the common nested policies, by class (simple name under org.apereo.cas.services.). */
export const POLICY_FIELDS: Record<string, Set<string>> = {
  DefaultRegisteredServiceAccessStrategy: new Set(ACCESS_BASE),
  TimeBasedRegisteredServiceAccessStrategy: new Set([...ACCESS_BASE, 'startingDateTime', 'endingDateTime', 'zoneId']),
  RemoteEndpointServiceAccessStrategy: new Set([...ACCESS_BASE, 'endpointUrl', 'acceptableResponseCodes']),
  ReturnAllowedAttributeReleasePolicy: new Set([...RELEASE_BASE, 'allowedAttributes']),
  ReturnAllAttributeReleasePolicy: new Set([...RELEASE_BASE, 'excludedAttributes']),
  ReturnMappedAttributeReleasePolicy: new Set([...RELEASE_BASE, 'allowedAttributes']),
  ReturnStaticAttributeReleasePolicy: new Set([...RELEASE_BASE, 'allowedAttributes']),
  DenyAllAttributeReleasePolicy: new Set(RELEASE_BASE),
  DefaultRegisteredServiceUsernameProvider: new Set(USERNAME_BASE),
  PrincipalAttributeRegisteredServiceUsernameProvider: new Set([...USERNAME_BASE, 'usernameAttribute']),
  AnonymousRegisteredServiceUsernameAttributeProvider: new Set([...USERNAME_BASE, 'persistentIdGenerator']),
  FullRegexRegisteredServiceMatchingStrategy: new Set(['@class']),
  PartialRegexRegisteredServiceMatchingStrategy: new Set(['@class']),
  LiteralRegisteredServiceMatchingStrategy: new Set(['@class', 'caseInsensitive']),
  StartsWithRegisteredServiceMatchingStrategy: new Set(['@class', 'expectedUrl']),
};

export type MatchingStrategyName = 'FullRegex' | 'PartialRegex' | 'Literal' | 'StartsWith';

export const MATCHING_STRATEGIES: Record<string, { name: MatchingStrategyName; since?: CasVersion }> = {
  'org.apereo.cas.services.FullRegexRegisteredServiceMatchingStrategy': { name: 'FullRegex' },
  'org.apereo.cas.services.PartialRegexRegisteredServiceMatchingStrategy': { name: 'PartialRegex' },
  'org.apereo.cas.services.LiteralRegisteredServiceMatchingStrategy': { name: 'Literal' },
  'org.apereo.cas.services.StartsWithRegisteredServiceMatchingStrategy': { name: 'StartsWith', since: '7.1' },
};

/** CAS 8 (Jackson 3) refuses to deserialize classes outside these packages. */
export const CAS8_ALLOWED_PACKAGES = ['org.apereo.cas.', 'java.util.', 'java.lang.', 'java.time.', 'java.io.', 'org.pac4j.', 'org.opensaml.', 'com.nimbusds.oauth2.', 'org.apereo.inspektr.'];

/** Closest known name: same letters in another case, or up to two edits away. */
export function suggest(name: string, known: Iterable<string>): string | undefined {
  return closestName(name, [...known].filter((candidate) => candidate !== '@class'));
}
