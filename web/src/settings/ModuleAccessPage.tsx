import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import type { Relation, SettingsModuleGrantFieldsFragment } from '../gql/graphql';
import { Button, SelectField } from '../ui/controls';
import { Dialog } from '../ui/Dialog';
import { PageHeader } from '../ui/PageHeader';
import { EmptyState, ErrorState, Loading, Notice } from '../ui/states';
import { SettingsModuleAccessGrantMutation, SettingsModuleAccessQuery, SettingsModuleAccessRevokeMutation, SettingsModuleGrantsQuery } from './operations';
import { attempt, canManage, ROLE_LABELS } from './shared';

const RELATIONS: readonly Relation[] = ['VIEWER', 'EDITOR', 'OWNER'];
const RELATION_LABELS: Record<Relation, string> = {
  VIEWER: 'Viewer — reads everything',
  EDITOR: 'Editor — also changes',
  OWNER: 'Owner — also shares and deletes',
};
const RELATION_SHORT: Record<Relation, string> = { VIEWER: 'Viewer', EDITOR: 'Editor', OWNER: 'Owner' };

interface Subject {
  id: string;
  label: string;
}
interface Candidates {
  people: Subject[];
  teams: Subject[];
}
type Grant = SettingsModuleGrantFieldsFragment;

/** "finance" → "Finance". */
const moduleLabel = (module: string): string => module.charAt(0).toUpperCase() + module.slice(1);

/**
 * Module access: who may open each restricted module of the cell (e.g. finance). Owners and admins
 * always can; members and guests only through a grant to them or to one of their teams.
 */
export function ModuleAccessPage() {
  const { data, loading, error, refetch } = useQuery(SettingsModuleAccessQuery);
  const organization = data?.organization;
  const modules = data?.restrictedModules ?? [];
  // Owners and admins access restricted modules anyway: only members and guests are worth a grant.
  const candidates: Candidates = {
    people: (organization?.members?.nodes ?? []).flatMap((member) =>
      member.user && !canManage(member.role) ? [{ id: member.user.id, label: `${member.user.name} (${member.user.email})` }] : [],
    ),
    teams: (organization?.teams?.nodes ?? []).map((team) => ({ id: team.id, label: team.name })),
  };

  return (
    <>
      <PageHeader title="Module access" subtitle="Who may open the restricted modules of this workspace." />
      {error && !data ? (
        <ErrorState error={error} retry={() => void refetch()} />
      ) : loading && !data ? (
        <Loading />
      ) : modules.length === 0 ? (
        <EmptyState title="No restricted modules">Every module of this workspace is open to all its members.</EmptyState>
      ) : (
        <>
          <Notice tone="info">Owners and admins always have full access. Members and guests need a grant, to them or to one of their teams.</Notice>
          {modules.map((module) => (
            <ModuleSection key={module} module={module} candidates={candidates} manager={canManage(organization?.viewerRole)} />
          ))}
        </>
      )}
    </>
  );
}

