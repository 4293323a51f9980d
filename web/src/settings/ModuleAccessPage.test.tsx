// @vitest-environment happy-dom
import { screen, waitFor, within } from '@testing-library/dom';
import userEvent from '@testing-library/user-event';
import { GraphQLError } from 'graphql';
import { afterEach, describe, expect, it } from 'vitest';
import type {
  OrganizationRole,
  SettingsModuleAccessGrantMutationVariables,
  SettingsModuleAccessRevokeMutationVariables,
  SettingsModuleGrantFieldsFragment,
} from '../gql/graphql';
import { renderWithApollo, unmountAll } from '../testing/render';
import { ModuleAccessPage } from './ModuleAccessPage';
import { SettingsModuleAccessGrantMutation, SettingsModuleAccessQuery, SettingsModuleAccessRevokeMutation, SettingsModuleGrantsQuery } from './operations';

afterEach(unmountAll);

const person = (id: string, name: string) => ({ __typename: 'User' as const, id, name, email: `${id}@example.com` });
const member = (id: string, name: string, role: OrganizationRole) => ({ __typename: 'Membership' as const, role, user: person(id, name) });
const team = (id: string, name: string) => ({ __typename: 'Team' as const, id, name });

function access(restrictedModules: string[], viewerRole: OrganizationRole = 'ADMIN') {
  return {
    request: { query: SettingsModuleAccessQuery },
    result: {
      data: {
        __typename: 'Query' as const,
        restrictedModules,
        organization: {
          __typename: 'Organization' as const,
          id: 'org-1',
          viewerRole,
          teams: { __typename: 'TeamConnection' as const, nodes: [team('team-ap', 'Accounts payable'), team('team-ops', 'Operations')] },
          members: {
            __typename: 'MembershipConnection' as const,
            nodes: [member('owner', 'Olive Owner', 'OWNER'), member('bob', 'Bob Builder', 'MEMBER'), member('gus', 'Gus Guest', 'GUEST')],
          },
        },
      },
    },
  };
}

const userGrant: SettingsModuleGrantFieldsFragment = {
  __typename: 'ModuleGrant',
  module: 'finance',
  relation: 'VIEWER',
  subject: person('bob', 'Bob Builder'),
};
const teamGrant: SettingsModuleGrantFieldsFragment = {
  __typename: 'ModuleGrant',
  module: 'finance',
  relation: 'EDITOR',
  subject: team('team-ap', 'Accounts payable'),
};

const grants = (list: SettingsModuleGrantFieldsFragment[]) => ({
  request: { query: SettingsModuleGrantsQuery, variables: { module: 'finance' } },
  result: { data: { __typename: 'Query' as const, moduleGrants: list } },
});

const userError = (code: string, field: string[], message: string) => ({ __typename: 'UserError' as const, code, field, message });

