import { defineMessages } from '../i18n/messages.js';

/** The kernel's own texts for callers: top-level errors and user errors of the shared machinery. */
export const kernelMessages = defineMessages('kernel.errors', {
  authenticationRequired: { en: 'Authentication is required', de: 'Eine Anmeldung ist erforderlich' },
  forbidden: { en: 'You do not have permission to do this', de: 'Sie haben keine Berechtigung dafür' },
  notAllowedOn: {
    en: 'You may not {action} this {type}',
    de: 'Sie haben keine Berechtigung für „{action}“ an diesem Objekt ({type})',
  },
  notReadable: { en: 'You may not read this {what}', de: 'Sie haben keine Berechtigung, dieses Objekt ({what}) zu lesen' },
  needsUser: { en: 'This operation needs a user', de: 'Dieser Vorgang erfordert einen Benutzer' },
  selectOrganization: { en: 'Select an organization first', de: 'Wählen Sie zuerst eine Organisation aus' },
  apiKeyLacksScope: {
    en: 'This API key lacks the scope {scope}, which {field} needs',
    de: 'Diesem API-Schlüssel fehlt der Bereich {scope}, den {field} benötigt',
  },
  apiKeyForbiddenField: {
    en: 'API keys may not call {field}: it manages credentials or the account (sign in as the user instead)',
    de: 'API-Schlüssel dürfen {field} nicht aufrufen: Es verwaltet Zugangsdaten oder das Konto (melden Sie sich stattdessen als Benutzer an)',
  },
  delegationRefused: {
    en: 'The delegation to ask the graph with was refused (expired?)',
    de: 'Die Delegation für die Anfrage an den Graphen wurde abgelehnt (abgelaufen?)',
  },
  tooManyInvalidTokens: {
    en: 'Too many invalid {what} from this address; try again in {minutes, plural, one {# minute} other {# minutes}}',
    de: 'Zu viele ungültige Versuche ({what}) von dieser Adresse; versuchen Sie es in {minutes, plural, one {# Minute} other {# Minuten}} erneut',
  },
  databaseUnavailable: {
    en: 'The database is unavailable; try again shortly',
    de: 'Die Datenbank ist nicht erreichbar; versuchen Sie es gleich noch einmal',
  },
  settingsUnavailable: { en: 'Settings are not available right now', de: 'Die Einstellungen sind gerade nicht verfügbar' },
  visibleNodesUnavailable: {
    en: 'The objects this refers to cannot be checked now (a module of the cell is not answering); try again later',
    de: 'Die Objekte, auf die sich dies bezieht, können gerade nicht geprüft werden (ein Modul antwortet nicht); versuchen Sie es später erneut',
  },
  fileStoreUnavailable: {
    en: 'The file store cannot be reached now ({what}); try again later',
    de: 'Der Dateispeicher ist gerade nicht erreichbar ({what}); versuchen Sie es später erneut',
  },
  noFileStore: {
    en: 'This cell has no files module to store generated files in',
    de: 'Es gibt kein Dateimodul, in dem erzeugte Dateien gespeichert werden können',
  },
  moduleDisabled: { en: 'The {module} module is switched off for you', de: 'Das Modul {module} ist für Sie ausgeschaltet' },
  subscriptionRequiresGateway: {
    en: 'Subscriptions are run by the gateway, one event at a time',
    de: 'Abonnements werden vom Gateway ausgeführt, ein Ereignis nach dem anderen',
  },
  notANodeConnection: { en: 'Not a node connection request', de: 'Keine Anfrage nach einer Knotenverbindung' },
  invalidCursor: { en: '{argument} is not a valid cursor', de: '{argument} ist kein gültiger Cursor' },
  cursorOtherOrder: { en: '{argument} was taken with a different orderBy', de: '{argument} stammt aus einer anderen Sortierung (orderBy)' },
  firstOrLast: { en: 'Pass either first or last, not both', de: 'Geben Sie entweder first oder last an, nicht beide' },
  afterOrBefore: { en: 'Pass either after or before, not both', de: 'Geben Sie entweder after oder before an, nicht beide' },
  pageSizeRange: { en: '{argument} must be between 0 and {max}', de: '{argument} muss zwischen 0 und {max} liegen' },
  afterWithLast: { en: 'after cannot be combined with last/before', de: 'after kann nicht mit last/before kombiniert werden' },
  tooManyConditions: {
    en: 'filter has more than {max, plural, one {# condition} other {# conditions}}',
    de: 'Der Filter hat mehr als {max, plural, one {# Bedingung} other {# Bedingungen}}',
  },
  unknownOperator: { en: 'Unknown operator {operator}', de: 'Unbekannter Operator {operator}' },
  filterTooDeep: {
    en: 'filter is nested deeper than {max, plural, one {# level} other {# levels}}',
    de: 'Der Filter ist tiefer als {max, plural, one {# Ebene} other {# Ebenen}} verschachtelt',
  },
  unknownFilterField: { en: 'Unknown filter field {field}', de: 'Unbekanntes Filterfeld {field}' },
  tooManyOrderKeys: {
    en: 'orderBy accepts at most {max, plural, one {# field} other {# fields}}',
    de: 'orderBy akzeptiert höchstens {max, plural, one {# Feld} other {# Felder}}',
  },
  cannotOrderBy: { en: 'Cannot order by {field}', de: 'Nach {field} kann nicht sortiert werden' },
  tooManyTags: {
    en: 'filter.tags.{operator} takes at most {max, plural, one {# tag} other {# tags}}',
    de: 'filter.tags.{operator} akzeptiert höchstens {max, plural, one {# Tag} other {# Tags}}',
  },
  fromBeforeTo: { en: 'from must be before to', de: 'from muss vor to liegen' },
  tooManyBuckets: {
    en: 'A time series has at most {max} buckets; this range has {count} {interval}s',
    de: 'Eine Zeitreihe hat höchstens {max} Intervalle; dieser Zeitraum hat {count} (Intervall: {interval})',
  },
  unknownTimeZone: {
    en: 'Unknown time zone "{timeZone}" (use an IANA name such as "Europe/Berlin")',
    de: 'Unbekannte Zeitzone „{timeZone}“ (verwenden Sie einen IANA-Namen wie „Europe/Berlin“)',
  },
  groupLimitRange: { en: 'limit must be between 1 and {max}', de: 'limit muss zwischen 1 und {max} liegen' },
  notAValidId: { en: 'Not a valid {typeName} id', de: 'Keine gültige ID vom Typ {typeName}' },
  mustBeNested: {
    en: 'Must be nested at most {max, plural, one {# level} other {# levels}} deep',
    de: 'Darf höchstens {max, plural, one {# Ebene} other {# Ebenen}} tief verschachtelt sein',
  },
  jsonTooLarge: { en: 'Must be at most {max} bytes of JSON', de: 'Darf höchstens {max} Bytes JSON umfassen' },
  invalidId: { en: '{argument} is not a valid {typeName} id', de: '{argument} ist keine gültige ID vom Typ {typeName}' },
  referenceNotFound: {
    en: 'An object this input refers to does not exist in your organization',
    de: 'Ein Objekt, auf das sich diese Eingabe bezieht, existiert in Ihrer Organisation nicht',
  },
  referenceInUse: {
    en: 'Other objects still refer to this one; remove or change them first',
    de: 'Andere Objekte verweisen noch auf dieses; entfernen oder ändern Sie diese zuerst',
  },
  idempotencyKeyInvalid: {
    en: 'An idempotency key has 1 to {max} characters',
    de: 'Ein Idempotenzschlüssel hat 1 bis {max} Zeichen',
  },
  idempotencyKeyReused: {
    en: 'This idempotency key was already used for a different request',
    de: 'Dieser Idempotenzschlüssel wurde bereits für eine andere Anfrage verwendet',
  },
  idempotencyResultGone: {
    en: 'What the first request with this key created has been deleted since',
    de: 'Was die erste Anfrage mit diesem Schlüssel erstellt hat, wurde inzwischen gelöscht',
  },
  notInTrash: {
    en: 'No {type} with this id is in the trash',
    de: 'Im Papierkorb ist kein Objekt ({type}) mit dieser ID',
  },
  bodyNotJson: { en: 'The request body is not valid JSON', de: 'Der Inhalt der Anfrage ist kein gültiges JSON' },
  bodyTooLarge: { en: 'The request body exceeds the limit of {limit} bytes', de: 'Der Inhalt der Anfrage überschreitet das Limit von {limit} Bytes' },
  unsupportedEncoding: { en: 'Unsupported content encoding', de: 'Nicht unterstützte Inhaltscodierung' },
  unsupportedCharset: { en: 'Unsupported charset; send UTF-8', de: 'Nicht unterstützter Zeichensatz; senden Sie UTF-8' },
  requestAborted: { en: 'The request was aborted', de: 'Die Anfrage wurde abgebrochen' },
  bodyLengthMismatch: {
    en: 'The request body does not match its Content-Length',
    de: 'Der Inhalt der Anfrage passt nicht zu seiner Content-Length',
  },
  noEndpoint: { en: 'No endpoint answers {method} on this path', de: 'Kein Endpunkt beantwortet {method} auf diesem Pfad' },
});
