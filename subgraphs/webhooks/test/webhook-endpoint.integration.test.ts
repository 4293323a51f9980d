import { toGlobalId, uuidv7, webhookSignatureValid, type Principal } from '@cellgraph/kernel';
import {
  createTestDatabase,
  mutationsOf,
  outboxEvents,
  startTestSubgraphs,
  testMember,
  uuidOf,
  waitFor,
  withClient,
  type GraphQLData,
  type SubgraphHarness,
  type TestDatabase,
  type TestMember,
} from '@cellgraph/kernel/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DELIVER_JOB } from '../src/delivery/delivery.service.js';
import { webhooksSubgraph } from '../src/index.js';
import { CATALOG_PATH, WebhookReceiver, type Received } from './receiver.js';

/*
 * Webhooks end to end against a real receiver (node:http on a free port): the module's own events
 * (webhook_endpoint.*) are what is delivered — it consumes every event of the cell, its own too.
 * Retries come 100 ms apart (WEBHOOK_RETRY_SCHEDULE_MS), 4 attempts in all; 2 deliveries failed
 * for good in a row disable an endpoint.
 */

let database: TestDatabase;
let harness: SubgraphHarness;
let receiver: WebhookReceiver;
let owner: TestMember;
let admin: TestMember;
let member: TestMember;
let guest: TestMember;
let stranger: TestMember;

const webhooks = mutationsOf(() => harness, 'webhooks');

beforeAll(async () => {
  database = await createTestDatabase();
  receiver = await WebhookReceiver.start();
  harness = await startTestSubgraphs([webhooksSubgraph], {
    databaseUrl: database.url,
    env: {
      WEBHOOK_EVENT_CATALOG_PATH: CATALOG_PATH,
      WEBHOOK_RETRY_SCHEDULE_MS: '100,100,100',
      WEBHOOK_RETRY_JITTER: '0',
      WEBHOOK_DISABLE_AFTER_FAILURES: '2',
      WEBHOOK_ORDER_RECHECK_MS: '100',
      // The ordering test orders its events itself; nothing else needs the settle window.
      WEBHOOK_ORDER_SETTLE_MS: '0',
    },
  });
  owner = await testMember(database.url, 'owner');
  // Members are granted before anyone asks: the harness's processes cache an organization's policies.
  admin = await testMember(database.url, 'admin', owner.orgId);
  member = await testMember(database.url, 'member', owner.orgId);
  guest = await testMember(database.url, 'guest', owner.orgId);
  stranger = await testMember(database.url, 'owner');
});
afterAll(async () => {
  await harness?.stop();
  await receiver?.stop();
  await database?.drop();
});

const query = (principal: Principal, text: string, variables: Record<string, unknown> = {}) => harness.request('webhooks', text, variables, principal);
const FIELDS = 'id url description eventTypes enabled consecutiveFailures createdBy { id }';
const DELIVERY =
  'id eventId eventType state attemptCount redelivery waitingFor requestBody requestHeaders responseStatus responseBodyExcerpt durationMs nextAttemptAt attempts { number responseStatus succeeded error durationMs }';

async function create(url: string, eventTypes: string[], who: TestMember = owner) {
  const payload = await webhooks.mutate(who.principal, 'webhookEndpointCreate', { url, eventTypes }, `secret webhookEndpoint { ${FIELDS} }`);
  return { ...payload.webhookEndpoint, secret: payload.secret as string };
}
const read = async (id: string, who: TestMember = owner) =>
  (await query(who.principal, `query($id: ID!) { webhookEndpoint(id: $id) { ${FIELDS} } }`, { id })).data?.webhookEndpoint;
const deliveriesOf = async (id: string, who: TestMember = owner) =>
  (await query(who.principal, `query($id: ID!) { webhookEndpoint(id: $id) { deliveries(first: 50) { totalCount nodes { ${DELIVERY} } } } }`, { id })).data!
    .webhookEndpoint.deliveries.nodes as GraphQLData[];
