import { initials } from '../app/format';
import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import * as Menu from '@radix-ui/react-dropdown-menu';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useModules, useSessionStore } from '../app/context';
import { describeError, describeUserErrors } from '../app/errors';
import { SwitchOrganizationMutation } from '../auth/operations';
import { Notice } from '../ui/states';
import { ViewerQuery } from './operations';
import { useT } from '../app/i18n';
import { m } from './messages';

/** The signed-in person: profile, settings, organizations to switch to, and sign out. */
export function AvatarMenu() {
  const t = useT();
  const { data } = useQuery(ViewerQuery);
  const store = useSessionStore();
  const client = useApolloClient();
  const navigate = useNavigate();
  const [switchOrganization] = useMutation(SwitchOrganizationMutation);
  const [error, setError] = useState<string | null>(null);
  const me = data?.me;
  const AccountAvatar = useModules().find((module) => module.accountAvatar)?.accountAvatar;
  const current = data?.organization?.id;

  async function switchTo(organizationId: string) {
    setError(null);
    try {
      const result = await switchOrganization({ variables: { input: { organizationId } } });
      const failure = describeUserErrors(result.data?.sessionSwitchOrganization?.userErrors);
      if (failure) return setError(failure);
      const session = result.data?.sessionSwitchOrganization?.session;
      if (!session) return;
      store.signedIn(session);
      await navigate('/');
      await client.resetStore();
    } catch (caught) {
      setError(describeError(caught));
    }
  }

  async function signOut() {
    await store.signOut();
    await client.clearStore();
    await navigate('/sign-in', { replace: true });
  }

  return (
    <>
      <Menu.Root>
        <Menu.Trigger className="avatar-button" aria-label={t(m.account, { name: me?.name ?? t(m.you) })}>
          {AccountAvatar ? (
            <AccountAvatar name={me?.name ?? ''} fallbackUrl={me?.avatarUrl} />
          ) : me?.avatarUrl ? (
            <img src={me.avatarUrl} alt="" className="avatar" />
          ) : (
            <span className="avatar">{initials(me?.name ?? '')}</span>
          )}
        </Menu.Trigger>
        <Menu.Portal>
          <Menu.Content className="menu" align="end" sideOffset={6}>
            {me ? (
              <Menu.Label className="menu-label">
                <strong>{me.name}</strong>
                <span className="muted">{me.email}</span>
              </Menu.Label>
            ) : null}
            <Menu.Item className="menu-item" onSelect={() => void navigate('/settings/profile')}>
              {t(m.profile)}
            </Menu.Item>
            <Menu.Item className="menu-item" onSelect={() => void navigate('/settings')}>
              {t(m.settings)}
            </Menu.Item>
            {(me?.memberships?.length ?? 0) > 1 ? (
              <>
                <Menu.Separator className="menu-separator" />
                <Menu.Label className="menu-label">{t(m.organizations)}</Menu.Label>
                {me!.memberships!.map(({ organization }) =>
                  organization ? (
                    <Menu.Item
                      key={organization.id}
                      className="menu-item"
                      disabled={organization.id === current}
                      onSelect={() => void switchTo(organization.id)}
                    >
                      {organization.name}
                      {organization.id === current ? ' ✓' : ''}
                    </Menu.Item>
                  ) : null,
                )}
              </>
            ) : null}
            <Menu.Separator className="menu-separator" />
            <Menu.Item className="menu-item" onSelect={() => void signOut()}>
              {t(m.signOut)}
            </Menu.Item>
          </Menu.Content>
        </Menu.Portal>
      </Menu.Root>
      {error ? (
        <div className="toast">
          <Notice>{error}</Notice>
        </div>
      ) : null}
    </>
  );
}
