import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { describeError, splitUserErrors } from '../../app/errors';
import { idempotencyKey } from '../../app/format';
import { useT } from '../../app/i18n';
import { Button, TextField } from '../../ui/controls';
import { Notice } from '../../ui/states';
import { asJson } from './body';
import { RichTextEditor } from './editor/RichTextEditor';
import { EMPTY_DOC, type RichTextNode } from './editor/schema';
import { m } from './messages';
import type { NoteData } from './note';
import { NotesCreateMutation } from './operations';
import { usePeople } from './people';

/**
 * A new note: title and body, optionally about objects (`aboutIds`). Private to its author until
 * shared. One idempotency key per composed note, so a retried create never makes two.
 */
export function NoteComposer({
  aboutIds = [],
  submitLabel,
  onCreated,
  refetchQueries,
}: {
  aboutIds?: string[];
  /** The submit button's text; "Create note" when none is given. */
  submitLabel?: string;
  onCreated(note: NoteData): void;
  refetchQueries?: string[];
}) {
  const t = useT();
  const { mentionable } = usePeople();
  const [title, setTitle] = useState('');
  const [body, setBody] = useState<RichTextNode>(EMPTY_DOC);
  const [key, setKey] = useState(idempotencyKey);
  const [errors, setErrors] = useState<{ byField: Record<string, string>; general: string | null }>({ byField: {}, general: null });
  const [create, { loading }] = useMutation(NotesCreateMutation, { refetchQueries, awaitRefetchQueries: true });
  // Each submitted note starts the editor over, empty.
  const [generation, setGeneration] = useState(0);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!title.trim()) return setErrors({ byField: { title: t(m.giveTitle) }, general: null });
    setErrors({ byField: {}, general: null });
    try {
      const { data } = await create({ variables: { input: { title: title.trim(), body: asJson(body), aboutIds, idempotencyKey: key } } });
      const payload = data?.noteCreate;
      const failures = splitUserErrors(payload?.userErrors, ['title', 'body']);
      if (failures.general || Object.keys(failures.byField).length) return setErrors(failures);
      if (!payload?.note) return;
      setTitle('');
      setBody(EMPTY_DOC);
      setKey(idempotencyKey());
      setGeneration((current) => current + 1);
      onCreated(payload.note);
    } catch (caught) {
      setErrors({ byField: {}, general: describeError(caught) });
    }
  }

  return (
    <form className="form note-composer" onSubmit={submit}>
      <TextField label={t(m.title)} value={title} onChange={(event) => setTitle(event.target.value)} error={errors.byField.title} />
      <RichTextEditor key={generation} label={t(m.newNoteBody)} initialContent={EMPTY_DOC} onChange={setBody} mentionable={mentionable} />
      {errors.byField.body ? (
        <p className="field-error" role="alert">
          {errors.byField.body}
        </p>
      ) : null}
      <Notice>{errors.general}</Notice>
      <div>
        <Button type="submit" variant="primary" busy={loading}>
          {submitLabel ?? t(m.createNote)}
        </Button>
      </div>
    </form>
  );
}
