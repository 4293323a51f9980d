import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { describeError, describeUserErrors } from '../app/errors';
import { Button, TextField } from '../ui/controls';
import { Notice } from '../ui/states';
import { AuthLayout } from './AuthLayout';
import { SignInMutation } from './operations';
import { useNextPath, useSignedIn } from './useSignedIn';
import { useT } from '../app/i18n';
import { m } from './messages';

export function SignInPage() {
  const t = useT();
  const [signIn, { loading }] = useMutation(SignInMutation);
  const [error, setError] = useState<string | null>(null);
  const signedIn = useSignedIn();
  const navigate = useNavigate();
  const next = useNextPath();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setError(null);
    try {
      const { data } = await signIn({ variables: { input: { email: String(form.get('email')), password: String(form.get('password')) } } });
      const payload = data?.sessionCreate;
      const failure = describeUserErrors(payload?.userErrors);
      if (failure) return setError(failure);
      if (payload?.mfaChallenge) {
        return void navigate(`/sign-in/mfa?next=${encodeURIComponent(next)}`, { state: { challengeToken: payload.mfaChallenge.challengeToken } });
      }
      if (payload?.session) await signedIn(payload.session);
    } catch (caught) {
      setError(describeError(caught));
    }
  }

  return (
    <AuthLayout
      title={t(m.signIn)}
      footer={
        <>
          <Link to="/forgot-password">{t(m.forgotPassword)}</Link>
          <span>
            {t(m.newHere)} <Link to="/sign-up">{t(m.createAnAccount)}</Link>
          </span>
        </>
      }
    >
      <form onSubmit={submit} className="form">
        <TextField label={t(m.email)} name="email" type="email" autoComplete="username" required autoFocus />
        <TextField label={t(m.password)} name="password" type="password" autoComplete="current-password" required />
        <Notice>{error}</Notice>
        <Button type="submit" variant="primary" busy={loading}>
          {t(m.signIn)}
        </Button>
      </form>
    </AuthLayout>
  );
}
