import { createHash } from 'node:crypto';
import { withClient } from '@cellgraph/kernel/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCell, TEST_PASSWORD, waitForEmail, type TestCell, type TestUser } from '../../../scripts/testing/cell-harness.js';
import type { FilesServices } from '../src/index.js';
import { S3ObjectStore } from '../src/storage/object-store.js';
import { parseStorageConfig } from '../src/storage/storage.config.js';

// Files through the gateway of cell `all`, against the real S3-compatible store the test run
// started (scripts/testing/global-setup.ts): presigned PUTs and GETs sent with fetch().

let cell: TestCell;
let owner: TestUser;
let colleague: TestUser;
let stranger: TestUser;

/** A 3×2 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAMAAAACCAIAAAASFvFNAAAAEklEQVR4nGP4z8DAwMDAwMAAAA4AAf9s8P0AAAAASUVORK5CYII=', 'base64');
const QUOTA = 4000;

async function invite(email: string): Promise<TestUser> {
  await cell.gql(
    'mutation($input: InvitationCreateInput!) { invitationCreate(input: $input) { userErrors { code } } }',
    { input: { email, role: 'MEMBER' } },
    owner.token,
  );
  const { token } = await waitForEmail(cell, email);
  const accepted = await cell.gql('mutation($input: InvitationAcceptInput!) { invitationAccept(input: $input) { session { accessToken user { id } } } }', {
    input: { token, name: 'Colleague', password: TEST_PASSWORD },
  });
  const session = accepted.data!.invitationAccept.session;
  return { ...owner, token: session.accessToken, userId: session.user.id, email };
}

beforeAll(async () => {
  cell = await startTestCell({ env: { FILE_QUOTA_BYTES: String(QUOTA), FILE_MAX_SIZE: '3000' } });
  owner = await cell.signUp('Owner');
  colleague = await invite('colleague@files.test');
  stranger = await cell.signUp('Stranger');
});
afterAll(async () => {
  await cell?.stop();
});

const data = async (who: TestUser, query: string, variables: Record<string, unknown> = {}) => {
  const result = await cell.gql(query, variables, who.token);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!;
};
const files = () => cell.subgraphs.find((server) => server.name === 'files')!.services as FilesServices;
const store = () => new S3ObjectStore(parseStorageConfig(process.env));

const BEGIN = `mutation($input: FileUploadBeginInput!) { fileUploadBegin(input: $input) {
  upload { id url method headers { name value } expiresAt } userErrors { code field message } } }`;
const COMPLETE = `mutation($input: FileUploadCompleteInput!) { fileUploadComplete(input: $input) {
  file { id name contentType size checksum width height downloadUrl uploadedBy { id } } userErrors { code field message } } }`;

type Begun = { id: string; url: string; method: string; headers: { name: string; value: string }[] };

async function begin(who: TestUser, input: Record<string, unknown>) {
  return (await data(who, BEGIN, { input })).fileUploadBegin as { upload: Begun | null; userErrors: { code: string }[] };
}
async function put(upload: Begun, body: Buffer | string) {
  return fetch(upload.url, { method: upload.method, headers: Object.fromEntries(upload.headers.map((h) => [h.name, h.value])), body });
}
async function complete(who: TestUser, uploadId: string) {
  return (await data(who, COMPLETE, { input: { uploadId } })).fileUploadComplete;
}
async function upload(who: TestUser, name: string, contentType: string, body: Buffer | string, aboutId?: string) {
  const begun = await begin(who, { name, contentType, size: Buffer.byteLength(body), aboutId });
  expect(begun.userErrors).toEqual([]);
  expect((await put(begun.upload!, body)).status).toBe(200);
  const done = await complete(who, begun.upload!.id);
  expect(done.userErrors).toEqual([]);
  return done.file;
}
const listed = async (who: TestUser, aboutId?: string) =>
  (await data(who, 'query($aboutId: ID) { files(aboutId: $aboutId) { totalCount nodes { id name } } }', { aboutId })).files;

describe('files', () => {
  it('upload by presigned PUT, complete with checksum and image dimensions, download by presigned GET under their name', async () => {
    const text = await upload(owner, '../notes/Q3 report.txt', 'text/plain', 'quarterly numbers');
    expect(text).toMatchObject({
      name: 'Q3 report.txt',
      contentType: 'text/plain',
      size: 17,
      width: null,
      uploadedBy: { id: owner.userId },
    });
    expect(text.checksum).toBe(createHash('sha256').update('quarterly numbers').digest('hex'));
    const download = await fetch(text.downloadUrl);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toBe(`attachment; filename="Q3 report.txt"; filename*=UTF-8''Q3%20report.txt`);
    expect(await download.text()).toBe('quarterly numbers');

    const image = await upload(owner, 'pixel.png', 'image/png', PNG);
    expect(image).toMatchObject({ width: 3, height: 2, size: PNG.length });
    expect((await listed(owner)).nodes.map((file: { name: string }) => file.name)).toEqual(['pixel.png', 'Q3 report.txt']);
    // The bucket is never public: the object's plain URL is refused.
    const plain = new URL(text.downloadUrl);
    expect((await fetch(`${plain.origin}${plain.pathname}`)).status).toBe(403);
  });

  it('completes only what the store holds as announced: nothing visible otherwise', async () => {
    const missing = await begin(owner, { name: 'never-sent.txt', contentType: 'text/plain', size: 5 });
    expect((await complete(owner, missing.upload!.id)).userErrors.map((e: { code: string }) => e.code)).toEqual(['FILE_UPLOAD_MISSING']);
    // The signature binds type and size: another size is refused by the store itself.
    expect((await put(missing.upload!, 'longer than five')).status).toBe(403);

    const fake = await begin(owner, { name: 'fake.png', contentType: 'image/png', size: 9 });
    expect((await put(fake.upload!, 'not a png')).status).toBe(200);
    const refused = await complete(owner, fake.upload!.id);
    expect(refused).toMatchObject({ file: null, userErrors: [{ code: 'FILE_UPLOAD_MISMATCH', field: ['input', 'uploadId'] }] });
    expect((await listed(owner)).nodes.map((file: { name: string }) => file.name)).not.toContain('fake.png');
    expect((await complete(owner, fake.upload!.id)).userErrors.map((e: { code: string }) => e.code)).toEqual(['FILE_UPLOAD_NOT_FOUND']);

    const codes = async (input: Record<string, unknown>) => (await begin(owner, input)).userErrors.map((e) => e.code);
    expect(await codes({ name: 'run.sh', contentType: 'application/x-sh', size: 5 })).toEqual(['FILE_TYPE_NOT_ALLOWED']);
    expect(await codes({ name: 'big.txt', contentType: 'text/plain', size: 3001 })).toEqual(['FILE_TOO_LARGE']);
    expect(await codes({ name: '/', contentType: 'text/plain', size: 5 })).toEqual(['FILE_INVALID_INPUT']);
    expect(await codes({ name: 'a.txt', contentType: 'text/plain', size: 5, aboutId: 'VGFzazpub3BlIG5vdCBhIHRhc2s' })).toEqual(['FILE_ABOUT_NOT_FOUND']);
  });

  it('counts uploads in flight towards the quota: parallel begins cannot exceed it', async () => {
    const org = await cell.signUp('Quota');
    const first = await begin(org, { name: 'a.txt', contentType: 'text/plain', size: 2500 });
    expect(first.userErrors).toEqual([]);
    const parallel = await Promise.all([1, 2, 3, 4].map((i) => begin(org, { name: `p${i}.txt`, contentType: 'text/plain', size: 1000 })));
    expect(parallel.filter((answer) => answer.upload).length).toBe(1);
    expect(parallel.flatMap((answer) => answer.userErrors.map((e) => e.code))).toEqual(['FILE_QUOTA_EXCEEDED', 'FILE_QUOTA_EXCEEDED', 'FILE_QUOTA_EXCEEDED']);
  });

  it('lets whoever reads the object it is attached to read a file; unattached ones their uploader and administrators', async () => {
    const task = (await data(owner, 'mutation { taskCreate(input: { title: "With attachment" }) { task { id } } }')).taskCreate.task.id;
    const attached = await upload(owner, 'contract.pdf', 'application/pdf', '%PDF-1.4 signed', task);
    const own = (await listed(owner)).nodes.find((file: { name: string }) => file.name === 'Q3 report.txt');

    expect((await listed(colleague, task)).nodes).toEqual([{ id: attached.id, name: 'contract.pdf' }]);
    const read = (who: TestUser, id: string) => cell.gql('query($id: ID!) { file(id: $id) { name downloadUrl } }', { id }, who.token);
    expect((await read(colleague, attached.id)).data!.file.name).toBe('contract.pdf');
    const denied = await read(colleague, own.id);
    expect(denied.data!.file).toBeNull();
    expect(denied.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect((await listed(colleague)).totalCount).toBe(0);
    const rename = await cell.gql(
      'mutation($input: FileRenameInput!) { fileRename(input: $input) { file { name } userErrors { code } } }',
      { input: { id: attached.id, name: 'x.pdf' } },
      colleague.token,
    );
    expect(rename.errors![0]!.extensions!.code).toBe('FORBIDDEN');

    // Another organization sees nothing, not even through the object's id.
    expect((await read(stranger, attached.id)).data!.file).toBeNull();
    expect((await read(stranger, own.id)).data!.file).toBeNull();
    expect((await listed(stranger)).totalCount).toBe(0);
    const foreign = await cell.gql('query($id: ID!) { files(aboutId: $id) { totalCount } }', { id: task }, stranger.token);
    expect(foreign.errors![0]!.extensions!.code).toBe('FILE_ABOUT_NOT_FOUND');
  });

  it('gives every object its files (Node.files), counting only what the viewer may read, batched for a page of tasks', async () => {
    const tasks = [];
    for (const title of ['First', 'Second', 'Third'])
      tasks.push((await data(owner, 'mutation($t: String!) { taskCreate(input: { title: $t }) { task { id } } }', { t: title })).taskCreate.task.id);
    await upload(owner, 'one.txt', 'text/plain', 'one', tasks[0]);
    await upload(colleague, 'two.txt', 'text/plain', 'two', tasks[0]);
    await upload(owner, 'three.txt', 'text/plain', 'three', tasks[1]);
    const page = await data(
      colleague,
      '{ tasks(first: 50, orderBy: [{ field: CREATED_AT, direction: DESC }]) { nodes { id files(first: 1) { totalCount nodes { name } pageInfo { hasNextPage } } } } }',
    );
    const byTask = Object.fromEntries(page.tasks.nodes.map((task: { id: string; files: unknown }) => [task.id, task.files]));
    expect(byTask[tasks[0]!]).toEqual({ totalCount: 2, nodes: [{ name: 'two.txt' }], pageInfo: { hasNextPage: true } });
    expect(byTask[tasks[1]!]).toEqual({ totalCount: 1, nodes: [{ name: 'three.txt' }], pageInfo: { hasNextPage: false } });
    expect(byTask[tasks[2]!]).toEqual({ totalCount: 0, nodes: [], pageInfo: { hasNextPage: false } });
    const viaNode = await data(owner, 'query($id: ID!) { node(id: $id) { ... on Task { files { nodes { name uploadedBy { id } } } } } }', { id: tasks[1] });
    expect(viaNode.node.files.nodes).toEqual([{ name: 'three.txt', uploadedBy: { id: owner.userId } }]);
    // Another organization does not reach the task, so neither its files.
    expect(
      (await cell.gql('query($id: ID!) { node(id: $id) { ... on Task { files { totalCount } } } }', { id: tasks[0] }, stranger.token)).data?.node,
    ).toBeNull();
  });

  it('renames, moves to the trash, restores and purges — the object leaves the store with the cleanup job', async () => {
    const file = await upload(owner, 'draft.txt', 'text/plain', 'draft');
    const renamed = await data(owner, 'mutation($input: FileRenameInput!) { fileRename(input: $input) { file { name } } }', {
      input: { id: file.id, name: 'final\u0000.txt' },
    });
    expect(renamed.fileRename.file.name).toBe('final.txt');
    await data(owner, 'mutation($input: FileDeleteInput!) { fileDelete(input: $input) { deletedFileId } }', { input: { id: file.id } });
    expect((await listed(owner)).nodes.map((f: { id: string }) => f.id)).not.toContain(file.id);
    await data(owner, 'mutation($input: FileRestoreInput!) { fileRestore(input: $input) { file { name } } }', { input: { id: file.id } });
    expect((await listed(owner)).nodes.map((f: { id: string }) => f.id)).toContain(file.id);

    const key = await withClient(
      cell.database.url,
      async (client) => (await client.query('SELECT storage_key FROM files.files WHERE name = $1', ['final.txt'])).rows[0].storage_key,
    );
    expect(key).toMatch(new RegExp(`^org/[0-9a-f-]{36}/[0-9a-f-]{36}$`));
    await data(owner, 'mutation($input: FileDeleteInput!) { fileDelete(input: $input) { deletedFileId } }', { input: { id: file.id } });
    const purged = await data(owner, 'mutation($input: FilePurgeInput!) { filePurge(input: $input) { deletedFileId userErrors { code } } }', {
      input: { id: file.id },
    });
    expect(purged.filePurge.userErrors).toEqual([]);
    expect(await store().head(key)).not.toBeNull();
    expect((await files().cleanup.run()).objects).toBeGreaterThanOrEqual(1);
    expect(await store().head(key)).toBeNull();
  });

  it('removes abandoned uploads and their bytes with the cleanup job', async () => {
    const begun = await begin(owner, { name: 'abandoned.txt', contentType: 'text/plain', size: 4 });
    expect((await put(begun.upload!, 'gone')).status).toBe(200);
    const key = await withClient(cell.database.url, async (client) => {
      const { rows } = await client.query(
        `UPDATE files.uploads SET abandoned_at = now() - interval '1 second' WHERE name = 'abandoned.txt' RETURNING storage_key`,
      );
      return rows[0].storage_key as string;
    });
    expect(await store().head(key)).not.toBeNull();
    expect((await files().cleanup.run()).uploads).toBeGreaterThanOrEqual(1);
    expect(await store().head(key)).toBeNull();
    expect((await complete(owner, begun.upload!.id)).userErrors.map((e: { code: string }) => e.code)).toEqual(['FILE_UPLOAD_NOT_FOUND']);
  });
});
