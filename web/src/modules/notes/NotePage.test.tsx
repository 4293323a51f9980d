// @vitest-environment happy-dom
import { fireEvent, screen, waitFor } from '@testing-library/dom';
import { afterEach, describe, expect, it } from 'vitest';
import type { NotesUpdateMutationVariables } from '../../gql/graphql';
import { Route, Routes } from 'react-router';
import type { MockLink } from '@apollo/client/testing';
import { ModulesContext } from '../../app/context';
import type { ModuleDefinition } from '../../app/registry';
import { liveFeedLink } from '../../testing/live';
import { renderWithApollo, unmountAll } from '../../testing/render';
import { NotePage } from './NotePage';
import { NotesAttachMutation, NotesNoteQuery, NotesPeopleQuery, NotesRevisionsQuery, NotesUpdateMutation } from './operations';

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

/** The page with its live feed (`noteChanged`) under the test's control. */
function renderLive(mocks: MockLink.MockedResponse[], element = page) {
  const live = liveFeedLink('NotesNoteChanged', mocks);
  renderWithApollo(element, [], '/notes/note-1', { link: live.link });
  return live;
}

/** A `noteChanged` payload: `event` by Grace, with the note as it is now (null once deleted). */
const change = (event: string, current: ReturnType<typeof note> | null, changedFields: string[] = []) => ({
  __typename: 'Subscription' as const,
  noteChanged: {
    __typename: 'NoteChange' as const,
    event,
    occurredAt: '2026-12-01T11:00:00.000Z',
    noteId: 'note-1',
    changedFields,
    actor: { __typename: 'User' as const, id: 'user-grace', name: 'Grace Hopper' },
    note: current ? { ...current, excerpt: '' } : null,
  },
});

const titleValue = () => (screen.getByLabelText('Title') as HTMLInputElement).value;

