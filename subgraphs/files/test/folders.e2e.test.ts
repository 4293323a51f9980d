import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveClient, subscribe } from '../../../scripts/testing/live-client.js';
import { startTestCell, TEST_PASSWORD, waitForEmail, waitUntilSettled, type TestCell, type TestUser } from '../../../scripts/testing/cell-harness.js';

// Folders, File.about and fileChanged through the gateway of cell `all`, against the real
// S3-compatible store the test run started.

let cell: TestCell;
let owner: TestUser;
let colleague: TestUser;
let stranger: TestUser;

beforeAll(async () => {
  cell = await startTestCell();
  owner = await cell.signUp('Owner');
  await cell.gql(
    'mutation($input: InvitationCreateInput!) { invitationCreate(input: $input) { userErrors { code } } }',
    { input: { email: 'colleague@folders.test', role: 'MEMBER' } },
    owner.token,
  );
  const { token } = await waitForEmail(cell, 'colleague@folders.test');
  const accepted = await cell.gql('mutation($input: InvitationAcceptInput!) { invitationAccept(input: $input) { session { accessToken user { id } } } }', {
    input: { token, name: 'Colleague', password: TEST_PASSWORD },
  });
  const session = accepted.data!.invitationAccept.session;
  colleague = { ...owner, token: session.accessToken, userId: session.user.id, email: 'colleague@folders.test' };
  stranger = await cell.signUp('Stranger');
});
afterAll(async () => {
  await cell?.stop();
});

const data = async (who: TestUser, query: string, variables: Record<string, unknown> = {}) => {
  const result = await cell.gql(query, variables, who.token);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  for (const payload of Object.values(result.data ?? {})) expect((payload as { userErrors?: unknown[] } | null)?.userErrors ?? []).toEqual([]);
  return result.data!;
};
const createTask = async (title: string) =>
  (await data(owner, 'mutation($t: String!) { taskCreate(input: { title: $t }) { task { id } userErrors { code } } }', { t: title })).taskCreate.task
    .id as string;
const createFolder = async (who: TestUser, name: string, parentId?: string) =>
  (await data(who, 'mutation($input: FolderCreateInput!) { folderCreate(input: $input) { folder { id } userErrors { code } } }', { input: { name, parentId } }))
    .folderCreate.folder.id as string;

async function upload(who: TestUser, name: string, input: { aboutId?: string; folderId?: string } = {}): Promise<string> {
  const begun = await data(
    who,
    'mutation($input: FileUploadBeginInput!) { fileUploadBegin(input: $input) { upload { id url method headers { name value } } userErrors { code } } }',
    { input: { name, contentType: 'text/plain', size: name.length, ...input } },
  );
  const { upload } = begun.fileUploadBegin as { upload: { id: string; url: string; method: string; headers: { name: string; value: string }[] } };
  const sent = await fetch(upload.url, { method: upload.method, headers: Object.fromEntries(upload.headers.map((h) => [h.name, h.value])), body: name });
  expect(sent.status).toBe(200);
  const done = await data(who, 'mutation($input: FileUploadCompleteInput!) { fileUploadComplete(input: $input) { file { id } userErrors { code } } }', {
    input: { uploadId: upload.id },
  });
  return done.fileUploadComplete.file.id as string;
}
const moveFile = (who: TestUser, id: string, folderId: string | null) =>
  data(who, 'mutation($input: FileMoveInput!) { fileMove(input: $input) { file { id } userErrors { code } } }', { input: { id, folderId } });

