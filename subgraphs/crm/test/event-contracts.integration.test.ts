import { EventContractError, eventQueueName, JobInspector, uuidv7, type PublishedEvent } from '@cellgraph/kernel';
import {
  createTestDatabase,
  startTestSubgraphs,
  testMember,
  withClient,
  type SubgraphHarness,
  type TestDatabase,
  type TestMember,
} from '@cellgraph/kernel/testing';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crmSubgraph } from '../src/index.js';

/*
 * The contracts between modules, on a real cell (Postgres, Redis, BullMQ): crm emits only what its
 * contracts declare, and its event worker (a consumer of collaboration's tag events) parses what
 * it receives — a malformed event goes to the dead-letter list at once, with the reason.
 */

let database: TestDatabase;
let harness: SubgraphHarness;
let owner: TestMember;

beforeAll(async () => {
  database = await createTestDatabase();
  harness = await startTestSubgraphs([crmSubgraph], { databaseUrl: database.url });
  owner = await testMember(database.url, 'owner');
});
afterAll(async () => {
  await harness?.stop();
  await database?.drop();
});

const until = async (condition: () => Promise<boolean>) => {
  const deadline = Date.now() + 15_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};

describe('crm as a producer', () => {
  const db = () => harness.servers[0]!.runtime.db;
  const emit = (type: string, data: Record<string, unknown>) =>
    db().transaction({ orgId: owner.orgId, userId: owner.userId }, (em) =>
      db().emit(em, { type, orgId: owner.orgId, subject: { type: 'Contact', id: uuidv7() }, data }),
    );
  const outboxCount = () => withClient(database.url, async (client) => Number((await client.query('SELECT count(*) FROM crm.outbox')).rows[0].count));

  it('emits an event that matches its contract', async () => {
    const before = await outboxCount();
    await emit('contact.deleted', { contactId: uuidv7(), title: 'Ada' });
    expect(await outboxCount()).toBe(before + 1);
  });

  it('may not emit a field of the wrong type, nor an event its contracts do not declare (and nothing is written)', async () => {
    const before = await outboxCount();
    await expect(emit('contact.deleted', { contactId: uuidv7(), title: 42 })).rejects.toThrow(/crm emitted contact\.deleted against its contract: data\.title/);
    await expect(emit('contact.exploded', { contactId: uuidv7() })).rejects.toThrow(EventContractError);
    expect(await outboxCount()).toBe(before);
  });
});

describe('crm as a consumer', () => {
  it('dead-letters a malformed event at once, with the reason, and goes on with the next one', async () => {
    const { redis, keyPrefix } = harness.platform;
    const queue = new Queue(eventQueueName('crm'), { connection: redis, prefix: keyPrefix });
    const inspector = new JobInspector(harness.platform.redisUrl, keyPrefix);
    // Collaboration's tag events, as its relay enqueues them (same options: several attempts).
    const tagged = (tagId: unknown): PublishedEvent => ({
      id: uuidv7(),
      type: 'entity.tagged',
      orgId: owner.orgId,
      actorId: owner.userId,
      subject: { type: 'Contact', id: uuidv7() },
      data: { tagId, tag: 'VIP' },
      requestId: null,
      occurredAt: new Date().toISOString(),
    });
    const enqueue = (event: PublishedEvent) =>
      queue.add(event.type, event, { jobId: event.id, attempts: 10, backoff: { type: 'exponential', delay: 500 }, removeOnFail: false });
    try {
      const malformed = tagged(42);
      await enqueue(malformed);
      await until(async () => (await queue.getJobState(malformed.id)) === 'failed');
      const [dead] = (await inspector.failed(eventQueueName('crm'))).filter((job) => job.id === malformed.id);
      expect(dead!.attempts).toBe(1);
      expect(dead!.failedReason).toMatch(new RegExp(`^Malformed entity\\.tagged event ${malformed.id}: data\\.tagId: .*expected string`, 'i'));

      const wellFormed = tagged(uuidv7());
      await enqueue(wellFormed);
      await until(async () => (await queue.getJobState(wellFormed.id)) === 'completed');
      const rows = await withClient(database.url, (client) => client.query('SELECT node_id FROM crm.node_tags WHERE tag_id = $1', [wellFormed.data.tagId]));
      expect(rows.rows).toEqual([{ node_id: wellFormed.subject!.id }]);
    } finally {
      inspector.close();
      await queue.close();
    }
  });
});
