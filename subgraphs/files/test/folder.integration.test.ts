import { toGlobalId, uuidv7, type Principal } from '@cellgraph/kernel';
import {
  createTestDatabase,
  mutationsOf,
  outboxEvents,
  startTestSubgraphs,
  testMember,
  uuidOf,
  withClient,
  type SubgraphHarness,
  type TestDatabase,
  type TestMember,
} from '@cellgraph/kernel/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filesSubgraph } from '../src/index.js';

// Folders in the files subgraph alone (signed requests, no gateway), against the test run's
// S3-compatible store: create, rename, move (cycles refused), names unique per parent, the trash with
// what is in the folder, who may do what, other organizations, API keys and `_entities`.

let database: TestDatabase;
let harness: SubgraphHarness;
let owner: TestMember;
let member: TestMember;
let colleague: TestMember;
let guest: TestMember;
let stranger: TestMember;

const mutations = mutationsOf(() => harness, 'files');

beforeAll(async () => {
  database = await createTestDatabase();
  harness = await startTestSubgraphs([filesSubgraph], { databaseUrl: database.url });
  owner = await testMember(database.url, 'owner');
  member = await testMember(database.url, 'member', owner.orgId);
  colleague = await testMember(database.url, 'member', owner.orgId);
  guest = await testMember(database.url, 'guest', owner.orgId);
  stranger = await testMember(database.url, 'owner');
});
afterAll(async () => {
  await harness?.stop();
  await database?.drop();
});

const query = (principal: Principal, text: string, variables: Record<string, unknown> = {}) => harness.request('files', text, variables, principal);
const data = async (principal: Principal, text: string, variables: Record<string, unknown> = {}) => {
  const result = await query(principal, text, variables);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!;
};

type Folder = { id: string; name: string; path: string };
const create = async (who: TestMember, name: string, parentId?: string): Promise<Folder> =>
  (await mutations.mutate<{ folder: Folder }>(who.principal, 'folderCreate', { name, parentId }, 'folder { id name path }')).folder;

async function upload(who: TestMember, name: string, folderId?: string): Promise<{ id: string }> {
  const { upload } = await mutations.mutate<{ upload: { id: string; url: string; headers: { name: string; value: string }[] } }>(
    who.principal,
    'fileUploadBegin',
    { name, contentType: 'text/plain', size: name.length, folderId },
    'upload { id url headers { name value } }',
  );
  const sent = await fetch(upload.url, { method: 'PUT', headers: Object.fromEntries(upload.headers.map((h) => [h.name, h.value])), body: name });
  expect(sent.status).toBe(200);
  return (await mutations.mutate<{ file: { id: string } }>(who.principal, 'fileUploadComplete', { uploadId: upload.id }, 'file { id }')).file;
}

const FOLDER = `query($id: ID!) { folder(id: $id) { name path parent { name } ancestors { name } owner { id } createdBy { id }
  folders { totalCount nodes { name } } } }`;
const filesIn = async (who: TestMember, folderId: string) =>
  (await data(who.principal, 'query($id: ID!) { files(folderId: $id) { totalCount nodes { id } } }', { id: folderId })).files;

