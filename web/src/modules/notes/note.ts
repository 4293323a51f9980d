import type { NotesNoteFragment } from '../../gql/graphql';
import { activeTranslator, type Message } from '../../app/i18n';
import { m } from './messages';

export type NoteData = NotesNoteFragment;

const TYPE_LABELS: Readonly<Record<string, Message>> = {
  Task: m.typeTask,
  Contact: m.typeContact,
  Deal: m.typeDeal,
  Note: m.typeNote,
  Document: m.typeDocument,
  File: m.typeFile,
  Invoice: m.typeInvoice,
};

/** An object's kind (its GraphQL type) in the reader's language; a type no catalog knows, as is. */
export function typeLabel(typename: string | null | undefined): string {
  const message = typename ? TYPE_LABELS[typename] : m.typeObject;
  return message ? activeTranslator().t(message) : typename!;
}

/** What an object a note is about is called: a task's or deal's title, a contact's name. */
export function aboutLabel(object: NoteData['about'][number]): string {
  if ('title' in object && typeof object.title === 'string') return object.title;
  if ('name' in object && typeof object.name === 'string') return object.name;
  return typeLabel(object.__typename);
}
