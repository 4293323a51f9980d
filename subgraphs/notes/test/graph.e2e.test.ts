import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveClient, subscribe } from '../../../scripts/testing/live-client.js';
import { startTestCell, TEST_PASSWORD, waitForEmail, waitUntilSettled, type TestCell, type TestUser } from '../../../scripts/testing/cell-harness.js';

let cell: TestCell;
let owner: TestUser;
let colleague: TestUser;

beforeAll(async () => {
  cell = await startTestCell();
  owner = await cell.signUp('Owner');
  await cell.gql(
    'mutation($input: InvitationCreateInput!) { invitationCreate(input: $input) { userErrors { code } } }',
    { input: { email: 'colleague@example.test', role: 'MEMBER' } },
    owner.token,
  );
  const { token } = await waitForEmail(cell, 'colleague@example.test');
  const accepted = await cell.gql('mutation($input: InvitationAcceptInput!) { invitationAccept(input: $input) { session { accessToken user { id } } } }', {
    input: { token, name: 'Colleague', password: TEST_PASSWORD },
  });
  const session = accepted.data!.invitationAccept.session;
  colleague = { ...owner, token: session.accessToken, userId: session.user.id, email: 'colleague@example.test' };
});
afterAll(async () => {
  await cell?.stop();
});

const createNote = async (input: Record<string, unknown>, token = owner.token) => {
  const answer = await cell.gql('mutation($input: NoteCreateInput!) { noteCreate(input: $input) { note { id } userErrors { code field } } }', { input }, token);
  expect(answer.errors).toBeUndefined();
  expect(answer.data!.noteCreate.userErrors).toEqual([]);
  return answer.data!.noteCreate.note.id as string;
};
const createTask = async (title: string) =>
  (await cell.gql('mutation($input: TaskCreateInput!) { taskCreate(input: $input) { task { id } } }', { input: { title } }, owner.token)).data!.taskCreate.task
    .id as string;

