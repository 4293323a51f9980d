// @vitest-environment happy-dom
import { fireEvent, screen, waitFor } from '@testing-library/dom';
import { afterEach, describe, expect, it } from 'vitest';
import type { NotesUpdateMutationVariables } from '../../gql/graphql';
import { Route, Routes } from 'react-router';
import { renderWithApollo, unmountAll } from '../../testing/render';
import { NotePage } from './NotePage';
import { NotesNoteQuery, NotesPeopleQuery, NotesRevisionsQuery, NotesUpdateMutation } from './operations';

afterEach(unmountAll);

/** The note page under its route, so it reads :noteId as in the app. */
const page = (
  <Routes>
    <Route path="/notes/:noteId" element={<NotePage />} />
  </Routes>
);

const body = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Agenda' }] }] };

const note = (revision: number, title = 'Kick-off') => ({
  __typename: 'Note' as const,
  id: 'note-1',
  title,
  body,
  pinned: false,
  visibility: 'PRIVATE' as const,
  archivedAt: null,
  deletedAt: null,
  createdAt: '2026-12-01T10:00:00.000Z',
  updatedAt: '2026-12-01T10:00:00.000Z',
  revision,
  viewerCanEdit: true,
  author: { __typename: 'User' as const, id: 'user-ada', name: 'Ada Lovelace' },
  team: null,
  sharedWith: [],
  aboutIds: [],
  about: [],
});

const people = {
  request: { query: NotesPeopleQuery },
  maxUsageCount: Number.POSITIVE_INFINITY,
  result: {
    data: {
      __typename: 'Query' as const,
      me: { __typename: 'User' as const, id: 'user-ada' },
      organization: {
        __typename: 'Organization' as const,
        id: 'org',
        members: {
          __typename: 'MembershipConnection' as const,
          nodes: [{ __typename: 'Membership' as const, user: { __typename: 'User' as const, id: 'user-ada', name: 'Ada Lovelace' } }],
        },
        teams: { __typename: 'TeamConnection' as const, nodes: [] },
      },
    },
  },
};

const revisions = {
  request: { query: NotesRevisionsQuery, variables: { id: 'note-1', first: 20 } },
  maxUsageCount: Number.POSITIVE_INFINITY,
  result: {
    data: {
      __typename: 'Query' as const,
      note: {
        __typename: 'Note' as const,
        id: 'note-1',
        revisions: {
          __typename: 'NoteRevisionConnection' as const,
          totalCount: 0,
          pageInfo: { __typename: 'PageInfo' as const, hasNextPage: false, endCursor: null },
          nodes: [],
        },
      },
    },
  },
};

const loaded = (revision: number) => ({
  request: { query: NotesNoteQuery, variables: { id: 'note-1' } },
  result: { data: { __typename: 'Query' as const, note: note(revision) } },
});

/** Answers saves in order with `answers`, recording each save's variables. */
function saves(calls: NotesUpdateMutationVariables[], answers: ((input: NotesUpdateMutationVariables['input']) => object)[]) {
  return answers.map((answer) => ({
    request: {
      query: NotesUpdateMutation,
      variables: (variables: NotesUpdateMutationVariables) => {
        calls.push(variables);
        return true;
      },
    },
    result: (variables: NotesUpdateMutationVariables) => ({
      data: { __typename: 'Mutation' as const, noteUpdate: { __typename: 'NotePayload' as const, userErrors: [], note: null, ...answer(variables.input) } },
    }),
  }));
}

const conflict = () => ({
  userErrors: [
    { __typename: 'UserError' as const, code: 'NOTE_REVISION_CONFLICT', field: ['input', 'expectedRevision'], message: 'The note changed since revision 3.' },
  ],
});

describe('the note page', () => {
  it('saves the title a moment after typing, on top of the revision it was edited from', async () => {
    const calls: NotesUpdateMutationVariables[] = [];
    renderWithApollo(page, [loaded(3), people, revisions, ...saves(calls, [(input) => ({ note: { ...note(4, input.title ?? '') } })])], '/notes/note-1');
    const title = (await screen.findByLabelText('Title')) as HTMLInputElement;
    expect(title.value).toBe('Kick-off');
    fireEvent.change(title, { target: { value: 'Kick-off notes' } });
    expect((await screen.findByText('Unsaved changes…')).textContent).toBeTruthy();
    await screen.findByText('All changes saved');
    expect(calls).toEqual([{ input: { id: 'note-1', title: 'Kick-off notes', expectedRevision: 3 } }]);
  });

  it('keeps the edits and asks what to do when someone else saved first; "Keep my version" saves on top of theirs', async () => {
    const calls: NotesUpdateMutationVariables[] = [];
    renderWithApollo(
      page,
      [loaded(3), people, revisions, ...saves(calls, [conflict, (input) => ({ note: note(6, input.title ?? '') })]), loaded(5)],
      '/notes/note-1',
    );
    fireEvent.change(await screen.findByLabelText('Title'), { target: { value: 'Mine' } });
    const alert = await screen.findByText(/Someone else changed this note while you were editing/);
    expect(screen.getByText('Not saved: changed elsewhere')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Keep my version' }));
    await screen.findByText('All changes saved');
    expect(calls.map((call) => call.input)).toEqual([
      { id: 'note-1', title: 'Mine', expectedRevision: 3 },
      { id: 'note-1', title: 'Mine', expectedRevision: 5 },
    ]);
    await waitFor(() => expect(alert.isConnected).toBe(false));
  });
});
