import { ApolloClient, ApolloLink, HttpLink, InMemoryCache, ServerError } from '@apollo/client';
import { ErrorLink } from '@apollo/client/link/error';
import { getMainDefinition } from '@apollo/client/utilities';
import { createClient, type Client } from 'graphql-ws';
import { print, Kind, OperationTypeNode } from 'graphql';
import { from, mergeMap, Observable, throwError } from 'rxjs';
import persistedHashes from 'virtual:cellgraph/persisted-operations';
import { activeTranslator } from './i18n';
import { errorMessages } from './messages';
import { SESSION_HEADER, type SessionStore } from './session';

/** How the gateway tells the app's requests from third parties' (persisted documents). */
export const CLIENT_NAME = 'cellgraph-web';
const ENDPOINT = '/graphql';

/**
 * The production build sends the hash of each operation, never its text: the gateway accepts
 * from the app only the documents of its build's manifest. Development sends the text (the dev
 * server's operations change under the running gateway).
 */
const sendHashes = import.meta.env.PROD;
const hashOf = (operationName: string | undefined) => (sendHashes && operationName ? persistedHashes[operationName] : undefined);

export interface AppClient {
  client: ApolloClient;
  ws: Client;
}

export function createAppClient(session: SessionStore, origin = window.location.origin): AppClient {
  const authorization = async () => {
    const token = await session.accessToken();
    return token ? `Bearer ${token}` : undefined;
  };

  // Every request carries a fresh access token and the reader's locale (server texts, errors
  // included, come in the app's language, signed in or not); a 401 (token revoked or expired under us) is
  // retried once after a silent refresh, and signs the tab out when that fails.
  const auth = new ApolloLink((operation, forward) =>
    from(authorization()).pipe(
      mergeMap((value) => {
        operation.setContext(({ headers = {} }: { headers?: Record<string, string> }) => ({
          headers: {
            ...headers,
            ...SESSION_HEADER,
            'apollographql-client-name': CLIENT_NAME,
            'accept-language': activeTranslator().locale,
            ...(value ? { authorization: value } : {}),
          },
        }));
        return forward(operation);
      }),
    ),
  );
  const retryUnauthenticated = new ErrorLink(({ error, operation, forward }) => {
    if (!ServerError.is(error) || error.statusCode !== 401 || operation.getContext().retriedAfterRefresh) return;
    return from(session.refresh()).pipe(
      mergeMap((fresh) => {
        if (!fresh) return throwError(() => error);
        operation.setContext({ retriedAfterRefresh: true });
        return forward(operation);
      }),
    );
  });
  const persisted = new ApolloLink((operation, forward) => {
    const hash = hashOf(operation.operationName);
    if (hash) {
      operation.extensions = { ...operation.extensions, persistedQuery: { version: 1, sha256Hash: hash } };
      operation.setContext({ http: { includeQuery: false, includeExtensions: true } });
    }
    return forward(operation);
  });
  const http = new HttpLink({ uri: `${origin}${ENDPOINT}`, credentials: 'same-origin' });

  const ws = createClient({
    url: `${origin.replace(/^http/, 'ws')}${ENDPOINT}`,
    lazy: true,
    retryAttempts: Infinity,
    shouldRetry: () => true,
    connectionParams: async () => ({ authorization: await authorization(), clientName: CLIENT_NAME }),
  });
  const live = new ApolloLink(
    (operation) =>
      new Observable<ApolloLink.Result>((observer) => {
        const hash = hashOf(operation.operationName);
        return ws.subscribe(
          {
            query: hash ? '' : print(operation.query),
            variables: operation.variables,
            operationName: operation.operationName,
            ...(hash ? { extensions: { persistedQuery: { version: 1, sha256Hash: hash } } } : {}),
          },
          {
            next: (result) => observer.next(result as ApolloLink.Result),
            error: (error) => observer.error(error instanceof Error ? error : new Error(activeTranslator().t(errorMessages.liveClosed))),
            complete: () => observer.complete(),
          },
        );
      }),
  );

  const isSubscription = ({ query }: ApolloLink.Operation) => {
    const definition = getMainDefinition(query);
    return definition.kind === Kind.OPERATION_DEFINITION && definition.operation === OperationTypeNode.SUBSCRIPTION;
  };

  const client = new ApolloClient({
    link: ApolloLink.from([auth, ApolloLink.split(isSubscription, live, ApolloLink.from([retryUnauthenticated, persisted, http]))]),
    cache: new InMemoryCache({
      typePolicies: {
        // Singletons of the signed-in caller: one entry each, replaced when refetched.
        Query: { fields: { me: { merge: true }, organization: { merge: true }, cell: { merge: true } } },
      },
    }),
  });
  return { client, ws };
}
