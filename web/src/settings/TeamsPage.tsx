import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Button, SelectField, TextArea, TextField } from '../ui/controls';
import { Dialog } from '../ui/Dialog';
import { PageHeader } from '../ui/PageHeader';
import { EmptyState, ErrorState, Loading, Notice } from '../ui/states';
import {
  SettingsTeamCreateMutation,
  SettingsTeamDeleteMutation,
  SettingsTeamMemberAddMutation,
  SettingsTeamMemberRemoveMutation,
  SettingsTeamsQuery,
  SettingsTeamUpdateMutation,
} from './operations';
import { fieldErrors } from '../app/errors';
import { attempt, canManage } from './shared';
import { useT } from '../app/i18n';
import { m, teamsMessages as tm } from './messages';

interface Person {
  id: string;
  name: string;
  email: string;
}
interface TeamRow {
  id: string;
  name: string;
  description?: string | null;
  members?: { totalCount: number; nodes: { role: string; user?: Person | null }[] } | null;
}

/** Teams: create, rename, delete, and who is in each. */
export function TeamsPage() {
  const t = useT();
  const { data, loading, error, refetch } = useQuery(SettingsTeamsQuery);
  const [editing, setEditing] = useState<TeamRow | 'new' | null>(null);
  const [deleting, setDeleting] = useState<TeamRow | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const organization = data?.organization;
  const manager = canManage(organization?.viewerRole);
  const teams = organization?.teams?.nodes ?? [];
  const people = (organization?.members?.nodes ?? []).flatMap((member) => (member.user ? [member.user] : []));

  return (
    <>
      <PageHeader
        title={t(m.teams)}
        subtitle={t(tm.subtitle)}
        actions={
          manager ? (
            <Button variant="primary" onClick={() => setEditing('new')}>
              {t(tm.newTeam)}
            </Button>
          ) : null
        }
      />
      {message ? <Notice tone="success">{message}</Notice> : null}
      {error && !organization ? (
        <ErrorState error={error} retry={() => void refetch()} />
      ) : loading && !organization ? (
        <Loading />
      ) : teams.length === 0 ? (
        <EmptyState
          title={t(tm.noTeams)}
          action={
            manager ? (
              <Button variant="primary" onClick={() => setEditing('new')}>
                {t(tm.createTeamAction)}
              </Button>
            ) : null
          }
        >
          {t(tm.explanation)}
        </EmptyState>
      ) : (
        <div className="team-list">
          {teams.map((team) => (
            <TeamCard
              key={team.id}
              team={team}
              people={people}
              manager={manager}
              onEdit={() => setEditing(team)}
              onDelete={() => setDeleting(team)}
              onChanged={() => void refetch()}
            />
          ))}
        </div>
      )}
      <TeamDialog
        team={editing}
        onClose={() => setEditing(null)}
        onSaved={(name, created) => {
          setEditing(null);
          setMessage(created ? t(tm.created, { name }) : t(tm.saved, { name }));
          void refetch();
        }}
      />
      <DeleteTeamDialog
        team={deleting}
        onClose={() => setDeleting(null)}
        onDeleted={(name) => {
          setDeleting(null);
          setMessage(t(tm.trashed, { name }));
          void refetch();
        }}
      />
    </>
  );
}

