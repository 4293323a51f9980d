import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useSession } from '../app/context';
import { describeError, describeUserErrors } from '../app/errors';
import { Button, TextField } from '../ui/controls';
import { Notice } from '../ui/states';
import { AuthLayout } from './AuthLayout';
import { InvitationAcceptMutation } from './operations';
import { PASSWORD_RULE } from './SignUpPage';
import { useSignedIn } from './useSignedIn';

/**
 * Opened from the invitation e-mail: `/invitations/accept?token=…`. A signed-in invitee accepts
 * with one click; someone new creates an account on the way.
 */
export function AcceptInvitationPage() {
  const token = useSearchParams()[0].get('token');
  const { session } = useSession();
  const [accept, { loading }] = useMutation(InvitationAcceptMutation);
  const [error, setError] = useState<string | null>(null);
  const signedIn = useSignedIn();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setError(null);
    try {
      const input = session ? { token: token! } : { token: token!, name: String(form.get('name')), password: String(form.get('password')) };
      const { data } = await accept({ variables: { input } });
      const failure = describeUserErrors(data?.invitationAccept?.userErrors);
      if (failure) return setError(failure);
      if (data?.invitationAccept?.session) await signedIn(data.invitationAccept.session);
    } catch (caught) {
      setError(describeError(caught));
    }
  }

  const next = `/invitations/accept?token=${encodeURIComponent(token ?? '')}`;
  return (
    <AuthLayout
      title="Join your team"
      footer={
        session ? null : (
          <span>
            Already have an account? <Link to={`/sign-in?next=${encodeURIComponent(next)}`}>Sign in first</Link>
          </span>
        )
      }
    >
      {!token ? (
        <Notice>This invitation link is incomplete. Open the link from the e-mail again.</Notice>
      ) : (
        <form onSubmit={submit} className="form">
          {session ? (
            <p>Accept the invitation with the account you are signed in with.</p>
          ) : (
            <>
              <TextField label="Your name" name="name" autoComplete="name" required autoFocus />
              <TextField label="Password" name="password" type="password" autoComplete="new-password" minLength={12} hint={PASSWORD_RULE} required />
            </>
          )}
          <Notice>{error}</Notice>
          <Button type="submit" variant="primary" busy={loading}>
            Accept invitation
          </Button>
        </form>
      )}
    </AuthLayout>
  );
}
