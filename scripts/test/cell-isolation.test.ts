import { readSentEmails } from '@cellgraph/kernel';
import { TEST_REDIS_URL } from '@cellgraph/kernel/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCell, type TestCell, type TestUser } from '../testing/cell-harness.js';

/*
 * Two instances of a cell on one Redis, each with only its name and instance (no explicit
 * REDIS_KEY_PREFIX): whatever one does must reach none of the other's workers or listeners.
 */

const INVITE = 'mutation($input: InvitationCreateInput!) { invitationCreate(input: $input) { userErrors { code } } }';
const TASK = 'mutation($input: TaskCreateInput!) { taskCreate(input: $input) { task { id } userErrors { code } } }';
const INVITATIONS = 10;

const orgUuid = (globalId: string) => Buffer.from(globalId, 'base64url').toString().split(':')[1]!;

describe('two cells on one Redis', () => {
  let a: TestCell;
  let b: TestCell;
  let listener: Redis;
  const published: { channel: string; message: string }[] = [];

  beforeAll(async () => {
    listener = new Redis(TEST_REDIS_URL);
    listener.on('pmessage', (_pattern: string, channel: string, message: string) => published.push({ channel, message }));
    await listener.psubscribe('*');
    // Two whole cells at once: pools of 2 keep them well inside Postgres's connection limit
    // beside the other test file running meanwhile (with 4, two CI runs lost this start to it).
    const small = { env: { DATABASE_POOL_SIZE: '2' } };
    [a, b] = await Promise.all([startTestCell(small), startTestCell(small)]);
  }, 120_000);
  afterAll(async () => {
    listener?.disconnect();
    await Promise.all([a?.stop(), b?.stop()]);
  });

  it('derive distinct namespaces from the cell and instance', () => {
    expect(a.keyPrefix).toMatch(/^cellgraph:all:t[0-9a-f]+$/);
    expect(b.keyPrefix).not.toBe(a.keyPrefix);
  });

  it('share no jobs, live events or policy announcements', async () => {
    const [ownerA, ownerB]: TestUser[] = await Promise.all([a.signUp('Owner A'), b.signUp('Owner B')]);
    const invitees = Array.from({ length: INVITATIONS }, (_, i) => `invitee-${i}-${Date.now()}@example.test`);
    for (const email of invitees) {
      const invited = await a.gql(INVITE, { input: { email, role: 'MEMBER' } }, ownerA.token);
      expect(invited.data?.invitationCreate.userErrors).toEqual([]);
    }
    for (const [cell, owner] of [
      [a, ownerA],
      [b, ownerB],
    ] as const) {
      expect((await cell.gql(TASK, { input: { title: 'Isolated' } }, owner.token)).data?.taskCreate.userErrors).toEqual([]);
    }

    // Every invitation is e-mailed exactly once, by its own cell's worker, into its own cell's sink.
    const sent = (cell: TestCell) => readSentEmails(cell.emailDir).filter((mail) => invitees.includes(mail.to)).length;
    await expect.poll(() => sent(a) + sent(b), { timeout: 30_000, interval: 50 }).toBe(INVITATIONS);
    expect({ cellA: sent(a), cellB: sent(b) }).toEqual({ cellA: INVITATIONS, cellB: 0 });

    // Every pub/sub message about an organization (policy changes, live events) is on its cell's channels.
    for (const [cell, owner] of [
      [a, ownerA],
      [b, ownerB],
    ] as const) {
      const uuid = orgUuid(owner.organizationId);
      const about = () => published.filter(({ channel, message }) => channel.includes(uuid) || message.includes(uuid));
      await expect.poll(() => about().some(({ channel }) => channel.includes(':live:')), { timeout: 30_000, interval: 50 }).toBe(true);
      await expect.poll(() => about().some(({ channel }) => channel.endsWith(':authz:changed')), { timeout: 30_000, interval: 50 }).toBe(true);
      expect(
        about()
          .filter(({ channel }) => !channel.startsWith(`${cell.keyPrefix}:`))
          .map(({ channel }) => channel),
      ).toEqual([]);
    }
  }, 120_000);
});
