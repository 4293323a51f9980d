import { useMutation, useQuery } from '@apollo/client/react';
import type { ColumnDef } from '@tanstack/react-table';
import { useMemo, useState, type FormEvent } from 'react';
import type { OrganizationRole } from '../gql/graphql';
import { DataTable } from '../ui/DataTable';
import { Button, SelectField, TextField } from '../ui/controls';
import { PageHeader } from '../ui/PageHeader';
import { EmptyState, Notice } from '../ui/states';
import { SettingsInvitationCreateMutation, SettingsInvitationResendMutation, SettingsInvitationRevokeMutation, SettingsInvitationsQuery } from './operations';
import { fieldErrors } from '../app/errors';
import { useCursorPages } from '../ui/paging';
import { ASSIGNABLE_ROLES, attempt, canManage, formatDate, roleLabel } from './shared';
import { useT } from '../app/i18n';
import { invitationsMessages as im, m } from './messages';

interface InvitationRow {
  id: string;
  email: string;
  role: OrganizationRole;
  expiresAt: string;
  createdAt: string;
  invitedBy?: { name: string } | null;
  teams: { id: string; name: string }[];
}

/** Invite people by e-mail, and the pending invitations (resend, revoke). Owners and admins only. */
export function InvitationsPage() {
  const t = useT();
  const pages = useCursorPages();
  const { data, loading, error, refetch } = useQuery(SettingsInvitationsQuery, { variables: pages.variables });
  const [create, creating] = useMutation(SettingsInvitationCreateMutation);
  const [resend] = useMutation(SettingsInvitationResendMutation);
  const [revoke] = useMutation(SettingsInvitationRevokeMutation);
  const [formError, setFormError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);
  const organization = data?.organization;
  const manager = canManage(organization?.viewerRole);
  const teams = organization?.teams?.nodes ?? [];
  const rows: InvitationRow[] = useMemo(() => [...(organization?.invitations?.nodes ?? [])], [organization?.invitations?.nodes]);

  async function invite(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const email = String(form.get('email') ?? '').trim();
    const role = String(form.get('role') ?? 'MEMBER') as OrganizationRole;
    const teamIds = form.getAll('teamIds').map(String);
    setFormError(null);
    setFields({});
    setMessage(null);
    let errors: readonly { code?: string | null; message: string; field?: readonly string[] | null }[] | undefined;
    const failure = await attempt(async () => {
      errors = (await create({ variables: { input: { email, role, teamIds } } })).data?.invitationCreate?.userErrors;
      return errors;
    });
    if (failure) {
      const byField = fieldErrors(errors);
      if (byField.email) setFields(byField);
      else setFormError(failure);
      return;
    }
    formElement.reset();
    setMessage({ tone: 'success', text: t(im.sent, { email }) });
    pages.reset();
    await refetch();
  }

  const columns = useMemo<ColumnDef<InvitationRow, unknown>[]>(() => {
    async function act(row: InvitationRow, action: 'resend' | 'revoke') {
      setMessage(null);
      const failure = await attempt(async () =>
        action === 'resend'
          ? (await resend({ variables: { input: { id: row.id } } })).data?.invitationResend?.userErrors
          : (await revoke({ variables: { input: { id: row.id } } })).data?.invitationRevoke?.userErrors,
      );
      if (failure) return setMessage({ tone: 'error', text: failure });
      setMessage({ tone: 'success', text: action === 'resend' ? t(im.sentAgain, { email: row.email }) : t(im.revoked, { email: row.email }) });
      if (action === 'revoke') await refetch();
    }
    return [
      { id: 'email', header: t(m.email), cell: ({ row }) => row.original.email },
      { id: 'role', header: t(m.role), cell: ({ row }) => roleLabel(row.original.role) },
      { id: 'teams', header: t(im.teams), cell: ({ row }) => row.original.teams.map((team) => team.name).join(', ') || '—' },
      { id: 'invitedBy', header: t(im.invitedBy), cell: ({ row }) => row.original.invitedBy?.name ?? '—' },
      { id: 'expires', header: t(im.expires), cell: ({ row }) => formatDate(row.original.expiresAt) },
      {
        id: 'actions',
        header: () => <span className="sr-only">{t(m.actions)}</span>,
        cell: ({ row }) => (
          <div className="table-actions">
            <Button className="button-small" onClick={() => void act(row.original, 'resend')} aria-label={t(im.resendTo, { email: row.original.email })}>
              {t(im.resend)}
            </Button>
            <Button
              className="button-small"
              variant="danger"
              onClick={() => {
                if (window.confirm(t(im.confirmRevoke, { email: row.original.email }))) void act(row.original, 'revoke');
              }}
              aria-label={t(im.revokeTo, { email: row.original.email })}
            >
              {t(im.revoke)}
            </Button>
          </div>
        ),
      },
    ];
  }, [resend, revoke, refetch, t]);

  const notAllowed = organization && !manager;
  return (
    <>
      <PageHeader title={t(m.invitations)} subtitle={t(im.subtitle)} />
      {notAllowed ? (
        <EmptyState title={t(im.notAllowed)}>{t(im.askOwner)}</EmptyState>
      ) : (
        <>
          <section className="settings-section" aria-labelledby="invite-title">
            <h2 id="invite-title">{t(im.inviteSomeone)}</h2>
            <form className="form settings-form" onSubmit={invite}>
              <div className="settings-grid">
                <TextField label={t(m.email)} name="email" type="email" required autoComplete="off" error={fields.email} />
                <SelectField label={t(m.role)} name="role" defaultValue="MEMBER" error={fields.role}>
                  {ASSIGNABLE_ROLES.map((role) => (
                    <option key={role} value={role}>
                      {roleLabel(role)}
                    </option>
                  ))}
                </SelectField>
              </div>
              {teams.length ? (
                <fieldset className="checkbox-group">
                  <legend>{t(im.teamsOptional)}</legend>
                  {teams.map((team) => (
                    <label key={team.id} className="check">
                      <input type="checkbox" name="teamIds" value={team.id} />
                      {team.name}
                    </label>
                  ))}
                </fieldset>
              ) : null}
              <Notice>{formError}</Notice>
              <div className="button-row">
                <Button type="submit" variant="primary" busy={creating.loading}>
                  {t(im.send)}
                </Button>
              </div>
            </form>
          </section>
          {message ? <Notice tone={message.tone}>{message.text}</Notice> : null}
          <h2>{t(im.pending)}</h2>
          <DataTable
            label={t(im.pendingInvitations)}
            columns={columns}
            rows={rows}
            rowId={(row) => row.id}
            loading={loading}
            error={error}
            retry={() => void refetch()}
            paging={pages.paging(organization?.invitations?.pageInfo)}
            totalCount={organization?.invitations?.totalCount}
            empty={<EmptyState title={t(im.noPending)} />}
          />
        </>
      )}
    </>
  );
}
