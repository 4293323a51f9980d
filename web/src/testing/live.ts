import { ApolloLink } from '@apollo/client';
import { MockLink } from '@apollo/client/testing';
import { Subject } from 'rxjs';

/**
 * A link for component tests of live pages: the subscription named `operationName` is a feed the
 * test pushes payloads into (`push`), after waiting for the page to subscribe (`subscribed`); every
 * other operation is answered by a MockLink of `mocks`, as MockedProvider would.
 */
export function liveFeedLink(operationName: string, mocks: readonly MockLink.MockedResponse[]) {
  const feed = new Subject<ApolloLink.Result>();
  const live = new ApolloLink(() => feed.asObservable());
  return {
    link: ApolloLink.split((operation) => operation.operationName === operationName, live, new MockLink(mocks)),
    subscribed: () => feed.observed,
    push: (data: Record<string, unknown>) => feed.next({ data }),
  };
}
