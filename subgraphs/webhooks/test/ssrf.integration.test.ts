import { toGlobalId, uuidv7 } from '@cellgraph/kernel';
import {
  createTestDatabase,
  mutationsOf,
  startTestSubgraphs,
  testMember,
  uuidOf,
  waitFor,
  withClient,
  type SubgraphHarness,
  type TestDatabase,
  type TestMember,
} from '@cellgraph/kernel/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webhooksSubgraph } from '../src/index.js';
import { CATALOG_PATH, WebhookReceiver } from './receiver.js';

/*
 * The SSRF guard as production runs it (WEBHOOK_ALLOW_PRIVATE_URLS=false): internal addresses and
 * plain http refused on create and update, and checked again at delivery time — an endpoint whose
 * host pointed elsewhere when it was saved (DNS rebinding) gets nothing sent to a loopback address.
 */

let database: TestDatabase;
let harness: SubgraphHarness;
let receiver: WebhookReceiver;
let owner: TestMember;

const webhooks = mutationsOf(() => harness, 'webhooks');

beforeAll(async () => {
  database = await createTestDatabase();
  receiver = await WebhookReceiver.start();
  harness = await startTestSubgraphs([webhooksSubgraph], {
    databaseUrl: database.url,
    env: { WEBHOOK_EVENT_CATALOG_PATH: CATALOG_PATH, WEBHOOK_ALLOW_PRIVATE_URLS: 'false', WEBHOOK_RETRY_SCHEDULE_MS: '50', WEBHOOK_RETRY_JITTER: '0' },
  });
  owner = await testMember(database.url, 'owner');
});
afterAll(async () => {
  await harness?.stop();
  await receiver?.stop();
  await database?.drop();
});

describe('SSRF guard (private URLs not allowed)', () => {
  it('refuses plain http and URLs on internal addresses on create and update', async () => {
    for (const url of [
      receiver.url('local'),
      'https://127.0.0.1/hook',
      'https://localhost:8443/hook',
      'https://10.1.2.3/hook',
      'https://169.254.169.254/latest/meta-data',
      'https://100.64.0.1/',
      'https://[::1]/hook',
      'https://[::ffff:127.0.0.1]/hook',
      'https://[fd00::1]/hook',
      'https://0.0.0.0/',
    ]) {
      expect(await webhooks.refused(owner.principal, 'webhookEndpointCreate', { url, eventTypes: ['*'] }), url).toEqual(['WEBHOOK_ENDPOINT_URL_REFUSED']);
    }
    const answer = await harness.request(
      'webhooks',
      'mutation($input: WebhookEndpointCreateInput!) { webhookEndpointCreate(input: $input) { userErrors { code field message } } }',
      { input: { url: 'https://127.0.0.1/hook', eventTypes: ['*'] } },
      { ...owner.principal, locale: 'de' } as never,
    );
    expect(answer.data!.webhookEndpointCreate.userErrors[0]).toMatchObject({ field: ['input', 'url'], message: expect.stringContaining('URL') });
  });

  it('checks the address again at delivery time and sends nothing to an internal one', async () => {
    // As if the host had resolved to a public address when it was saved, and to loopback now.
    const id = uuidv7();
    await withClient(database.url, (client) =>
      client.query(`INSERT INTO webhooks.webhook_endpoints (id, org_id, url, event_types, secret_sealed, created_by) VALUES ($1, $2, $3, '{*}', 'unset', $4)`, [
        id,
        owner.orgId,
        receiver.url('rebound'),
        owner.userId,
      ]),
    );
    // A real secret is needed to sign: rotate through the API (which seals one).
    const globalId = toGlobalId('WebhookEndpoint', id);
    await webhooks.mutate(owner.principal, 'webhookEndpointSecretRotate', { id: globalId, overlapHours: 0 }, 'secret');
    const ping = (await webhooks.mutate(owner.principal, 'webhookEndpointPing', { id: globalId }, 'delivery { id }')).delivery;
    const state = async () =>
      withClient(
        database.url,
        async (client) => (await client.query('SELECT state, error, attempt_count FROM webhooks.webhook_deliveries WHERE id = $1', [uuidOf(ping.id)])).rows[0],
      );
    await waitFor(async () => (await state()).state === 'failed', 'the delivery to fail for good');
    expect(await state()).toMatchObject({ state: 'failed', attempt_count: 2, error: expect.stringContaining('URL refused') });
    expect(receiver.to('rebound')).toEqual([]);
  });
});
