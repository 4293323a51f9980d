import { toGlobalId, uuidv7, type Principal } from '@cellgraph/kernel';
import {
  createTestDatabase,
  mutationsOf,
  outboxEvents,
  startTestSubgraphs,
  testMember,
  type SubgraphHarness,
  type TestDatabase,
  type TestMember,
} from '@cellgraph/kernel/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filesSubgraph } from '../src/index.js';

// Avatars on the files subgraph alone (signed requests, no gateway), against the test run's
// S3-compatible store: userAvatarSet's rules, User.avatar through _entities, who reads an avatar
// file, tenancy, API keys and user.avatarChanged.

/** A 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
/** The largest avatar the subgraph accepts here: the PNG and a few bytes more. */
const AVATAR_MAX = PNG.length + 16;

let database: TestDatabase;
let harness: SubgraphHarness;
let owner: TestMember;
let admin: TestMember;
let otherAdmin: TestMember;
let member: TestMember;
let colleague: TestMember;
let guest: TestMember;
let stranger: TestMember;

const files = mutationsOf(() => harness, 'files');

beforeAll(async () => {
  database = await createTestDatabase();
  harness = await startTestSubgraphs([filesSubgraph], { databaseUrl: database.url, env: { FILE_AVATAR_MAX_SIZE: String(AVATAR_MAX) } });
  owner = await testMember(database.url, 'owner');
  admin = await testMember(database.url, 'admin', owner.orgId);
  otherAdmin = await testMember(database.url, 'admin', owner.orgId);
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
const AVATARS = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on User { id avatar { id name contentType width height downloadUrl } } } }';
const avatarOf = async (viewer: TestMember, user: TestMember) =>
  ((await query(viewer.principal, AVATARS, { r: [{ __typename: 'User', id: user.globalUserId }] })).data?._entities as { avatar: { id: string } | null }[])[0]!
    .avatar;

async function begin(who: TestMember, name: string, contentType: string, body: Buffer): Promise<{ id: string; url: string; headers: Record<string, string> }> {
  const { upload } = await files.mutate<{ upload: { id: string; url: string; headers: { name: string; value: string }[] } }>(
    who.principal,
    'fileUploadBegin',
    { name, contentType, size: body.length },
    'upload { id url headers { name value } }',
  );
  return { ...upload, headers: Object.fromEntries(upload.headers.map((h) => [h.name, h.value])) };
}

async function upload(who: TestMember, name: string, contentType: string, body: Buffer): Promise<string> {
  const begun = await begin(who, name, contentType, body);
  const sent = await fetch(begun.url, { method: 'PUT', headers: begun.headers, body: new Uint8Array(body) });
  expect(sent.status).toBe(200);
  return (await files.mutate<{ file: { id: string } }>(who.principal, 'fileUploadComplete', { uploadId: begun.id }, 'file { id }')).file.id;
}

const setAvatar = (who: TestMember, input: Record<string, unknown>) =>
  files.mutate<{ user: { id: string; avatar: { id: string } | null } }>(who.principal, 'userAvatarSet', input, 'user { id avatar { id } }');

