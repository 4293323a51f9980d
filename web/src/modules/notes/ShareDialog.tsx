import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { describeError, describeUserErrors } from '../../app/errors';
import { useT } from '../../app/i18n';
import { Button, SelectField } from '../../ui/controls';
import { Dialog } from '../../ui/Dialog';
import { Notice } from '../../ui/states';
import { VISIBILITY_LABELS, type Visibility } from './body';
import { m } from './messages';
import type { NoteData } from './note';
import { NotesShareMutation } from './operations';
import { usePeople } from './people';

const VISIBILITIES = Object.keys(VISIBILITY_LABELS) as Visibility[];

/** Who may read a note (its author decides): only the author, a team, everyone, or chosen people. */
export function ShareDialog({ note, open, onOpenChange }: { note: NoteData; open: boolean; onOpenChange(open: boolean): void }) {
  const t = useT();
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title={t(m.shareNote)} description={t(m.shareDescription)}>
      {/* Mounted while open: every opening starts from the note's current sharing. */}
      {open ? <ShareForm note={note} done={() => onOpenChange(false)} /> : null}
    </Dialog>
  );
}

function ShareForm({ note, done }: { note: NoteData; done(): void }) {
  const t = useT();
  const { members, teams, meId } = usePeople();
  const [visibility, setVisibility] = useState<Visibility>(note.visibility);
  const [teamId, setTeamId] = useState(note.team?.id ?? '');
  const [userIds, setUserIds] = useState<string[]>(note.sharedWith.map((user) => user.id));
  const [error, setError] = useState<string | null>(null);
  const [share, { loading }] = useMutation(NotesShareMutation);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    if (visibility === 'TEAM' && !teamId) return setError(t(m.chooseTeam));
    if (visibility === 'USERS' && userIds.length === 0) return setError(t(m.choosePerson));
    try {
      const { data } = await share({
        variables: {
          input: {
            id: note.id,
            visibility,
            ...(visibility === 'TEAM' ? { teamId } : {}),
            ...(visibility === 'USERS' ? { userIds } : {}),
          },
        },
      });
      const failure = describeUserErrors(data?.noteShare?.userErrors);
      if (failure) return setError(failure);
      done();
    } catch (caught) {
      setError(describeError(caught));
    }
  }

  const others = members.filter((member) => member.id !== meId);
  return (
    <form className="form note-share" onSubmit={submit}>
      <fieldset>
        <legend>{t(m.whoCanRead)}</legend>
        {VISIBILITIES.map((option) => (
          <label key={option} className="radio">
            <input type="radio" name="visibility" value={option} checked={visibility === option} onChange={() => setVisibility(option)} />
            {t(VISIBILITY_LABELS[option])}
          </label>
        ))}
      </fieldset>
      {visibility === 'TEAM' ? (
        <SelectField label={t(m.team)} value={teamId} onChange={(event) => setTeamId(event.target.value)}>
          <option value="">{t(m.chooseTeamOption)}</option>
          {teams.map((team) => (
            <option key={team.id} value={team.id}>
              {team.name}
            </option>
          ))}
        </SelectField>
      ) : null}
      {visibility === 'USERS' ? (
        <fieldset>
          <legend>{t(m.people)}</legend>
          {others.length === 0 ? <p className="muted">{t(m.noOtherMembers)}</p> : null}
          {others.map((member) => (
            <label key={member.id} className="checkbox">
              <input
                type="checkbox"
                checked={userIds.includes(member.id)}
                onChange={(event) => setUserIds((current) => (event.target.checked ? [...current, member.id] : current.filter((id) => id !== member.id)))}
              />
              {member.name}
            </label>
          ))}
        </fieldset>
      ) : null}
      <Notice>{error}</Notice>
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={loading}>
          {t(m.saveSharing)}
        </Button>
      </div>
    </form>
  );
}