function TeamCard({
  team,
  people,
  manager,
  onEdit,
  onDelete,
  onChanged,
}: {
  team: TeamRow;
  people: Person[];
  manager: boolean;
  onEdit(): void;
  onDelete(): void;
  onChanged(): void;
}) {
  const t = useT();
  const [add, adding] = useMutation(SettingsTeamMemberAddMutation);
  const [remove] = useMutation(SettingsTeamMemberRemoveMutation);
  const [error, setError] = useState<string | null>(null);
  const members = team.members?.nodes ?? [];
  const inTeam = new Set(members.map((member) => member.user?.id));
  const candidates = people.filter((person) => !inTeam.has(person.id));
  const headingId = `team-${team.id}`;

  async function addMember(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const userId = String(new FormData(event.currentTarget).get('userId') ?? '');
    if (!userId) return;
    setError(null);
    const failure = await attempt(async () => (await add({ variables: { input: { teamId: team.id, userId } } })).data?.teamMemberAdd?.userErrors);
    if (failure) return setError(failure);
    onChanged();
  }

  async function removeMember(userId: string) {
    setError(null);
    const failure = await attempt(async () => (await remove({ variables: { input: { teamId: team.id, userId } } })).data?.teamMemberRemove?.userErrors);
    if (failure) return setError(failure);
    onChanged();
  }

  return (
    <section className="settings-section" aria-labelledby={headingId}>
      <div className="team-card-header">
        <div>
          <h2 id={headingId}>{team.name}</h2>
          {team.description ? <p className="muted">{team.description}</p> : null}
          <p className="muted">{t(tm.memberCount, { count: team.members?.totalCount ?? 0 })}</p>
        </div>
        {manager ? (
          <div className="button-row">
            <Button className="button-small" onClick={onEdit} aria-label={t(tm.renameName, { name: team.name })}>
              {t(tm.rename)}
            </Button>
            <Button className="button-small" variant="danger" onClick={onDelete} aria-label={t(tm.deleteName, { name: team.name })}>
              {t(tm.delete)}
            </Button>
          </div>
        ) : null}
      </div>
      {members.length ? (
        <ul className="team-members" aria-label={t(tm.membersOf, { name: team.name })}>
          {members.map((member) =>
            member.user ? (
              <li key={member.user.id}>
                <span className="person">
                  <span>
                    {member.user.name} {member.role === 'LEAD' ? <span className="badge">{t(tm.lead)}</span> : null}
                  </span>
                  <small>{member.user.email}</small>
                </span>
                {manager ? (
                  <Button
                    className="button-small"
                    variant="ghost"
                    onClick={() => void removeMember(member.user!.id)}
                    aria-label={t(tm.removeFrom, { member: member.user.name, team: team.name })}
                  >
                    {t(m.remove)}
                  </Button>
                ) : null}
              </li>
            ) : null,
          )}
        </ul>
      ) : null}
      {manager && candidates.length ? (
        <form className="form-row" onSubmit={addMember}>
          <SelectField label={t(tm.addTo, { name: team.name })} name="userId" defaultValue="">
            <option value="" disabled>
              {t(tm.chooseMember)}
            </option>
            {candidates.map((person) => (
              <option key={person.id} value={person.id}>
                {person.name} ({person.email})
              </option>
            ))}
          </SelectField>
          <Button type="submit" busy={adding.loading}>
            {t(tm.add)}
          </Button>
        </form>
      ) : null}
      <Notice>{error}</Notice>
    </section>
  );
}

function TeamDialog({ team, onClose, onSaved }: { team: TeamRow | 'new' | null; onClose(): void; onSaved(name: string, created: boolean): void }) {
  const t = useT();
  const [create, creating] = useMutation(SettingsTeamCreateMutation);
  const [update, updating] = useMutation(SettingsTeamUpdateMutation);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const existing = team && team !== 'new' ? team : null;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const name = String(form.get('name') ?? '').trim();
    const description = String(form.get('description') ?? '').trim() || null;
    setError(null);
    setFields({});
    let errors: readonly { code?: string | null; message: string; field?: readonly string[] | null }[] | undefined;
    const failure = await attempt(async () => {
      errors = existing
        ? (await update({ variables: { input: { id: existing.id, name, description } } })).data?.teamUpdate?.userErrors
        : (await create({ variables: { input: { name, description } } })).data?.teamCreate?.userErrors;
      return errors;
    });
    if (failure) {
      const byField = fieldErrors(errors);
      if (byField.name) setFields(byField);
      else setError(failure);
      return;
    }
    onSaved(name, !existing);
  }

  return (
    <Dialog
      open={team !== null}
      onOpenChange={(open) => {
        if (!open) {
          setError(null);
          setFields({});
          onClose();
        }
      }}
      title={existing ? t(tm.renameName, { name: existing.name }) : t(tm.newTeam)}
    >
      <form className="form" onSubmit={submit} key={existing?.id ?? 'new'}>
        <TextField label={t(m.name)} name="name" defaultValue={existing?.name ?? ''} required maxLength={100} autoFocus error={fields.name} />
        <TextArea label={t(tm.description)} name="description" defaultValue={existing?.description ?? ''} />
        <Notice>{error}</Notice>
        <div className="dialog-actions">
          <Button onClick={onClose}>{t(m.cancel)}</Button>
          <Button type="submit" variant="primary" busy={creating.loading || updating.loading}>
            {existing ? t(tm.save) : t(tm.createTeam)}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

function DeleteTeamDialog({ team, onClose, onDeleted }: { team: TeamRow | null; onClose(): void; onDeleted(name: string): void }) {
  const t = useT();
  const [remove, { loading }] = useMutation(SettingsTeamDeleteMutation);
  const [error, setError] = useState<string | null>(null);
  async function confirm() {
    if (!team) return;
    const failure = await attempt(async () => (await remove({ variables: { input: { id: team.id } } })).data?.teamDelete?.userErrors);
    if (failure) return setError(failure);
    onDeleted(team.name);
  }
  return (
    <Dialog
      open={Boolean(team)}
      onOpenChange={(open) => {
        if (!open) {
          setError(null);
          onClose();
        }
      }}
      title={team ? t(tm.deleteQuestion, { name: team.name }) : t(tm.deleteTeam)}
      description={t(tm.deleteExplanation)}
    >
      <Notice>{error}</Notice>
      <div className="dialog-actions">
        <Button onClick={onClose}>{t(m.cancel)}</Button>
        <Button variant="danger" busy={loading} onClick={() => void confirm()}>
          {t(tm.deleteTeam)}
        </Button>
      </div>
    </Dialog>
  );
}
