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
import { ASSIGNABLE_ROLES, attempt, canManage, formatDate, ROLE_LABELS } from './shared';

interface MemberRow {
  role: OrganizationRole;
  createdAt: string;
  user?: { id: string; name: string; email: string } | null;
}

/** The organization's members and their roles; owners and admins change roles and remove members. */
export function MembersPage() {
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
      setMessage(failure ? { tone: 'error', text: failure } : { tone: 'success', text: `${name} is now ${ROLE_LABELS[role].toLowerCase()}.` });
    }
    const base: ColumnDef<MemberRow, unknown>[] = [
      {
        id: 'name',
        header: 'Name',
        cell: ({ row }) => (
          <span className="person">
            <span>
              {row.original.user?.name ?? 'Deactivated user'}
              {row.original.user?.id === viewerId ? <span className="muted"> (you)</span> : null}
            </span>
            <small>{row.original.user?.email}</small>
          </span>
        ),
      },
      {
        id: 'role',
        header: 'Role',
        cell: ({ row }) => {
          const member = row.original;
          const editable = manager && member.role !== 'OWNER' && member.user && member.user.id !== viewerId;
          if (!editable) return ROLE_LABELS[member.role];
          return (
            <select
              className="table-select"
              aria-label={`Role of ${member.user!.name}`}
              value={member.role}
              onChange={(event) => void changeRole(member, event.target.value as OrganizationRole)}
            >
              {ASSIGNABLE_ROLES.map((role) => (
                <option key={role} value={role}>
                  {ROLE_LABELS[role]}
                </option>
              ))}
            </select>
          );
        },
      },
      { id: 'joined', header: 'Joined', cell: ({ row }) => formatDate(row.original.createdAt) },
    ];
    if (!manager) return base;
    return [
      ...base,
      {
        id: 'actions',
        header: () => <span className="sr-only">Actions</span>,
        cell: ({ row }) =>
          row.original.user && row.original.role !== 'OWNER' && row.original.user.id !== viewerId ? (
            <div className="table-actions">
              <Button
                variant="danger"
                className="button-small"
                aria-label={`Remove ${row.original.user.name}`}
                onClick={() => {
                  setRemovalError(null);
                  setRemoval(row.original);
                }}
              >
                Remove
              </Button>
            </div>
          ) : null,
      },
    ];
  }, [manager, viewerId, update, refetch]);

  async function confirmRemoval() {
    if (!removal?.user) return;
    const name = removal.user.name;
    const failure = await attempt(async () => {
      const result = await remove({ variables: { input: { userId: removal.user!.id } } });
      return result.data?.membershipDelete?.userErrors;
    });
    if (failure) return setRemovalError(failure);
    setRemoval(null);
    setMessage({ tone: 'success', text: `${name} was removed from the organization.` });
    await refetch();
  }

  return (
    <>
      <PageHeader
        title="Members"
        subtitle={organization ? `The people of ${organization.name}.` : undefined}
        actions={
          manager ? (
            <Link className="button button-primary" to="/settings/invitations">
              Invite people
            </Link>
          ) : null
        }
      />
      {!manager && organization ? <Notice tone="info">Only owners and admins can change roles or remove members.</Notice> : null}
      {message ? <Notice tone={message.tone}>{message.text}</Notice> : null}
      <DataTable
        label="Members"
        columns={columns}
        rows={rows}
        rowId={(row) => row.user?.id ?? row.createdAt}
        loading={loading}
        error={error}
        retry={() => void refetch()}
        paging={pages.paging(organization?.members?.pageInfo)}
        totalCount={organization?.members?.totalCount}
        empty={<EmptyState title="No members" />}
      />
      <Dialog
        open={Boolean(removal)}
        onOpenChange={(open) => !open && setRemoval(null)}
        title="Remove member"
        description={removal?.user ? `${removal.user.name} loses access to the organization at once.` : undefined}
      >
        <Notice>{removalError}</Notice>
        <div className="dialog-actions">
          <Button onClick={() => setRemoval(null)}>Cancel</Button>
          <Button variant="danger" busy={removing.loading} onClick={() => void confirmRemoval()}>
            Remove
          </Button>
        </div>
      </Dialog>
    </>
  );
}
