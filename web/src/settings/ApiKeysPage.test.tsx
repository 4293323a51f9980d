// @vitest-environment happy-dom
import { screen, waitFor, within } from '@testing-library/dom';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { renderWithApollo, unmountAll } from '../testing/render';
import { ApiKeysPage } from './ApiKeysPage';
import { SettingsApiKeyCreateMutation, SettingsApiKeysQuery } from './operations';

afterEach(unmountAll);

const SECRET = 'cg_live_7Hq2xSECRETvalue0123456789';

const key = {
  __typename: 'ApiKey' as const,
  id: 'key-1',
  name: 'Billing sync',
  prefix: 'cg_live_7Hq',
  scopes: ['tasks:read'],
  rateLimit: null,
  createdAt: '2025-01-01T00:00:00.000Z',
  expiresAt: null,
  lastUsedAt: null,
  revokedAt: null,
  createdBy: { __typename: 'User' as const, id: 'user-1', name: 'Ada' },
};

function listing(keys: (typeof key)[]) {
  return {
    request: { query: SettingsApiKeysQuery, variables: { first: 25 } },
    result: {
      data: {
        __typename: 'Query' as const,
        organization: {
          __typename: 'Organization' as const,
          id: 'org-1',
          viewerRole: 'OWNER' as const,
          apiKeys: {
            __typename: 'ApiKeyConnection' as const,
            nodes: keys,
            pageInfo: { __typename: 'PageInfo' as const, hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
            totalCount: keys.length,
          },
        },
        apiKeyScopes: [
          { __typename: 'ApiKeyScope' as const, name: 'tasks:read', description: 'Read tasks' },
          { __typename: 'ApiKeyScope' as const, name: 'tasks:write', description: 'Change tasks' },
        ],
      },
    },
  };
}

describe('ApiKeysPage', () => {
  it('shows a created key’s secret once, and never again after the dialog closes', async () => {
    const user = userEvent.setup();
    const mocks = [
      listing([]),
      {
        request: { query: SettingsApiKeyCreateMutation, variables: { input: { name: 'Billing sync', scopes: ['tasks:read'] } } },
        result: {
          data: {
            __typename: 'Mutation' as const,
            apiKeyCreate: { __typename: 'ApiKeyCreatePayload' as const, apiKey: key, plainKey: SECRET, userErrors: [] },
          },
        },
      },
      listing([key]),
    ];
    renderWithApollo(<ApiKeysPage />, mocks);

    await user.click(await screen.findByRole('button', { name: 'New API key' }));
    const form = await screen.findByRole('dialog', { name: 'New API key' });
    await user.type(within(form).getByLabelText('Name'), 'Billing sync');
    await user.click(within(form).getByRole('checkbox', { name: /tasks:read/ }));
    await user.click(within(form).getByRole('button', { name: 'Create key' }));

    const shown = await screen.findByRole('dialog', { name: 'API key Billing sync created' });
    expect(within(shown).getByText(SECRET)).toBeTruthy();
    expect(within(shown).getByText(/shown this once/)).toBeTruthy();
    expect(within(shown).getByRole('button', { name: 'Copy key' })).toBeTruthy();

    // By keyboard: while one Radix dialog hands over to the next, the body's pointer-events lock
    // may still be on for a moment (a pointer click then waits on layout timing, a keypress does not).
    within(shown).getByRole('button', { name: 'I have copied it' }).focus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    // The list shows the key by its prefix only; its secret is nowhere on the page any more.
    expect(await screen.findByText('cg_live_7Hq…')).toBeTruthy();
    expect(document.body.textContent).not.toContain(SECRET);
  });
});
