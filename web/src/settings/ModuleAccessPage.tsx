import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import type { Relation, SettingsModuleGrantFieldsFragment } from '../gql/graphql';
import { Button, SelectField } from '../ui/controls';
import { Dialog } from '../ui/Dialog';
import { PageHeader } from '../ui/PageHeader';
import { EmptyState, ErrorState, Loading, Notice } from '../ui/states';
import { SettingsModuleAccessGrantMutation, SettingsModuleAccessQuery, SettingsModuleAccessRevokeMutation, SettingsModuleGrantsQuery } from './operations';
import { attempt, canManage } from './shared';
import { activeTranslator, useT, type Message } from '../app/i18n';
import { m, moduleAccessMessages as a } from './messages';

const RELATIONS: readonly Relation[] = ['VIEWER', 'EDITOR', 'OWNER'];
const RELATION_LABELS: Record<Relation, Message> = { VIEWER: a.viewerLong, EDITOR: a.editorLong, OWNER: a.ownerLong };

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
  const t = useT();
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
      <PageHeader title={t(m.moduleAccess)} subtitle={t(a.subtitle)} />
      {error && !data ? (
        <ErrorState error={error} retry={() => void refetch()} />
      ) : loading && !data ? (
        <Loading />
      ) : modules.length === 0 ? (
        <EmptyState title={t(a.noRestricted)}>{t(a.allOpen)}</EmptyState>
      ) : (
        <>
          <Notice tone="info">{t(a.explanation)}</Notice>
          {modules.map((module) => (
            <ModuleSection key={module} module={module} candidates={candidates} manager={canManage(organization?.viewerRole)} />
          ))}
        </>
      )}
    </>
  );
}

function ModuleSection({ module, candidates, manager }: { module: string; candidates: Candidates; manager: boolean }) {
  const t = useT();
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
        <p className="muted">{t(a.noGrants, { name })}</p>
      ) : (
        <ul className="team-members" aria-label={t(a.granted, { name })}>
          {grants.map((grant, index) => (
            <li key={subjectKey(grant) ?? index}>
              <span className="person">
                <span>
                  {subjectName(grant)} <span className="badge">{t(a.relation, { relation: grant.relation })}</span>
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
                  aria-label={t(a.revokeFrom, { name, subject: subjectName(grant) })}
                >
                  {t(a.revoke)}
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
            setMessage(t(a.nowRelation, { subject, relation, name }));
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
          setMessage(t(a.noLongerAccess, { subject, name }));
          void refetch();
        }}
      />
    </section>
  );
}

function GrantForm({ module, candidates, onGranted }: { module: string; candidates: Candidates; onGranted(subject: string, relation: Relation): void }) {
  const t = useT();
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
    onGranted(subject?.label ?? t(a.theMember), relation);
  }

  return (
    <form className="form-row" aria-label={t(a.grantName, { name })} onSubmit={submit}>
      <SelectField label={t(a.memberOrTeam)} value={subjectId} onChange={(event) => setSubjectId(event.target.value)} required>
        <option value="" disabled>
          {t(a.choose)}
        </option>
        {candidates.people.length ? (
          <optgroup label={t(a.members)}>
            {candidates.people.map((person) => (
              <option key={person.id} value={person.id}>
                {person.label}
              </option>
            ))}
          </optgroup>
        ) : null}
        {candidates.teams.length ? (
          <optgroup label={t(a.teams)}>
            {candidates.teams.map((team) => (
              <option key={team.id} value={team.id}>
                {team.label}
              </option>
            ))}
          </optgroup>
        ) : null}
      </SelectField>
      <SelectField label={t(a.access)} value={relation} onChange={(event) => setRelation(event.target.value as Relation)}>
        {RELATIONS.map((option) => (
          <option key={option} value={option}>
            {t(RELATION_LABELS[option])}
          </option>
        ))}
      </SelectField>
      <Button type="submit" variant="primary" busy={loading} disabled={!subjectId}>
        {t(a.grant)}
      </Button>
      <Notice>{error}</Notice>
    </form>
  );
}

function RevokeDialog({ module, grant, onClose, onRevoked }: { module: string; grant: Grant | null; onClose(): void; onRevoked(subject: string): void }) {
  const t = useT();
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
      title={grant ? t(a.revokeQuestion, { name, subject: subjectName(grant) }) : t(a.revokeName, { name })}
      description={t(a.loseAccess, { name })}
    >
      <Notice>{error}</Notice>
      <div className="dialog-actions">
        <Button onClick={onClose}>{t(m.cancel)}</Button>
        <Button variant="danger" busy={loading} onClick={() => void confirm()}>
          {t(a.revokeAccess)}
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
  if (!subject) return activeTranslator().t(a.someoneGone);
  if ('role' in subject) return activeTranslator().t(a.everyRole, { role: subject.role });
  return subject.name;
}

function subjectDetail(grant: Grant): string {
  const subject = grant.subject;
  if (subject?.__typename === 'Team') return activeTranslator().t(a.teamInherits);
  if (subject?.__typename === 'User') return subject.email;
  return '';
}
