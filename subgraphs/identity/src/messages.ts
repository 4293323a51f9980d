import { defineMessages } from '@cellgraph/kernel/core';

/** Sign-up, sign-in, sessions, passwords and MFA. */
export const authMessages = defineMessages('identity.auth', {
  emailTaken: { en: 'An account with this e-mail already exists', de: 'Es gibt bereits ein Konto mit dieser E-Mail-Adresse' },
  invalidCredentials: { en: 'E-mail or password is incorrect', de: 'E-Mail-Adresse oder Passwort ist falsch' },
  accountLocked: {
    en: 'Too many failed attempts: sign-in is locked for {minutes, plural, one {# more minute} other {# more minutes}}',
    de: 'Zu viele Fehlversuche: Die Anmeldung ist noch {minutes, plural, one {# Minute} other {# Minuten}} gesperrt',
  },
  notAMember: { en: 'You are not a member of this organization', de: 'Sie sind kein Mitglied dieser Organisation' },
  invalidRefreshToken: {
    en: 'This refresh token is not valid; sign in again',
    de: 'Dieses Aktualisierungstoken ist ungültig; melden Sie sich erneut an',
  },
  invalidResetToken: { en: 'This reset link is invalid or has expired', de: 'Dieser Link zum Zurücksetzen ist ungültig oder abgelaufen' },
  wrongPassword: { en: 'The password is incorrect', de: 'Das Passwort ist falsch' },
  soleOwner: {
    en: 'You own {organization}, which has other members: transfer its ownership first',
    de: 'Sie sind Inhaber von {organization}, das weitere Mitglieder hat: Übertragen Sie zuerst die Inhaberschaft',
  },
  invalidMfaChallenge: { en: 'This sign-in has expired; start again', de: 'Diese Anmeldung ist abgelaufen; beginnen Sie erneut' },
  invalidMfaCode: { en: 'The code is not valid', de: 'Der Code ist ungültig' },
  mfaAlreadyEnabled: { en: 'Two-factor authentication is already on', de: 'Die Zwei-Faktor-Authentifizierung ist bereits eingeschaltet' },
  mfaNotEnabled: { en: 'Two-factor authentication is not on', de: 'Die Zwei-Faktor-Authentifizierung ist nicht eingeschaltet' },
  mfaNotStarted: { en: 'Start the enrollment first', de: 'Beginnen Sie zuerst mit der Einrichtung' },
  tooManyFailedSignInsFromAddress: {
    en: 'Too many failed sign-ins from this address; try again in {minutes, plural, one {# minute} other {# minutes}}',
    de: 'Zu viele fehlgeschlagene Anmeldungen von dieser Adresse; versuchen Sie es in {minutes, plural, one {# Minute} other {# Minuten}} erneut',
  },
  tooManySignInAttempts: {
    en: 'Too many sign-in attempts; try again in {minutes, plural, one {# minute} other {# minutes}}',
    de: 'Zu viele Anmeldeversuche; versuchen Sie es in {minutes, plural, one {# Minute} other {# Minuten}} erneut',
  },
  accountGone: { en: 'Your account no longer exists', de: 'Ihr Konto existiert nicht mehr' },
  onlyUserChangesProfile: {
    en: 'Only a signed-in user can change their profile',
    de: 'Nur ein angemeldeter Benutzer kann sein Profil ändern',
  },
  passwordResetSubject: { en: 'Reset your Cellgraph password', de: 'Setzen Sie Ihr Cellgraph-Passwort zurück' },
  passwordResetText: {
    en: 'Hello {name},\n\nReset your password with this link (valid for one hour, once):\n{link}\n\nIf you did not ask for this, ignore this message: your password stays as it is.\n',
    de: 'Hallo {name},\n\nsetzen Sie Ihr Passwort mit diesem Link zurück (eine Stunde lang einmal gültig):\n{link}\n\nWenn Sie dies nicht angefordert haben, ignorieren Sie diese Nachricht: Ihr Passwort bleibt unverändert.\n',
  },
  passwordResetLink: { en: 'Reset your password', de: 'Passwort zurücksetzen' },
  passwordResetGreeting: { en: 'Hello {name},', de: 'Hallo {name},' },
  passwordResetValidity: { en: '(valid for one hour, once).', de: '(eine Stunde lang einmal gültig).' },
  passwordResetIgnore: {
    en: 'If you did not ask for this, ignore this message: your password stays as it is.',
    de: 'Wenn Sie dies nicht angefordert haben, ignorieren Sie diese Nachricht: Ihr Passwort bleibt unverändert.',
  },
});