describe('folders', () => {
  it('nests folders with their path and ancestors; names are sanitized and unique per parent, whatever the case', async () => {
    const projects = await create(member, ' Projects\u0000 ');
    expect(projects).toMatchObject({ name: 'Projects', path: '/Projects' });
    const year = await create(member, '2026', projects.id);
    const quarter = await create(member, 'Q3', year.id);
    expect(quarter.path).toBe('/Projects/2026/Q3');
    expect((await data(member.principal, FOLDER, { id: quarter.id })).folder).toEqual({
      name: 'Q3',
      path: '/Projects/2026/Q3',
      parent: { name: '2026' },
      ancestors: [{ name: 'Projects' }, { name: '2026' }],
      owner: { id: toGlobalId('User', member.userId) },
      createdBy: { id: toGlobalId('User', member.userId) },
      folders: { totalCount: 0, nodes: [] },
    });
    expect((await data(member.principal, FOLDER, { id: projects.id })).folder.folders).toEqual({ totalCount: 1, nodes: [{ name: '2026' }] });

    expect(await mutations.refused(member.principal, 'folderCreate', { name: 'projects' })).toEqual(['FOLDER_NAME_TAKEN']);
    expect(await mutations.refused(member.principal, 'folderCreate', { name: '2026', parentId: projects.id })).toEqual(['FOLDER_NAME_TAKEN']);
    expect(await mutations.refused(member.principal, 'folderCreate', { name: '../' })).toEqual(['FOLDER_INVALID_INPUT']);
    // The same name elsewhere, and another person's top level, are free.
    await create(member, 'Projects', year.id);
    await create(colleague, 'Projects');
    const other = await create(member, 'Other');
    expect(await mutations.refused(member.principal, 'folderRename', { id: other.id, name: 'PROJECTS' })).toEqual(['FOLDER_NAME_TAKEN']);
    const renamed = await mutations.mutate<{ folder: Folder }>(member.principal, 'folderRename', { id: other.id, name: 'Archive' }, 'folder { id name path }');
    expect(renamed.folder).toMatchObject({ name: 'Archive', path: '/Archive' });
    expect(await outboxEvents(database.url, 'files', uuidOf(other.id))).toEqual([
      { type: 'folder.created', actor_id: member.userId, data: { name: 'Other', parentId: null } },
      { type: 'folder.renamed', actor_id: member.userId, data: { parentId: null, before: { name: 'Other' }, after: { name: 'Archive' } } },
    ]);
    const top = await data(member.principal, '{ folders { totalCount nodes { name } } }');
    expect(top.folders).toEqual({ totalCount: 2, nodes: [{ name: 'Archive' }, { name: 'Projects' }] });
  });

  it('moves folders with what is in them, and refuses a move into itself or a folder inside it', async () => {
    const a = await create(member, 'A');
    const b = await create(member, 'B', a.id);
    const c = await create(member, 'C', b.id);
    expect(await mutations.refused(member.principal, 'folderMove', { id: a.id, parentId: c.id })).toEqual(['FOLDER_CYCLE']);
    expect(await mutations.refused(member.principal, 'folderMove', { id: a.id, parentId: a.id })).toEqual(['FOLDER_CYCLE']);
    const moved = await mutations.mutate<{ folder: Folder }>(member.principal, 'folderMove', { id: c.id, parentId: a.id }, 'folder { id name path }');
    expect(moved.folder.path).toBe('/A/C');
    await create(member, 'C', b.id);
    expect(await mutations.refused(member.principal, 'folderMove', { id: c.id, parentId: b.id })).toEqual(['FOLDER_NAME_TAKEN']);
    const top = await mutations.mutate<{ folder: Folder }>(member.principal, 'folderMove', { id: b.id, parentId: null }, 'folder { id name path }');
    expect(top.folder.path).toBe('/B');
    expect((await outboxEvents(database.url, 'files', uuidOf(b.id))).at(-1)).toEqual({
      type: 'folder.moved',
      actor_id: member.userId,
      data: { name: 'B', before: { parentId: uuidOf(a.id) }, after: { parentId: null } },
    });

    const file = await upload(member, 'plan.txt', a.id);
    expect((await filesIn(member, a.id)).nodes).toEqual([{ id: file.id }]);
    const movedFile = await mutations.mutate<{ file: { folder: { name: string } | null } }>(
      member.principal,
      'fileMove',
      { id: file.id, folderId: b.id },
      'file { folder { name } }',
    );
    expect(movedFile.file.folder).toEqual({ name: 'B' });
    expect((await filesIn(member, a.id)).totalCount).toBe(0);
    const atTop = await mutations.mutate<{ file: { folder: null } }>(member.principal, 'fileMove', { id: file.id, folderId: null }, 'file { folder { name } }');
    expect(atTop.file.folder).toBeNull();
    const topFiles = await data(member.principal, 'query { files(filter: { folderId: { isNull: true } }) { nodes { id } } }');
    expect(topFiles.files.nodes).toContainEqual({ id: file.id });
    expect((await outboxEvents(database.url, 'files', uuidOf(file.id))).map((event) => [event.type, event.data])).toEqual([
      ['file.uploaded', { name: 'plan.txt', contentType: 'text/plain', size: 8, aboutId: null, folderId: uuidOf(a.id) }],
      ['file.moved', { name: 'plan.txt', aboutId: null, before: { folderId: uuidOf(a.id) }, after: { folderId: uuidOf(b.id) } }],
      ['file.moved', { name: 'plan.txt', aboutId: null, before: { folderId: uuidOf(b.id) }, after: { folderId: null } }],
    ]);
  });

  it('moves a folder to the trash with everything in it, restores it with what went with it, and purges it all', async () => {
    const root = await create(member, 'Trip');
    const inner = await create(member, 'Photos', root.id);
    const [kept, deep, alone] = [
      await upload(member, 'kept.txt', root.id),
      await upload(member, 'deep.txt', inner.id),
      await upload(member, 'alone.txt', inner.id),
    ];
    // Deleted on its own before: it stays in the trash when the folder comes back.
    await mutations.mutate(member.principal, 'fileDelete', { id: alone.id }, 'deletedFileId');

    await mutations.mutate(member.principal, 'folderDelete', { id: root.id }, 'deletedFolderId');
    expect((await query(member.principal, FOLDER, { id: inner.id })).data?.folder).toBeNull();
    expect((await query(member.principal, 'query($id: ID!) { file(id: $id) { id } }', { id: deep.id })).data?.file).toBeNull();
    expect((await data(member.principal, '{ folders { nodes { name } } }')).folders.nodes).not.toContainEqual({ name: 'Trip' });
    expect((await outboxEvents(database.url, 'files', uuidOf(root.id))).at(-1)).toEqual({
      type: 'folder.deleted',
      actor_id: member.userId,
      data: { title: 'Trip', parentId: null, folderIds: [uuidOf(root.id), uuidOf(inner.id)], files: 2, aboutIds: [] },
    });
    // Only the folder itself announces its deletion (one item in the trash).
    expect((await outboxEvents(database.url, 'files', uuidOf(deep.id))).map((event) => event.type)).toEqual(['file.uploaded']);

    // Its name is free meanwhile; restoring it then is a conflict until the new one is renamed.
    const again = await create(member, 'Trip');
    expect(await mutations.refused(member.principal, 'folderRestore', { id: root.id })).toEqual(['FOLDER_NAME_TAKEN']);
    await mutations.mutate(member.principal, 'folderRename', { id: again.id, name: 'Trip (new)' }, 'folder { id }');
    await mutations.mutate(member.principal, 'folderRestore', { id: root.id }, 'folder { id }');
    expect((await data(member.principal, FOLDER, { id: inner.id })).folder.path).toBe('/Trip/Photos');
    expect((await filesIn(member, inner.id)).nodes).toEqual([{ id: deep.id }]);
    expect((await filesIn(member, root.id)).nodes).toEqual([{ id: kept.id }]);

    // Purged (owners and admins): the folders and files in it go for good, their bytes queued for the cleanup job.
    await mutations.mutate(member.principal, 'folderDelete', { id: root.id }, 'deletedFolderId');
    const purged = await mutations.mutate<{ deletedFolderId: string }>(owner.principal, 'folderPurge', { id: root.id }, 'deletedFolderId');
    expect(purged.deletedFolderId).toBe(root.id);
    const left = await withClient(database.url, async (client) => ({
      folders: (await client.query('SELECT id FROM files.folders WHERE id = ANY($1)', [[uuidOf(root.id), uuidOf(inner.id)]])).rows,
      files: (await client.query('SELECT id, folder_id FROM files.files WHERE id = ANY($1)', [[kept.id, deep.id, alone.id].map(uuidOf)])).rows,
    }));
    expect(left.folders).toEqual([]);
    expect(left.files).toEqual([]);
    expect((await outboxEvents(database.url, 'files', uuidOf(deep.id))).at(-1)?.type).toBe('file.purged');
    expect((await outboxEvents(database.url, 'files', uuidOf(inner.id))).at(-1)?.type).toBe('folder.purged');
  });

  it('lets the owner of a tree and administrators read and change it; other members, guests and API keys without the scope cannot', async () => {
    const mine = await create(member, 'Mine');
    const file = await upload(member, 'mine.txt', mine.id);
    const denied = await query(colleague.principal, FOLDER, { id: mine.id });
    expect(denied.data?.folder).toBeNull();
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    for (const [mutation, input] of [
      ['folderRename', { id: mine.id, name: 'Theirs' }],
      ['folderMove', { id: mine.id, parentId: null }],
      ['folderDelete', { id: mine.id }],
      ['folderCreate', { name: 'Inside', parentId: mine.id }],
    ] as const) {
      expect(await mutations.refused(colleague.principal, mutation, input)).toEqual(['FOLDER_NOT_FOUND']);
    }
    const theirs = await upload(colleague, 'theirs.txt');
    expect(await mutations.refused(colleague.principal, 'fileMove', { id: theirs.id, folderId: mine.id })).toEqual(['FOLDER_NOT_FOUND']);
    const listed = await query(colleague.principal, 'query($id: ID!) { files(folderId: $id) { totalCount } }', { id: mine.id });
    expect(listed.errors?.[0]?.extensions?.code).toBe('FOLDER_NOT_FOUND');
    expect(
      (await query(colleague.principal, 'query($id: ID!) { folders(ownerId: $id) { totalCount } }', { id: toGlobalId('User', member.userId) })).errors?.[0]
        ?.extensions?.code,
    ).toBe('FORBIDDEN');

    // Guests write no files, so they make no folders.
    const guestCreate = await query(guest.principal, 'mutation { folderCreate(input: { name: "G" }) { userErrors { code } } }');
    expect(guestCreate.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    // An administrator reads every tree and may move a file of someone else into it: the tree's owner then reads it in the folder.
    expect((await data(owner.principal, FOLDER, { id: mine.id })).folder.owner).toEqual({ id: toGlobalId('User', member.userId) });
    expect(
      (await data(owner.principal, 'query($id: ID!) { folders(ownerId: $id) { nodes { name } } }', { id: toGlobalId('User', member.userId) })).folders.nodes,
    ).toContainEqual({
      name: 'Mine',
    });
    await mutations.mutate(owner.principal, 'folderCreate', { name: 'From admin', parentId: mine.id }, 'folder { id }');
    expect((await data(member.principal, FOLDER, { id: mine.id })).folder.folders.nodes).toEqual([{ name: 'From admin' }]);
    expect((await filesIn(owner, mine.id)).nodes).toEqual([{ id: file.id }]);

    const key = (scopes: string[]): Principal => ({ kind: 'api_key', keyId: uuidv7(), keyName: 'test', userId: member.userId, orgId: owner.orgId, scopes });
    expect((await query(key(['tasks:read']), '{ folders { totalCount } }')).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await data(key(['files:read']), '{ folders { totalCount } }')).folders.totalCount).toBeGreaterThan(0);
    const readOnly = await query(key(['files:read']), 'mutation { folderCreate(input: { name: "K" }) { userErrors { code } } }');
    expect(readOnly.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('keeps organizations apart: another organization’s folders do not exist for it', async () => {
    const folder = await create(owner, 'Board papers');
    const foreign = await query(stranger.principal, FOLDER, { id: folder.id });
    expect(foreign.data?.folder).toBeNull();
    expect(foreign.errors).toBeUndefined();
    expect((await data(stranger.principal, '{ folders { totalCount } }')).folders.totalCount).toBe(0);
    expect(await mutations.refused(stranger.principal, 'folderRename', { id: folder.id, name: 'Mine now' })).toEqual(['FOLDER_NOT_FOUND']);
    expect(await mutations.refused(stranger.principal, 'folderCreate', { name: 'Inside', parentId: folder.id })).toEqual(['FOLDER_NOT_FOUND']);
    const theirFile = await upload(stranger, 'theirs.txt');
    expect(await mutations.refused(stranger.principal, 'fileMove', { id: theirFile.id, folderId: folder.id })).toEqual(['FOLDER_NOT_FOUND']);
    expect(await mutations.refused(stranger.principal, 'folderDelete', { id: folder.id })).toEqual(['FOLDER_NOT_FOUND']);
    // The database refuses a file of one organization in another's folder, whatever the service did.
    await expect(
      withClient(database.url, (client) => client.query('UPDATE files.files SET folder_id = $1 WHERE id = $2', [uuidOf(folder.id), uuidOf(theirFile.id)])),
    ).rejects.toMatchObject({ code: '23503' });
  });

  it('resolves _entities for Folder: readers get it, others null and FORBIDDEN, other organizations and the trash null', async () => {
    const folder = await create(member, 'Entities');
    const trashed = await create(member, 'Gone');
    await mutations.mutate(member.principal, 'folderDelete', { id: trashed.id }, 'deletedFolderId');
    const ENTITIES = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Folder { id name } } }';
    const representations = [folder, trashed].map((f) => ({ __typename: 'Folder', id: f.id }));
    expect((await data(member.principal, ENTITIES, { r: representations }))._entities).toEqual([{ id: folder.id, name: 'Entities' }, null]);
    expect((await data(owner.principal, ENTITIES, { r: representations }))._entities).toEqual([{ id: folder.id, name: 'Entities' }, null]);
    const denied = await query(colleague.principal, ENTITIES, { r: representations });
    expect(denied.data?._entities).toEqual([null, null]);
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const foreign = await query(stranger.principal, ENTITIES, { r: representations });
    expect(foreign.data?._entities).toEqual([null, null]);
    expect(foreign.errors).toBeUndefined();
  });

  it('purges what has been in the trash for 30 days with the sweep, the folder with what went with it', async () => {
    const root = await create(member, 'Old');
    const inner = await create(member, 'Older', root.id);
    const file = await upload(member, 'old.txt', inner.id);
    await mutations.mutate(member.principal, 'folderDelete', { id: root.id }, 'deletedFolderId');
    await withClient(database.url, async (client) => {
      await client.query(`UPDATE files.folders SET deleted_at = now() - interval '31 days' WHERE id = ANY($1)`, [[uuidOf(root.id), uuidOf(inner.id)]]);
      await client.query(`UPDATE files.files SET deleted_at = now() - interval '31 days' WHERE id = $1`, [uuidOf(file.id)]);
    });
    const server = harness.servers.find((s) => s.name === 'files')!;
    expect(await server.trash!.sweep()).toBeGreaterThanOrEqual(2);
    const rows = await withClient(
      database.url,
      async (client) =>
        (
          await client.query('SELECT id FROM files.folders WHERE id = ANY($1) UNION ALL SELECT id FROM files.files WHERE id = $2', [
            [uuidOf(root.id), uuidOf(inner.id)],
            uuidOf(file.id),
          ])
        ).rows,
    );
    expect(rows).toEqual([]);
  });
});
