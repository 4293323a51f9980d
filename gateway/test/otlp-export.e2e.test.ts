import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisServer, startProcessCell, waitFor, type ProcessCell } from '../../scripts/testing/fault-harness.js';

/*
 * Tracing as deployed: the gateway and two subgraph hosts as separate processes, each exporting
 * to an OTLP/HTTP collector (here a small server keeping what it receives). One request's spans
 * arrive from three processes under one trace id: the trace context crossed each signed request.
 */

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes?: { key: string; value: { stringValue?: string } }[];
}
interface ReceivedSpan extends OtlpSpan {
  service: string;
}
interface OtlpExport {
  resourceSpans: { resource: { attributes: { key: string; value: { stringValue?: string } }[] }; scopeSpans: { spans: OtlpSpan[] }[] }[];
}

const received: ReceivedSpan[] = [];
let collector: Server;
let redis: RedisServer;
let cell: ProcessCell;

beforeAll(async () => {
  collector = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.url === '/v1/traces') {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as OtlpExport;
        for (const { resource, scopeSpans } of body.resourceSpans) {
          const service = resource.attributes.find((attribute) => attribute.key === 'service.name')?.value.stringValue ?? '';
          for (const { spans } of scopeSpans) received.push(...spans.map((span) => ({ ...span, service })));
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  collector.listen(0, '127.0.0.1');
  await once(collector, 'listening');
  redis = await RedisServer.start();
  cell = await startProcessCell({
    redisUrl: redis.url,
    hosts: [['identity'], ['tasks', 'crm', 'collaboration', 'notifications']],
    env: {
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(collector.address() as AddressInfo).port}`,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_BSP_SCHEDULE_DELAY: '100',
    },
  });
}, 120_000);
afterAll(async () => {
  await cell?.stop();
  await redis?.stop();
  collector?.close();
});

const attribute = (span: OtlpSpan, key: string) => span.attributes?.find((a) => a.key === key)?.value.stringValue;

describe('OTLP export', () => {
  it('sends one trace per request from the gateway and each subgraph process it reached', async () => {
    const user = await cell.signUp('Traced');
    const response = await cell.gql('query Assigned { me { name assignedTasks(first: 1) { totalCount } } }', {}, user.token, { 'x-request-id': 'otlp-trace' });
    expect(response.data!.me.name).toBe('Traced');

    const root = () =>
      received.find((span) => span.service === 'cellgraph-gateway' && attribute(span, 'cellgraph.request_id') === 'otlp-trace' && !span.parentSpanId);
    await waitFor(() => !!root(), 'the gateway span at the collector');
    const subgraphSpans = () => received.filter((span) => span.traceId === root()!.traceId && span.service !== 'cellgraph-gateway' && span.kind === 2);
    // Two hosts (identity; tasks with the rest) each continued the trace.
    await waitFor(() => new Set(subgraphSpans().map((span) => span.name.split(' ')[0])).size >= 2, 'server spans of identity and tasks');
    const fetches = new Map(received.filter((span) => span.name.endsWith(' fetch')).map((span) => [span.spanId, span]));
    for (const server of subgraphSpans()) {
      expect(fetches.get(server.parentSpanId ?? '')?.service).toBe('cellgraph-gateway');
      expect(attribute(server, 'cellgraph.request_id')).toBe('otlp-trace');
    }
    expect(new Set(subgraphSpans().map((span) => span.name.split(' ')[0]))).toEqual(new Set(['identity', 'tasks']));
    // A host of one subgraph is named after it; one of several is the subgraphs'.
    expect(new Set(subgraphSpans().map((span) => `${span.name.split(' ')[0]}@${span.service}`))).toEqual(
      new Set(['identity@cellgraph-identity', 'tasks@cellgraph-subgraphs']),
    );
  });
});
