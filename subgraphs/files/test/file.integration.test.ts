import { uuidv7, type Principal } from '@cellgraph/kernel';
import {
  createTestDatabase,
  mutationsOf,
  outboxEvents,
  startTestSubgraphs,
  testMember,
  uuidOf,
  type SubgraphHarness,
  type TestDatabase,
  type TestMember,
} from '@cellgraph/kernel/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filesSubgraph } from '../src/index.js';

// The files subgraph alone (signed requests, no gateway), against the test run's S3-compatible
// store: references, tenancy, permissions and API-key scopes of unattached files.

let database: TestDatabase;
let harness: SubgraphHarness;
let owner: TestMember;
let member: TestMember;
let guest: TestMember;
let stranger: TestMember;

const files = mutationsOf(() => harness, 'files');

beforeAll(async () => {
  database = await createTestDatabase();
  harness = await startTestSubgraphs([filesSubgraph], { databaseUrl: database.url });
  owner = await testMember(database.url, 'owner');
  member = await testMember(database.url, 'member', owner.orgId);
  guest = await testMember(database.url, 'guest', owner.orgId);
  stranger = await testMember(database.url, 'owner');
});
afterAll(async () => {
  await harness?.stop();
  await database?.drop();
});

const query = (principal: Principal, text: string, variables: Record<string, unknown> = {}) => harness.request('files', text, variables, principal);
const ENTITIES = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on File { id name size } } }';

async function upload(who: TestMember, name: string, body: string): Promise<{ id: string; name: string; size: number }> {
  const { upload } = await files.mutate<{ upload: { id: string; url: string; headers: { name: string; value: string }[] } }>(
    who.principal,
    'fileUploadBegin',
    { name, contentType: 'text/plain', size: body.length },
    'upload { id url headers { name value } }',
  );
  const sent = await fetch(upload.url, { method: 'PUT', headers: Object.fromEntries(upload.headers.map((h) => [h.name, h.value])), body });
  expect(sent.status).toBe(200);
  return (
    await files.mutate<{ file: { id: string; name: string; size: number } }>(
      who.principal,
      'fileUploadComplete',
      { uploadId: upload.id },
      'file { id name size }',
    )
  ).file;
}

describe('files subgraph', () => {
  it('resolves _entities for the uploader and administrators; others get null and FORBIDDEN', async () => {
    const file = await upload(member, 'mine.txt', 'mine');
    const representations = [{ __typename: 'File', id: file.id }];
    expect((await query(member.principal, ENTITIES, { r: representations })).data?._entities).toEqual([file]);
    expect((await query(owner.principal, ENTITIES, { r: representations })).data?._entities).toEqual([file]);
    const other = await testMember(database.url, 'member', owner.orgId);
    const denied = await query(other.principal, ENTITIES, { r: representations });
    expect(denied.data?._entities).toEqual([null]);
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await outboxEvents(database.url, 'files', uuidOf(file.id))).toEqual([
      { type: 'file.uploaded', actor_id: member.userId, data: { name: 'mine.txt', contentType: 'text/plain', size: 4, aboutId: null, folderId: null } },
    ]);
  });

  it('keeps organizations apart: another organization’s file does not exist for it', async () => {
    const file = await upload(owner, 'board.txt', 'minutes');
    const foreign = await query(stranger.principal, ENTITIES, { r: [{ __typename: 'File', id: file.id }] });
    expect(foreign.data?._entities).toEqual([null]);
    expect((await query(stranger.principal, '{ files { totalCount } }')).data?.files).toEqual({ totalCount: 0 });
    expect(await files.refused(stranger.principal, 'fileRename', { id: file.id, name: 'taken.txt' })).toEqual(['FILE_NOT_FOUND']);
  });

  it('refuses guests and API keys without the files scope', async () => {
    const begin = await query(
      guest.principal,
      'mutation { fileUploadBegin(input: { name: "a.txt", contentType: "text/plain", size: 1 }) { userErrors { code } } }',
    );
    expect(begin.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const key = (scopes: string[]): Principal => ({ kind: 'api_key', keyId: uuidv7(), keyName: 'test', userId: member.userId, orgId: owner.orgId, scopes });
    const unscoped = await query(key(['tasks:read']), '{ files { totalCount } }');
    expect(unscoped.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await query(key(['files:read']), '{ files { totalCount } }')).data?.files.totalCount).toBeGreaterThan(0);
  });
});
