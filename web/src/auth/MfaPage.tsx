import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Link, Navigate, useLocation } from 'react-router';
import { describeError, describeUserErrors } from '../app/errors';
import { Button, TextField } from '../ui/controls';
import { Notice } from '../ui/states';
import { AuthLayout } from './AuthLayout';
import { MfaVerifyMutation } from './operations';
import { useSignedIn } from './useSignedIn';
import { useT } from '../app/i18n';
import { m } from './messages';

/** The second step of a sign-in with two-factor authentication. The challenge lives in memory only. */
export function MfaPage() {
  const t = useT();
  const challengeToken = (useLocation().state as { challengeToken?: string } | null)?.challengeToken;
  const [verify, { loading }] = useMutation(MfaVerifyMutation);
  const [error, setError] = useState<string | null>(null);
  const signedIn = useSignedIn();
  if (!challengeToken) return <Navigate to="/sign-in" replace />;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget).get('code')).replace(/\s+/g, '');
    setError(null);
    try {
      const { data } = await verify({ variables: { input: { challengeToken: challengeToken!, code } } });
      const failure = describeUserErrors(data?.sessionMfaVerify?.userErrors);
      if (failure) return setError(failure);
      if (data?.sessionMfaVerify?.session) await signedIn(data.sessionMfaVerify.session);
    } catch (caught) {
      setError(describeError(caught));
    }
  }

  return (
    <AuthLayout title={t(m.twoFactor)} footer={<Link to="/sign-in">{t(m.startAgain)}</Link>}>
      <form onSubmit={submit} className="form">
        <TextField label={t(m.code)} name="code" inputMode="numeric" autoComplete="one-time-code" hint={t(m.codeHint)} required autoFocus />
        <Notice>{error}</Notice>
        <Button type="submit" variant="primary" busy={loading}>
          {t(m.verify)}
        </Button>
      </form>
    </AuthLayout>
  );
}
