import { MockedProvider } from '@apollo/client/testing/react';
import { configure } from '@testing-library/dom';
import type { ApolloLink } from '@apollo/client';
import type { MockLink } from '@apollo/client/testing';
import type { ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { createMemoryRouter, RouterProvider } from 'react-router';

// Component tests render with React's own root and query with @testing-library/dom, waiting for
// what the page shows (findBy…, waitFor) as a reader would, rather than for act().
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = false;
// findBy…/waitFor wait for a condition; this is only their hang guard (a busy CI machine may take
// seconds where an idle one takes milliseconds), never a budget a test is tuned to.
configure({ asyncUtilTimeout: 30_000 });

const mounted: { root: Root; container: HTMLElement }[] = [];

/**
 * Renders `element` at `path` in a memory router, under a MockedProvider answering `mocks` (or
 * `options.link`, e.g. a live feed the test pushes to in front of a MockLink of the same mocks).
 */
export function renderWithApollo(element: ReactNode, mocks: readonly MockLink.MockedResponse[], path = '/', options: { link?: ApolloLink } = {}): HTMLElement {
  const container = document.createElement('div');
  document.body.appendChild(container);
  const root = createRoot(container);
  const router = createMemoryRouter([{ path: '*', element }], { initialEntries: [path] });
  root.render(
    <MockedProvider mocks={mocks} link={options.link}>
      <RouterProvider router={router} />
    </MockedProvider>,
  );
  mounted.push({ root, container });
  return container;
}

export function unmountAll(): void {
  for (const { root, container } of mounted.splice(0)) {
    root.unmount();
    container.remove();
  }
  document.body.innerHTML = ''; // portals (dialogs, menus) render outside the container
}
