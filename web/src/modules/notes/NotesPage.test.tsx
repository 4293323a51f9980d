// @vitest-environment happy-dom
import { fireEvent, screen, waitFor } from '@testing-library/dom';
import { afterEach, describe, expect, it } from 'vitest';
import type { NotesListQueryVariables } from '../../gql/graphql';
import { liveFeedLink } from '../../testing/live';
import { renderWithApollo, unmountAll } from '../../testing/render';
import { notesFilter, NotesPage } from './NotesPage';
import { NotesListQuery, NotesPeopleQuery } from './operations';

afterEach(unmountAll);

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
        members: { __typename: 'MembershipConnection' as const, nodes: [] },
        teams: { __typename: 'TeamConnection' as const, nodes: [] },
      },
    },
  },
};

/** Answers every list request with one note titled after the filter asked, recording the variables. */
function listMock(calls: NotesListQueryVariables[]) {
  return {
    request: {
      query: NotesListQuery,
      variables: (variables: NotesListQueryVariables) => {
        calls.push(variables);
        return true;
      },
    },
    maxUsageCount: Number.POSITIVE_INFINITY,
    result: (variables: NotesListQueryVariables) => ({
      data: {
        __typename: 'Query' as const,
        notes: {
          __typename: 'NoteConnection' as const,
          totalCount: 1,
          pageInfo: { __typename: 'PageInfo' as const, hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
          nodes: [
            {
              __typename: 'Note' as const,
              id: `note-${calls.length}`,
              title: `Answer to ${JSON.stringify(variables.filter)}`,
              excerpt: 'Some text',
              pinned: true,
              visibility: 'PRIVATE' as const,
              archivedAt: null,
              updatedAt: '2026-12-01T10:00:00.000Z',
              author: { __typename: 'User' as const, id: 'user-ada', name: 'Ada Lovelace' },
            },
          ],
        },
      },
    }),
  };
}

describe('notesFilter', () => {
  it('lists unarchived notes, mine or others’, or the archived ones, with the search on title or text', () => {
    expect(notesFilter('all', '', 'me')).toEqual({ archived: { eq: false } });
    expect(notesFilter('mine', '', 'me')).toEqual({ and: [{ archived: { eq: false } }, { authorId: { eq: 'me' } }] });
    expect(notesFilter('shared', '', 'me')).toEqual({ and: [{ archived: { eq: false } }, { authorId: { neq: 'me' } }] });
    expect(notesFilter('archived', ' plan ', 'me')).toEqual({
      and: [{ archived: { eq: true } }, { or: [{ title: { contains: 'plan' } }, { text: { contains: 'plan' } }] }],
    });
  });
});

describe('the notes page', () => {
  it('asks the API for the chosen view and the searched text, and shows pinned notes as such', async () => {
    const calls: NotesListQueryVariables[] = [];
    const live = liveFeedLink('NotesNoteChanged', [people, listMock(calls)]);
    renderWithApollo(<NotesPage />, [], '/notes', { link: live.link });
    expect(await screen.findByText('Pinned')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Mine' }));
    await waitFor(() => expect(calls.at(-1)?.filter).toEqual(notesFilter('mine', '', 'user-ada')));
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search notes' }), { target: { value: 'budget' } });
    await waitFor(() => expect(calls.at(-1)?.filter).toEqual(notesFilter('mine', 'budget', 'user-ada')));
    expect(calls.at(-1)?.first).toBe(25);
    await screen.findByRole('link', { name: `Answer to ${JSON.stringify(notesFilter('mine', 'budget', 'user-ada'))}` });
  });

  it('keeps its rows live: a note renamed elsewhere is renamed in place, one moved to the trash makes the list read again', async () => {
    const calls: NotesListQueryVariables[] = [];
    const live = liveFeedLink('NotesNoteChanged', [people, listMock(calls)]);
    renderWithApollo(<NotesPage />, [], '/notes', { link: live.link });
    await screen.findByText('Pinned');
    await waitFor(() => expect(live.subscribed()).toBe(true));
    const renamed = {
      __typename: 'Note' as const,
      // The row shown is the last answer's (see listMock).
      id: `note-${calls.length}`,
      title: 'Renamed elsewhere',
      excerpt: 'New text',
      body: { type: 'doc', content: [] },
      pinned: true,
      visibility: 'ORGANIZATION' as const,
      archivedAt: null,
      deletedAt: null,
      createdAt: '2026-12-01T10:00:00.000Z',
      updatedAt: '2026-12-01T11:00:00.000Z',
      revision: 2,
      viewerCanEdit: false,
      author: { __typename: 'User' as const, id: 'user-ada', name: 'Ada Lovelace' },
      team: null,
      sharedWith: [],
      aboutIds: [],
      about: [],
    };
    const noteChanged = (event: string, note: typeof renamed | null, changedFields: string[]) => ({
      __typename: 'Subscription' as const,
      noteChanged: { __typename: 'NoteChange' as const, event, occurredAt: '2026-12-01T11:00:00.000Z', noteId: renamed.id, changedFields, actor: null, note },
    });
    live.push(noteChanged('note.updated', renamed, ['title', 'revision']));
    await screen.findByRole('link', { name: 'Renamed elsewhere' });
    expect(screen.getByText('New text')).toBeTruthy();
    expect(screen.getByText(/Everyone in the organization · updated/)).toBeTruthy();
    const before = calls.length;
    live.push(noteChanged('note.deleted', null, []));
    await waitFor(() => expect(calls.length).toBeGreaterThan(before));
  });
});
