import { defineMessages } from '../app/i18n';

export const m = defineMessages('web.auth', {
  passwordRule: {
    en: 'At least 12 characters, with an upper-case letter, a digit and a special character.',
    de: 'Mindestens 12 Zeichen, mit einem Großbuchstaben, einer Ziffer und einem Sonderzeichen.',
  },
  signIn: { en: 'Sign in', de: 'Anmelden' },
  forgotPassword: { en: 'Forgot your password?', de: 'Passwort vergessen?' },
  newHere: { en: 'New here?', de: 'Neu hier?' },
  createAnAccount: { en: 'Create an account', de: 'Konto erstellen' },
  email: { en: 'E-mail', de: 'E-Mail' },
  password: { en: 'Password', de: 'Passwort' },
  createYourAccount: { en: 'Create your account', de: 'Erstellen Sie Ihr Konto' },
  haveAccount: { en: 'Have an account?', de: 'Sie haben ein Konto?' },
  yourName: { en: 'Your name', de: 'Ihr Name' },
  organization: { en: 'Organization', de: 'Organisation' },
  organizationHint: { en: 'Optional: your company or team.', de: 'Optional: Ihr Unternehmen oder Team.' },
  createAccount: { en: 'Create account', de: 'Konto erstellen' },
  twoFactor: { en: 'Two-factor authentication', de: 'Zwei-Faktor-Authentifizierung' },
  startAgain: { en: 'Start again', de: 'Von vorn beginnen' },
  code: { en: 'Code', de: 'Code' },
  codeHint: {
    en: 'The 6-digit code from your authenticator app, or one of your backup codes.',
    de: 'Der 6-stellige Code aus Ihrer Authentifizierungs-App oder einer Ihrer Backup-Codes.',
  },
  verify: { en: 'Verify', de: 'Bestätigen' },
  resetYourPassword: { en: 'Reset your password', de: 'Passwort zurücksetzen' },
  backToSignIn: { en: 'Back to sign in', de: 'Zurück zur Anmeldung' },
  resetSent: {
    en: 'If an account uses that e-mail, a reset link is on its way. It is valid for one hour.',
    de: 'Falls ein Konto diese E-Mail-Adresse verwendet, ist ein Link zum Zurücksetzen unterwegs. Er ist eine Stunde gültig.',
  },
  sendResetLink: { en: 'Send reset link', de: 'Link zum Zurücksetzen senden' },
  chooseNewPassword: { en: 'Choose a new password', de: 'Neues Passwort wählen' },
  linkIncomplete: {
    en: 'This link is incomplete. Open the link from the e-mail again, or ask for a new one.',
    de: 'Dieser Link ist unvollständig. Öffnen Sie den Link aus der E-Mail erneut, oder fordern Sie einen neuen an.',
  },
  passwordChanged: {
    en: 'Your password is changed and every session was signed out.',
    de: 'Ihr Passwort ist geändert, und alle Sitzungen wurden abgemeldet.',
  },
  newPassword: { en: 'New password', de: 'Neues Passwort' },
  setPassword: { en: 'Set password', de: 'Passwort festlegen' },
  joinYourTeam: { en: 'Join your team', de: 'Treten Sie Ihrem Team bei' },
  alreadyHaveAccount: { en: 'Already have an account?', de: 'Sie haben bereits ein Konto?' },
  signInFirst: { en: 'Sign in first', de: 'Zuerst anmelden' },
  invitationIncomplete: {
    en: 'This invitation link is incomplete. Open the link from the e-mail again.',
    de: 'Dieser Einladungslink ist unvollständig. Öffnen Sie den Link aus der E-Mail erneut.',
  },
  acceptSignedIn: {
    en: 'Accept the invitation with the account you are signed in with.',
    de: 'Nehmen Sie die Einladung mit dem Konto an, mit dem Sie angemeldet sind.',
  },
  acceptInvitation: { en: 'Accept invitation', de: 'Einladung annehmen' },
});
