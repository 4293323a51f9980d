// @vitest-environment happy-dom
import { fireEvent, screen, waitFor } from '@testing-library/dom';
import { afterEach, describe, expect, it } from 'vitest';
import type { CrmContactsQueryVariables } from '../../gql/graphql';
import { ContactsPage, PAGE_SIZE } from './ContactsPage';
import { CrmContactOptionsQuery, CrmContactsQuery } from './operations';
import { renderWithApollo, unmountAll } from '../../testing/render';

afterEach(unmountAll);

const options = {
  request: { query: CrmContactOptionsQuery },
  maxUsageCount: 10,
  result: {
    data: {
      contactFields: [
        { __typename: 'ContactField', id: 'f1', key: 'tier', label: 'Tier', type: 'SELECT', options: ['Gold', 'Silver'], required: false, position: 'a' },
        { __typename: 'ContactField', id: 'f2', key: 'region', label: 'Region', type: 'TEXT', options: [], required: false, position: 'b' },
      ],
      organization: {
        __typename: 'Organization',
        id: 'org',
        members: { __typename: 'MembershipConnection', nodes: [{ __typename: 'Membership', user: { __typename: 'User', id: 'u1', name: 'Grace Hopper' } }] },
      },
      tags: { __typename: 'TagConnection', nodes: [{ __typename: 'Tag', id: 't1', name: 'VIP', color: '#ff0000' }] },
    },
  },
};

/** Answers every contacts request with one row named after the request's number, and records the variables. */
function contactsMock(calls: CrmContactsQueryVariables[]) {
  return {
    request: {
      query: CrmContactsQuery,
      variables: (variables: CrmContactsQueryVariables) => {
        calls.push(variables);
        return true;
      },
    },
    maxUsageCount: Number.POSITIVE_INFINITY,
    result: () => ({
      data: {
        contacts: {
          __typename: 'ContactConnection',
          totalCount: 1,
          pageInfo: { __typename: 'PageInfo', hasNextPage: true, hasPreviousPage: false, startCursor: 'c0', endCursor: `end-${calls.length}` },
          nodes: [
            {
              __typename: 'Contact',
              id: `contact-${calls.length}`,
              name: `Row ${calls.length}`,
              type: 'CLIENT',
              status: 'ACTIVE',
              email: 'ada@example.com',
              phone: null,
              company: 'Analytical Engines',
              jobTitle: null,
              customFields: {},
              lastInteractionAt: null,
              createdAt: '2026-01-01T00:00:00.000Z',
              updatedAt: '2026-01-02T00:00:00.000Z',
              assignedTo: null,
              tags: [],
            },
          ],
        },
      },
    }),
  };
}

const last = (calls: CrmContactsQueryVariables[]) => calls[calls.length - 1]!;

describe('ContactsPage', () => {
  it('asks the API for the chosen order, filters and page', async () => {
    const calls: CrmContactsQueryVariables[] = [];
    renderWithApollo(<ContactsPage />, [options, contactsMock(calls)], '/crm/contacts');
    await screen.findByText('Row 1');
    expect(calls[0]).toEqual({ first: PAGE_SIZE });

    // Sort by company: the API orders, not the browser.
    fireEvent.click(screen.getByRole('button', { name: /Company/ }));
    await waitFor(() => expect(last(calls).orderBy).toEqual([{ field: 'COMPANY', direction: 'ASC' }]));
    await screen.findByText(`Row ${calls.length}`);
    fireEvent.click(screen.getByRole('button', { name: /Company/ }));
    await waitFor(() => expect(last(calls).orderBy).toEqual([{ field: 'COMPANY', direction: 'DESC' }]));

    // Type, owner and tag filters combine, and keep the order.
    fireEvent.change(screen.getByLabelText('Type'), { target: { value: 'CLIENT' } });
    await waitFor(() => expect(last(calls).filter).toEqual({ type: { eq: 'CLIENT' } }));
    fireEvent.change(screen.getByLabelText('Owner'), { target: { value: 'u1' } });
    fireEvent.click(screen.getByLabelText('VIP'));
    await waitFor(() => expect(last(calls).filter).toEqual({ type: { eq: 'CLIENT' }, assignedTo: { eq: 'u1' }, tags: { hasAny: ['t1'] } }));
    expect(last(calls).orderBy).toEqual([{ field: 'COMPANY', direction: 'DESC' }]);

    // Custom fields come from the organization's definitions, each filtered as its type asks.
    fireEvent.change(await screen.findByLabelText('Tier'), { target: { value: 'Gold' } });
    fireEvent.change(screen.getByLabelText('Region'), { target: { value: 'north' } });
    await waitFor(() =>
      expect(last(calls).filter?.customFields).toEqual([
        { key: 'tier', eq: 'Gold' },
        { key: 'region', contains: 'north' },
      ]),
    );

    // Search text goes to the API's search (after the typing pause).
    fireEvent.change(screen.getByLabelText('Search'), { target: { value: 'ada' } });
    await waitFor(() => expect(last(calls).search).toBe('ada'));

    // Cursor paging: the next page is asked after the last row's cursor, with the same filters.
    await screen.findByText(`Row ${calls.length}`);
    const cursor = `end-${calls.length}`;
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    await waitFor(() => expect(last(calls)).toMatchObject({ first: PAGE_SIZE, after: cursor, search: 'ada' }));
    expect(last(calls).filter?.type).toEqual({ eq: 'CLIENT' });
  });
});
