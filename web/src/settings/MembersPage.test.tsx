// @vitest-environment happy-dom
import { screen } from '@testing-library/dom';
import { afterEach, describe, expect, it } from 'vitest';
import { renderWithApollo, unmountAll } from '../testing/render';
import type { OrganizationRole } from '../gql/graphql';
import { MembersPage } from './MembersPage';
import { SettingsMembersQuery } from './operations';

afterEach(unmountAll);

function member(id: string, name: string, role: OrganizationRole) {
  return {
    __typename: 'Membership' as const,
    role,
    createdAt: '2025-01-01T00:00:00.000Z',
    user: { __typename: 'User' as const, id, name, email: `${id}@example.com`, avatarUrl: null },
  };
}

function renderAs(viewerRole: OrganizationRole) {
  const mocks = [
    {
      request: { query: SettingsMembersQuery, variables: { first: 25 } },
      result: {
        data: {
          __typename: 'Query' as const,
          me: { __typename: 'User' as const, id: 'me' },
          organization: {
            __typename: 'Organization' as const,
            id: 'org-1',
            name: 'Acme',
            viewerRole,
            members: {
              __typename: 'MembershipConnection' as const,
              nodes: [member('owner', 'Olive Owner', 'OWNER'), member('me', 'Mia Me', viewerRole), member('bob', 'Bob Builder', 'MEMBER')],
              pageInfo: { __typename: 'PageInfo' as const, hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
              totalCount: 3,
            },
          },
        },
      },
    },
  ];
  renderWithApollo(<MembersPage />, mocks);
}

describe('MembersPage', () => {
  it('hides role changes and removal from a plain member', async () => {
    renderAs('MEMBER');
    expect(await screen.findByText('Bob Builder')).toBeTruthy();
    expect(screen.queryByRole('combobox', { name: /Role of/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /Remove/ })).toBeNull();
    expect(screen.queryByRole('link', { name: 'Invite people' })).toBeNull();
    expect(screen.getByText(/Only owners and admins/)).toBeTruthy();
  });

  it('offers them to an admin, for everyone but the owner and themselves', async () => {
    renderAs('ADMIN');
    expect(await screen.findByRole('combobox', { name: 'Role of Bob Builder' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Remove Bob Builder' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Remove Olive Owner' })).toBeNull();
    expect(screen.queryByRole('combobox', { name: 'Role of Mia Me' })).toBeNull();
  });
});
