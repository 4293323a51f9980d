import { defineMessages } from '@cellgraph/kernel/core';

/** The gateway's own answers to clients (authentication, limits, persisted documents, routes). */
export const gatewayMessages = defineMessages('gateway.errors', {
  keysUnavailable: {
    en: 'The access-token keys are unavailable; try again',
    de: 'Die Schlüssel der Zugriffstoken sind nicht verfügbar; versuchen Sie es erneut',
  },
  delegationRequired: {
    en: 'A delegation of a request being served is required',
    de: 'Eine Delegation einer laufenden Anfrage ist erforderlich',
  },
  jobActorRequired: {
    en: 'Only a user or an API key can be acted for by a job',
    de: 'Ein Job kann nur für einen Benutzer oder einen API-Schlüssel handeln',
  },
  methodNotAllowed: { en: 'The endpoint accepts GET and POST only', de: 'Der Endpunkt akzeptiert nur GET und POST' },
  authenticationUnavailable: {
    en: 'Authentication is unavailable; try again',
    de: 'Die Anmeldung ist nicht verfügbar; versuchen Sie es erneut',
  },
  delegationOrAuthorization: {
    en: 'Send either a delegation or an Authorization header',
    de: 'Senden Sie entweder eine Delegation oder einen Authorization-Header',
  },
  invalidDelegation: { en: 'Invalid or expired delegation', de: 'Ungültige oder abgelaufene Delegation' },
  jobSessionSignedOut: {
    en: 'The session this job acts for has been signed out',
    de: 'Die Sitzung, für die dieser Job handelt, wurde abgemeldet',
  },
  bearerFormat: { en: 'Authorization must be "Bearer" followed by the token', de: 'Authorization muss „Bearer“ gefolgt vom Token lauten' },
  tooManyUnknownKeys: {
    en: 'Too many unknown API keys from this address',
    de: 'Zu viele unbekannte API-Schlüssel von dieser Adresse',
  },
  invalidApiKey: { en: 'Invalid, expired or revoked API key', de: 'Ungültiger, abgelaufener oder widerrufener API-Schlüssel' },
  invalidAccessToken: { en: 'Invalid or expired access token', de: 'Ungültiges oder abgelaufenes Zugriffstoken' },
  sessionSignedOut: { en: 'This session has been signed out', de: 'Diese Sitzung wurde abgemeldet' },
  rateLimited: {
    en: 'Rate limit exceeded for this {whose, select, apiKey {API key} user {user} address {address} other {caller}}',
    de: 'Anfragelimit überschritten für {whose, select, apiKey {diesen API-Schlüssel} user {diesen Benutzer} address {diese Adresse} other {diesen Aufrufer}}',
  },
  queryTooDeep: {
    en: 'Query depth {depth} exceeds the limit of {max}',
    de: 'Die Abfragetiefe {depth} überschreitet das Limit von {max}',
  },
  tooManyAliases: {
    en: 'Document uses {count, plural, one {# alias} other {# aliases}}; the limit is {max}',
    de: 'Das Dokument verwendet {count, plural, one {# Alias} other {# Aliase}}; das Limit ist {max}',
  },
  tooManyDirectives: {
    en: 'Document uses {count, plural, one {# directive} other {# directives}}; the limit is {max}',
    de: 'Das Dokument verwendet {count, plural, one {# Direktive} other {# Direktiven}}; das Limit ist {max}',
  },
  introspectionRequiresAuthentication: {
    en: 'Introspection requires authentication',
    de: 'Introspektion erfordert eine Anmeldung',
  },
  unknownOperation: { en: 'Unknown operation named "{name}"', de: 'Unbekannte Operation namens „{name}“' },
  operationNameRequired: {
    en: 'Must provide operation name if query contains several operations',
    de: 'Enthält die Abfrage mehrere Operationen, muss ein Operationsname angegeben werden',
  },
  subscriptionsOverWebSocket: {
    en: 'Subscriptions are served over WebSocket (graphql-transport-ws) at this endpoint',
    de: 'Abonnements werden an diesem Endpunkt über WebSocket (graphql-transport-ws) bedient',
  },
  noSuchRoute: { en: 'No such route', de: 'Diese Route gibt es nicht' },
  subgraphNoAnswer: {
    en: 'The {name} subgraph did not answer; try again',
    de: 'Der Subgraph {name} hat nicht geantwortet; versuchen Sie es erneut',
  },
  sessionEnded: { en: 'The session has ended; sign in again', de: 'Die Sitzung ist beendet; melden Sie sich erneut an' },
  sessionHeaderRequired: {
    en: 'Send the header X-Cellgraph-Session: cookie',
    de: 'Senden Sie den Header X-Cellgraph-Session: cookie',
  },
  originMayNotUseCookie: {
    en: 'This origin may not use the session cookie',
    de: 'Dieser Ursprung darf das Sitzungscookie nicht verwenden',
  },
  persistedDocumentRequired: {
    en: 'The {client} app must send the hash of a document in its manifest (extensions.persistedQuery.sha256Hash), not the document',
    de: 'Die App {client} muss den Hash eines Dokuments aus ihrem Manifest senden (extensions.persistedQuery.sha256Hash), nicht das Dokument',
  },
  persistedDocumentsOff: {
    en: 'Persisted documents are not enabled on this gateway: send the document in `query`',
    de: 'Gespeicherte Dokumente sind auf diesem Gateway nicht aktiviert: Senden Sie das Dokument in `query`',
  },
  persistedDocumentUnknown: {
    en: 'The document sha256:{hash} is not in the app’s manifest of persisted documents (this gateway registers none: deploy the app build that has it)',
    de: 'Das Dokument sha256:{hash} ist nicht im Manifest der gespeicherten Dokumente der App (dieses Gateway registriert keine: Stellen Sie den App-Build bereit, der es enthält)',
  },
  persistedDocumentMalformed: {
    en: 'The document is not in the app’s manifest of persisted documents: {reason}',
    de: 'Das Dokument ist nicht im Manifest der gespeicherten Dokumente der App: {reason}',
  },
  tooManyNodes: {
    en: 'This operation could return {requested} objects; the limit is {limit}. Ask for smaller pages (first/last), fewer ids or fewer nested lists.',
    de: 'Diese Operation könnte {requested} Objekte liefern; das Limit ist {limit}. Fragen Sie kleinere Seiten (first/last), weniger IDs oder weniger verschachtelte Listen ab.',
  },
  responseTooLarge: {
    en: 'The response would be {bytes} bytes; the limit is {max}. Ask for fewer objects or fields.',
    de: 'Die Antwort wäre {bytes} Bytes groß; das Limit ist {max}. Fragen Sie weniger Objekte oder Felder ab.',
  },
});
