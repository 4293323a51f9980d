import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { describeError, describeUserErrors } from '../../app/errors';
import { QuickViewLink } from '../../layout/QuickView';
import { Button } from '../../ui/controls';
import { Notice } from '../../ui/states';
import { aboutLabel, type NoteData } from './note';
import { NotesDetachMutation } from './operations';

/** The objects a note is about, as links (a quick view of each); an editor can remove one. */
export function AboutPanel({ note, editable }: { note: NoteData; editable: boolean }) {
  const { id: noteId, aboutIds, about: objects } = note;
  const [detach] = useMutation(NotesDetachMutation);
  const [detachError, setDetachError] = useState<string | null>(null);
  // `about` leaves out the objects the viewer may not see; `aboutIds` has them all.
  const hidden = aboutIds.length - objects.length;

  async function remove(id: string) {
    setDetachError(null);
    try {
      const { data: result } = await detach({ variables: { input: { id: noteId, aboutIds: [id] } } });
      setDetachError(describeUserErrors(result?.noteDetach?.userErrors));
    } catch (caught) {
      setDetachError(describeError(caught));
    }
  }

  return (
    <section className="panel" aria-label="About">
      <h2 className="panel-title">About</h2>
      {aboutIds.length === 0 ? <p className="muted">Not about any object. Add notes from a task, contact or deal page.</p> : null}
      <ul className="note-about">
        {objects.map((object) => (
          <li key={object.id}>
            <span className="muted">{object.__typename}</span> <QuickViewLink id={object.id}>{aboutLabel(object)}</QuickViewLink>
            {editable ? (
              <Button variant="ghost" aria-label={`Remove ${aboutLabel(object)}`} onClick={() => void remove(object.id)}>
                ×
              </Button>
            ) : null}
          </li>
        ))}
      </ul>
      {hidden > 0 ? <p className="muted">{hidden === 1 ? 'One object you cannot see.' : `${hidden} objects you cannot see.`}</p> : null}
      <Notice>{detachError}</Notice>
    </section>
  );
}
