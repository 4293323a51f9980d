import { useQuery } from '@apollo/client/react';
import { Navigate, NavLink, Outlet, type RouteObject } from 'react-router';
import type { ModuleDefinition } from '../app/registry';
import './settings.css';
import { labelText, useTranslator, type Label } from '../app/i18n';
import { m } from './messages';
import { SettingsPlatformAdminQuery } from './operations';

interface SettingsLink {
  label: Label;
  path: string;
  /** Shown to platform administrators only (identity's `platformAdmin`): the cell's, not an organization's. */
  platformAdmin?: boolean;
}

/** The pages every cell has (identity's): yours, then the organization's. */
export const CORE_SETTINGS: readonly SettingsLink[] = [
  { label: m.profile, path: 'profile' },
  { label: m.preferences, path: 'preferences' },
  { label: m.organization, path: 'organization' },
  { label: m.members, path: 'members' },
  { label: m.teams, path: 'teams' },
  { label: m.invitations, path: 'invitations' },
  { label: m.moduleAccess, path: 'module-access' },
  { label: m.apiKeys, path: 'api-keys' },
  { label: m.jobs, path: 'jobs', platformAdmin: true },
];

/**
 * `/settings`: a layout with the settings' own navigation (the core pages, then every enabled
 * module's), and the pages, each loaded with its own chunk the first time it is opened.
 */
export function settingsRoute(modules: readonly ModuleDefinition[]): RouteObject {
  const modulePages = modules.flatMap((module) => module.settings ?? []);
  const links: SettingsLink[] = [...CORE_SETTINGS, ...modulePages.map(({ label, path }) => ({ label, path }))];
  return {
    path: 'settings',
    element: <SettingsLayout links={links} />,
    children: [
      { index: true, element: <Navigate to="profile" replace /> },
      { path: 'profile', lazy: () => import('./ProfilePage').then((page) => ({ Component: page.ProfilePage })) },
      { path: 'preferences', lazy: () => import('./PreferencesPage').then((page) => ({ Component: page.PreferencesPage })) },
      { path: 'organization', lazy: () => import('./OrganizationSettingsPage').then((page) => ({ Component: page.OrganizationSettingsPage })) },
      { path: 'members', lazy: () => import('./MembersPage').then((page) => ({ Component: page.MembersPage })) },
      { path: 'teams', lazy: () => import('./TeamsPage').then((page) => ({ Component: page.TeamsPage })) },
      { path: 'invitations', lazy: () => import('./InvitationsPage').then((page) => ({ Component: page.InvitationsPage })) },
      { path: 'module-access', lazy: () => import('./ModuleAccessPage').then((page) => ({ Component: page.ModuleAccessPage })) },
      { path: 'api-keys', lazy: () => import('./ApiKeysPage').then((page) => ({ Component: page.ApiKeysPage })) },
      { path: 'jobs', lazy: () => import('./JobsPage').then((page) => ({ Component: page.JobsPage })) },
      ...modulePages.map((page) => ({ path: page.path, Component: page.element })),
    ],
  };
}

export function SettingsLayout({ links }: { links: readonly SettingsLink[] }) {
  const reader = useTranslator();
  const platformAdmin = useQuery(SettingsPlatformAdminQuery).data?.platformAdmin ?? false;
  const shown = links.filter((link) => !link.platformAdmin || platformAdmin);
  return (
    <div className="settings">
      <nav className="settings-nav" aria-label={reader.t(m.settings)}>
        <p className="settings-nav-title" aria-hidden>
          {reader.t(m.settings)}
        </p>
        <ul>
          {shown.map((link) => (
            <li key={link.path}>
              <NavLink to={link.path} className="settings-nav-item">
                {labelText(link.label, reader)}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <div className="settings-page">
        <Outlet />
      </div>
    </div>
  );
}
