import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { describeError, describeUserErrors } from '../app/errors';
import { Button, TextField } from '../ui/controls';
import { Notice } from '../ui/states';
import { AuthLayout } from './AuthLayout';
import { SignUpMutation } from './operations';
import { useSignedIn } from './useSignedIn';

export const PASSWORD_RULE = 'At least 12 characters, with an upper-case letter, a digit and a special character.';

export function SignUpPage() {
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
      title="Create your account"
      footer={
        <span>
          Have an account? <Link to="/sign-in">Sign in</Link>
        </span>
      }
    >
      <form onSubmit={submit} className="form">
        <TextField label="Your name" name="name" autoComplete="name" required autoFocus />
        <TextField label="E-mail" name="email" type="email" autoComplete="email" required />
        <TextField label="Password" name="password" type="password" autoComplete="new-password" minLength={12} hint={PASSWORD_RULE} required />
        <TextField label="Organization" name="organizationName" autoComplete="organization" hint="Optional: your company or team." />
        <Notice>{error}</Notice>
        <Button type="submit" variant="primary" busy={loading}>
          Create account
        </Button>
      </form>
    </AuthLayout>
  );
}
