import { histogramQuantile, scrape, type Scrape } from './runtime/prometheus-text.js';

const ms = (seconds: number | null) => (seconds === null ? '–' : `${(seconds * 1000).toFixed(1)} ms`);
const labelValues = (scraped: Scrape, sample: string, label: string) => [...new Set(scraped.of(sample).map((s) => s.labels[label]))].sort();

/**
 * The end of `npm run bench`: what the gateway's and the host's /metrics say about the run —
 * requests, p50/p95 latencies from the histograms, subgraph fetches, SQL statements per request,
 * DataLoader batch sizes, event delivery and jobs. `seconds`: how long the traffic lasted.
 */
export async function printMetricsSummary(gatewayMetricsUrl: string, hostMetricsUrl: string, seconds: number): Promise<void> {
  const [gateway, host] = await Promise.all([scrape(gatewayMetricsUrl), scrape(hostMetricsUrl)]);
  const total = gateway.sum('cellgraph_gateway_requests_total');
  console.log(`Metrics (${gatewayMetricsUrl}, ${hostMetricsUrl})`);
  console.log(`  gateway: ${total} requests, ${(total / seconds).toFixed(0)} req/s over ${seconds.toFixed(0)} s; by status ${statusLine(gateway)}`);
  for (const operation of labelValues(gateway, 'cellgraph_gateway_request_duration_seconds_count', 'operation')) {
    const family = 'cellgraph_gateway_request_duration_seconds';
    const count = gateway.sum(`${family}_count`, { operation });
    console.log(
      `    ${operation.padEnd(24)} ${String(count).padStart(6)} requests  p50 ${ms(histogramQuantile(gateway, family, 0.5, { operation }))}  p95 ${ms(histogramQuantile(gateway, family, 0.95, { operation }))}`,
    );
  }
  const errors = gateway.of('cellgraph_gateway_graphql_errors_total').filter((sample) => sample.value > 0);
  console.log(`    GraphQL errors: ${errors.map((sample) => `${sample.labels.code} ${sample.value}`).join(', ') || 'none'}`);
  for (const subgraph of labelValues(gateway, 'cellgraph_gateway_subgraph_fetch_duration_seconds_count', 'subgraph')) {
    const family = 'cellgraph_gateway_subgraph_fetch_duration_seconds';
    console.log(
      `    fetch ${subgraph.padEnd(18)} ${String(gateway.sum(`${family}_count`, { subgraph })).padStart(6)} fetches   p50 ${ms(histogramQuantile(gateway, family, 0.5, { subgraph }))}  p95 ${ms(histogramQuantile(gateway, family, 0.95, { subgraph }))}  errors ${gateway.sum('cellgraph_gateway_subgraph_fetch_errors_total', { subgraph })}`,
    );
  }
  for (const subgraph of labelValues(host, 'cellgraph_subgraph_sql_statements_per_request_count', 'subgraph')) {
    const family = 'cellgraph_subgraph_sql_statements_per_request';
    const count = host.sum(`${family}_count`, { subgraph });
    const mean = count ? host.sum(`${family}_sum`, { subgraph }) / count : 0;
    const duration = 'cellgraph_subgraph_request_duration_seconds';
    console.log(
      `  ${subgraph.padEnd(14)} ${String(count).padStart(6)} requests  p50 ${ms(histogramQuantile(host, duration, 0.5, { subgraph }))}  p95 ${ms(histogramQuantile(host, duration, 0.95, { subgraph }))}   SQL statements per request: mean ${mean.toFixed(1)}, p95 ${histogramQuantile(host, family, 0.95, { subgraph })?.toFixed(1) ?? '–'}`,
    );
  }
  const loaders = labelValues(host, 'cellgraph_dataloader_batch_size_count', 'loader')
    .map((loader) => {
      const batches = host.sum('cellgraph_dataloader_batch_size_count', { loader });
      return { loader, batches, mean: host.sum('cellgraph_dataloader_batch_size_sum', { loader }) / batches };
    })
    .sort((a, b) => b.batches - a.batches);
  console.log(`  DataLoader batches (keys per batch): ${loaders.map((l) => `${l.loader} ${l.batches}× ${l.mean.toFixed(1)}`).join(', ') || 'none'}`);
  const deliveries = labelValues(host, 'cellgraph_event_delivery_seconds_count', 'consumer').map((consumer) => {
    const family = 'cellgraph_event_delivery_seconds';
    return `${consumer} ${host.sum(`${family}_count`, { consumer })} p50 ${ms(histogramQuantile(host, family, 0.5, { consumer }))} p95 ${ms(histogramQuantile(host, family, 0.95, { consumer }))}`;
  });
  console.log(`  event to delivery: ${deliveries.join('; ') || 'none'}`);
  const jobs = host.of('cellgraph_jobs_total').map((sample) => `${sample.labels.queue} ${sample.labels.outcome} ${sample.value}`);
  console.log(`  jobs: ${jobs.join(', ') || 'none'}`);
  const waiting = host.of('cellgraph_queue_jobs').filter((sample) => sample.value > 0);
  console.log(`  queues now: ${waiting.map((sample) => `${sample.labels.queue} ${sample.labels.state} ${sample.value}`).join(', ') || 'all empty'}\n`);
}

function statusLine(gateway: Scrape): string {
  const byStatus = new Map<string, number>();
  for (const sample of gateway.of('cellgraph_gateway_requests_total'))
    byStatus.set(sample.labels.status, (byStatus.get(sample.labels.status) ?? 0) + sample.value);
  return [...byStatus].map(([status, count]) => `${status} ${count}`).join(', ');
}
