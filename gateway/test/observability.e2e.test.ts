import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SpanRecord } from '@cellgraph/kernel/core';
import { waitFor } from '@cellgraph/kernel/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCell, type TestCell, type TestUser } from '../../scripts/testing/cell-harness.js';
import { scrape } from '../../scripts/runtime/prometheus-text.js';

let cell: TestCell;
let owner: TestUser;
let dir: string;
let tracesFile: string;
let logFile: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cellgraph-observe-'));
  tracesFile = join(dir, 'traces.jsonl');
  logFile = join(dir, 'log.jsonl');
  cell = await startTestCell({ env: { OTEL_TRACES_EXPORTER: 'file', TRACES_FILE: tracesFile, LOG_FILE: logFile, LOG_LEVEL: 'info', METRICS_PORT: '0' } });
  owner = await cell.signUp('Owner');
});
afterAll(async () => {
  await cell?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const spans = (): SpanRecord[] =>
  existsSync(tracesFile)
    ? readFileSync(tracesFile, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as SpanRecord)
    : [];

/** The gateway's server span of the request `requestId` (the root of its trace). */
const rootOf = (requestId: string) =>
  spans().find((span) => span.kind === 'server' && !span.parentSpanId && span.attributes['cellgraph.request_id'] === requestId);

function isDescendant(span: SpanRecord, ancestor: SpanRecord, all: SpanRecord[]): boolean {
  const byId = new Map(all.map((s) => [s.spanId, s]));
  for (let parent = span.parentSpanId && byId.get(span.parentSpanId); parent; parent = parent.parentSpanId && byId.get(parent.parentSpanId)) {
    if (parent.spanId === ancestor.spanId) return true;
  }
  return false;
}

describe('traces', () => {
  it('follow a cross-subgraph query from the gateway through each subgraph to its SQL, and its log lines', async () => {
    await cell.gql(
      'mutation($input: TaskCreateInput!) { taskCreate(input: $input) { task { id } } }',
      { input: { title: 'Traced', assigneeId: owner.userId } },
      owner.token,
    );
    const response = await cell.gql('query TracedTasks { tasks(first: 5) { nodes { title assignee { name } } } }', {}, owner.token, {
      'x-request-id': 'trace-cross',
    });
    expect(response.data!.tasks.nodes[0].assignee.name).toBe('Owner');

    await waitFor(() => !!rootOf('trace-cross'), 'the gateway span');
    const root = rootOf('trace-cross')!;
    expect(root.name).toBe('query TracedTasks');
    // Spans end (and are exported) after their children: wait until every subgraph span is in.
    const trace = () => spans().filter((span) => span.traceId === root.traceId);
    const fetchesOf = (all: SpanRecord[]) => all.filter((span) => span.kind === 'client' && span.name.endsWith(' fetch') && isDescendant(span, root, all));
    await waitFor(() => new Set(fetchesOf(trace()).map((span) => span.attributes['cellgraph.subgraph'])).size >= 2, 'fetches of two subgraphs');
    const all = trace();
    // @apollo/gateway's own spans (it loads the same OpenTelemetry API) are part of the trace.
    expect(all.filter((span) => isDescendant(span, root, all)).map((span) => span.name)).toEqual(expect.arrayContaining(['gateway.plan', 'gateway.execute']));
    const fetches = fetchesOf(all);
    expect(new Set(fetches.map((span) => span.attributes['cellgraph.subgraph']))).toEqual(new Set(['tasks', 'identity']));
    for (const fetch of fetches) {
      // Each subgraph continued the trace its signed request carried: its server span is the fetch's child.
      const server = all.find((span) => span.kind === 'server' && span.parentSpanId === fetch.spanId);
      expect(server, `${fetch.name}'s subgraph span`).toBeDefined();
      expect(server!.attributes['cellgraph.request_id']).toBe('trace-cross');
      expect(server!.name).toMatch(new RegExp(`^${String(fetch.attributes['cellgraph.subgraph'])} query `));
      const sql = all.filter((span) => span.attributes['db.system.name'] === 'postgresql' && isDescendant(span, server!, all));
      expect(sql.length, `SQL under ${server!.name}`).toBeGreaterThan(0);
      expect(sql.some((span) => span.name === 'SELECT')).toBe(true);
    }

    // Every log line of the request, on every hop, carries its trace id.
    const lines = readFileSync(logFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { requestId?: string; trace_id?: string; service: string; msg: string });
    const ofRequest = lines.filter((line) => line.requestId === 'trace-cross');
    expect(new Set(ofRequest.map((line) => line.service))).toEqual(new Set(['gateway', 'tasks', 'identity']));
    expect(ofRequest.every((line) => line.trace_id === root.traceId)).toBe(true);
  });

  it('continue in the worker that runs a job a request enqueued', async () => {
    const created = await cell.gql(
      'mutation($input: TaskRecurrenceCreateInput!) { taskRecurrenceCreate(input: $input) { recurrence { id } } }',
      { input: { title: 'Every second', cron: '* * * * * *' } },
      owner.token,
      { 'x-request-id': 'trace-job' },
    );
    const recurrence = created.data!.taskRecurrenceCreate.recurrence.id as string;
    await waitFor(() => !!rootOf('trace-job'), 'the request span');
    const root = rootOf('trace-job')!;
    const jobSpan = () => spans().find((span) => span.traceId === root.traceId && span.kind === 'consumer' && span.name.startsWith('tasks-jobs '));
    await waitFor(() => !!jobSpan(), 'the job span in the request’s trace');
    const all = spans();
    expect(isDescendant(jobSpan()!, root, all)).toBe(true);
    // The job's own SQL is part of the trace too.
    expect(all.some((span) => span.attributes['db.system.name'] === 'postgresql' && span.parentSpanId === jobSpan()!.spanId)).toBe(true);
    await cell.gql('mutation($id: ID!) { taskRecurrencePause(input: { id: $id }) { userErrors { code } } }', { id: recurrence }, owner.token);
  });

  it('continue in the consumers of an event a request wrote, through the outbox and its relay', async () => {
    await cell.gql('mutation($input: TaskCreateInput!) { taskCreate(input: $input) { task { id } } }', { input: { title: 'Announced' } }, owner.token, {
      'x-request-id': 'trace-event',
    });
    await waitFor(() => !!rootOf('trace-event'), 'the request span');
    const root = rootOf('trace-event')!;
    // Collaboration consumes every event (activity): its handling of task.created joins the request's trace.
    const consumed = () =>
      spans().find((span) => span.traceId === root.traceId && span.kind === 'consumer' && span.name === 'collaboration-events task.created');
    await waitFor(() => !!consumed(), 'the event consumer span in the request’s trace');
    expect(isDescendant(consumed()!, root, spans())).toBe(true);
  });
});

describe('metrics', () => {
  it('are served in the Prometheus format by the gateway (on METRICS_PORT only) and by the host, with every family counted', async () => {
    await cell.gql('query { tasks(first: 2) { nodes { assignee { name } } } }', {}, owner.token);
    await cell.gql('query { nothingHere }', {}, owner.token);

    const gatewayMetricsUrl = cell.gateway.metricsUrl!;
    expect(gatewayMetricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    // Not on the public port (outside development).
    expect((await fetch(new URL('/metrics', cell.gatewayUrl))).status).toBe(404);

    const gateway = await scrape(gatewayMetricsUrl);
    expect(gateway.types.get('cellgraph_gateway_request_duration_seconds')).toBe('histogram');
    expect(gateway.sum('cellgraph_gateway_requests_total', { status: '2xx' })).toBeGreaterThan(0);
    expect(gateway.sum('cellgraph_gateway_requests_total', { operation: 'TracedTasks' })).toBeGreaterThan(0);
    expect(gateway.sum('cellgraph_gateway_request_duration_seconds_count')).toBeGreaterThan(0);
    expect(gateway.sum('cellgraph_gateway_graphql_errors_total', { code: 'GRAPHQL_VALIDATION_FAILED' })).toBeGreaterThan(0);
    for (const subgraph of ['tasks', 'identity'])
      expect(gateway.sum('cellgraph_gateway_subgraph_fetch_duration_seconds_count', { subgraph })).toBeGreaterThan(0);
    expect(gateway.types.get('cellgraph_gateway_subgraph_fetch_errors_total')).toBe('counter');
    expect(gateway.of('cellgraph_gateway_websocket_connections')).toHaveLength(1);
    expect(gateway.of('cellgraph_gateway_subscriptions')).toHaveLength(1);
    expect(gateway.sum('process_cpu_user_seconds_total')).toBeGreaterThan(0);

    const host = await scrape(`${cell.subgraphsUrl}/metrics`);
    expect(host.sum('cellgraph_subgraph_request_duration_seconds_count', { subgraph: 'tasks', outcome: 'ok' })).toBeGreaterThan(0);
    expect(host.sum('cellgraph_subgraph_sql_statements_per_request_count', { subgraph: 'tasks' })).toBeGreaterThan(0);
    expect(host.sum('cellgraph_subgraph_sql_statements_per_request_sum', { subgraph: 'tasks' })).toBeGreaterThan(0);
    expect(host.sum('cellgraph_dataloader_batch_size_count')).toBeGreaterThan(0);
    const queues = new Set(host.of('cellgraph_queue_jobs').map((sample) => sample.labels.queue));
    expect([...queues]).toEqual(expect.arrayContaining(['tasks-jobs', 'collaboration-events', 'email']));
    expect(new Set(host.of('cellgraph_queue_jobs').map((sample) => sample.labels.state))).toEqual(new Set(['waiting', 'active', 'delayed', 'failed']));
    // Events were handled (collaboration consumes every event) and jobs ran: wait for a scrape that shows them.
    await waitFor(async () => {
      const later = await scrape(`${cell.subgraphsUrl}/metrics`);
      return (
        later.sum('cellgraph_event_delivery_seconds_count', { consumer: 'collaboration' }) > 0 &&
        later.sum('cellgraph_jobs_total', { queue: 'collaboration-events', outcome: 'completed' }) > 0
      );
    }, 'event deliveries and job outcomes');
  });
});
