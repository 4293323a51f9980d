import { useMutation, useQuery } from '@apollo/client/react';
import { useMemo, useState, type FormEvent } from 'react';
import { fieldErrors } from '../../app/errors';
import { formatDateTime } from '../../app/format';
import { useT } from '../../app/i18n';
import type { WebhookDeliveryState } from '../../gql/graphql';
import { CopyButton } from '../../settings/CopyButton';
import { attempt } from '../../settings/shared';
import { Button, TextField } from '../../ui/controls';
import { Dialog, SlideOver } from '../../ui/Dialog';
import { PageHeader } from '../../ui/PageHeader';
import { EmptyState, ErrorState, Loading, Notice } from '../../ui/states';
import { m } from './messages';
import {
  WebhookDeliveriesQuery,
  WebhookDeliveryRedeliverMutation,
  WebhookEndpointCreateMutation,
  WebhookEndpointPingMutation,
  WebhookEndpointSecretRotateMutation,
  WebhookEndpointsQuery,
  WebhookEndpointUpdateMutation,
} from './operations';
import './webhooks.css';

interface EndpointRow {
  id: string;
  url: string;
  description?: string | null;
  eventTypes: string[];
  enabled: boolean;
  consecutiveFailures: number;
  disabledAt?: string | null;
  previousSecretExpiresAt?: string | null;
}

interface EventTypeOption {
  type: string;
  module: string;
  description?: string | null;
}

/**
 * Settings → Webhooks: the organization's endpoints (owners and admins), each with its state and
 * actions (enable/disable, rotate its secret, ping, its delivery log with redelivery); a new
 * endpoint's secret is shown once.
 */
