import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { describeError, describeUserErrors } from '../app/errors';
import { Button, TextField } from '../ui/controls';
import { Notice } from '../ui/states';
import { AuthLayout } from './AuthLayout';
import { SignUpMutation } from './operations';
import { useSignedIn } from './useSignedIn';
import { useT } from '../app/i18n';
import { m } from './messages';

export function SignUpPage() {
  const t = useT();
  const [register, { loading }] = useMutation(SignUpMutation);
  const [error, setError] = useState<string | null>(null);
  const signedIn = useSignedIn();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setError(null);
    try {
      const input = {
        name: String(form.get('name')),
        email: String(form.get('email')),
        password: String(form.get('password')),
        organizationName: String(form.get('organizationName') || '') || undefined,
      };
      const { data } = await register({ variables: { input } });
      const failure = describeUserErrors(data?.userRegister?.userErrors);
      if (failure) return setError(failure);
      if (data?.userRegister?.session) await signedIn(data.userRegister.session);
    } catch (caught) {
      setError(describeError(caught));
    }
  }

  return (
    <AuthLayout
      title={t(m.createYourAccount)}
      footer={
        <span>
          {t(m.haveAccount)} <Link to="/sign-in">{t(m.signIn)}</Link>
        </span>
      }
    >
      <form onSubmit={submit} className="form">
        <TextField label={t(m.yourName)} name="name" autoComplete="name" required autoFocus />
        <TextField label={t(m.email)} name="email" type="email" autoComplete="email" required />
        <TextField label={t(m.password)} name="password" type="password" autoComplete="new-password" minLength={12} hint={t(m.passwordRule)} required />
        <TextField label={t(m.organization)} name="organizationName" autoComplete="organization" hint={t(m.organizationHint)} />
        <Notice>{error}</Notice>
        <Button type="submit" variant="primary" busy={loading}>
          {t(m.createAccount)}
        </Button>
      </form>
    </AuthLayout>
  );
}