function ModuleSection({ module, candidates, manager }: { module: string; candidates: Candidates; manager: boolean }) {
  const { data, loading, error, refetch } = useQuery(SettingsModuleGrantsQuery, { variables: { module } });
  const [revoking, setRevoking] = useState<Grant | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const grants = data?.moduleGrants ?? [];
  const headingId = `module-${module}`;
  const name = moduleLabel(module);

  return (
    <section className="settings-section" aria-labelledby={headingId}>
      <h2 id={headingId}>{name}</h2>
      {message ? <Notice tone="success">{message}</Notice> : null}
      {error && !data ? (
        <ErrorState error={error} retry={() => void refetch()} />
      ) : loading && !data ? (
        <Loading />
      ) : grants.length === 0 ? (
        <p className="muted">No one has been granted {name} yet: only owners and admins can open it.</p>
      ) : (
        <ul className="team-members" aria-label={`Granted ${name}`}>
          {grants.map((grant, index) => (
            <li key={subjectKey(grant) ?? index}>
              <span className="person">
                <span>
                  {subjectName(grant)} <span className="badge">{RELATION_SHORT[grant.relation]}</span>
                </span>
                <small>{subjectDetail(grant)}</small>
              </span>
              {manager && subjectKey(grant) ? (
                <Button
                  className="button-small"
                  variant="ghost"
                  onClick={() => {
                    setMessage(null);
                    setRevoking(grant);
                  }}
                  aria-label={`Revoke ${name} from ${subjectName(grant)}`}
                >
                  Revoke
                </Button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {manager && data ? (
        <GrantForm
          module={module}
          candidates={candidates}
          onGranted={(subject, relation) => {
            setMessage(`${subject} is now ${RELATION_SHORT[relation].toLowerCase()} of ${name}.`);
            void refetch();
          }}
        />
      ) : null}
      <RevokeDialog
        module={module}
        grant={revoking}
        onClose={() => setRevoking(null)}
        onRevoked={(subject) => {
          setRevoking(null);
          setMessage(`${subject} no longer has access to ${name}.`);
          void refetch();
        }}
      />
    </section>
  );
}

function GrantForm({ module, candidates, onGranted }: { module: string; candidates: Candidates; onGranted(subject: string, relation: Relation): void }) {
  const [grant, { loading }] = useMutation(SettingsModuleAccessGrantMutation);
  const [subjectId, setSubjectId] = useState('');
  const [relation, setRelation] = useState<Relation>('EDITOR');
  const [error, setError] = useState<string | null>(null);
  const name = moduleLabel(module);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!subjectId) return;
    setError(null);
    const failure = await attempt(async () => (await grant({ variables: { input: { module, subjectId, relation } } })).data?.moduleAccessGrant?.userErrors);
    if (failure) return setError(failure);
    const subject = [...candidates.people, ...candidates.teams].find((candidate) => candidate.id === subjectId);
    setSubjectId('');
    onGranted(subject?.label ?? 'The member', relation);
  }

  return (
    <form className="form-row" aria-label={`Grant ${name}`} onSubmit={submit}>
      <SelectField label="Member or team" value={subjectId} onChange={(event) => setSubjectId(event.target.value)} required>
        <option value="" disabled>
          Choose…
        </option>
        {candidates.people.length ? (
          <optgroup label="Members">
            {candidates.people.map((person) => (
              <option key={person.id} value={person.id}>
                {person.label}
              </option>
            ))}
          </optgroup>
        ) : null}
        {candidates.teams.length ? (
          <optgroup label="Teams">
            {candidates.teams.map((team) => (
              <option key={team.id} value={team.id}>
                {team.label}
              </option>
            ))}
          </optgroup>
        ) : null}
      </SelectField>
      <SelectField label="Access" value={relation} onChange={(event) => setRelation(event.target.value as Relation)}>
        {RELATIONS.map((option) => (
          <option key={option} value={option}>
            {RELATION_LABELS[option]}
          </option>
        ))}
      </SelectField>
      <Button type="submit" variant="primary" busy={loading} disabled={!subjectId}>
        Grant
      </Button>
      <Notice>{error}</Notice>
    </form>
  );
}

function RevokeDialog({ module, grant, onClose, onRevoked }: { module: string; grant: Grant | null; onClose(): void; onRevoked(subject: string): void }) {
  const [revoke, { loading }] = useMutation(SettingsModuleAccessRevokeMutation);
  const [error, setError] = useState<string | null>(null);
  const name = moduleLabel(module);

  async function confirm() {
    const subjectId = grant && subjectKey(grant);
    if (!grant || !subjectId) return;
    const failure = await attempt(async () => (await revoke({ variables: { input: { module, subjectId } } })).data?.moduleAccessRevoke?.userErrors);
    if (failure) return setError(failure);
    onRevoked(subjectName(grant));
  }

  return (
    <Dialog
      open={Boolean(grant)}
      onOpenChange={(open) => {
        if (!open) {
          setError(null);
          onClose();
        }
      }}
      title={grant ? `Revoke ${name} from ${subjectName(grant)}?` : `Revoke ${name}`}
      description={`They lose access to ${name} at once, unless another grant (to one of their teams) still gives it.`}
    >
      <Notice>{error}</Notice>
      <div className="dialog-actions">
        <Button onClick={onClose}>Cancel</Button>
        <Button variant="danger" busy={loading} onClick={() => void confirm()}>
          Revoke access
        </Button>
      </div>
    </Dialog>
  );
}

/** The granted user's or team's id (a role subject or one no longer visible has none to revoke by). */
function subjectKey(grant: Grant): string | null {
  const subject = grant.subject;
  return subject && 'id' in subject ? subject.id : null;
}

function subjectName(grant: Grant): string {
  const subject = grant.subject;
  if (!subject) return 'Someone no longer visible';
  if ('role' in subject) return `Every ${ROLE_LABELS[subject.role].toLowerCase()}`;
  return subject.name;
}

function subjectDetail(grant: Grant): string {
  const subject = grant.subject;
  if (subject?.__typename === 'Team') return 'Team — its members inherit it';
  if (subject?.__typename === 'User') return subject.email;
  return '';
}
