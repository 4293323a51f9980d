import { waitFor } from '@cellgraph/kernel/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCell, TEST_PASSWORD, type TestCell, type TestUser } from '../../../scripts/testing/cell-harness.js';

// Cell `all` through the gateway: identity's and tasks' events reach the audit log from their
// outboxes (routed by their `audited` declarations), with the caller's address and User-Agent.

const SIGN_IN = 'mutation($input: SessionCreateInput!) { sessionCreate(input: $input) { session { accessToken } userErrors { code } } }';
const CREATE_KEY = 'mutation($input: ApiKeyCreateInput!) { apiKeyCreate(input: $input) { apiKey { id } plainKey userErrors { code } } }';
const CREATE_TASK = 'mutation($input: TaskCreateInput!) { taskCreate(input: $input) { task { id } userErrors { code } } }';
const DELETE_TASK = 'mutation($input: TaskDeleteInput!) { taskDelete(input: $input) { deletedTaskId userErrors { code } } }';
const ENTRIES = `query($filter: AuditEntryFilter) { auditEntries(filter: $filter, first: 50) { nodes {
  seq action actor { id } actorApiKey { id name } clientAddress userAgent targetType targetId data } } }`;
const EXPORT = `mutation($input: AuditExportInput!) { auditExport(input: $input) { file { id name contentType downloadUrl } entries userErrors { code } } }`;

type Entry = {
  seq: number;
  action: string;
  actor: { id: string } | null;
  actorApiKey: { id: string; name: string } | null;
  clientAddress: string | null;
  userAgent: string | null;
  targetType: string | null;
  targetId: string | null;
  data: Record<string, unknown>;
};

let cell: TestCell;
let owner: TestUser;
beforeAll(async () => {
  cell = await startTestCell();
  owner = await cell.signUp('Audited owner');
}, 60_000);
afterAll(async () => {
  await cell?.stop();
});

const entries = async (filter: Record<string, unknown> = {}) => ((await cell.gql(ENTRIES, { filter }, owner.token)).data?.auditEntries?.nodes ?? []) as Entry[];
const entryOf = async (action: string): Promise<Entry> => {
  let found: Entry | undefined;
  await waitFor(async () => Boolean((found = (await entries({ action: { eq: action } }))[0])), `the audit entry ${action}`);
  return found!;
};

describe('the audit log of a cell', () => {
  it('records a failed sign-in, an API key created and a task deleted, with actor, address and User-Agent', async () => {
    const failed = await cell.gql(SIGN_IN, { input: { email: owner.email, password: `${TEST_PASSWORD}-wrong` } }, undefined, { 'user-agent': 'Mallory/2.0' });
    expect(failed.data!.sessionCreate.userErrors.length).toBeGreaterThan(0);

    const key = (await cell.gql(CREATE_KEY, { input: { name: 'Audit CI', scopes: ['tasks:write'] } }, owner.token, { 'user-agent': 'AdminConsole/1.0' })).data!
      .apiKeyCreate;
    const task = (await cell.gql(CREATE_TASK, { input: { title: 'Doomed' } }, key.plainKey)).data!.taskCreate.task;
    expect((await cell.gql(DELETE_TASK, { input: { id: task.id } }, key.plainKey, { 'user-agent': 'Zapier/7' })).data!.taskDelete.userErrors).toEqual([]);

    const signInFailed = await entryOf('user.sign_in_failed');
    expect(signInFailed).toMatchObject({
      actor: { id: owner.userId },
      actorApiKey: null,
      userAgent: 'Mallory/2.0',
      targetType: 'User',
      targetId: owner.userId,
    });
    expect(signInFailed.clientAddress).toMatch(/127\.0\.0\.1|::1/);

    expect(await entryOf('api_key.created')).toMatchObject({
      actor: { id: owner.userId },
      userAgent: 'AdminConsole/1.0',
      targetType: 'ApiKey',
      targetId: key.apiKey.id,
      data: { name: 'Audit CI', scopes: ['tasks:write'] },
    });

    const deleted = await entryOf('task.deleted');
    expect(deleted).toMatchObject({
      actor: { id: owner.userId },
      actorApiKey: { id: key.apiKey.id, name: 'Audit CI' },
      userAgent: 'Zapier/7',
      targetType: 'Task',
      targetId: task.id,
    });
    expect(deleted.clientAddress).toBeTruthy();
    // task.created is not declared audited: it is not recorded.
    expect(await entries({ action: { eq: 'task.created' } })).toEqual([]);

    const verified = (await cell.gql('{ auditVerify { intact headSeq } }', {}, owner.token)).data!.auditVerify;
    expect(verified.intact).toBe(true);
    expect(verified.headSeq).toBeGreaterThanOrEqual(3);
  }, 120_000);

  it('exports the entries to a File, and records the export', async () => {
    const task = { id: (await entryOf('task.deleted')).targetId! };
    const result = (await cell.gql(EXPORT, { input: { filter: { action: { startsWith: 'task.' } }, format: 'CSV' } }, owner.token)).data!.auditExport;
    expect(result.userErrors).toEqual([]);
    expect(result.entries).toBe(1);
    expect(result.file).toMatchObject({ contentType: 'text/csv', name: expect.stringMatching(/^audit-log-.*\.csv$/) });
    const csv = await (await fetch(result.file.downloadUrl)).text();
    const [header, line] = csv.trim().split('\r\n');
    expect(header!.startsWith('id,seq,action,')).toBe(true);
    expect(line).toContain(',task.deleted,');
    expect(line).toContain('Zapier/7');
    expect(line).toContain(`,Task,${task.id},`);

    const exported = await entryOf('audit.exported');
    expect(exported).toMatchObject({ actor: { id: owner.userId }, data: { format: 'CSV', entries: 1, fileId: result.file.id } });
  }, 60_000);
});
