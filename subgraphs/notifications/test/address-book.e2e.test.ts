import { uuidOf, withClient } from '@cellgraph/kernel/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCell, waitUntilSettled, type TestCell } from '../../../scripts/testing/cell-harness.js';

let cell: TestCell;
beforeAll(async () => {
  cell = await startTestCell();
}, 120_000);
afterAll(async () => {
  await cell?.stop();
});

const names = (userId: string) =>
  withClient(cell.database.url, async (db) =>
    (await db.query<{ name: string }>('SELECT name FROM notifications.recipients WHERE user_id = $1 ORDER BY org_id', [userId])).rows.map((row) => row.name),
  );

describe('the address book', () => {
  it('follows a member’s new name (user.updated) in every organization they belong to', async () => {
    const alice = await cell.signUp('Alice Before');
    const bob = await cell.signUp('Bob');
    const created = await cell.gql(
      'mutation($input: OrganizationCreateInput!) { organizationCreate(input: $input) { organization { id } userErrors { code } } }',
      { input: { name: 'Second Co' } },
      alice.token,
    );
    expect(created.data!.organizationCreate.userErrors).toEqual([]);
    const aliceId = uuidOf(alice.userId);
    await waitUntilSettled(cell);
    expect(await names(aliceId)).toEqual(['Alice Before', 'Alice Before']);

    const updated = await cell.gql(
      'mutation($input: UserUpdateInput!) { userUpdate(input: $input) { user { name } userErrors { code } } }',
      { input: { name: 'Alice After' } },
      alice.token,
    );
    expect(updated.data!.userUpdate).toEqual({ user: { name: 'Alice After' }, userErrors: [] });
    await waitUntilSettled(cell);
    // user.updated belongs to no organization: the maintenance role renames her in both.
    expect(await names(aliceId)).toEqual(['Alice After', 'Alice After']);
    expect(await names(uuidOf(bob.userId))).toEqual(['Bob']);
  }, 120_000);
});
