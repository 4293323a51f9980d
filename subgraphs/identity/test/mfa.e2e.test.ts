import { withClient } from '@cellgraph/kernel/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCell, type TestCell } from '../../../scripts/testing/cell-harness.js';
import { base32Decode, currentStep, totpCode } from '../src/mfa/totp.js';

const SIGN_IN = `mutation($input: SessionCreateInput!) { sessionCreate(input: $input) {
  session { accessToken } mfaChallenge { challengeToken expiresAt } userErrors { code } } }`;
const VERIFY = `mutation($input: SessionMfaVerifyInput!) { sessionMfaVerify(input: $input) { session { accessToken user { email } } userErrors { code } } }`;

let cell: TestCell;
beforeAll(async () => {
  cell = await startTestCell({ cell: 'core' });
});
afterAll(async () => {
  await cell?.stop();
});

describe('two-factor authentication', () => {
  it('enrols with a confirmed code, then challenges every sign-in; codes and backup codes work once', async () => {
    const user = await cell.signUp('Careful');
    const start = (await cell.gql('mutation { mfaEnrollStart { secret otpauthUrl userErrors { code } } }', {}, user.token)).data!.mfaEnrollStart;
    expect(start.otpauthUrl).toMatch(/^otpauth:\/\/totp\/Cellgraph%3A.+\?secret=[A-Z2-7]+&issuer=Cellgraph/);
    const secret = base32Decode(start.secret);
    const sealed = await withClient(
      cell.database.url,
      async (client) => (await client.query('SELECT secret_sealed FROM identity.mfa_factors')).rows[0].secret_sealed as string,
    );
    expect(sealed.startsWith('v1.')).toBe(true);
    expect(sealed).not.toContain(start.secret);

    const CONFIRM = 'mutation($input: MfaEnrollConfirmInput!) { mfaEnrollConfirm(input: $input) { backupCodes userErrors { code } } }';
    expect((await cell.gql(CONFIRM, { input: { code: '000000' } }, user.token)).data!.mfaEnrollConfirm.userErrors).toEqual([
      { code: 'IDENTITY_INVALID_MFA_CODE' },
    ]);
    const step = currentStep();
    const confirmed = (await cell.gql(CONFIRM, { input: { code: totpCode(secret, step) } }, user.token)).data!.mfaEnrollConfirm;
    expect(confirmed.userErrors).toEqual([]);
    expect(confirmed.backupCodes).toHaveLength(10);
    expect(new Set(confirmed.backupCodes).size).toBe(10);
    expect((await cell.gql('{ me { mfaEnabled } }', {}, user.token)).data!.me.mfaEnabled).toBe(true);

    // Sign-in now needs the second factor.
    const challenged = (await cell.gql(SIGN_IN, { input: { email: user.email, password: user.password } })).data!.sessionCreate;
    expect(challenged.session).toBeNull();
    const challengeToken = challenged.mfaChallenge.challengeToken;
    expect((await cell.gql(VERIFY, { input: { challengeToken, code: '123456' } })).data!.sessionMfaVerify.userErrors).toEqual([
      { code: 'IDENTITY_INVALID_MFA_CODE' },
    ]);
    // The code used to confirm cannot be used again (its step is spent); the next step's code works.
    expect((await cell.gql(VERIFY, { input: { challengeToken, code: totpCode(secret, step) } })).data!.sessionMfaVerify.userErrors).toEqual([
      { code: 'IDENTITY_INVALID_MFA_CODE' },
    ]);
    const verified = (await cell.gql(VERIFY, { input: { challengeToken, code: totpCode(secret, step + 1) } })).data!.sessionMfaVerify;
    expect(verified.session.user.email).toBe(user.email);
    expect((await cell.gql(VERIFY, { input: { challengeToken, code: totpCode(secret, step + 1) } })).data!.sessionMfaVerify.userErrors).toEqual([
      { code: 'IDENTITY_INVALID_MFA_CHALLENGE' },
    ]);

    // A backup code works once.
    const backup = confirmed.backupCodes[3].toLowerCase();
    const again = (await cell.gql(SIGN_IN, { input: { email: user.email, password: user.password } })).data!.sessionCreate.mfaChallenge.challengeToken;
    expect((await cell.gql(VERIFY, { input: { challengeToken: again, code: backup } })).data!.sessionMfaVerify.session).not.toBeNull();
    const third = (await cell.gql(SIGN_IN, { input: { email: user.email, password: user.password } })).data!.sessionCreate.mfaChallenge.challengeToken;
    expect((await cell.gql(VERIFY, { input: { challengeToken: third, code: backup } })).data!.sessionMfaVerify.userErrors).toEqual([
      { code: 'IDENTITY_INVALID_MFA_CODE' },
    ]);
    const digests = await withClient(cell.database.url, async (client) =>
      (await client.query('SELECT code_digest FROM identity.mfa_backup_codes')).rows.map((r) => r.code_digest as string),
    );
    expect(digests).toHaveLength(10);
    for (const code of confirmed.backupCodes as string[]) expect(digests.join()).not.toContain(code.replace('-', ''));

    // Disabling needs the password.
    const DISABLE = 'mutation($input: MfaDisableInput!) { mfaDisable(input: $input) { userErrors { code } } }';
    expect((await cell.gql(DISABLE, { input: { password: 'Not-the-passw0rd' } }, user.token)).data!.mfaDisable.userErrors).toEqual([
      { code: 'IDENTITY_WRONG_PASSWORD' },
    ]);
    expect((await cell.gql(DISABLE, { input: { password: user.password } }, user.token)).data!.mfaDisable.userErrors).toEqual([]);
    expect((await cell.gql(SIGN_IN, { input: { email: user.email, password: user.password } })).data!.sessionCreate.session).not.toBeNull();
  });

  it('gives up a challenge after 5 wrong codes', async () => {
    const user = await cell.signUp('Guessed');
    const start = (await cell.gql('mutation { mfaEnrollStart { secret } }', {}, user.token)).data!.mfaEnrollStart;
    const secret = base32Decode(start.secret);
    await cell.gql(
      'mutation($input: MfaEnrollConfirmInput!) { mfaEnrollConfirm(input: $input) { userErrors { code } } }',
      { input: { code: totpCode(secret, currentStep()) } },
      user.token,
    );
    const challengeToken = (await cell.gql(SIGN_IN, { input: { email: user.email, password: user.password } })).data!.sessionCreate.mfaChallenge.challengeToken;
    for (let i = 0; i < 5; i++) await cell.gql(VERIFY, { input: { challengeToken, code: '999999' } });
    const late = await cell.gql(VERIFY, { input: { challengeToken, code: totpCode(secret, currentStep() + 1) } });
    expect(late.data!.sessionMfaVerify.userErrors).toEqual([{ code: 'IDENTITY_INVALID_MFA_CHALLENGE' }]);
  });
});