describe('avatars', () => {
  it('sets your own avatar, shows it through _entities to every member of the organization and clears it', async () => {
    const image = await upload(member, 'me.png', 'image/png', PNG);
    const set = await setAvatar(member, { fileId: image });
    expect(set.user).toEqual({ id: member.globalUserId, avatar: { id: image } });

    // The file is unattached: only its uploader and administrators could read it, until it became an avatar.
    for (const viewer of [member, colleague, guest, admin]) {
      expect(await avatarOf(viewer, member)).toMatchObject({ id: image, name: 'me.png', contentType: 'image/png', width: 1, height: 1 });
    }
    const seen = (await query(guest.principal, AVATARS, { r: [{ __typename: 'User', id: member.globalUserId }] })).data?._entities as {
      avatar: { downloadUrl: string };
    }[];
    const downloaded = await fetch(seen[0]!.avatar.downloadUrl);
    expect(downloaded.status).toBe(200);
    expect(Buffer.from(await downloaded.arrayBuffer())).toEqual(PNG);
    const file = await query(colleague.principal, 'query($id: ID!) { file(id: $id) { id } }', { id: image });
    expect(file.errors).toBeUndefined();
    expect(file.data?.file).toEqual({ id: image });
    expect(await avatarOf(member, colleague)).toBeNull();

    expect((await setAvatar(member, { fileId: null })).user).toEqual({ id: member.globalUserId, avatar: null });
    expect(await avatarOf(colleague, member)).toBeNull();
    // No longer an avatar: the file is the uploader's again.
    expect((await query(colleague.principal, 'query($id: ID!) { file(id: $id) { id } }', { id: image })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    expect(await outboxEvents(database.url, 'files', member.userId)).toEqual([
      { type: 'user.avatarChanged', actor_id: member.userId, data: { fileId: image, previousFileId: null } },
      { type: 'user.avatarChanged', actor_id: member.userId, data: { fileId: null, previousFileId: image } },
    ]);
    // Clearing what is already clear changes nothing and emits nothing.
    await setAvatar(member, { fileId: null });
    expect(await outboxEvents(database.url, 'files', member.userId)).toHaveLength(2);
  });

  it('refuses files that are not a completed, untrashed image of yours within the size limit, with coded user errors', async () => {
    const text = await upload(member, 'notes.txt', 'text/plain', Buffer.from('not an image'));
    expect(await files.refused(member.principal, 'userAvatarSet', { fileId: text })).toEqual(['FILE_AVATAR_NOT_IMAGE']);

    const large = Buffer.concat([PNG, Buffer.alloc(64)]);
    const big = await upload(member, 'big.png', 'image/png', large);
    expect(await files.refused(member.principal, 'userAvatarSet', { fileId: big })).toEqual(['FILE_AVATAR_TOO_LARGE']);

    const theirs = await upload(colleague, 'theirs.png', 'image/png', PNG);
    expect(await files.refused(member.principal, 'userAvatarSet', { fileId: theirs })).toEqual(['FILE_AVATAR_NOT_YOURS']);

    const pending = await begin(member, 'pending.png', 'image/png', PNG);
    expect(await files.refused(member.principal, 'userAvatarSet', { fileId: pending.id })).toEqual(['FILE_AVATAR_UPLOAD_INCOMPLETE']);

    const trashed = await upload(member, 'trashed.png', 'image/png', PNG);
    await files.mutate(member.principal, 'fileDelete', { id: trashed }, 'deletedFileId');
    expect(await files.refused(member.principal, 'userAvatarSet', { fileId: trashed })).toEqual(['FILE_NOT_FOUND']);

    expect(await files.refused(member.principal, 'userAvatarSet', { fileId: toGlobalId('File', uuidv7()) })).toEqual(['FILE_NOT_FOUND']);
    expect(await files.refused(member.principal, 'userAvatarSet', { fileId: 'nonsense' })).toEqual(['FILE_INVALID_INPUT']);
    expect(await files.refused(member.principal, 'userAvatarSet', {})).toEqual(['FILE_INVALID_INPUT']);
    expect(await avatarOf(member, member)).toBeNull();
  });

  it('hides an avatar whose file is in the trash until it is restored, and forgets it when the file is purged', async () => {
    const image = await upload(colleague, 'face.png', 'image/png', PNG);
    await setAvatar(colleague, { fileId: image });
    await files.mutate(colleague.principal, 'fileDelete', { id: image }, 'deletedFileId');
    expect(await avatarOf(member, colleague)).toBeNull();
    await files.mutate(colleague.principal, 'fileRestore', { id: image }, 'file { id }');
    expect(await avatarOf(member, colleague)).toMatchObject({ id: image });
    await files.mutate(colleague.principal, 'fileDelete', { id: image }, 'deletedFileId');
    await files.mutate(owner.principal, 'filePurge', { id: image }, 'deletedFileId');
    expect(await avatarOf(member, colleague)).toBeNull();
    const again = await upload(colleague, 'face-2.png', 'image/png', PNG);
    expect((await setAvatar(colleague, { fileId: again })).user.avatar).toEqual({ id: again });
  });

  it('lets owners set anyone else’s avatar and admins those of members and guests; others are FORBIDDEN', async () => {
    const byAdmin = await upload(admin, 'for-member.png', 'image/png', PNG);
    expect((await setAvatar(admin, { userId: member.globalUserId, fileId: byAdmin })).user).toEqual({ id: member.globalUserId, avatar: { id: byAdmin } });
    expect(await outboxEvents(database.url, 'files', member.userId)).toContainEqual({
      type: 'user.avatarChanged',
      actor_id: admin.userId,
      data: { fileId: byAdmin, previousFileId: null },
    });
    expect((await setAvatar(admin, { userId: guest.globalUserId, fileId: byAdmin })).user.avatar).toEqual({ id: byAdmin });

    const denied = async (who: TestMember, userId: string, fileId: string | null) => {
      const result = await query(who.principal, 'mutation($input: UserAvatarSetInput!) { userAvatarSet(input: $input) { user { id } userErrors { code } } }', {
        input: { userId, fileId },
      });
      return result.errors?.[0]?.extensions?.code;
    };
    expect(await denied(admin, owner.globalUserId, byAdmin)).toBe('FORBIDDEN');
    expect(await denied(admin, otherAdmin.globalUserId, null)).toBe('FORBIDDEN');
    const byMember = await upload(member, 'for-colleague.png', 'image/png', PNG);
    expect(await denied(member, colleague.globalUserId, byMember)).toBe('FORBIDDEN');
    expect(await denied(guest, member.globalUserId, null)).toBe('FORBIDDEN');

    const byOwner = await upload(owner, 'for-admin.png', 'image/png', PNG);
    expect((await setAvatar(owner, { userId: admin.globalUserId, fileId: byOwner })).user.avatar).toEqual({ id: byOwner });
    expect(await files.refused(owner.principal, 'userAvatarSet', { userId: toGlobalId('User', uuidv7()), fileId: byOwner })).toEqual([
      'FILE_AVATAR_USER_NOT_FOUND',
    ]);
    expect(await files.refused(owner.principal, 'userAvatarSet', { userId: stranger.globalUserId, fileId: byOwner })).toEqual(['FILE_AVATAR_USER_NOT_FOUND']);
  });

  it('keeps organizations apart: another organization’s file and avatars do not exist for it', async () => {
    const image = await upload(owner, 'owner.png', 'image/png', PNG);
    await setAvatar(owner, { fileId: image });
    expect(await files.refused(stranger.principal, 'userAvatarSet', { fileId: image })).toEqual(['FILE_NOT_FOUND']);
    // The same user seen from another organization has no avatar there.
    expect(await avatarOf(stranger, owner)).toBeNull();
    const foreign = await query(stranger.principal, 'query($id: ID!) { file(id: $id) { id } }', { id: image });
    expect(foreign.data?.file).toBeNull();
    expect(await outboxEvents(database.url, 'files', stranger.userId)).toEqual([]);
  });

  it('refuses API keys (they never change a profile) and needs files:read for a key to see User.avatar', async () => {
    const image = await upload(member, 'key.png', 'image/png', PNG);
    await setAvatar(member, { fileId: image });
    const key = (scopes: string[]): Principal => ({ kind: 'api_key', keyId: uuidv7(), keyName: 'test', userId: member.userId, orgId: owner.orgId, scopes });
    const set = await query(key(['files:write']), 'mutation($input: UserAvatarSetInput!) { userAvatarSet(input: $input) { userErrors { code } } }', {
      input: { fileId: null },
    });
    expect(set.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await avatarOf(member, member)).toMatchObject({ id: image });
    const representations = { r: [{ __typename: 'User', id: member.globalUserId }] };
    const unscoped = await query(key(['tasks:read']), AVATARS, representations);
    expect(unscoped.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const scoped = await query(key(['files:read']), AVATARS, representations);
    expect((scoped.data?._entities as { avatar: { id: string } }[])[0]!.avatar.id).toBe(image);
  });
});
