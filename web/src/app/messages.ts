import { defineMessages } from './i18n';

export const m = defineMessages('web.app', {
  starting: { en: 'Starting Cellgraph…', de: 'Cellgraph wird gestartet…' },
  signingIn: { en: 'Signing you in…', de: 'Sie werden angemeldet…' },
});

/** One clear sentence per error code (GraphQL errors, transport failures, and user errors whose server text is for developers). */
export const errorMessages = defineMessages('web.app.errors', {
  unauthenticated: { en: 'Your session has ended. Sign in again.', de: 'Ihre Sitzung ist abgelaufen. Melden Sie sich erneut an.' },
  forbidden: { en: 'You do not have access to this.', de: 'Sie haben darauf keinen Zugriff.' },
  notFound: { en: 'This does not exist, or you cannot see it.', de: 'Das gibt es nicht, oder Sie können es nicht sehen.' },
  rateLimited: { en: 'Too many requests. Wait a moment and try again.', de: 'Zu viele Anfragen. Warten Sie einen Moment und versuchen Sie es erneut.' },
  serviceUnavailable: {
    en: 'This part of Cellgraph is unavailable right now. Try again shortly.',
    de: 'Dieser Teil von Cellgraph ist gerade nicht verfügbar. Versuchen Sie es gleich noch einmal.',
  },
  internalServerError: { en: 'Something went wrong on our side. Try again.', de: 'Bei uns ist etwas schiefgelaufen. Versuchen Sie es erneut.' },
  outdatedPage: {
    en: 'This page is out of date. Reload to get the latest version.',
    de: 'Diese Seite ist veraltet. Laden Sie sie neu, um die aktuelle Version zu erhalten.',
  },
  identityInvalidCredentials: { en: 'That e-mail and password do not match.', de: 'E-Mail-Adresse und Passwort passen nicht zusammen.' },
  identityAccountLocked: {
    en: 'Too many failed sign-ins. Try again in 15 minutes.',
    de: 'Zu viele fehlgeschlagene Anmeldungen. Versuchen Sie es in 15 Minuten erneut.',
  },
  identityInvalidMfaCode: {
    en: 'That code is not right. Try the current code from your app, or a backup code.',
    de: 'Dieser Code ist nicht richtig. Verwenden Sie den aktuellen Code aus Ihrer App oder einen Backup-Code.',
  },
  identityInvalidMfaChallenge: { en: 'This sign-in has expired. Start again.', de: 'Diese Anmeldung ist abgelaufen. Beginnen Sie von vorn.' },
  identityInvalidResetToken: {
    en: 'This reset link is invalid or has expired. Ask for a new one.',
    de: 'Dieser Link zum Zurücksetzen ist ungültig oder abgelaufen. Fordern Sie einen neuen an.',
  },
  identityEmailTaken: {
    en: 'An account with this e-mail already exists. Sign in instead.',
    de: 'Es gibt bereits ein Konto mit dieser E-Mail-Adresse. Melden Sie sich stattdessen an.',
  },
  invitationInvalid: {
    en: 'This invitation is invalid, expired or already used.',
    de: 'Diese Einladung ist ungültig, abgelaufen oder wurde bereits verwendet.',
  },
  invitationSignInRequired: { en: 'Sign in to accept this invitation.', de: 'Melden Sie sich an, um diese Einladung anzunehmen.' },
  invitationEmailMismatch: {
    en: 'This invitation was sent to another e-mail address.',
    de: 'Diese Einladung wurde an eine andere E-Mail-Adresse gesendet.',
  },
  identitySoleOwner: {
    en: 'The organization needs an owner. Hand ownership to another member first.',
    de: 'Die Organisation braucht einen Inhaber. Übertragen Sie die Inhaberschaft zuerst an ein anderes Mitglied.',
  },
  membershipOwnerRoleFixed: {
    en: 'The owner’s role cannot be changed. Hand ownership to another member first.',
    de: 'Die Rolle des Inhabers kann nicht geändert werden. Übertragen Sie die Inhaberschaft zuerst an ein anderes Mitglied.',
  },
  membershipOwnerCannotLeave: {
    en: 'The owner cannot be removed. Hand ownership to another member first.',
    de: 'Der Inhaber kann nicht entfernt werden. Übertragen Sie die Inhaberschaft zuerst an ein anderes Mitglied.',
  },
  membershipInvalidRole: { en: 'That role cannot be given here.', de: 'Diese Rolle kann hier nicht vergeben werden.' },
  identityWrongPassword: { en: 'Your current password is not right.', de: 'Ihr aktuelles Passwort ist nicht richtig.' },
  identityMfaAlreadyEnabled: { en: 'Two-factor authentication is already on.', de: 'Die Zwei-Faktor-Authentifizierung ist bereits aktiviert.' },
  identityMfaNotStarted: { en: 'Start the set-up again: it has expired.', de: 'Beginnen Sie die Einrichtung erneut: Sie ist abgelaufen.' },
  identityMfaNotEnabled: { en: 'Two-factor authentication is already off.', de: 'Die Zwei-Faktor-Authentifizierung ist bereits deaktiviert.' },
  teamNameTaken: { en: 'A team with this name already exists.', de: 'Es gibt bereits ein Team mit diesem Namen.' },
  invitationAlreadyMember: { en: 'This person is already a member.', de: 'Diese Person ist bereits Mitglied.' },
  invitationAlreadyPending: {
    en: 'This person already has a pending invitation. Resend it instead.',
    de: 'Diese Person hat bereits eine offene Einladung. Senden Sie sie stattdessen erneut.',
  },
  apiKeyUnknownScope: { en: 'One of the scopes is not offered by this cell.', de: 'Einer der Bereiche wird von dieser Zelle nicht angeboten.' },
  folderCycle: {
    en: 'A folder cannot be moved into itself or into a folder inside it. Choose another destination.',
    de: 'Ein Ordner kann nicht in sich selbst oder in einen seiner Unterordner verschoben werden. Wählen Sie ein anderes Ziel.',
  },
  folderNotFound: {
    en: 'That folder is not there anymore, or you cannot see it.',
    de: 'Dieser Ordner existiert nicht mehr, oder Sie können ihn nicht sehen.',
  },
  invoiceTokenInvalid: {
    en: 'This invoice link is invalid or has expired. Ask the sender for a new one.',
    de: 'Dieser Rechnungslink ist ungültig oder abgelaufen. Bitten Sie den Absender um einen neuen.',
  },
  documentReviewTokenInvalid: {
    en: 'This review link is invalid, has expired or was revoked. Ask the sender for a new one.',
    de: 'Dieser Prüfungslink ist ungültig, abgelaufen oder wurde widerrufen. Bitten Sie den Absender um einen neuen.',
  },
  requestFailed: { en: 'The request failed.', de: 'Die Anfrage ist fehlgeschlagen.' },
  serverAnswered: { en: 'The server answered {status}.', de: 'Der Server antwortete mit {status}.' },
  unreachable: {
    en: 'Cannot reach Cellgraph. Check your connection and try again.',
    de: 'Cellgraph ist nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
  },
  unknown: { en: 'Something went wrong.', de: 'Etwas ist schiefgelaufen.' },
  liveClosed: { en: 'The live connection closed', de: 'Die Live-Verbindung wurde geschlossen' },
});
