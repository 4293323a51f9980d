import { useMutation, useQuery } from '@apollo/client/react';
import type { ColumnDef } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { OrganizationRole } from '../gql/graphql';
import { DataTable } from '../ui/DataTable';
import { Button } from '../ui/controls';
import { Dialog } from '../ui/Dialog';
import { PageHeader } from '../ui/PageHeader';
import { EmptyState, Notice } from '../ui/states';
import { SettingsMembershipDeleteMutation, SettingsMembershipUpdateMutation, SettingsMembersQuery } from './operations';
import { useCursorPages } from '../ui/paging';
import { ASSIGNABLE_ROLES, attempt, canManage, formatDate, roleLabel } from './shared';
import { useT } from '../app/i18n';
import { m, membersMessages as mm } from './messages';

interface MemberRow {
  role: OrganizationRole;
  createdAt: string;
  user?: { id: string; name: string; email: string } | null;
}

/** The organization's members and their roles; owners and admins change roles and remove members. */
export function MembersPage() {
  const t = useT();
  const pages = useCursorPages();
  const { data, loading, error, refetch } = useQuery(SettingsMembersQuery, { variables: pages.variables });
  const [update] = useMutation(SettingsMembershipUpdateMutation);
  const [remove, removing] = useMutation(SettingsMembershipDeleteMutation);
  const [message, setMessage] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);
  const [removal, setRemoval] = useState<MemberRow | null>(null);
  const [removalError, setRemovalError] = useState<string | null>(null);
  const organization = data?.organization;
  const manager = canManage(organization?.viewerRole);
  const viewerId = data?.me?.id;
  const rows: MemberRow[] = useMemo(() => [...(organization?.members?.nodes ?? [])], [organization?.members?.nodes]);

  const columns = useMemo<ColumnDef<MemberRow, unknown>[]>(() => {
    async function changeRole(row: MemberRow, role: OrganizationRole) {
      if (!row.user || role === row.role) return;
      setMessage(null);
      const name = row.user.name;
      const failure = await attempt(async () => {
        const result = await update({ variables: { input: { userId: row.user!.id, role } } });
        return result.data?.membershipUpdate?.userErrors;
      });
      await refetch();
      setMessage(failure ? { tone: 'error', text: failure } : { tone: 'success', text: t(mm.roleChanged, { name, role }) });
    }
    const base: ColumnDef<MemberRow, unknown>[] = [
      {
        id: 'name',
        header: t(m.name),
        cell: ({ row }) => (
          <span className="person">
            <span>
              {row.original.user?.name ?? t(mm.deactivatedUser)}
              {row.original.user?.id === viewerId ? <span className="muted">{t(mm.you)}</span> : null}
            </span>
            <small>{row.original.user?.email}</small>
          </span>
        ),
      },
      {
        id: 'role',
        header: t(m.role),
        cell: ({ row }) => {
          const member = row.original;
          const editable = manager && member.role !== 'OWNER' && member.user && member.user.id !== viewerId;
          if (!editable) return roleLabel(member.role);
          return (
            <select
              className="table-select"
              aria-label={t(mm.roleOf, { name: member.user!.name })}
              value={member.role}
              onChange={(event) => void changeRole(member, event.target.value as OrganizationRole)}
            >
              {ASSIGNABLE_ROLES.map((role) => (
                <option key={role} value={role}>
                  {roleLabel(role)}
                </option>
              ))}
            </select>
          );
        },
      },
      { id: 'joined', header: t(mm.joined), cell: ({ row }) => formatDate(row.original.createdAt) },
    ];
    if (!manager) return base;
    return [
      ...base,
      {
        id: 'actions',
        header: () => <span className="sr-only">{t(m.actions)}</span>,
        cell: ({ row }) =>
          row.original.user && row.original.role !== 'OWNER' && row.original.user.id !== viewerId ? (
            <div className="table-actions">
              <Button
                variant="danger"
                className="button-small"
                aria-label={t(mm.removeName, { name: row.original.user.name })}
                onClick={() => {
                  setRemovalError(null);
                  setRemoval(row.original);
                }}
              >
                {t(m.remove)}
              </Button>
            </div>
          ) : null,
      },
    ];
  }, [manager, viewerId, update, refetch, t]);

  async function confirmRemoval() {
    if (!removal?.user) return;
    const name = removal.user.name;
    const failure = await attempt(async () => {
      const result = await remove({ variables: { input: { userId: removal.user!.id } } });
      return result.data?.membershipDelete?.userErrors;
    });
    if (failure) return setRemovalError(failure);
    setRemoval(null);
    setMessage({ tone: 'success', text: t(mm.removed, { name }) });
    await refetch();
  }

  return (
    <>
      <PageHeader
        title={t(m.members)}
        subtitle={organization ? t(mm.subtitle, { organization: organization.name }) : undefined}
        actions={
          manager ? (
            <Link className="button button-primary" to="/settings/invitations">
              {t(mm.invitePeople)}
            </Link>
          ) : null
        }
      />
      {!manager && organization ? <Notice tone="info">{t(mm.readOnly)}</Notice> : null}
      {message ? <Notice tone={message.tone}>{message.text}</Notice> : null}
      <DataTable
        label={t(m.members)}
        columns={columns}
        rows={rows}
        rowId={(row) => row.user?.id ?? row.createdAt}
        loading={loading}
        error={error}
        retry={() => void refetch()}
        paging={pages.paging(organization?.members?.pageInfo)}
        totalCount={organization?.members?.totalCount}
        empty={<EmptyState title={t(mm.noMembers)} />}
      />
      <Dialog
        open={Boolean(removal)}
        onOpenChange={(open) => !open && setRemoval(null)}
        title={t(mm.removeMember)}
        description={removal?.user ? t(mm.losesAccess, { name: removal.user.name }) : undefined}
      >
        <Notice>{removalError}</Notice>
        <div className="dialog-actions">
          <Button onClick={() => setRemoval(null)}>{t(m.cancel)}</Button>
          <Button variant="danger" busy={removing.loading} onClick={() => void confirmRemoval()}>
            {t(m.remove)}
          </Button>
        </div>
      </Dialog>
    </>
  );
}