/** Organizations, memberships, teams and invitations. */
export const organizationMessages = defineMessages('identity.organization', {
  organizationNotFound: { en: 'No such organization', de: 'Diese Organisation gibt es nicht' },
  memberNotFound: { en: 'This user is not a member of your organization', de: 'Dieser Benutzer ist kein Mitglied Ihrer Organisation' },
  ownerRoleFixed: {
    en: 'The owner keeps their role: transfer the ownership instead',
    de: 'Der Inhaber behält seine Rolle: Übertragen Sie stattdessen die Inhaberschaft',
  },
  ownerViaTransfer: {
    en: 'Make someone owner with organizationOwnershipTransfer',
    de: 'Machen Sie jemanden mit organizationOwnershipTransfer zum Inhaber',
  },
  ownerCannotLeave: { en: 'Transfer the ownership before leaving', de: 'Übertragen Sie die Inhaberschaft, bevor Sie austreten' },
  transferToSelf: { en: 'You already own this organization', de: 'Sie sind bereits Inhaber dieser Organisation' },
  notAccessible: { en: 'Your organization is not accessible', de: 'Ihre Organisation ist nicht zugänglich' },
  insideOnly: { en: 'Visible from inside the organization only', de: 'Nur innerhalb der Organisation sichtbar' },
  mayNotGiveRole: { en: 'You may not give this member this role', de: 'Sie dürfen diesem Mitglied diese Rolle nicht geben' },
  mayNotRemove: { en: 'You may not remove this member', de: 'Sie dürfen dieses Mitglied nicht entfernen' },
  onlyOwnerTransfers: { en: 'Only the owner can transfer the ownership', de: 'Nur der Inhaber kann die Inhaberschaft übertragen' },
  teamNotFound: { en: 'No such team in your organization', de: 'Dieses Team gibt es in Ihrer Organisation nicht' },
  teamNameTaken: { en: 'A team with this name already exists', de: 'Es gibt bereits ein Team mit diesem Namen' },
  notInOrganization: {
    en: 'Only members of the organization can join its teams',
    de: 'Nur Mitglieder der Organisation können ihren Teams beitreten',
  },
  notInTeam: { en: 'This user is not in the team', de: 'Dieser Benutzer ist nicht im Team' },
  teamManagersOnly: {
    en: 'Only owners, admins and the team’s leads manage a team',
    de: 'Nur Inhaber, Administratoren und die Leitung des Teams verwalten ein Team',
  },
  cannotSeeTeam: { en: 'You cannot see this team', de: 'Sie können dieses Team nicht sehen' },
  userNotFound: { en: 'No such user in your organization', de: 'Diesen Benutzer gibt es in Ihrer Organisation nicht' },
});

export const invitationMessages = defineMessages('identity.invitation', {
  invalid: {
    en: 'This invitation is invalid, used, revoked or expired',
    de: 'Diese Einladung ist ungültig, bereits verwendet, widerrufen oder abgelaufen',
  },
  notFound: { en: 'No pending invitation with this id', de: 'Keine offene Einladung mit dieser ID' },
  alreadyMember: { en: 'This person is already a member', de: 'Diese Person ist bereits Mitglied' },
  alreadyPending: {
    en: 'This person already has a pending invitation: resend it instead',
    de: 'Diese Person hat bereits eine offene Einladung: Senden Sie sie stattdessen erneut',
  },
  signInRequired: {
    en: 'An account exists for this e-mail: sign in, then accept the invitation',
    de: 'Für diese E-Mail-Adresse gibt es ein Konto: Melden Sie sich an und nehmen Sie dann die Einladung an',
  },
  emailMismatch: { en: 'This invitation was sent to another e-mail address', de: 'Diese Einladung wurde an eine andere E-Mail-Adresse gesendet' },
  unknownTeam: { en: 'A team does not exist in this organization', de: 'Ein Team existiert in dieser Organisation nicht' },
  mayNotInviteWithRole: { en: 'You may not invite with this role', de: 'Sie dürfen nicht mit dieser Rolle einladen' },
  emailSubject: { en: 'Join {organization} on Cellgraph', de: 'Treten Sie {organization} auf Cellgraph bei' },
  emailText: {
    en: '{inviter, select, none {You are invited} other {{inviter} invites you}} to join {organization} on Cellgraph as {role, select, ADMIN {an admin} MEMBER {a member} GUEST {a guest} other {{role}}}.\n\nAccept by {expiresAt}:\n{link}\n',
    de: '{inviter, select, none {Sie sind eingeladen} other {{inviter} lädt Sie ein}}, {organization} auf Cellgraph als {role, select, ADMIN {Administrator} MEMBER {Mitglied} GUEST {Gast} other {{role}}} beizutreten.\n\nNehmen Sie die Einladung bis {expiresAt} an:\n{link}\n',
  },
});

