import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useSession } from '../app/context';
import { describeError, describeUserErrors } from '../app/errors';
import { Button, TextField } from '../ui/controls';
import { Notice } from '../ui/states';
import { AuthLayout } from './AuthLayout';
import { InvitationAcceptMutation } from './operations';
import { useSignedIn } from './useSignedIn';
import { useT } from '../app/i18n';
import { m } from './messages';

/**
 * Opened from the invitation e-mail: `/invitations/accept?token=…`. A signed-in invitee accepts
 * with one click; someone new creates an account on the way.
 */
export function AcceptInvitationPage() {
  const t = useT();
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
      title={t(m.joinYourTeam)}
      footer={
        session ? null : (
          <span>
            {t(m.alreadyHaveAccount)} <Link to={`/sign-in?next=${encodeURIComponent(next)}`}>{t(m.signInFirst)}</Link>
          </span>
        )
      }
    >
      {!token ? (
        <Notice>{t(m.invitationIncomplete)}</Notice>
      ) : (
        <form onSubmit={submit} className="form">
          {session ? (
            <p>{t(m.acceptSignedIn)}</p>
          ) : (
            <>
              <TextField label={t(m.yourName)} name="name" autoComplete="name" required autoFocus />
              <TextField label={t(m.password)} name="password" type="password" autoComplete="new-password" minLength={12} hint={t(m.passwordRule)} required />
            </>
          )}
          <Notice>{error}</Notice>
          <Button type="submit" variant="primary" busy={loading}>
            {t(m.acceptInvitation)}
          </Button>
        </form>
      )}
    </AuthLayout>
  );
}
