// @vitest-environment happy-dom
import { screen, waitFor, within } from '@testing-library/dom';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { renderWithApollo, unmountAll } from '../../testing/render';
import { WebhookDeliveriesQuery, WebhookDeliveryRedeliverMutation, WebhookEndpointCreateMutation, WebhookEndpointsQuery } from './operations';
import { WebhooksPage } from './WebhooksPage';

afterEach(unmountAll);

const SECRET = 'whsec_SECRETvalue0123456789abcdefghijklmnopqrstu';

const endpoint = {
  __typename: 'WebhookEndpoint' as const,
  id: 'endpoint-1',
  url: 'https://hooks.example.com/in',
  description: null,
  eventTypes: ['task.created'],
  enabled: true,
  consecutiveFailures: 0,
  disabledAt: null,
  previousSecretExpiresAt: null,
  createdAt: '2026-01-01T00:00:00.000Z',
};

const eventTypes = [
  { __typename: 'WebhookEventType' as const, type: 'task.created', module: 'tasks', description: 'A task was created.' },
  { __typename: 'WebhookEventType' as const, type: 'contact.created', module: 'crm', description: null },
];

function listing(endpoints: (typeof endpoint)[]) {
  return {
    request: { query: WebhookEndpointsQuery },
    result: {
      data: {
        __typename: 'Query' as const,
        webhookEndpoints: { __typename: 'WebhookEndpointConnection' as const, totalCount: endpoints.length, nodes: endpoints },
        webhookEventTypes: eventTypes,
      },
    },
  };
}

const delivery = {
  __typename: 'WebhookDelivery' as const,
  id: 'delivery-1',
  eventId: 'event-1',
  eventType: 'task.created',
  state: 'SUCCEEDED' as const,
  attemptCount: 2,
  responseStatus: 200,
  responseBodyExcerpt: 'ok',
  durationMs: 42,
  nextAttemptAt: null,
  waitingFor: null,
  redelivery: false,
  createdAt: '2026-01-02T00:00:00.000Z',
  requestBody: '{"id":"event-1","type":"task.created"}',
  attempts: [
    {
      __typename: 'WebhookDeliveryAttempt' as const,
      number: 1,
      startedAt: '2026-01-02T00:00:00.000Z',
      responseStatus: 500,
      succeeded: false,
      error: null,
      durationMs: 30,
    },
    {
      __typename: 'WebhookDeliveryAttempt' as const,
      number: 2,
      startedAt: '2026-01-02T00:01:00.000Z',
      responseStatus: 200,
      succeeded: true,
      error: null,
      durationMs: 42,
    },
  ],
};

const deliveries = {
  request: { query: WebhookDeliveriesQuery, variables: { id: 'endpoint-1' } },
  result: {
    data: {
      __typename: 'Query' as const,
      webhookEndpoint: {
        __typename: 'WebhookEndpoint' as const,
        id: 'endpoint-1',
        url: endpoint.url,
        deliveries: { __typename: 'WebhookDeliveryConnection' as const, totalCount: 1, nodes: [delivery] },
      },
    },
  },
};

describe('WebhooksPage', () => {
  it('creates an endpoint for chosen event types and shows its secret once', async () => {
    const user = userEvent.setup();
    const mocks = [
      listing([]),
      {
        request: { query: WebhookEndpointCreateMutation, variables: { input: { url: endpoint.url, eventTypes: ['task.created'] } } },
        result: {
          data: {
            __typename: 'Mutation' as const,
            webhookEndpointCreate: {
              __typename: 'WebhookEndpointSecretPayload' as const,
              secret: SECRET,
              webhookEndpoint: { __typename: 'WebhookEndpoint' as const, id: endpoint.id, url: endpoint.url },
              userErrors: [],
            },
          },
        },
      },
      listing([endpoint]),
    ];
    renderWithApollo(<WebhooksPage />, mocks);

    await screen.findByText('No webhook endpoints yet');
    await user.click(screen.getAllByRole('button', { name: 'Add endpoint' })[0]!);
    const form = await screen.findByRole('dialog', { name: 'Add endpoint' });
    await user.type(within(form).getByLabelText('Endpoint URL'), endpoint.url);
    // Nothing chosen: refused before asking the server.
    await user.click(within(form).getByRole('button', { name: 'Add endpoint' }));
    expect(await within(form).findByText('Choose at least one event type')).toBeTruthy();
    await user.click(within(form).getByRole('checkbox', { name: /task\.created/ }));
    await user.click(within(form).getByRole('button', { name: 'Add endpoint' }));

    const shown = await screen.findByRole('dialog', { name: 'Signing secret' });
    expect(within(shown).getByText(SECRET)).toBeTruthy();
    expect(within(shown).getByRole('button', { name: 'Copy secret' })).toBeTruthy();
    within(shown).getByRole('button', { name: 'I have copied it' }).focus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(await screen.findByText(endpoint.url)).toBeTruthy();
    expect(document.body.textContent).not.toContain(SECRET);
  });

  it('shows an endpoint’s delivery log with its attempts and redelivers one', async () => {
    const user = userEvent.setup();
    const mocks = [
      listing([endpoint]),
      deliveries,
      {
        request: { query: WebhookDeliveryRedeliverMutation, variables: { input: { id: 'delivery-1' } } },
        result: {
          data: {
            __typename: 'Mutation' as const,
            webhookDeliveryRedeliver: {
              __typename: 'WebhookDeliveryPayload' as const,
              delivery: { __typename: 'WebhookDelivery' as const, id: 'delivery-2' },
              userErrors: [],
            },
          },
        },
      },
      deliveries,
    ];
    renderWithApollo(<WebhooksPage />, mocks);

    const actions = await screen.findByRole('group', { name: `Actions for ${endpoint.url}` });
    await user.click(within(actions).getByRole('button', { name: 'Deliveries' }));
    const log = await screen.findByRole('dialog', { name: `Deliveries to ${endpoint.url}` });
    expect(await within(log).findByText('Succeeded')).toBeTruthy();
    expect(within(log).getByText('#1: 500 (30 ms)')).toBeTruthy();
    expect(within(log).getByText('#2: 200 (42 ms)')).toBeTruthy();
    expect(within(log).getByText('42 ms')).toBeTruthy();
    await user.click(within(log).getByRole('button', { name: 'Redeliver task.created' }));
    expect(await within(log).findByText('The event will be delivered again.')).toBeTruthy();
  });
});