export const accessMessages = defineMessages('identity.access', {
  apiKeyNotFound: { en: 'No active API key with this id', de: 'Kein aktiver API-Schlüssel mit dieser ID' },
  unknownScope: {
    en: 'Unknown scope {scope}: apiKeyScopes lists the scopes of this cell',
    de: 'Unbekannter Bereich {scope}: apiKeyScopes listet die verfügbaren Bereiche',
  },
  invalidObject: { en: 'Not the id of an object that can be shared', de: 'Keine ID eines Objekts, das geteilt werden kann' },
  invalidSubject: { en: 'Share with a member or a team of your organization', de: 'Teilen Sie mit einem Mitglied oder einem Team Ihrer Organisation' },
  objectNotFound: { en: 'No object with this id exists in your organization', de: 'In Ihrer Organisation gibt es kein Objekt mit dieser ID' },
  notGranted: { en: 'This subject holds no grant on this object', de: 'Dieser Empfänger hat keine Freigabe für dieses Objekt' },
  invalidObjectArgument: {
    en: 'objectId is not the id of an object that can be shared',
    de: 'objectId ist keine ID eines Objekts, das geteilt werden kann',
  },
  unknownModule: {
    en: 'Not a restricted module of this cell (see restrictedModules)',
    de: 'Kein eingeschränktes Modul (siehe restrictedModules)',
  },
  moduleNotGranted: { en: 'This subject holds no grant on this module', de: 'Dieser Empfänger hat keine Freigabe für dieses Modul' },
  unknownModuleArgument: { en: 'module is not a restricted module of this cell', de: 'module ist kein eingeschränktes Modul' },
  platformAdminRequired: {
    en: 'Only platform administrators manage feature flags',
    de: 'Nur Plattform-Administratoren verwalten Feature-Flags',
  },
  flagNotFound: { en: 'No feature flag with this key', de: 'Kein Feature-Flag mit diesem Schlüssel' },
  identityNotSwitchable: {
    en: 'Identity cannot be switched off: it signs everyone in and manages the flags',
    de: 'Identity kann nicht ausgeschaltet werden: Es meldet alle an und verwaltet die Flags',
  },
  namespaceUnknown: { en: 'No settings namespace of this name in this cell', de: 'Es gibt keinen Einstellungsbereich mit diesem Namen' },
  namespaceArgumentUnknown: {
    en: 'namespace is not a settings namespace of this cell',
    de: 'namespace ist kein Einstellungsbereich',
  },
  scopeNotAllowed: {
    en: 'Settings of {namespace} cannot be set at this scope',
    de: 'Einstellungen von {namespace} können auf dieser Ebene nicht gesetzt werden',
  },
});