describe('the note page', () => {
  it('saves the title a moment after typing, on top of the revision it was edited from', async () => {
    const calls: NotesUpdateMutationVariables[] = [];
    renderLive([loaded(3), people, revisions, ...saves(calls, [(input) => ({ note: { ...note(4, input.title ?? '') } })])]);
    const title = (await screen.findByLabelText('Title')) as HTMLInputElement;
    expect(title.value).toBe('Kick-off');
    fireEvent.change(title, { target: { value: 'Kick-off notes' } });
    expect((await screen.findByText('Unsaved changes…')).textContent).toBeTruthy();
    await screen.findByText('All changes saved');
    expect(calls).toEqual([{ input: { id: 'note-1', title: 'Kick-off notes', expectedRevision: 3 } }]);
  });

  it('keeps the edits and asks what to do when someone else saved first; "Keep my version" saves on top of theirs', async () => {
    const calls: NotesUpdateMutationVariables[] = [];
    renderLive([loaded(3), people, revisions, ...saves(calls, [conflict, (input) => ({ note: note(6, input.title ?? '') })]), loaded(5)]);
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

  it('shows a revision saved elsewhere at once when nothing here waits to be saved', async () => {
    const live = renderLive([loaded(3), people, revisions]);
    await screen.findByLabelText('Title');
    await waitFor(() => expect(live.subscribed()).toBe(true));
    live.push(change('note.updated', note(4, 'Their title'), ['title', 'revision']));
    await waitFor(() => expect(titleValue()).toBe('Their title'));
    expect(screen.getByText('All changes saved')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('pauses saving and asks when a newer revision arrives over unsaved edits; "Keep my version" saves on top of it', async () => {
    const calls: NotesUpdateMutationVariables[] = [];
    const live = renderLive([loaded(3), people, revisions, loaded(4), ...saves(calls, [(input) => ({ note: note(5, input.title ?? '') })])]);
    fireEvent.change(await screen.findByLabelText('Title'), { target: { value: 'Mine' } });
    await screen.findByText('Unsaved changes…');
    await waitFor(() => expect(live.subscribed()).toBe(true));
    live.push(change('note.updated', note(4, 'Theirs'), ['title', 'revision']));
    await screen.findByText(/Grace Hopper saved a newer version \(revision 4\) while you were editing/);
    expect(screen.getByText('Not saved: changed elsewhere')).toBeTruthy();
    // The edits stay on screen, and typing goes on without saving.
    expect(titleValue()).toBe('Mine');
    fireEvent.change(screen.getByLabelText('Title'), { target: { value: 'Mine, still' } });
    expect(screen.getByText('Not saved: changed elsewhere')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Keep my version' }));
    await screen.findByText('All changes saved');
    // The only save is the one chosen, on top of revision 4: nothing went out on top of 3.
    expect(calls.map((call) => call.input)).toEqual([{ id: 'note-1', title: 'Mine, still', expectedRevision: 4 }]);
  });

  it('"Show their version" drops the unsaved edits for the newer revision', async () => {
    const calls: NotesUpdateMutationVariables[] = [];
    const live = renderLive([
      loaded(3),
      people,
      revisions,
      { ...loaded(4), result: { data: { __typename: 'Query' as const, note: note(4, 'Theirs') } } },
      ...saves(calls, []),
    ]);
    fireEvent.change(await screen.findByLabelText('Title'), { target: { value: 'Mine' } });
    await waitFor(() => expect(live.subscribed()).toBe(true));
    live.push(change('note.updated', note(4, 'Theirs'), ['title', 'revision']));
    const alert = await screen.findByText(/saved a newer version/);
    fireEvent.click(screen.getByRole('button', { name: 'Show their version' }));
    await waitFor(() => expect(titleValue()).toBe('Theirs'));
    await waitFor(() => expect(alert.isConnected).toBe(false));
    expect(screen.getByText('All changes saved')).toBeTruthy();
    expect(calls).toEqual([]);
  });

  it("does not take its own save's live echo for someone else's", async () => {
    const calls: NotesUpdateMutationVariables[] = [];
    const live = renderLive([loaded(3), people, revisions, ...saves(calls, [(input) => ({ note: note(4, input.title ?? '') })])]);
    fireEvent.change(await screen.findByLabelText('Title'), { target: { value: 'Mine' } });
    await screen.findByText('All changes saved');
    await waitFor(() => expect(live.subscribed()).toBe(true));
    live.push(change('note.updated', note(4, 'Mine'), ['title', 'revision']));
    await screen.findByText(/revision 4/);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(titleValue()).toBe('Mine');
    expect(calls).toHaveLength(1);
  });

  it("tells a reader when the note is moved to the trash, or no longer shared, while it is open; its author keeps it with the trash's Restore", async () => {
    const gone = { request: { query: NotesNoteQuery, variables: { id: 'note-1' } }, result: { data: { __typename: 'Query' as const, note: null } } };
    const grace = { __typename: 'User' as const, id: 'user-grace', name: 'Grace Hopper' };
    const asReader = {
      request: { query: NotesNoteQuery, variables: { id: 'note-1' } },
      result: { data: { __typename: 'Query' as const, note: { ...note(3), viewerCanEdit: false, visibility: 'ORGANIZATION' as const, author: grace } } },
    };
    const live = renderLive([asReader, people, revisions, gone]);
    await screen.findByRole('heading', { name: 'Kick-off' });
    await waitFor(() => expect(live.subscribed()).toBe(true));
    live.push(change('note.deleted', null));
    await screen.findByText('Grace Hopper moved this note to the trash while you were reading it.');

    unmountAll();
    const unshared = renderLive([asReader, people, revisions, gone]);
    await screen.findByRole('heading', { name: 'Kick-off' });
    await waitFor(() => expect(unshared.subscribed()).toBe(true));
    unshared.push(change('note.shared', null));
    await screen.findByText('No longer shared with you');

    unmountAll();
    const author = renderLive([loaded(3), people, revisions]);
    await screen.findByLabelText('Title');
    await waitFor(() => expect(author.subscribed()).toBe(true));
    author.push(change('note.deleted', null));
    await screen.findByText(/This note is in the trash/);
    expect(screen.getByRole('button', { name: 'Restore' })).toBeTruthy();
  });

  it("attaches an object found through the cell's search providers and links it to its page", async () => {
    const task = { __typename: 'Task' as const, id: 'task-1', title: 'Launch' };
    const searched: string[] = [];
    const tasksModule: ModuleDefinition = {
      subgraph: 'tasks',
      search: {
        search: async (_client, text) => {
          searched.push(text);
          return [
            { id: 'task-1', typename: 'Task', title: 'Launch', subtitle: 'Roadmap' },
            { id: 'note-1', typename: 'Note', title: 'Kick-off' },
          ];
        },
      },
      quickViews: [{ typename: 'Task', path: (id) => `/tasks/${id}`, component: () => null }],
    };
    const attached = {
      request: { query: NotesAttachMutation, variables: { input: { id: 'note-1', aboutIds: ['task-1'] } } },
      result: {
        data: {
          __typename: 'Mutation' as const,
          noteAttach: { __typename: 'NotePayload' as const, userErrors: [], note: { ...note(3), aboutIds: ['task-1'], about: [task] } },
        },
      },
    };
    renderLive([loaded(3), people, revisions, attached], <ModulesContext.Provider value={[tasksModule]}>{page}</ModulesContext.Provider>);
    fireEvent.change(await screen.findByLabelText('Find an object to attach'), { target: { value: 'Lau' } });
    // The note itself is not offered.
    const attach = await screen.findByRole('button', { name: 'Attach Task Launch' });
    expect(screen.queryByRole('button', { name: 'Attach Note Kick-off' })).toBeNull();
    expect(searched).toEqual(['Lau']);
    fireEvent.click(attach);
    const link = (await screen.findByRole('link', { name: 'Launch' })) as HTMLAnchorElement;
    expect(link.getAttribute('href')).toBe('/tasks/task-1');
    expect(screen.getByRole('button', { name: 'Remove Launch' })).toBeTruthy();
    await waitFor(() => expect((screen.getByLabelText('Find an object to attach') as HTMLInputElement).value).toBe(''));
  });
});
