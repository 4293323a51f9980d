/** Prefixes of identity's secret tokens (made with the kernel's `newSecretToken`). */
export const TOKEN_PREFIX = {
  refresh: 'cgr',
  passwordReset: 'cgp',
  invitation: 'cgi',
  apiKey: 'cg',
  mfaChallenge: 'cgm',
} as const;