/** Identity's custom validation messages (zodMessage), next to zod's own in the reader's language. */
export const identityValidationMessages = defineMessages('identity.validation', {
  nameRequired: { en: 'Name is required', de: 'Der Name ist erforderlich' },
  nameTooLong: { en: 'Name must be at most 100 characters', de: 'Der Name darf höchstens 100 Zeichen haben' },
  descriptionTooLong: { en: 'Description must be at most 2000 characters', de: 'Die Beschreibung darf höchstens 2000 Zeichen haben' },
  email: { en: 'Enter a valid e-mail address', de: 'Geben Sie eine gültige E-Mail-Adresse ein' },
  passwordTooShort: { en: 'Password must be at least 12 characters long', de: 'Das Passwort muss mindestens 12 Zeichen lang sein' },
  passwordTooLong: { en: 'Password must be at most 256 characters long', de: 'Das Passwort darf höchstens 256 Zeichen lang sein' },
  passwordUpperCase: { en: 'Password must contain an upper-case letter', de: 'Das Passwort muss einen Großbuchstaben enthalten' },
  passwordDigit: { en: 'Password must contain a digit', de: 'Das Passwort muss eine Ziffer enthalten' },
  passwordSpecial: { en: 'Password must contain a special character', de: 'Das Passwort muss ein Sonderzeichen enthalten' },
  timeZoneTooLong: { en: 'A time zone name has at most 64 characters', de: 'Ein Zeitzonenname hat höchstens 64 Zeichen' },
  timeZone: {
    en: 'Choose an IANA time zone such as Europe/Paris or America/New_York',
    de: 'Wählen Sie eine IANA-Zeitzone wie Europe/Berlin oder America/New_York',
  },
  localeTooLong: { en: 'A language tag has at most 35 characters', de: 'Ein Sprach-Tag hat höchstens 35 Zeichen' },
  locale: {
    en: 'Choose a BCP 47 language tag such as en, en-GB or fr-CA',
    de: 'Wählen Sie ein BCP-47-Sprach-Tag wie de, de-AT oder en-GB',
  },
  avatarUrlTooLong: { en: 'The avatar URL has at most 1,000 characters', de: 'Die Avatar-URL hat höchstens 1.000 Zeichen' },
  avatarUrlHttps: { en: 'The avatar must be an https URL', de: 'Der Avatar muss eine https-URL sein' },
  scopeFormat: { en: 'Scopes look like tasks:read or tasks:write', de: 'Bereiche haben die Form tasks:read oder tasks:write' },
  scopeRequired: { en: 'Give the key at least one scope', de: 'Geben Sie dem Schlüssel mindestens einen Bereich' },
  expiryInFuture: { en: 'The expiry must be in the future', de: 'Der Ablauf muss in der Zukunft liegen' },
  rateLimitMin: { en: 'The rate limit is at least 1', de: 'Das Anfragelimit ist mindestens 1' },
  rateLimitMax: { en: 'The rate limit is at most 100,000', de: 'Das Anfragelimit ist höchstens 100.000' },
  inviteRole: { en: 'Invite as admin, member or guest', de: 'Laden Sie als Administrator, Mitglied oder Gast ein' },
  flagKey: {
    en: 'Lower-case letters, digits, dots, dashes and underscores (2 to 80), starting with a letter',
    de: 'Kleinbuchstaben, Ziffern, Punkte, Bindestriche und Unterstriche (2 bis 80), beginnend mit einem Buchstaben',
  },
  flagTargetId: { en: 'An organization or user id (UUID)', de: 'Eine Organisations- oder Benutzer-ID (UUID)' },
});

/** The cell's scheduled jobs and queues (platform administrators). */
export const scheduledJobMessages = defineMessages('identity.scheduledJobs', {
  platformAdminRequired: {
    en: 'Only platform administrators manage the cell’s scheduled jobs and queues',
    de: 'Nur Plattform-Administratoren verwalten die geplanten Jobs und Warteschlangen der Zelle',
  },
  notFound: { en: 'No scheduled job of this cell has this subgraph and name', de: 'Kein geplanter Job dieser Zelle hat dieses Subgraph und diesen Namen' },
  notFoundArgument: { en: 'subgraph and job name no scheduled job of this cell', de: 'subgraph und job nennen keinen geplanten Job dieser Zelle' },
  queueNotFound: { en: 'No queue of this cell has this name (see jobQueues)', de: 'Keine Warteschlange dieser Zelle hat diesen Namen (siehe jobQueues)' },
  queueNotFoundArgument: { en: 'queue is not a queue of this cell (see jobQueues)', de: 'queue ist keine Warteschlange dieser Zelle (siehe jobQueues)' },
  failedJobNotFound: { en: 'No failed job of this queue has this id', de: 'Kein fehlgeschlagener Job dieser Warteschlange hat diese ID' },
  flagDescription: { en: 'Scheduled job {subgraph}/{job}: {description}', de: 'Geplanter Job {subgraph}/{job}: {description}' },
});
