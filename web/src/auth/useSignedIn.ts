import { useApolloClient } from '@apollo/client/react';
import { useNavigate, useSearchParams } from 'react-router';
import { useSessionStore } from '../app/context';
import type { IssuedSessionFragment } from '../gql/graphql';

/** Where to go after signing in: `?next=` when it is a path of this app, else home. */
export function useNextPath(): string {
  const [params] = useSearchParams();
  const next = params.get('next');
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

/** Starts a session the server issued, with a clean cache, and goes on. */
export function useSignedIn(): (session: IssuedSessionFragment) => Promise<void> {
  const store = useSessionStore();
  const client = useApolloClient();
  const navigate = useNavigate();
  const next = useNextPath();
  return async (session) => {
    await client.clearStore();
    store.signedIn(session);
    await navigate(next, { replace: true });
  };
}
