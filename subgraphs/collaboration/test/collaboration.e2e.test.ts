import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCell, TEST_PASSWORD, waitForEmail, type TestCell, type TestUser } from '../../../scripts/testing/cell-harness.js';

let cell: TestCell;
let owner: TestUser;
let colleague: TestUser;

/** Accepts an invitation to the owner's organization with `role`; returns the new member. */
async function invite(email: string, role: 'MEMBER' | 'GUEST'): Promise<TestUser> {
  await cell.gql(
    'mutation($input: InvitationCreateInput!) { invitationCreate(input: $input) { userErrors { code } } }',
    { input: { email, role } },
    owner.token,
  );
  const { token } = await waitForEmail(cell, email);
  const accepted = await cell.gql('mutation($input: InvitationAcceptInput!) { invitationAccept(input: $input) { session { accessToken user { id } } } }', {
    input: { token, name: email.split('@')[0], password: TEST_PASSWORD },
  });
  const session = accepted.data!.invitationAccept.session;
  return { ...owner, token: session.accessToken, userId: session.user.id, email };
}

beforeAll(async () => {
  cell = await startTestCell();
  owner = await cell.signUp('Owner');
  colleague = await invite('colleague@collab.test', 'MEMBER');
});
afterAll(async () => {
  await cell?.stop();
});

const run = async (query: string, variables: Record<string, unknown> = {}, who: TestUser = owner) => {
  const result = await cell.gql(query, variables, who.token);
  return result;
};
const mutate = async (field: string, input: Record<string, unknown>, selection: string, who: TestUser = owner) => {
  const type = `${field[0]!.toUpperCase()}${field.slice(1)}Input`;
  const result = await run(`mutation($input: ${type}!) { ${field}(input: $input) { ${selection} userErrors { code field message } } }`, { input }, who);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data![field];
};
const task = async (title: string, who = owner) =>
  (await mutate('taskCreate', { title, assigneeId: who === owner ? colleague.userId : null }, 'task { id }', who)).task.id as string;
const contact = async (firstName: string) => (await mutate('contactCreate', { firstName }, 'contact { id }')).contact.id as string;

describe('links', () => {
  it('join objects of any subgraphs, in both directions, and refuse what cannot be seen', async () => {
    const ada = await contact('Ada');
    const call = await task('Call Ada');
    const link = (await mutate('linkCreate', { fromId: ada, toId: call, relationship: 'follow_up' }, 'link { id relationship direction node { id } }')).link;
    expect(link).toMatchObject({ relationship: 'follow_up', direction: 'OUTGOING', node: { id: call } });
    const fromTask = await run('query($id: ID!) { task(id: $id) { links { nodes { direction relationship node { __typename ... on Contact { name } } } } } }', {
      id: call,
    });
    expect(fromTask.data!.task.links.nodes).toEqual([{ direction: 'INCOMING', relationship: 'follow_up', node: { __typename: 'Contact', name: 'Ada' } }]);

    expect((await mutate('linkCreate', { fromId: call, toId: ada, relationship: 'follow_up' }, 'link { id }')).userErrors[0].code).toBe('LINK_EXISTS');
    const stranger = await cell.signUp('Stranger');
    const hidden = await mutate('linkCreate', { fromId: await task('Mine', stranger), toId: ada }, 'link { id }', stranger);
    expect(hidden.userErrors).toEqual([{ code: 'NODE_NOT_FOUND', field: ['input', 'toId'], message: expect.any(String) }]);
    expect((await mutate('linkCreate', { fromId: ada, toId: ada }, 'link { id }')).userErrors[0].code).toBe('LINK_INVALID_INPUT');

    await mutate('linkDelete', { id: link.id }, 'deletedLinkId');
    expect((await run('query($id: ID!) { task(id: $id) { links { totalCount } } }', { id: call })).data!.task.links.totalCount).toBe(0);
  });

  it('hide a deleted object’s links until it is restored, and give hidden objects no data', async () => {
    const ada = await contact('Grace');
    const doomed = await task('Doomed');
    await mutate('linkCreate', { fromId: ada, toId: doomed }, 'link { id }');
    const links = () => run('query($id: ID!) { contact(id: $id) { links { totalCount nodes { node { id } } } } }', { id: ada });
    await mutate('taskDelete', { id: doomed }, 'deletedTaskId');
    await expect.poll(async () => (await links()).data!.contact.links.totalCount, { timeout: 5_000, interval: 50 }).toBe(0);
    await mutate('taskRestore', { id: doomed }, 'task { id }');
    await expect.poll(async () => (await links()).data!.contact.links.totalCount, { timeout: 5_000, interval: 50 }).toBe(1);

    const guest = await invite('guest@collab.test', 'GUEST');
    const seen = await run('query($id: ID!) { node(id: $id) { id } }', { id: ada }, guest);
    expect(seen.data!.node).toBeNull();
    expect(seen.errors![0]!.extensions!.code).toBe('FORBIDDEN');
  });
});

