// @vitest-environment happy-dom
import { screen, waitFor } from '@testing-library/dom';
import { afterEach, describe, expect, it } from 'vitest';
import type { OrganizationRole } from '../gql/graphql';
import { MembersPage } from '../settings/MembersPage';
import { SettingsMembersQuery, SettingsNamespaceQuery } from '../settings/operations';
import { renderWithApollo, unmountAll } from '../testing/render';
import { formatDate } from './format';
import { activeTranslator, setReader } from './i18n';
import { useProfileReader } from './useReader';

afterEach(() => {
  unmountAll();
  setReader(null, null);
});

// Late on Dec 4 in UTC, already Dec 5 in Berlin.
const JOINED = '2026-12-04T23:30:00.000Z';

function membersMock(viewerRole: OrganizationRole = 'MEMBER') {
  return {
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
            nodes: [
              {
                __typename: 'Membership' as const,
                role: 'MEMBER' as const,
                createdAt: JOINED,
                user: { __typename: 'User' as const, id: 'bob', name: 'Bob Builder', email: 'bob@example.com', avatarUrl: null },
              },
            ],
            pageInfo: { __typename: 'PageInfo' as const, hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
            totalCount: 1,
          },
        },
      },
    },
  };
}

describe('the reader’s language and time zone', () => {
  it('renders English by default, and German at once after setReader, dates in the reader’s time zone', async () => {
    setReader('en-US', 'UTC');
    renderWithApollo(<MembersPage />, [membersMock()]);
    expect(await screen.findByRole('heading', { name: 'Members' })).toBeTruthy();
    expect(await screen.findByText('Joined')).toBeTruthy();
    expect(screen.getByText('Dec 4, 2026')).toBeTruthy();
    expect(screen.getByText('Only owners and admins can change roles or remove members.')).toBeTruthy();

    // The mounted page switches without a reload.
    setReader('de-DE', 'Europe/Berlin');
    expect(await screen.findByRole('heading', { name: 'Mitglieder' })).toBeTruthy();
    expect(screen.getByText('Beigetreten')).toBeTruthy();
    expect(screen.getByText('05.12.2026')).toBeTruthy();
    expect(screen.getByText('Nur Inhaber und Admins können Rollen ändern oder Mitglieder entfernen.')).toBeTruthy();
    expect(document.documentElement.lang).toBe('de-DE');
  });

  it('follows the time zone in formatDate', () => {
    setReader('en-US', 'America/Los_Angeles');
    expect(formatDate(JOINED)).toBe('Dec 4, 2026');
    setReader('en-US', 'Asia/Tokyo');
    expect(formatDate(JOINED)).toBe('Dec 5, 2026');
  });

  it('follows the signed-in user’s profile settings, and the browser when signed out', async () => {
    const profile = {
      request: { query: SettingsNamespaceQuery, variables: { namespace: 'profile' } },
      result: {
        data: {
          __typename: 'Query' as const,
          settings: {
            __typename: 'SettingsNamespace' as const,
            namespace: 'profile',
            values: { locale: 'de-DE', timeZone: 'Europe/Berlin' },
            organizationValues: {},
            userValues: {},
            sources: [],
          },
          organization: { __typename: 'Organization' as const, id: 'org-1', viewerRole: 'MEMBER' as const },
        },
      },
    };
    function Reader({ signedIn }: { signedIn: boolean }) {
      const { loading } = useProfileReader(signedIn);
      return <p>{loading ? 'loading' : 'ready'}</p>;
    }
    renderWithApollo(<Reader signedIn />, [profile]);
    await waitFor(() => expect(activeTranslator().locale).toBe('de-DE'));
    expect(activeTranslator().timeZone).toBe('Europe/Berlin');
    unmountAll();

    renderWithApollo(<Reader signedIn={false} />, []);
    await waitFor(() => expect(activeTranslator().language).toBe('en'));
  });
});