describe('folders and files across the graph', () => {
  it('follows a file to the object it is attached to (File.about), for whoever reads both', async () => {
    const task = await createTask('Contract review');
    const file = await upload(owner, 'contract.txt', { aboutId: task });
    const query = 'query($id: ID!) { file(id: $id) { name aboutId about { __typename id ... on Task { title } } } }';
    expect((await data(colleague, query, { id: file })).file).toEqual({
      name: 'contract.txt',
      aboutId: task,
      about: { __typename: 'Task', id: task, title: 'Contract review' },
    });
    const unattached = await upload(owner, 'loose.txt');
    expect((await data(owner, query, { id: unattached })).file).toMatchObject({ aboutId: null, about: null });
    // Another organization reaches neither the file nor, through it, the task.
    expect((await cell.gql(query, { id: file }, stranger.token)).data?.file).toBeNull();
  });

  it('lists a folder’s files through the graph (Node.files on a Folder), each viewer the ones it may read', async () => {
    const task = await createTask('Shared work');
    const folder = await createFolder(owner, 'Deliverables');
    const mine = await upload(owner, 'private.txt', { folderId: folder });
    const shared = await upload(colleague, 'shared.txt', { aboutId: task });
    // An administrator moves the colleague's attached file into the owner's folder.
    await moveFile(owner, shared, folder);
    const query = 'query($id: ID!) { node(id: $id) { ... on Folder { name path files { totalCount nodes { name folder { name } } } } } }';
    const asOwner = (await data(owner, query, { id: folder })).node;
    expect(asOwner.files.totalCount).toBe(2);
    expect(asOwner.files.nodes.map((f: { name: string }) => f.name).sort()).toEqual(['private.txt', 'shared.txt']);
    // The colleague cannot see the owner's folder, but reads the file through the task — without the folder.
    const seen = await cell.gql(query, { id: folder }, colleague.token);
    expect(seen.data?.node).toBeNull();
    const viaTask = await data(colleague, 'query($id: ID!) { file(id: $id) { name folder { name } } }', { id: shared });
    expect(viaTask.file).toEqual({ name: 'shared.txt', folder: null });
    // files(folderId:) as a reader of the folder who is not an administrator: its own and those of objects it reads.
    const colleagueFolder = await createFolder(colleague, 'Inbox');
    await moveFile(owner, mine, colleagueFolder);
    const listed = await data(colleague, 'query($id: ID!) { files(folderId: $id) { totalCount nodes { name } } }', { id: colleagueFolder });
    expect(listed.files).toEqual({ totalCount: 0, nodes: [] });
    const brief = await upload(owner, 'brief.txt', { aboutId: task });
    await moveFile(owner, shared, colleagueFolder);
    await moveFile(owner, brief, colleagueFolder);
    const again = await data(colleague, 'query($id: ID!) { files(folderId: $id, orderBy: [{ field: NAME }]) { totalCount nodes { name } } }', {
      id: colleagueFolder,
    });
    expect(again.files).toEqual({ totalCount: 2, nodes: [{ name: 'brief.txt' }, { name: 'shared.txt' }] });
    // Another organization reaches neither.
    expect((await cell.gql(query, { id: colleagueFolder }, stranger.token)).data?.node).toBeNull();
  });

  it('pushes file changes to subscribers who may read them (fileChanged), by object and by folder, not to another organization', async () => {
    const task = await createTask('Live files');
    const folder = await createFolder(owner, 'Live');
    // The folder's own folder.created is published (by the outbox relay, after the commit) before
    // anyone subscribes: it is not one of the changes this test watches for.
    await waitUntilSettled(cell);
    const clients: Client[] = [
      liveClient(cell.gatewayUrl, colleague.token),
      liveClient(cell.gatewayUrl, owner.token),
      liveClient(cell.gatewayUrl, stranger.token),
      liveClient(cell.gatewayUrl, colleague.token),
    ];
    try {
      const query = `subscription($aboutId: ID, $folderId: ID) { fileChanged(aboutId: $aboutId, folderId: $folderId) {
        event fileId file { name } folderId folder { name } actor { name } } }`;
      const byTask = subscribe(clients[0]!, query, { aboutId: task });
      const byFolder = subscribe(clients[1]!, query, { folderId: folder });
      const outsider = subscribe(clients[2]!, query, { aboutId: task });
      // A member of the organization who does not see the owner's folder.
      const notReader = subscribe(clients[3]!, query, { folderId: folder });
      while (cell.gateway.liveStats().subscriptions < 4) await new Promise((resolve) => setTimeout(resolve, 20));

      const file = await upload(owner, 'minutes.txt', { aboutId: task });
      const first = await byTask.next();
      expect(first.errors, JSON.stringify(first.errors)).toBeUndefined();
      expect(first.data!.fileChanged).toEqual({
        event: 'file.uploaded',
        fileId: file,
        file: { name: 'minutes.txt' },
        folderId: null,
        folder: null,
        actor: { name: 'Owner' },
      });
      await moveFile(owner, file, folder);
      // The owner watching the folder sees the file arrive in it; the colleague watching the task
      // sees it move, without the folder it cannot read.
      expect((await byFolder.next()).data!.fileChanged).toEqual({
        event: 'file.moved',
        fileId: file,
        file: { name: 'minutes.txt' },
        folderId: folder,
        folder: { name: 'Live' },
        actor: { name: 'Owner' },
      });
      expect((await byTask.next()).data!.fileChanged).toMatchObject({ event: 'file.moved', fileId: file, folderId: null, folder: null });

      await data(owner, 'mutation($input: FolderDeleteInput!) { folderDelete(input: $input) { userErrors { code } } }', { input: { id: folder } });
      expect((await byFolder.next()).data!.fileChanged).toMatchObject({ event: 'folder.deleted', fileId: null, folderId: folder, folder: null });
      // The file went to the trash with the folder: the task's watchers are told too.
      expect((await byTask.next()).data!.fileChanged).toMatchObject({ event: 'folder.deleted', fileId: null });
      // The other organization's subscription got nothing, nor did the member who does not see the folder.
      expect(outsider.results).toEqual([]);
      expect(notReader.results).toEqual([]);
    } finally {
      for (const client of clients) await client.dispose();
    }
  });

  it('puts a deleted folder in the cell’s trash as one item, and the trash restores it with its files', async () => {
    const folder = await createFolder(owner, 'Quarterly');
    const inner = await createFolder(owner, 'Drafts', folder);
    const file = await upload(owner, 'q1.txt', { folderId: inner });
    await data(owner, 'mutation($input: FolderDeleteInput!) { folderDelete(input: $input) { userErrors { code } } }', { input: { id: folder } });
    await waitUntilSettled(cell);
    const trash = await data(owner, '{ trash(types: ["Folder", "File"]) { nodes { id type title } } }');
    expect(trash.trash.nodes.filter((item: { id: string }) => [folder, inner, file].includes(item.id))).toEqual([
      { id: folder, type: 'Folder', title: 'Quarterly' },
    ]);
    await data(owner, 'mutation($input: TrashRestoreInput!) { trashRestore(input: $input) { userErrors { code } } }', { input: { id: folder } });
    const back = await data(owner, 'query($id: ID!) { folder(id: $id) { path files { nodes { id } } } }', { id: inner });
    expect(back.folder).toEqual({ path: '/Quarterly/Drafts', files: { nodes: [{ id: file }] } });
  });
});