const eventIdOf = async (subjectGlobalId: string, type: string) =>
  withClient(
    database.url,
    async (client) =>
      (await client.query(`SELECT id FROM webhooks.outbox WHERE subject_id = $1 AND type = $2`, [uuidOf(subjectGlobalId), type])).rows[0]?.id as string,
  );
const handledEvent = (path: string, eventId: string) => receiver.handled.get(`/${path} ${eventId}`);
const signedWith = (secret: string, request: Received) => webhookSignatureValid(secret, request.body, request.headers['cellgraph-signature'] as string);

describe('webhook endpoints', () => {
  it('are created by an owner or admin with a secret shown once, updated, listed, moved to the trash and restored', async () => {
    const endpoint = await create(receiver.url('life'), ['task.*', 'contact.created'], admin);
    expect(endpoint).toMatchObject({ url: receiver.url('life'), eventTypes: ['task.*', 'contact.created'], enabled: true, description: null });
    expect(endpoint.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const stored = await withClient(
      database.url,
      async (client) => (await client.query('SELECT secret_sealed FROM webhooks.webhook_endpoints WHERE id = $1', [uuidOf(endpoint.id)])).rows[0],
    );
    expect(stored.secret_sealed).not.toContain(endpoint.secret.slice(6));
    // The secret is never readable again.
    expect(
      (await query(owner.principal, `{ __type(name: "WebhookEndpoint") { fields { name } } }`)).data!.__type.fields.map((f: { name: string }) => f.name),
    ).not.toContain('secret');

    const updated = (
      await webhooks.mutate(
        owner.principal,
        'webhookEndpointUpdate',
        { id: endpoint.id, description: 'CRM sync', enabled: false },
        `webhookEndpoint { ${FIELDS} }`,
      )
    ).webhookEndpoint;
    expect(updated).toMatchObject({ description: 'CRM sync', enabled: false });
    expect(await webhooks.refused(owner.principal, 'webhookEndpointUpdate', { id: endpoint.id, eventTypes: ['no_such.event'] })).toEqual([
      'WEBHOOK_ENDPOINT_UNKNOWN_EVENT_TYPE',
    ]);
    expect(await webhooks.refused(owner.principal, 'webhookEndpointCreate', { url: receiver.url('x'), eventTypes: ['task.created', 'nothing.*'] })).toEqual([
      'WEBHOOK_ENDPOINT_UNKNOWN_EVENT_TYPE',
    ]);
    expect(await webhooks.refused(owner.principal, 'webhookEndpointCreate', { url: receiver.url('x'), eventTypes: [] })).toEqual([
      'WEBHOOK_ENDPOINT_INVALID_INPUT',
    ]);
    expect(await webhooks.refused(owner.principal, 'webhookEndpointCreate', { url: 'ftp://example.com/', eventTypes: ['*'] })).toEqual([
      'WEBHOOK_ENDPOINT_URL_REFUSED',
    ]);

    const listed = await query(owner.principal, `query($filter: WebhookEndpointFilter) { webhookEndpoints(filter: $filter) { totalCount nodes { id } } }`, {
      filter: { url: { eq: receiver.url('life') } },
    });
    expect(listed.data!.webhookEndpoints).toEqual({ totalCount: 1, nodes: [{ id: endpoint.id }] });

    await webhooks.mutate(owner.principal, 'webhookEndpointDelete', { id: endpoint.id }, 'deletedWebhookEndpointId');
    expect(await read(endpoint.id)).toBeNull();
    expect((await webhooks.mutate(owner.principal, 'webhookEndpointRestore', { id: endpoint.id }, `webhookEndpoint { ${FIELDS} }`)).webhookEndpoint).toEqual(
      updated,
    );
    expect((await outboxEvents(database.url, 'webhooks', uuidOf(endpoint.id))).map((event) => event.type)).toEqual([
      'webhook_endpoint.created',
      'webhook_endpoint.updated',
      'webhook_endpoint.deleted',
      'webhook_endpoint.restored',
    ]);
  });

  it('offer the cell’s event catalog with each type’s module and JSON Schema', async () => {
    const types = (await query(owner.principal, '{ webhookEventTypes { type module description schema } }')).data!.webhookEventTypes as GraphQLData[];
    expect(types.length).toBeGreaterThan(100);
    expect(types.find((type) => type.type === 'webhook_endpoint.disabled')).toMatchObject({
      module: 'webhooks',
      description: expect.stringContaining('disabled'),
      schema: { type: 'object', properties: { url: { type: 'string' }, consecutiveFailures: { type: 'integer' } } },
    });
    expect(types.some((type) => type.type === 'task.created' && type.module === 'tasks')).toBe(true);
  });
});

describe('delivery', () => {
  it('POSTs signed events, retries failures with backoff until a 2xx, and logs every attempt', async () => {
    const org = await testMember(database.url, 'owner');
    const hook = await create(receiver.url('retry', { failures: 2 }), ['webhook_endpoint.*'], org);
    const other = await create(receiver.url('quiet'), ['task.*'], org);
    const eventId = await eventIdOf(other.id, 'webhook_endpoint.created');
    await waitFor(() => handledEvent('retry', eventId) !== undefined, 'the third attempt to succeed');

    const attempts = receiver.to('retry').filter((request) => request.json.id === eventId);
    expect(attempts.map((request) => request.status)).toEqual([500, 500, 200]);
    for (const request of attempts) {
      expect(signedWith(hook.secret, request)).toBe(true);
      expect(signedWith(other.secret, request)).toBe(false);
      expect(request.headers).toMatchObject({
        'content-type': 'application/json',
        'cellgraph-event-id': eventId,
        'cellgraph-event-type': 'webhook_endpoint.created',
        'user-agent': expect.stringContaining('Cellgraph-Webhooks'),
      });
    }
    expect(attempts[2]!.json).toEqual({
      id: eventId,
      type: 'webhook_endpoint.created',
      occurredAt: expect.any(String),
      organizationId: toGlobalId('Organization', org.orgId),
      data: { object: { id: other.id, type: 'WebhookEndpoint', after: { url: other.url, description: null, eventTypes: ['task.*'], enabled: true } } },
    });
    // Nothing of another organization's endpoints, and the quiet endpoint subscribed to nothing that happened.
    expect(receiver.to('quiet')).toEqual([]);

    await waitFor(async () => (await deliveriesOf(hook.id, org)).some((d) => d.eventId === eventId && d.state === 'SUCCEEDED'), 'the log to show it');
    const logged = (await deliveriesOf(hook.id, org)).find((d) => d.eventId === eventId)!;
    expect(logged).toMatchObject({
      eventType: 'webhook_endpoint.created',
      state: 'SUCCEEDED',
      attemptCount: 3,
      redelivery: false,
      responseStatus: 200,
      responseBodyExcerpt: `ok ${eventId}`,
      nextAttemptAt: null,
      requestHeaders: { 'cellgraph-event-id': eventId, 'cellgraph-signature': expect.stringMatching(/^t=\d+,v1=[0-9a-f]{64}$/) },
    });
    expect(JSON.parse(logged.requestBody)).toEqual(attempts[2]!.json);
    expect(logged.attempts).toEqual([
      { number: 1, responseStatus: 500, succeeded: false, error: null, durationMs: expect.any(Number) },
      { number: 2, responseStatus: 500, succeeded: false, error: null, durationMs: expect.any(Number) },
      { number: 3, responseStatus: 200, succeeded: true, error: null, durationMs: expect.any(Number) },
    ]);

    // An update carries the values before as previousAttributes.
    await webhooks.mutate(org.principal, 'webhookEndpointUpdate', { id: other.id, description: 'Tasks only' }, 'webhookEndpoint { id }');
    const updateId = await eventIdOf(other.id, 'webhook_endpoint.updated');
    await waitFor(() => handledEvent('retry', updateId) !== undefined, 'the update to arrive');
    expect(handledEvent('retry', updateId)!.json.data).toEqual({
      object: { id: other.id, type: 'WebhookEndpoint', fields: ['description'], before: { description: null }, after: { description: 'Tasks only' } },
      previousAttributes: { description: null },
    });

    // Redelivered: a new delivery of the same event id, which the receiver acknowledges without handling it twice.
    const redelivered = (await webhooks.mutate(org.principal, 'webhookDeliveryRedeliver', { id: logged.id }, `delivery { ${DELIVERY} }`)).delivery;
    expect(redelivered).toMatchObject({ eventId, redelivery: true, state: 'PENDING' });
    await waitFor(async () => (await deliveriesOf(hook.id, org)).some((d) => d.id === redelivered.id && d.state === 'SUCCEEDED'), 'the redelivery');
    expect(
      receiver
        .to('retry')
        .filter((request) => request.json.id === eventId)
        .map((request) => request.status),
    ).toEqual([500, 500, 200, 200]);
    expect(handledEvent('retry', eventId)).toBe(attempts[2]);
  });

  it('keeps the order of one object’s events: a later event waits while an earlier one is pending', async () => {
    const org = await testMember(database.url, 'owner');
    const ordered = await create(receiver.url('ordered', { failures: 1 }), ['webhook_endpoint.*'], org);
    const subject = await create(receiver.url('subject'), ['task.*'], org);
    await waitFor(async () => handledEvent('ordered', await eventIdOf(subject.id, 'webhook_endpoint.created')) !== undefined, 'the creation');
    // An earlier event of the object is still pending for this endpoint: its retry is an hour away.
    const earlierEvent = uuidv7();
    const earlier = uuidv7();
    const body = JSON.stringify({
      id: earlierEvent,
      type: 'webhook_endpoint.updated',
      occurredAt: new Date().toISOString(),
      organizationId: toGlobalId('Organization', org.orgId),
      data: { object: { id: subject.id, type: 'WebhookEndpoint' } },
    });
    await withClient(database.url, (client) =>
      client.query(
        `INSERT INTO webhooks.webhook_deliveries (id, org_id, endpoint_id, event_id, event_type, subject_key, request_body, attempt_count, next_attempt_at)
         VALUES ($1, $2, $3, $4, 'webhook_endpoint.updated', $5, $6, 1, now() + interval '1 hour')`,
        [earlier, org.orgId, uuidOf(ordered.id), earlierEvent, `WebhookEndpoint:${uuidOf(subject.id)}`, body],
      ),
    );

    await webhooks.mutate(org.principal, 'webhookEndpointUpdate', { id: subject.id, description: 'Later' }, 'webhookEndpoint { id }');
    const later = await eventIdOf(subject.id, 'webhook_endpoint.updated');
    const deliveryOf = async (eventId: string) => (await deliveriesOf(ordered.id, org)).find((d) => d.eventId === eventId);
    await waitFor(async () => (await deliveryOf(later))?.waitingFor === toGlobalId('WebhookDelivery', earlier), 'the later event to wait');
    expect(receiver.to('ordered').filter((request) => request.json.id === later)).toEqual([]);
    expect((await deliveryOf(later))!.attemptCount).toBe(0);

    // The earlier one's retry comes due: it goes out (failing once, then succeeding), and the later one only after it.
    await withClient(database.url, (client) => client.query(`UPDATE webhooks.webhook_deliveries SET next_attempt_at = now() WHERE id = $1`, [earlier]));
    await harness.servers.find((server) => server.name === 'webhooks')!.runtime.jobs.enqueue(DELIVER_JOB, { orgId: org.orgId, deliveryId: earlier });
    await waitFor(async () => (await deliveryOf(later))?.state === 'SUCCEEDED', 'the later event delivered');
    const log = receiver.to('ordered').filter((request) => [earlierEvent, later].includes(request.json.id));
    expect(log.map((request) => [request.json.id === earlierEvent ? 'earlier' : 'later', request.status])).toEqual([
      ['earlier', 500],
      ['earlier', 200],
      ['later', 500],
      ['later', 200],
    ]);
    expect((await deliveryOf(later))!.waitingFor).toBeNull();
  });

  it('signs with both secrets during a rotation’s overlap, with the new one alone after it', async () => {
    const org = await testMember(database.url, 'owner');
    const hook = await create(receiver.url('rotating'), ['task.*'], org);
    const rotated = await webhooks.mutate(org.principal, 'webhookEndpointSecretRotate', { id: hook.id, overlapHours: 2 }, 'secret webhookEndpoint { id }');
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(hook.secret);
    const ping = (await webhooks.mutate(org.principal, 'webhookEndpointPing', { id: hook.id }, 'delivery { id eventId eventType }')).delivery;
    await waitFor(() => handledEvent('rotating', ping.eventId) !== undefined, 'the ping');
    const during = handledEvent('rotating', ping.eventId)!;
    expect(during.headers['cellgraph-signature']).toMatch(/^t=\d+,v1=[0-9a-f]{64},v1=[0-9a-f]{64}$/);
    expect(signedWith(rotated.secret, during)).toBe(true);
    expect(signedWith(hook.secret, during)).toBe(true);

    const again = await webhooks.mutate(org.principal, 'webhookEndpointSecretRotate', { id: hook.id, overlapHours: 0 }, 'secret');
    const second = (await webhooks.mutate(org.principal, 'webhookEndpointPing', { id: hook.id }, 'delivery { eventId }')).delivery;
    await waitFor(() => handledEvent('rotating', second.eventId) !== undefined, 'the second ping');
    const after = handledEvent('rotating', second.eventId)!;
    expect(signedWith(again.secret, after)).toBe(true);
    expect(signedWith(rotated.secret, after)).toBe(false);
    expect(await webhooks.refused(org.principal, 'webhookEndpointSecretRotate', { id: hook.id, overlapHours: 500 })).toEqual([
      'WEBHOOK_ENDPOINT_INVALID_INPUT',
    ]);
    expect((await outboxEvents(database.url, 'webhooks', uuidOf(hook.id))).map((event) => event.type)).toContain('webhook_endpoint.secret_rotated');
  });

  it('pings an endpoint with a ping event about it', async () => {
    const org = await testMember(database.url, 'owner');
    const hook = await create(receiver.url('ping'), ['task.created'], org);
    const ping = (await webhooks.mutate(org.principal, 'webhookEndpointPing', { id: hook.id }, 'delivery { eventId eventType state }')).delivery;
    expect(ping).toMatchObject({ eventType: 'ping', state: 'PENDING' });
    await waitFor(() => handledEvent('ping', ping.eventId) !== undefined, 'the ping');
    expect(handledEvent('ping', ping.eventId)!.json).toMatchObject({
      type: 'ping',
      organizationId: toGlobalId('Organization', org.orgId),
      data: { object: { id: hook.id, type: 'WebhookEndpoint', url: hook.url, eventTypes: ['task.created'] } },
    });
    expect(signedWith(hook.secret, handledEvent('ping', ping.eventId)!)).toBe(true);
    await waitFor(async () => (await deliveriesOf(hook.id, org)).some((d) => d.eventId === ping.eventId && d.state === 'SUCCEEDED'), 'the log');
  });

  it('disables an endpoint after consecutive deliveries failed for good, with webhook_endpoint.disabled', async () => {
    const org = await testMember(database.url, 'owner');
    const failing = await create(receiver.url('down', { always: true }), ['webhook_endpoint.*'], org);
    // Its own creation is one event, another endpoint's the second.
    await create(receiver.url('bystander'), ['task.*'], org);
    await waitFor(async () => (await read(failing.id, org))?.enabled === false, 'the endpoint to be disabled', 120_000);
    expect(await read(failing.id, org)).toMatchObject({ enabled: false, consecutiveFailures: 2 });
    const deliveries = await deliveriesOf(failing.id, org);
    const failed = deliveries.filter((d) => d.state === 'FAILED');
    expect(failed).toHaveLength(2);
    for (const delivery of failed) expect(delivery.attempts.map((a: { responseStatus: number }) => a.responseStatus)).toEqual([500, 500, 500, 500]);
    const events = await outboxEvents(database.url, 'webhooks', uuidOf(failing.id));
    expect(events.find((event) => event.type === 'webhook_endpoint.disabled')).toMatchObject({
      actor_id: null,
      data: { url: failing.url, consecutiveFailures: 2, recipients: [org.userId] },
    });
    // Nothing more is delivered to it, and a redelivery is refused until it is enabled again.
    expect(await webhooks.refused(org.principal, 'webhookDeliveryRedeliver', { id: failed[0]!.id })).toEqual(['WEBHOOK_ENDPOINT_DISABLED']);
    const enabled = (await webhooks.mutate(org.principal, 'webhookEndpointUpdate', { id: failing.id, enabled: true }, `webhookEndpoint { ${FIELDS} }`))
      .webhookEndpoint;
    expect(enabled).toMatchObject({ enabled: true, consecutiveFailures: 0 });
  });
});

describe('_entities', () => {
  it('resolves a webhook endpoint by reference, and null for an unknown id, another organization’s or one in the trash', async () => {
    const endpoint = await create(receiver.url('ref'), ['task.*']);
    const theirs = await create(receiver.url('theirs'), ['task.*'], stranger);
    const trashed = await create(receiver.url('trashed'), ['task.*']);
    await webhooks.mutate(owner.principal, 'webhookEndpointDelete', { id: trashed.id }, 'deletedWebhookEndpointId');
    const representations = [endpoint.id, toGlobalId('WebhookEndpoint', uuidv7()), theirs.id, trashed.id].map((id) => ({ __typename: 'WebhookEndpoint', id }));
    const result = await query(owner.principal, 'query($r: [_Any!]!) { _entities(representations: $r) { ... on WebhookEndpoint { id url } } }', {
      r: representations,
    });
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toEqual([{ id: endpoint.id, url: endpoint.url }, null, null, null]);
    // A member may not read it by reference either.
    const denied = await query(member.principal, 'query($r: [_Any!]!) { _entities(representations: $r) { ... on WebhookEndpoint { id } } }', {
      r: representations.slice(0, 1),
    });
    expect(denied.data!._entities).toEqual([null]);
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('tenancy', () => {
  it('keeps another organization from reading or changing an endpoint, and never delivers it another organization’s events', async () => {
    const mine = await create(receiver.url('mine'), ['webhook_endpoint.*']);
    const theirs = await create(receiver.url('strangers'), ['webhook_endpoint.*'], stranger);
    expect(await read(mine.id, stranger)).toBeNull();
    const listed = (await query(stranger.principal, '{ webhookEndpoints { nodes { id } } }')).data!.webhookEndpoints.nodes as { id: string }[];
    expect(listed).toContainEqual({ id: theirs.id });
    expect(listed).not.toContainEqual({ id: mine.id });
    expect(await webhooks.refused(stranger.principal, 'webhookEndpointUpdate', { id: mine.id, description: 'Taken' })).toEqual(['WEBHOOK_ENDPOINT_NOT_FOUND']);
    expect(await webhooks.refused(stranger.principal, 'webhookEndpointPing', { id: mine.id })).toEqual(['WEBHOOK_ENDPOINT_NOT_FOUND']);
    expect(await webhooks.refused(stranger.principal, 'webhookEndpointSecretRotate', { id: mine.id, overlapHours: 0 })).toEqual(['WEBHOOK_ENDPOINT_NOT_FOUND']);
    await waitFor(async () => (await deliveriesOf(mine.id)).length > 0, 'a delivery of mine');
    expect(await webhooks.refused(stranger.principal, 'webhookDeliveryRedeliver', { id: (await deliveriesOf(mine.id))[0]!.id })).toEqual([
      'WEBHOOK_DELIVERY_NOT_FOUND',
    ]);
    // Both organizations' endpoints have been created and delivered: each receiver got its own organization's events only.
    const mineEvent = await eventIdOf(mine.id, 'webhook_endpoint.created');
    const theirsEvent = await eventIdOf(theirs.id, 'webhook_endpoint.created');
    await waitFor(() => handledEvent('mine', mineEvent) !== undefined && handledEvent('strangers', theirsEvent) !== undefined, 'both deliveries');
    expect(new Set(receiver.to('strangers').map((request) => request.json.organizationId))).toEqual(new Set([toGlobalId('Organization', stranger.orgId)]));
    expect(receiver.to('strangers').some((request) => request.json.id === mineEvent)).toBe(false);
  });
});

describe('events outside any organization', () => {
  it('are handled and delivered nowhere', async () => {
    const everything = await create(receiver.url('everything'), ['*']);
    // As a module records a failed sign-in for an unknown e-mail: no organization.
    const eventId = uuidv7();
    await withClient(database.url, (client) =>
      client.query(`INSERT INTO webhooks.outbox (id, org_id, type, data) VALUES ($1, NULL, 'webhook_endpoint.restored', '{}')`, [eventId]),
    );
    await waitFor(
      async () =>
        withClient(database.url, async (client) => (await client.query('SELECT 1 FROM webhooks.event_inbox WHERE event_id = $1', [eventId])).rowCount === 1),
      'the event to be handled',
    );
    const deliveries = await withClient(
      database.url,
      async (client) => (await client.query('SELECT id FROM webhooks.webhook_deliveries WHERE event_id = $1', [eventId])).rows,
    );
    expect(deliveries).toEqual([]);
    expect(receiver.to('everything').some((request) => request.json.id === eventId)).toBe(false);
    expect(everything.enabled).toBe(true);
  });
});

describe('permissions', () => {
  it('refuses members and guests: they neither see nor manage endpoints', async () => {
    const endpoint = await create(receiver.url('admins-only'), ['task.*']);
    for (const who of [member, guest]) {
      const created = await query(
        who.principal,
        `mutation { webhookEndpointCreate(input: { url: "${receiver.url('sneaky')}", eventTypes: ["*"] }) { webhookEndpoint { id } } }`,
      );
      expect(created.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const listed = await query(who.principal, '{ webhookEndpoints { totalCount } }');
      expect(listed.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const one = await query(who.principal, `query($id: ID!) { webhookEndpoint(id: $id) { id } }`, { id: endpoint.id });
      expect(one.data!.webhookEndpoint).toBeNull();
      expect(one.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect((await query(who.principal, '{ webhookEventTypes { type } }')).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const rotated = await query(who.principal, `mutation($id: ID!) { webhookEndpointSecretRotate(input: { id: $id }) { secret } }`, { id: endpoint.id });
      expect(rotated.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });

  it('never lets an API key manage endpoints', async () => {
    const key: Principal = {
      kind: 'api_key',
      keyId: uuidv7(),
      keyName: 'test',
      userId: owner.userId,
      orgId: owner.orgId,
      scopes: ['webhooks:read', 'webhooks:write'],
    };
    const created = await query(
      key,
      `mutation { webhookEndpointCreate(input: { url: "${receiver.url('by-key')}", eventTypes: ["*"] }) { webhookEndpoint { id } } }`,
    );
    expect(created.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