describe('ModuleAccessPage', () => {
  it('lists who was granted each restricted module, with the level', async () => {
    renderWithApollo(<ModuleAccessPage />, [access(['finance']), grants([userGrant, teamGrant])]);
    const list = await screen.findByRole('list', { name: 'Granted Finance' });
    const rows = within(list).getAllByRole('listitem');
    expect(rows.map((row) => row.textContent)).toEqual([
      expect.stringMatching(/Bob Builder.*Viewer.*bob@example\.com.*Revoke/),
      expect.stringMatching(/Accounts payable.*Editor.*Team — its members inherit it.*Revoke/),
    ]);
    // Owners and admins need no grant: the picker offers members, guests and teams only.
    const picker = screen.getByLabelText('Member or team');
    const options = within(picker)
      .getAllByRole('option')
      .map((option) => option.textContent);
    expect(options).toEqual(['Choose…', 'Bob Builder (bob@example.com)', 'Gus Guest (gus@example.com)', 'Accounts payable', 'Operations']);
  });

  it('grants a team the level chosen, then shows it', async () => {
    const user = userEvent.setup();
    const granted: SettingsModuleAccessGrantMutationVariables[] = [];
    renderWithApollo(<ModuleAccessPage />, [
      access(['finance']),
      grants([userGrant]),
      {
        request: {
          query: SettingsModuleAccessGrantMutation,
          variables: (variables: SettingsModuleAccessGrantMutationVariables) => {
            granted.push(variables);
            return true;
          },
        },
        result: {
          data: { __typename: 'Mutation' as const, moduleAccessGrant: { __typename: 'ModuleAccessGrantPayload' as const, grant: teamGrant, userErrors: [] } },
        },
      },
      grants([userGrant, teamGrant]),
    ]);
    const form = await screen.findByRole('form', { name: 'Grant Finance' });
    await user.selectOptions(within(form).getByLabelText('Member or team'), 'team-ap');
    await user.selectOptions(within(form).getByLabelText('Access'), 'OWNER');
    await user.click(within(form).getByRole('button', { name: 'Grant' }));

    expect(await screen.findByText('Accounts payable is now owner of Finance.')).toBeTruthy();
    expect(granted).toEqual([{ input: { module: 'finance', subjectId: 'team-ap', relation: 'OWNER' } }]);
    await within(screen.getByRole('list', { name: 'Granted Finance' })).findByText(/Accounts payable/);
  });

  it('shows a refused grant’s user error', async () => {
    const user = userEvent.setup();
    renderWithApollo(<ModuleAccessPage />, [
      access(['finance']),
      grants([]),
      {
        request: { query: SettingsModuleAccessGrantMutation, variables: { input: { module: 'finance', subjectId: 'gus', relation: 'EDITOR' } } },
        result: {
          data: {
            __typename: 'Mutation' as const,
            moduleAccessGrant: {
              __typename: 'ModuleAccessGrantPayload' as const,
              grant: null,
              userErrors: [userError('PERMISSION_INVALID_SUBJECT', ['input', 'subjectId'], 'That member is not in your organization.')],
            },
          },
        },
      },
    ]);
    expect(await screen.findByText(/No one has been granted Finance yet/)).toBeTruthy();
    const form = screen.getByRole('form', { name: 'Grant Finance' });
    await user.selectOptions(within(form).getByLabelText('Member or team'), 'gus');
    await user.click(within(form).getByRole('button', { name: 'Grant' }));
    expect((await within(form).findByRole('alert')).textContent).toBe('That member is not in your organization.');
  });

  it('revokes a grant after a confirmation', async () => {
    const user = userEvent.setup();
    const revoked: SettingsModuleAccessRevokeMutationVariables[] = [];
    renderWithApollo(<ModuleAccessPage />, [
      access(['finance']),
      grants([userGrant, teamGrant]),
      {
        request: {
          query: SettingsModuleAccessRevokeMutation,
          variables: (variables: SettingsModuleAccessRevokeMutationVariables) => {
            revoked.push(variables);
            return true;
          },
        },
        result: { data: { __typename: 'Mutation' as const, moduleAccessRevoke: { __typename: 'ModuleAccessRevokePayload' as const, userErrors: [] } } },
      },
      grants([teamGrant]),
    ]);
    await user.click(await screen.findByRole('button', { name: 'Revoke Finance from Bob Builder' }));
    const dialog = await screen.findByRole('dialog', { name: 'Revoke Finance from Bob Builder?' });
    expect(revoked).toEqual([]); // nothing happens before the confirmation
    await user.click(within(dialog).getByRole('button', { name: 'Revoke access' }));

    expect(await screen.findByText('Bob Builder no longer has access to Finance.')).toBeTruthy();
    expect(revoked).toEqual([{ input: { module: 'finance', subjectId: 'bob' } }]);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() => expect(within(screen.getByRole('list', { name: 'Granted Finance' })).queryByText(/Bob Builder/)).toBeNull());
  });

  it('says so when the cell has no restricted module', async () => {
    renderWithApollo(<ModuleAccessPage />, [access([])]);
    expect(await screen.findByText('No restricted modules')).toBeTruthy();
    expect(screen.queryByRole('form')).toBeNull();
  });

  it('shows a member the API’s FORBIDDEN in words, and no form', async () => {
    renderWithApollo(<ModuleAccessPage />, [
      access(['finance'], 'MEMBER'),
      {
        request: { query: SettingsModuleGrantsQuery, variables: { module: 'finance' } },
        result: {
          data: { __typename: 'Query' as const, moduleGrants: null },
          errors: [new GraphQLError('Only owners and admins manage module access', { path: ['moduleGrants'], extensions: { code: 'FORBIDDEN' } })],
        },
      },
    ]);
    expect((await screen.findByRole('alert')).textContent).toContain('You do not have access to this.');
    expect(screen.queryByRole('form')).toBeNull();
  });
});
