import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { describeError, describeUserErrors } from '../app/errors';
import { Button, TextField } from '../ui/controls';
import { Notice } from '../ui/states';
import { AuthLayout } from './AuthLayout';
import { PasswordResetMutation, PasswordResetRequestMutation } from './operations';
import { useT } from '../app/i18n';
import { m } from './messages';

export function ForgotPasswordPage() {
  const t = useT();
  const [request, { loading }] = useMutation(PasswordResetRequestMutation);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    try {
      const { data } = await request({ variables: { input: { email: String(new FormData(event.currentTarget).get('email')) } } });
      const failure = describeUserErrors(data?.passwordResetRequest?.userErrors);
      if (failure) return setError(failure);
      setSent(true);
    } catch (caught) {
      setError(describeError(caught));
    }
  }

  return (
    <AuthLayout title={t(m.resetYourPassword)} footer={<Link to="/sign-in">{t(m.backToSignIn)}</Link>}>
      {sent ? (
        <Notice tone="success">{t(m.resetSent)}</Notice>
      ) : (
        <form onSubmit={submit} className="form">
          <TextField label={t(m.email)} name="email" type="email" autoComplete="email" required autoFocus />
          <Notice>{error}</Notice>
          <Button type="submit" variant="primary" busy={loading}>
            {t(m.sendResetLink)}
          </Button>
        </form>
      )}
    </AuthLayout>
  );
}

/** Opened from the reset e-mail: `/reset-password?token=…`. */
export function ResetPasswordPage() {
  const token = useSearchParams()[0].get('token');
  const t = useT();
  const [reset, { loading }] = useMutation(PasswordResetMutation);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    try {
      const { data } = await reset({ variables: { input: { token: token!, password: String(new FormData(event.currentTarget).get('password')) } } });
      const failure = describeUserErrors(data?.passwordReset?.userErrors);
      if (failure) return setError(failure);
      setDone(true);
    } catch (caught) {
      setError(describeError(caught));
    }
  }

  return (
    <AuthLayout title={t(m.chooseNewPassword)} footer={<Link to="/sign-in">{t(m.backToSignIn)}</Link>}>
      {!token ? (
        <Notice>{t(m.linkIncomplete)}</Notice>
      ) : done ? (
        <Notice tone="success">
          {t(m.passwordChanged)} <Link to="/sign-in">{t(m.signIn)}</Link>
        </Notice>
      ) : (
        <form onSubmit={submit} className="form">
          <TextField
            label={t(m.newPassword)}
            name="password"
            type="password"
            autoComplete="new-password"
            minLength={12}
            hint={t(m.passwordRule)}
            required
            autoFocus
          />
          <Notice>{error}</Notice>
          <Button type="submit" variant="primary" busy={loading}>
            {t(m.setPassword)}
          </Button>
        </form>
      )}
    </AuthLayout>
  );
}
