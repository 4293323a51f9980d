import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Link, Navigate, useLocation } from 'react-router';
import { describeError, describeUserErrors } from '../app/errors';
import { Button, TextField } from '../ui/controls';
import { Notice } from '../ui/states';
import { AuthLayout } from './AuthLayout';
import { MfaVerifyMutation } from './operations';
import { useSignedIn } from './useSignedIn';

/** The second step of a sign-in with two-factor authentication. The challenge lives in memory only. */
export function MfaPage() {
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
    <AuthLayout title="Two-factor authentication" footer={<Link to="/sign-in">Start again</Link>}>
      <form onSubmit={submit} className="form">
        <TextField
          label="Code"
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          hint="The 6-digit code from your authenticator app, or one of your backup codes."
          required
          autoFocus
        />
        <Notice>{error}</Notice>
        <Button type="submit" variant="primary" busy={loading}>
          Verify
        </Button>
      </form>
    </AuthLayout>
  );
}
