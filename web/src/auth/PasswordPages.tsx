import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { describeError, describeUserErrors } from '../app/errors';
import { Button, TextField } from '../ui/controls';
import { Notice } from '../ui/states';
import { AuthLayout } from './AuthLayout';
import { PasswordResetMutation, PasswordResetRequestMutation } from './operations';
import { PASSWORD_RULE } from './SignUpPage';

export function ForgotPasswordPage() {
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
    <AuthLayout title="Reset your password" footer={<Link to="/sign-in">Back to sign in</Link>}>
      {sent ? (
        <Notice tone="success">If an account uses that e-mail, a reset link is on its way. It is valid for one hour.</Notice>
      ) : (
        <form onSubmit={submit} className="form">
          <TextField label="E-mail" name="email" type="email" autoComplete="email" required autoFocus />
          <Notice>{error}</Notice>
          <Button type="submit" variant="primary" busy={loading}>
            Send reset link
          </Button>
        </form>
      )}
    </AuthLayout>
  );
}

/** Opened from the reset e-mail: `/reset-password?token=…`. */
export function ResetPasswordPage() {
  const token = useSearchParams()[0].get('token');
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
    <AuthLayout title="Choose a new password" footer={<Link to="/sign-in">Back to sign in</Link>}>
      {!token ? (
        <Notice>This link is incomplete. Open the link from the e-mail again, or ask for a new one.</Notice>
      ) : done ? (
        <Notice tone="success">
          Your password is changed and every session was signed out. <Link to="/sign-in">Sign in</Link>
        </Notice>
      ) : (
        <form onSubmit={submit} className="form">
          <TextField label="New password" name="password" type="password" autoComplete="new-password" minLength={12} hint={PASSWORD_RULE} required autoFocus />
          <Notice>{error}</Notice>
          <Button type="submit" variant="primary" busy={loading}>
            Set password
          </Button>
        </form>
      )}
    </AuthLayout>
  );
}