describe('notes across the graph', () => {
  it('lists the notes about a task that each viewer may read, and the objects a note is about', async () => {
    const task = await createTask('Launch');
    const other = await createTask('Other');
    const shared = await createNote({ title: 'Launch plan', visibility: 'ORGANIZATION', aboutIds: [task] });
    await createNote({ title: 'My doubts', aboutIds: [task] });
    await createNote({ title: 'For the colleague', visibility: 'USERS', sharedWithIds: [colleague.userId], aboutIds: [task, other] });

    const query = 'query($id: ID!) { task(id: $id) { title notes { totalCount nodes { title } } } }';
    const asOwner = await cell.gql(query, { id: task }, owner.token);
    expect(asOwner.errors).toBeUndefined();
    expect(asOwner.data!.task.notes.totalCount).toBe(3);
    expect(asOwner.data!.task.notes.nodes.map((n: { title: string }) => n.title).sort()).toEqual(['For the colleague', 'Launch plan', 'My doubts']);

    const asColleague = await cell.gql(query, { id: task }, colleague.token);
    expect(asColleague.errors).toBeUndefined();
    expect(asColleague.data!.task.notes.totalCount).toBe(2);
    expect(asColleague.data!.task.notes.nodes.map((n: { title: string }) => n.title).sort()).toEqual(['For the colleague', 'Launch plan']);

    const pageOfTasks = await cell.gql('{ tasks(first: 10) { nodes { title notes(first: 1) { totalCount } } } }', {}, colleague.token);
    expect(pageOfTasks.errors).toBeUndefined();
    expect(pageOfTasks.data!.tasks.nodes).toEqual(
      expect.arrayContaining([
        { title: 'Launch', notes: { totalCount: 2 } },
        { title: 'Other', notes: { totalCount: 1 } },
      ]),
    );

    const about = await cell.gql(
      'query($id: ID!) { note(id: $id) { aboutIds about { __typename id ... on Task { title } } author { name } } }',
      { id: shared },
      colleague.token,
    );
    expect(about.errors).toBeUndefined();
    expect(about.data!.note).toEqual({ aboutIds: [task], about: [{ __typename: 'Task', id: task, title: 'Launch' }], author: { name: 'Owner' } });

    const detached = await cell.gql(
      'mutation($input: NoteAboutInput!) { noteDetach(input: $input) { note { aboutIds } userErrors { code } } }',
      { input: { id: shared, aboutIds: [task] } },
      owner.token,
    );
    expect(detached.data!.noteDetach).toEqual({ note: { aboutIds: [] }, userErrors: [] });
    expect((await cell.gql(query, { id: task }, colleague.token)).data!.task.notes.totalCount).toBe(1);
  });

  it('refuses to attach a note to an object that does not exist or belongs to another organization', async () => {
    const stranger = await cell.signUp('Stranger');
    const theirs = (await cell.gql('mutation { taskCreate(input: { title: "Theirs" }) { task { id } } }', {}, stranger.token)).data!.taskCreate.task.id;
    const answer = await cell.gql(
      'mutation($input: NoteCreateInput!) { noteCreate(input: $input) { note { id } userErrors { code field } } }',
      { input: { title: 'Sneaky', aboutIds: [theirs] } },
      owner.token,
    );
    expect(answer.data!.noteCreate).toEqual({ note: null, userErrors: [{ code: 'NOTE_ABOUT_NOT_FOUND', field: ['input', 'aboutIds', '0'] }] });
    const theirTeam = (await cell.gql('mutation { teamCreate(input: { name: "Theirs" }) { team { id } } }', {}, stranger.token)).data!.teamCreate.team.id;
    const toTeam = await cell.gql(
      'mutation($input: NoteCreateInput!) { noteCreate(input: $input) { note { id } userErrors { code field } } }',
      { input: { title: 'Sneaky', visibility: 'TEAM', teamId: theirTeam } },
      owner.token,
    );
    expect(toTeam.data!.noteCreate).toEqual({ note: null, userErrors: [{ code: 'NOTE_TEAM_NOT_FOUND', field: ['input', 'teamId'] }] });
    const ourTeam = (await cell.gql('mutation { teamCreate(input: { name: "Ours" }) { team { id } } }', {}, owner.token)).data!.teamCreate.team.id;
    await createNote({ title: 'For an empty team', visibility: 'TEAM', teamId: ourTeam });
  });

  it('notifies a mentioned member who can read the note', async () => {
    const body = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'mention', attrs: { id: colleague.userId, label: 'Colleague' } }] }] };
    await createNote({ title: 'Shared thoughts', visibility: 'ORGANIZATION', body });
    await createNote({ title: 'Private thoughts', body });
    await waitUntilSettled(cell);
    const inbox = await cell.gql('{ notifications(first: 10) { nodes { title event } } }', {}, colleague.token);
    expect(inbox.errors).toBeUndefined();
    const mentions = inbox.data!.notifications.nodes.filter((n: { event: string }) => n.event === 'note.mentioned');
    expect(mentions).toEqual([{ title: 'You were mentioned in “Shared thoughts”', event: 'note.mentioned' }]);
  });

  it('pushes the changes of one note to a subscriber who reads it (noteChanged), not to one who does not', async () => {
    const id = await createNote({ title: 'Live', visibility: 'USERS', sharedWithIds: [colleague.userId] });
    const clients: Client[] = [liveClient(cell.gatewayUrl, colleague.token), liveClient(cell.gatewayUrl, (await cell.signUp('Outsider')).token)];
    try {
      const query = 'subscription($id: ID!) { noteChanged(id: $id) { event changedFields note { title revision } actor { name } } }';
      const reader = subscribe(clients[0]!, query, { id });
      const outsider = subscribe(clients[1]!, query, { id });
      while (cell.gateway.liveStats().subscriptions < 2) await new Promise((resolve) => setTimeout(resolve, 20));
      const updated = await cell.gql(
        'mutation($input: NoteUpdateInput!) { noteUpdate(input: $input) { userErrors { code } } }',
        { input: { id, title: 'Live, edited' } },
        owner.token,
      );
      expect(updated.data!.noteUpdate.userErrors).toEqual([]);
      expect((await reader.next()).data!.noteChanged).toEqual({
        event: 'note.updated',
        changedFields: ['title', 'revision'],
        note: { title: 'Live, edited', revision: 2 },
        actor: { name: 'Owner' },
      });
      // The outsider's subscription got nothing: the next event it could receive is none of this note's.
      expect(outsider.results).toEqual([]);
    } finally {
      for (const client of clients) await client.dispose();
    }
  });

  it('tells a subscriber who loses access that the note is gone (note.shared, no note), and nobody who never read it', async () => {
    const id = await createNote({ title: 'Soon private', visibility: 'USERS', sharedWithIds: [colleague.userId] });
    const clients: Client[] = [liveClient(cell.gatewayUrl, colleague.token), liveClient(cell.gatewayUrl, (await cell.signUp('Stranger')).token)];
    try {
      const query = 'subscription($id: ID!) { noteChanged(id: $id) { event noteId note { title } actor { name } } }';
      const reader = subscribe(clients[0]!, query, { id });
      const outsider = subscribe(clients[1]!, query, { id });
      while (cell.gateway.liveStats().subscriptions < 2) await new Promise((resolve) => setTimeout(resolve, 20));
      const shared = await cell.gql(
        'mutation($input: NoteShareInput!) { noteShare(input: $input) { userErrors { code } } }',
        { input: { id, visibility: 'PRIVATE' } },
        owner.token,
      );
      expect(shared.data!.noteShare.userErrors).toEqual([]);
      expect((await reader.next()).data!.noteChanged).toEqual({ event: 'note.shared', noteId: id, note: null, actor: { name: 'Owner' } });
      // Nothing else reaches the former reader, and the outsider never got anything.
      const later = await cell.gql(
        'mutation($input: NoteUpdateInput!) { noteUpdate(input: $input) { userErrors { code } } }',
        { input: { id, title: 'Private now' } },
        owner.token,
      );
      expect(later.data!.noteUpdate.userErrors).toEqual([]);
      await waitUntilSettled(cell);
      expect(reader.results).toHaveLength(1);
      expect(outsider.results).toEqual([]);
    } finally {
      for (const client of clients) await client.dispose();
    }
  });
});
