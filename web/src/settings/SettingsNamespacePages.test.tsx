// @vitest-environment happy-dom
import { fireEvent, screen } from '@testing-library/dom';
import { afterEach, describe, expect, it } from 'vitest';
import type { OrganizationRole } from '../gql/graphql';
import { renderWithApollo, unmountAll } from '../testing/render';
import { SettingsNamespaceQuery, SettingsSetMutation } from './operations';
import { OrganizationSettingsPage } from './OrganizationSettingsPage';
import { PreferencesPage } from './PreferencesPage';

afterEach(unmountAll);

function namespace(
  name: string,
  values: Record<string, unknown>,
  sources: Record<string, 'USER' | 'ORGANIZATION' | 'DEFAULT'>,
  viewerRole: OrganizationRole = 'MEMBER',
) {
  return {
    request: { query: SettingsNamespaceQuery, variables: { namespace: name } },
    result: {
      data: {
        __typename: 'Query' as const,
        settings: {
          __typename: 'SettingsNamespace' as const,
          namespace: name,
          values,
          organizationValues: {},
          userValues: {},
          sources: Object.entries(sources).map(([key, source]) => ({ __typename: 'SettingValueSource' as const, key, source })),
        },
        organization: { __typename: 'Organization' as const, id: 'org-1', viewerRole },
      },
    },
  };
}

describe('PreferencesPage', () => {
  it('shows where each value comes from, offers the supported languages and saves yours, showing the schema’s errors at their field', async () => {
    const profile = namespace('profile', { timeZone: 'Europe/Paris', locale: 'fr-FR' }, { timeZone: 'ORGANIZATION', locale: 'DEFAULT' });
    const invalid = {
      request: {
        query: SettingsSetMutation,
        variables: { input: { namespace: 'profile', scope: 'USER', values: { timeZone: 'Europe/Paris', locale: 'de-DE' } } },
      },
      result: {
        data: {
          __typename: 'Mutation' as const,
          settingSet: {
            __typename: 'SettingsPayload' as const,
            settings: null,
            userErrors: [
              {
                __typename: 'UserError' as const,
                code: 'SETTINGS_INVALID',
                field: ['input', 'values', 'locale'],
                message: 'A BCP 47 language tag, e.g. en-US',
              },
            ],
          },
        },
      },
    };
    renderWithApollo(<PreferencesPage />, [profile, invalid, profile]);
    expect(await screen.findByText('Your organization’s default.')).toBeTruthy();
    const locale = screen.getByLabelText(/Locale/) as HTMLSelectElement;
    // The supported languages are offered; a stored other tag is kept.
    expect(locale.value).toBe('fr-FR');
    expect([...locale.options].map((option) => [option.value, option.text])).toEqual([
      ['fr-FR', 'fr-FR'],
      ['en-US', 'English'],
      ['de-DE', 'Deutsch'],
    ]);
    fireEvent.change(locale, { target: { value: 'de-DE' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save preferences' }));
    expect(await screen.findByText(/BCP 47/)).toBeTruthy();
  });
});

describe('OrganizationSettingsPage', () => {
  const values = { branding: { color: '#3355AA' }, fiscalYearStartMonth: 4, defaultLocale: 'en-US', defaultTimeZone: 'UTC' };
  const sources = { branding: 'DEFAULT', fiscalYearStartMonth: 'ORGANIZATION', defaultLocale: 'DEFAULT', defaultTimeZone: 'DEFAULT' } as const;

  it('is read-only for members', async () => {
    renderWithApollo(<OrganizationSettingsPage />, [namespace('organization', values, sources, 'MEMBER')]);
    expect(await screen.findByText(/Only owners and admins/)).toBeTruthy();
    expect((screen.getByLabelText(/Fiscal year starts in/) as HTMLSelectElement).value).toBe('4');
    expect(screen.queryByRole('button', { name: 'Save organization settings' })).toBeNull();
  });

  it('lets an admin save', async () => {
    renderWithApollo(<OrganizationSettingsPage />, [namespace('organization', values, sources, 'ADMIN')]);
    expect(await screen.findByRole('button', { name: 'Save organization settings' })).toBeTruthy();
    expect(screen.queryByText(/Only owners and admins/)).toBeNull();
  });
});