export function WebhooksPage() {
  const t = useT();
  const { data, loading, error, refetch } = useQuery(WebhookEndpointsQuery);
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const [rotating, setRotating] = useState<EndpointRow | null>(null);
  const [logOf, setLogOf] = useState<EndpointRow | null>(null);
  const [notice, setNotice] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const [update] = useMutation(WebhookEndpointUpdateMutation);
  const [ping] = useMutation(WebhookEndpointPingMutation);
  const endpoints: EndpointRow[] = useMemo(() => [...(data?.webhookEndpoints?.nodes ?? [])], [data?.webhookEndpoints?.nodes]);

  async function toggle(endpoint: EndpointRow) {
    const failure = await attempt(
      async () => (await update({ variables: { input: { id: endpoint.id, enabled: !endpoint.enabled } } })).data?.webhookEndpointUpdate?.userErrors,
    );
    setNotice(failure ? { tone: 'error', text: failure } : null);
    if (!failure) void refetch();
  }

  async function sendPing(endpoint: EndpointRow) {
    const failure = await attempt(async () => (await ping({ variables: { input: { id: endpoint.id } } })).data?.webhookEndpointPing?.userErrors);
    setNotice(failure ? { tone: 'error', text: failure } : { tone: 'success', text: t(m.pinged, { url: endpoint.url }) });
  }

  return (
    <>
      <PageHeader
        title={t(m.webhooks)}
        subtitle={t(m.subtitle)}
        actions={
          <Button variant="primary" onClick={() => setCreating(true)}>
            {t(m.addEndpoint)}
          </Button>
        }
      />
      {notice ? <Notice tone={notice.tone}>{notice.text}</Notice> : null}
      {loading && !data ? (
        <Loading />
      ) : error ? (
        <ErrorState error={error} retry={() => void refetch()} />
      ) : endpoints.length === 0 ? (
        <EmptyState title={t(m.noEndpoints)} action={<Button onClick={() => setCreating(true)}>{t(m.addEndpoint)}</Button>}>
          {t(m.noEndpointsHint)}
        </EmptyState>
      ) : (
        <table className="table webhooks-table" aria-label={t(m.webhooks)}>
          <thead>
            <tr>
              <th>{t(m.url)}</th>
              <th>{t(m.events)}</th>
              <th>{t(m.status)}</th>
              <th>
                <span className="sr-only">{t(m.actions)}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {endpoints.map((endpoint) => (
              <tr key={endpoint.id}>
                <td>
                  <code>{endpoint.url}</code>
                  {endpoint.description ? <small className="muted webhooks-description">{endpoint.description}</small> : null}
                </td>
                <td>{endpoint.eventTypes.join(', ')}</td>
                <td>
                  <span className={endpoint.enabled ? 'badge' : 'badge badge-warning'}>
                    {endpoint.enabled
                      ? t(m.enabled)
                      : endpoint.disabledAt
                        ? t(m.disabledAfterFailures, { count: endpoint.consecutiveFailures })
                        : t(m.disabled)}
                  </span>
                  {endpoint.previousSecretExpiresAt && new Date(endpoint.previousSecretExpiresAt) > new Date() ? (
                    <small className="muted webhooks-description">{t(m.oldSecretUntil, { date: formatDateTime(endpoint.previousSecretExpiresAt) })}</small>
                  ) : null}
                </td>
                <td>
                  <div className="table-actions" role="group" aria-label={t(m.actionsFor, { url: endpoint.url })}>
                    <Button className="button-small" onClick={() => setLogOf(endpoint)}>
                      {t(m.deliveries)}
                    </Button>
                    <Button className="button-small" onClick={() => void sendPing(endpoint)}>
                      {t(m.ping)}
                    </Button>
                    <Button className="button-small" onClick={() => setRotating(endpoint)}>
                      {t(m.rotate)}
                    </Button>
                    <Button className="button-small" variant={endpoint.enabled ? 'danger' : undefined} onClick={() => void toggle(endpoint)}>
                      {endpoint.enabled ? t(m.disable) : t(m.enable)}
                    </Button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <CreateEndpointDialog
        open={creating}
        eventTypes={data?.webhookEventTypes ?? []}
        onClose={() => setCreating(false)}
        onCreated={(newSecret) => {
          setCreating(false);
          setNotice(null);
          setSecret(newSecret);
          void refetch();
        }}
      />
      <RotateDialog
        endpoint={rotating}
        onClose={() => setRotating(null)}
        onRotated={(newSecret) => {
          setRotating(null);
          setSecret(newSecret);
          void refetch();
        }}
      />
      <SecretDialog secret={secret} onClose={() => setSecret(null)} />
      {logOf ? <DeliveryLog endpoint={logOf} onClose={() => setLogOf(null)} /> : null}
    </>
  );
}

/** A signing secret, shown this once, with a copy button. */
function SecretDialog({ secret, onClose }: { secret: string | null; onClose(): void }) {
  const t = useT();
  return (
    <Dialog open={Boolean(secret)} onOpenChange={(open) => !open && onClose()} title={t(m.secretTitle)} description={t(m.secretCopyNow)}>
      {secret ? (
        <div className="form">
          <div className="secret-box">
            <code className="secret-value" aria-label={t(m.theSecret)}>
              {secret}
            </code>
            <CopyButton text={secret} label={t(m.copySecret)} />
          </div>
          <div className="dialog-actions">
            <Button variant="primary" onClick={onClose}>
              {t(m.copied)}
            </Button>
          </div>
        </div>
      ) : null}
    </Dialog>
  );
}

function CreateEndpointDialog({
  open,
  eventTypes,
  onClose,
  onCreated,
}: {
  open: boolean;
  eventTypes: readonly EventTypeOption[];
  onClose(): void;
  onCreated(secret: string): void;
}) {
  const t = useT();
  const [create, { loading }] = useMutation(WebhookEndpointCreateMutation);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [filter, setFilter] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const visible = eventTypes.filter((option) => !filter.trim() || option.type.includes(filter.trim().toLowerCase()));
  const modules = [...new Set(visible.map((option) => option.module))];

  const toggle = (type: string) =>
    setChosen((current) => {
      const next = new Set(current);
      if (next.has(type)) next.delete(type);
      else next.add(type);
      return next;
    });

  function reset() {
    setChosen(new Set());
    setFilter('');
    setError(null);
    setFields({});
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const url = String(form.get('url') ?? '').trim();
    const description = String(form.get('description') ?? '').trim();
    setError(null);
    setFields({});
    if (chosen.size === 0) return setFields({ eventTypes: t(m.chooseEvent) });
    let secret: string | null | undefined;
    let errors: readonly { code?: string | null; message: string; field?: readonly string[] | null }[] | undefined;
    const failure = await attempt(async () => {
      const result = await create({ variables: { input: { url, eventTypes: [...chosen], ...(description ? { description } : {}) } } });
      secret = result.data?.webhookEndpointCreate?.secret;
      errors = result.data?.webhookEndpointCreate?.userErrors;
      return errors;
    });
    if (failure) {
      const byField = fieldErrors(errors);
      if (byField.url || byField.eventTypes || byField.description) setFields(byField);
      else setError(failure);
      return;
    }
    reset();
    if (secret) onCreated(secret);
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (!next) {
          reset();
          onClose();
        }
      }}
      title={t(m.addEndpoint)}
    >
      <form className="form" onSubmit={submit}>
        <TextField label={t(m.url)} name="url" type="url" required maxLength={2048} autoFocus hint={t(m.urlHint)} error={fields.url} />
        <TextField label={t(m.description)} name="description" maxLength={10000} error={fields.description} />
        <fieldset className="scope-list webhooks-events" aria-describedby={fields.eventTypes ? 'webhook-events-error' : undefined}>
          <legend>
            {t(m.events)} <small className="muted">{t(m.eventCount, { count: chosen.size })}</small>
          </legend>
          <label className="check">
            <input type="checkbox" checked={chosen.has('*')} onChange={() => toggle('*')} />
            <span>{t(m.allEvents)}</span>
          </label>
          <TextField label={t(m.filterEvents)} value={filter} onChange={(event) => setFilter(event.target.value)} />
          {modules.map((module) => (
            <div key={module} className="webhooks-module">
              <p className="muted">{module}</p>
              {visible
                .filter((option) => option.module === module)
                .map((option) => (
                  <label key={option.type} className="check">
                    <input type="checkbox" checked={chosen.has(option.type)} onChange={() => toggle(option.type)} />
                    <span>
                      <code>{option.type}</code>
                      {option.description ? <small>{option.description}</small> : null}
                    </span>
                  </label>
                ))}
            </div>
          ))}
        </fieldset>
        {fields.eventTypes ? (
          <p id="webhook-events-error" className="field-error" role="alert">
            {fields.eventTypes}
          </p>
        ) : null}
        {error ? <Notice>{error}</Notice> : null}
        <div className="dialog-actions">
          <Button onClick={onClose}>{t(m.cancel)}</Button>
          <Button type="submit" variant="primary" busy={loading}>
            {t(m.create)}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

function RotateDialog({ endpoint, onClose, onRotated }: { endpoint: EndpointRow | null; onClose(): void; onRotated(secret: string): void }) {
  const t = useT();
  const [rotate, { loading }] = useMutation(WebhookEndpointSecretRotateMutation);
  const [error, setError] = useState<string | null>(null);
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!endpoint) return;
    const overlapHours = Number(new FormData(event.currentTarget).get('overlapHours') ?? 24);
    let secret: string | null | undefined;
    const failure = await attempt(async () => {
      const result = await rotate({ variables: { input: { id: endpoint.id, overlapHours } } });
      secret = result.data?.webhookEndpointSecretRotate?.secret;
      return result.data?.webhookEndpointSecretRotate?.userErrors;
    });
    if (failure) return setError(failure);
    setError(null);
    if (secret) onRotated(secret);
  }
  return (
    <Dialog
      open={Boolean(endpoint)}
      onOpenChange={(open) => {
        if (!open) {
          setError(null);
          onClose();
        }
      }}
      title={endpoint ? t(m.rotateTitle, { url: endpoint.url }) : t(m.rotate)}
      description={t(m.rotateExplanation)}
    >
      <form className="form" onSubmit={submit}>
        <TextField label={t(m.overlapHours)} name="overlapHours" type="number" min={0} max={168} defaultValue={24} />
        {error ? <Notice>{error}</Notice> : null}
        <div className="dialog-actions">
          <Button onClick={onClose}>{t(m.cancel)}</Button>
          <Button type="submit" variant="primary" busy={loading}>
            {t(m.rotateButton)}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

const STATE_LABELS = { PENDING: m.statePending, SUCCEEDED: m.stateSucceeded, FAILED: m.stateFailed } as const;

/** An endpoint's delivery log: each delivery's state, response, duration and attempts, and Redeliver. */
function DeliveryLog({ endpoint, onClose }: { endpoint: EndpointRow; onClose(): void }) {
  const t = useT();
  const { data, loading, error, refetch } = useQuery(WebhookDeliveriesQuery, { variables: { id: endpoint.id } });
  const [redeliver] = useMutation(WebhookDeliveryRedeliverMutation);
  const [notice, setNotice] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const deliveries = data?.webhookEndpoint?.deliveries.nodes ?? [];

  async function again(id: string) {
    const failure = await attempt(async () => (await redeliver({ variables: { input: { id } } })).data?.webhookDeliveryRedeliver?.userErrors);
    setNotice(failure ? { tone: 'error', text: failure } : { tone: 'success', text: t(m.redelivered) });
    if (!failure) void refetch();
  }

  const stateLabel = (state: WebhookDeliveryState) => t(STATE_LABELS[state]);
  return (
    <SlideOver open onOpenChange={(open) => !open && onClose()} title={t(m.deliveriesOf, { url: endpoint.url })}>
      <div className="dialog-actions">
        <Button className="button-small" onClick={() => void refetch()}>
          {t(m.refresh)}
        </Button>
      </div>
      {notice ? <Notice tone={notice.tone}>{notice.text}</Notice> : null}
      {loading && !data ? (
        <Loading />
      ) : error ? (
        <ErrorState error={error} retry={() => void refetch()} />
      ) : deliveries.length === 0 ? (
        <EmptyState title={t(m.noDeliveries)} />
      ) : (
        <ul className="webhooks-deliveries" aria-label={t(m.deliveries)}>
          {deliveries.map((delivery) => (
            <li key={delivery.id} className="webhooks-delivery">
              <div className="webhooks-delivery-head">
                <code>{delivery.eventType}</code>
                <span className={delivery.state === 'FAILED' ? 'badge badge-warning' : 'badge'}>{stateLabel(delivery.state)}</span>
                {delivery.redelivery ? <small className="muted">{t(m.redelivery)}</small> : null}
                <small className="muted">{formatDateTime(delivery.createdAt)}</small>
              </div>
              <dl className="webhooks-facts">
                <dt>{t(m.response)}</dt>
                <dd>{delivery.responseStatus ?? t(m.noResponse)}</dd>
                <dt>{t(m.duration)}</dt>
                <dd>{delivery.durationMs === null || delivery.durationMs === undefined ? '—' : t(m.durationMs, { ms: delivery.durationMs })}</dd>
                <dt>{t(m.attempts)}</dt>
                <dd>
                  <ol className="webhooks-attempts">
                    {delivery.attempts.map((a) => (
                      <li key={a.number}>
                        {t(m.attemptLine, { number: a.number, outcome: a.responseStatus ?? a.error ?? t(m.noResponse), ms: a.durationMs })}
                      </li>
                    ))}
                  </ol>
                  {delivery.nextAttemptAt && delivery.state === 'PENDING' ? (
                    <small>{t(m.nextRetry, { date: formatDateTime(delivery.nextAttemptAt) })}</small>
                  ) : null}
                  {delivery.waitingFor ? <small className="webhooks-description">{t(m.waiting)}</small> : null}
                </dd>
              </dl>
              <details>
                <summary>{t(m.payload)}</summary>
                <pre className="webhooks-payload">{delivery.requestBody}</pre>
                {delivery.responseBodyExcerpt ? <pre className="webhooks-payload">{delivery.responseBodyExcerpt}</pre> : null}
              </details>
              <Button className="button-small" aria-label={t(m.redeliverEvent, { event: delivery.eventType })} onClick={() => void again(delivery.id)}>
                {t(m.redeliver)}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </SlideOver>
  );
}
