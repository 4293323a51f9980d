import { waitFor } from '@cellgraph/kernel/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCell, TEST_PASSWORD, waitForEmail, type TestCell, type TestUser } from '../../../scripts/testing/cell-harness.js';

let cell: TestCell;
let owner: TestUser;
let colleague: TestUser;
let stranger: TestUser;

beforeAll(async () => {
  cell = await startTestCell();
  owner = await cell.signUp('Owner');
  stranger = await cell.signUp('Stranger');
  await cell.gql(
    'mutation($input: InvitationCreateInput!) { invitationCreate(input: $input) { userErrors { code } } }',
    { input: { email: 'searcher@example.test', role: 'MEMBER' } },
    owner.token,
  );
  const { token } = await waitForEmail(cell, 'searcher@example.test');
  const accepted = await cell.gql('mutation($input: InvitationAcceptInput!) { invitationAccept(input: $input) { session { accessToken user { id } } } }', {
    input: { token, name: 'Colleague', password: TEST_PASSWORD },
  });
  const session = accepted.data!.invitationAccept.session;
  colleague = { ...owner, token: session.accessToken, userId: session.user.id, email: 'searcher@example.test' };
});
afterAll(async () => {
  await cell?.stop();
});

const SEARCH = `query($query: String!, $types: [String!], $first: Int, $after: String) {
  search(query: $query, types: $types, first: $first, after: $after) {
    nodes { type score node { id __typename ... on Task { status } } title { text highlights { start length } } snippet { text highlights { start length } } }
    pageInfo { hasNextPage endCursor }
  }
}`;
interface Found {
  type: string;
  node: { id: string; __typename: string };
  title: { text: string; highlights: { start: number; length: number }[] };
  snippet: { text: string; highlights: { start: number; length: number }[] } | null;
}
const search = async (query: string, user: TestUser = owner, variables: Record<string, unknown> = {}) => {
  const answer = await cell.gql<{ search: { nodes: Found[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } }>(
    SEARCH,
    { query, ...variables },
    user.token,
  );
  expect(answer.errors).toBeUndefined();
  return answer.data!.search;
};
const titles = async (query: string, user: TestUser = owner, variables: Record<string, unknown> = {}) =>
  (await search(query, user, variables)).nodes.map((found) => found.title.text);
const eventually = (what: string, check: () => Promise<boolean>) => waitFor(check, what, 30_000);

const mutate = async (mutation: string, input: Record<string, unknown>, select: string, user: TestUser = owner) => {
  const answer = await cell.gql(
    `mutation($input: ${mutation[0]!.toUpperCase()}${mutation.slice(1)}Input!) { ${mutation}(input: $input) { ${select} } }`,
    { input },
    user.token,
  );
  expect(answer.errors).toBeUndefined();
  return answer.data![mutation];
};

describe('search across the cell', () => {
  it('finds objects of several modules once the relay delivered their documents, ranked, highlighted and typo-tolerant', async () => {
    const task = (await mutate('taskCreate', { title: 'Prepare the quarterly report', description: 'Numbers for the quarterly board meeting' }, 'task { id }'))
      .task.id;
    const contact = (await mutate('contactCreate', { firstName: 'Quentin', lastName: 'Quarterly', company: 'Acme' }, 'contact { id }')).contact.id;
    await mutate('noteCreate', { title: 'Quarterly thoughts', visibility: 'ORGANIZATION' }, 'note { id }');
    await eventually('three documents indexed', async () => (await titles('quarterly')).length === 3);

    const found = await search('quarterly');
    expect(found.nodes.map((n) => n.node.__typename).sort()).toEqual(['Contact', 'Note', 'Task']);
    const report = found.nodes.find((n) => n.node.id === task)!;
    expect(report).toMatchObject({ type: 'Task', node: { __typename: 'Task', status: 'TODO' } });
    const marked = (text: { text: string; highlights: { start: number; length: number }[] }) =>
      text.highlights.map((h) => text.text.slice(h.start, h.start + h.length));
    expect(marked(report.title)).toEqual(['quarterly']);
    expect(report.snippet!.text).toContain('Numbers for the quarterly board meeting');
    expect(marked(report.snippet!)).toEqual(['quarterly']);

    // A typo in a title still finds it; the types filter keeps one type.
    expect(await titles('quartrely report')).toContain('Prepare the quarterly report');
    expect(await titles('quarterly', owner, { types: ['Contact'] })).toEqual(['Quentin Quarterly']);
    expect((await search('quarterly', owner, { types: ['Contact'] })).nodes[0]!.node.id).toBe(contact);

    // Keyset pages concatenate to the whole list.
    const first = await search('quarterly', owner, { first: 2 });
    expect(first.nodes).toHaveLength(2);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = await search('quarterly', owner, { first: 2, after: first.pageInfo.endCursor });
    expect([...first.nodes, ...second.nodes].map((n) => n.node.id)).toEqual(found.nodes.map((n) => n.node.id));
    expect(second.pageInfo.hasNextPage).toBe(false);

    // Recorded as a recent search of its user.
    const recent = await cell.gql('{ recentSearches { query types } }', {}, owner.token);
    expect(recent.data!.recentSearches).toEqual(
      expect.arrayContaining([
        { query: 'quarterly', types: ['Contact'] },
        { query: 'quarterly', types: [] },
      ]),
    );
  });

  it('follows updates, the trash and restores', async () => {
    const task = (await mutate('taskCreate', { title: 'Renew the zeppelin licence' }, 'task { id }')).task.id;
    await eventually('the task indexed', async () => (await titles('zeppelin')).length === 1);
    await mutate('taskUpdate', { id: task, title: 'Renew the dirigible licence' }, 'task { id }');
    await eventually('its new title indexed', async () => (await titles('dirigible')).length === 1);
    expect(await titles('zeppelin')).toEqual([]);
    await mutate('taskDelete', { id: task }, 'userErrors { code }');
    await eventually('the deleted task hidden', async () => (await titles('dirigible')).length === 0);
    await mutate('taskRestore', { id: task }, 'task { id }');
    await eventually('the restored task found again', async () => (await titles('dirigible')).length === 1);
  });

  it('shows only what the caller may read: another user’s private note and another organization’s objects never appear', async () => {
    await mutate('noteCreate', { title: 'Private walrus plans' }, 'note { id }');
    await mutate('noteCreate', { title: 'Shared walrus plans', visibility: 'ORGANIZATION' }, 'note { id }');
    await mutate('taskCreate', { title: 'Stranger walrus task' }, 'task { id }', stranger);
    await eventually('the notes indexed', async () => (await titles('walrus')).length === 2);
    await eventually('the stranger’s task indexed', async () => (await titles('walrus', stranger)).length === 1);

    expect((await titles('walrus')).sort()).toEqual(['Private walrus plans', 'Shared walrus plans']);
    expect(await titles('walrus', colleague)).toEqual(['Shared walrus plans']);
    // A page of one: the hidden note is skipped, never counted, and the next page is empty.
    const page = await search('walrus', colleague, { first: 1 });
    expect(page.nodes.map((n) => n.title.text)).toEqual(['Shared walrus plans']);
    expect(await titles('walrus', stranger)).toEqual(['Stranger walrus task']);
  });

  it('saves searches per user', async () => {
    const created = await mutate(
      'savedSearchCreate',
      { name: 'Walruses', query: 'walrus', types: ['Note'] },
      'savedSearch { id name query types } userErrors { code }',
    );
    expect(created).toMatchObject({ savedSearch: { name: 'Walruses', query: 'walrus', types: ['Note'] }, userErrors: [] });
    const mine = await cell.gql('{ savedSearches { nodes { name } } }', {}, owner.token);
    expect(mine.data!.savedSearches.nodes).toEqual([{ name: 'Walruses' }]);
    const theirs = await cell.gql('{ savedSearches { nodes { name } } }', {}, colleague.token);
    expect(theirs.data!.savedSearches.nodes).toEqual([]);
    const refused = await mutate('savedSearchDelete', { id: created.savedSearch.id }, 'userErrors { code }', colleague);
    expect(refused.userErrors).toEqual([{ code: 'SAVED_SEARCH_NOT_FOUND' }]);
    const deleted = await mutate('savedSearchDelete', { id: created.savedSearch.id }, 'userErrors { code }');
    expect(deleted.userErrors).toEqual([]);
  });
});