describe('comments', () => {
  it('thread, mention, edit and delete, keeping "[deleted]" in the thread', async () => {
    const subject = await task('Discuss');
    const root = (
      await mutate('commentCreate', { nodeId: subject, body: `Ready? <@${colleague.userId}>` }, 'comment { id body author { name } mentions { id } }')
    ).comment;
    expect(root).toMatchObject({ body: `Ready? <@${colleague.userId}>`, author: { name: 'Owner' }, mentions: [{ id: colleague.userId }] });
    const reply = (await mutate('commentCreate', { nodeId: subject, parentId: root.id, body: 'Yes' }, 'comment { id parent { id body } }', colleague)).comment;
    expect(reply.parent).toEqual({ id: root.id, body: root.body });
    // comment(id:) pages a long thread's replies; another organization, or a malformed id, gets nothing.
    const byId = await run('query($id: ID!) { comment(id: $id) { id replies(first: 10) { totalCount nodes { id } } } }', { id: root.id });
    expect(byId.data!.comment).toEqual({ id: root.id, replies: { totalCount: 1, nodes: [{ id: reply.id }] } });
    const outsider = await cell.signUp('Comment outsider');
    expect((await run('query($id: ID!) { comment(id: $id) { id body } }', { id: root.id }, outsider)).data!.comment).toBeNull();
    const malformed = await run('query($id: ID!) { comment(id: $id) { id } }', { id: subject });
    expect(malformed.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect((await mutate('commentCreate', { nodeId: subject, parentId: reply.id, body: 'Nested' }, 'comment { id }')).userErrors[0].code).toBe(
      'COMMENT_INVALID_INPUT',
    );
    expect((await mutate('commentUpdate', { id: root.id, body: 'Mine' }, 'comment { id }', colleague)).userErrors[0].code).toBe('COMMENT_NOT_YOURS');
    const edited = (await mutate('commentUpdate', { id: reply.id, body: 'Yes, ready' }, 'comment { body editedAt }', colleague)).comment;
    expect(edited).toEqual({ body: 'Yes, ready', editedAt: expect.any(String) });
    await mutate('commentDelete', { id: root.id }, 'deletedCommentId');
    const thread = await run(
      'query($id: ID!) { task(id: $id) { comments { nodes { body deleted author { name } replies { nodes { body author { name } parent { id deleted } } } } } } }',
      { id: subject },
    );
    expect(thread.data!.task.comments.nodes).toEqual([
      {
        body: '[deleted]',
        deleted: true,
        author: null,
        replies: { nodes: [{ body: 'Yes, ready', author: { name: 'colleague' }, parent: { id: root.id, deleted: true } }] },
      },
    ]);
    expect((await mutate('commentCreate', { nodeId: subject, body: '<@bm90LWEtdXNlcg>' }, 'comment { id }')).userErrors[0].code).toBe(
      'COMMENT_MENTION_INVALID',
    );
    // At most 20 people per comment (the gateway costs Comment.mentions at that size), refused before any lookup.
    const crowd = Array.from({ length: 21 }, (_, i) => `<@someone${i}>`).join(' ');
    const tooMany = await mutate('commentCreate', { nodeId: subject, body: crowd }, 'comment { id }');
    expect(tooMany.userErrors[0]).toMatchObject({ code: 'COMMENT_INVALID_INPUT', field: ['input', 'body'], message: 'A comment mentions at most 20 people' });
  });
});

describe('tags', () => {
  it('are unique per organization, go on objects of any type in bulk, and find them', async () => {
    const hot = (await mutate('tagCreate', { name: 'Hot', color: '#ff0000', category: 'priority' }, 'tag { id name }')).tag;
    const vip = (await mutate('tagCreate', { name: 'VIP' }, 'tag { id }')).tag;
    expect((await mutate('tagCreate', { name: 'hot' }, 'tag { id }')).userErrors[0].code).toBe('TAG_NAME_TAKEN');
    const [t1, t2, c1] = [await task('Tagged one'), await task('Tagged two'), await contact('Tagged')];
    expect((await mutate('tagApply', { tagId: hot.id, nodeIds: [t1, t2, c1] }, 'changed')).changed).toBe(3);
    expect((await mutate('tagApply', { tagId: hot.id, nodeIds: [t1] }, 'changed')).changed).toBe(0);
    await mutate('tagApply', { tagId: vip.id, nodeIds: [c1, t2] }, 'changed');
    const all = await run('query($tags: [ID!]!) { taggedNodes(tagIds: $tags) { totalCount nodes { __typename id } } }', { tags: [hot.id, vip.id] });
    expect(all.data!.taggedNodes.nodes.map((n: { id: string }) => n.id).sort()).toEqual([t2, c1].sort());
    const contacts = await run(
      'query($tags: [ID!]!) { taggedNodes(tagIds: $tags, match: ANY, types: ["Contact"]) { nodes { ... on Contact { name tags { name } } } } }',
      { tags: [hot.id] },
    );
    expect(contacts.data!.taggedNodes.nodes).toEqual([{ name: 'Tagged', tags: [{ name: 'Hot' }, { name: 'VIP' }] }]);
    const denied = await run('mutation($input: TagDeleteInput!) { tagDelete(input: $input) { deletedTagId } }', { input: { id: hot.id } }, colleague);
    expect(denied.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    await mutate('tagDelete', { id: hot.id }, 'deletedTagId');
    expect((await run('query($id: ID!) { task(id: $id) { tags { name } } }', { id: t2 })).data!.task.tags).toEqual([{ name: 'VIP' }]);
  });
});

describe('tag filters', () => {
  it('narrow the lists of tasks, contacts and deals as tags are applied, removed and deleted', async () => {
    const urgent = (await mutate('tagCreate', { name: 'Urgent' }, 'tag { id }')).tag.id as string;
    const later = (await mutate('tagCreate', { name: 'Later' }, 'tag { id }')).tag.id as string;
    const [a, b, c] = [await task('Filter A'), await task('Filter B'), await task('Filter C')];
    const person = await contact('Filtered');
    await mutate('tagApply', { tagId: urgent, nodeIds: [a, b, person] }, 'changed');
    await mutate('tagApply', { tagId: later, nodeIds: [b] }, 'changed');
    const titles = async (tags: Record<string, unknown>) =>
      (
        await run(
          'query($tags: TagComparator, $ids: [ID!]) { tasks(filter: { tags: $tags, id: { in: $ids } }, orderBy: [{ field: TITLE }]) { nodes { title } } }',
          { tags, ids: [a, b, c] },
        )
      ).data!.tasks.nodes.map((node: { title: string }) => node.title);
    const poll = { timeout: 5_000, interval: 50 };
    // The tasks and CRM subgraphs learn of taggings from collaboration's events.
    await expect.poll(() => titles({ hasAll: [urgent, later] }), poll).toEqual(['Filter B']);
    expect(await titles({ hasAny: [urgent] })).toEqual(['Filter A', 'Filter B']);
    expect(await titles({ hasNone: [later] })).toEqual(['Filter A', 'Filter C']);
    expect(await titles({ isEmpty: true })).toEqual(['Filter C']);
    const tagged = async () =>
      (
        await run('query($tags: TagComparator) { contacts(filter: { tags: $tags }) { nodes { name } } deals(filter: { tags: $tags }) { totalCount } }', {
          tags: { hasAny: [urgent] },
        })
      ).data;
    await expect.poll(tagged, poll).toEqual({ contacts: { nodes: [{ name: 'Filtered' }] }, deals: { totalCount: 0 } });

    await mutate('tagRemove', { tagId: urgent, nodeIds: [a] }, 'changed');
    await expect.poll(() => titles({ hasAny: [urgent] }), poll).toEqual(['Filter B']);
    await mutate('tagDelete', { id: later }, 'deletedTagId');
    await expect.poll(() => titles({ isEmpty: true }), poll).toEqual(['Filter A', 'Filter C']);
  });
});

describe('activity and trash', () => {
  it('shows every module’s events and the comments of an object, and what I did', async () => {
    const subject = await task('Busy task');
    await mutate('taskUpdate', { id: subject, status: 'IN_PROGRESS' }, 'task { id }');
    await mutate('commentCreate', { nodeId: subject, body: 'Started' }, 'comment { id }');
    const activity = async () =>
      (
        await run(
          'query($id: ID!) { task(id: $id) { activity(first: 20) { nodes { __typename ... on ActivityEvent { event actor { name } data } ... on Comment { body } } } } }',
          { id: subject },
        )
      ).data!.task.activity.nodes;
    await expect
      .poll(async () => (await activity()).map((n: { event?: string; body?: string }) => n.event ?? n.body), { timeout: 5_000, interval: 50 })
      .toEqual(expect.arrayContaining(['Started', 'task.status_changed', 'task.created']));
    const changed = (await activity()).find((n: { event?: string }) => n.event === 'task.status_changed');
    expect(changed).toMatchObject({ actor: { name: 'Owner' }, data: { before: { status: 'todo' }, after: { status: 'in_progress' } } });
    const mine = await run('{ myActivity(first: 100) { nodes { event node { id } } } }');
    expect(mine.data!.myActivity.nodes.some((n: { event: string; node: { id: string } }) => n.event === 'task.status_changed' && n.node.id === subject)).toBe(
      true,
    );
  });

  it('lists what every module put in the trash, restores it and deletes it for good', async () => {
    const [t, c] = [await task('Trash me'), await contact('Trashed')];
    await mutate('taskDelete', { id: t }, 'deletedTaskId');
    await mutate('contactDelete', { id: c }, 'deletedContactId');
    const trash = async () => (await run('{ trash { nodes { id type title deletedBy { name } } } }')).data!.trash.nodes;
    await expect.poll(trash, { timeout: 5_000, interval: 50 }).toEqual(
      expect.arrayContaining([
        { id: t, type: 'Task', title: 'Trash me', deletedBy: { name: 'Owner' } },
        { id: c, type: 'Contact', title: 'Trashed', deletedBy: { name: 'Owner' } },
      ]),
    );
    expect((await mutate('trashRestore', { id: t }, 'item { id }')).item.id).toBe(t);
    expect((await run('query($id: ID!) { task(id: $id) { title } }', { id: t })).data!.task).toEqual({ title: 'Trash me' });
    expect((await mutate('trashDelete', { id: c }, 'deletedId', colleague)).userErrors[0].code).toBe('TRASH_FORBIDDEN');
    expect((await mutate('trashDelete', { id: c }, 'deletedId')).deletedId).toBe(c);
    expect((await mutate('contactRestore', { id: c }, 'contact { id }')).userErrors[0].code).toBe('CONTACT_NOT_FOUND');
    expect((await trash()).map((n: { id: string }) => n.id)).not.toContain(c);
  });
});
