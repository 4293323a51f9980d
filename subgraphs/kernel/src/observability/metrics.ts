import type { RequestHandler } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { z } from 'zod';

/**
 * This process's Prometheus metrics (prom-client): one registry with Node's process metrics and
 * every `cellgraph_*` family, defined where it is recorded. Families are created on first use and
 * shared by name, so a gateway and a host in one process (tests, `npm start`) feed one registry.
 */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry });

/** Seconds, from a fast in-process hop to a slow request. */
export const DURATION_BUCKETS = [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Counts: statements per request, keys per batch. */
export const COUNT_BUCKETS = [1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233];

type Labels<L extends string> = { name: string; help: string; labelNames?: readonly L[] };

function shared<M>(name: string, create: () => M): M {
  return (metricsRegistry.getSingleMetric(name) as M | undefined) ?? create();
}

export const counter = <L extends string>(options: Labels<L>) =>
  shared(options.name, () => new Counter<L>({ ...options, labelNames: options.labelNames ?? [], registers: [metricsRegistry] }));

export const histogram = <L extends string>(options: Labels<L> & { buckets: number[] }) =>
  shared(options.name, () => new Histogram<L>({ ...options, labelNames: options.labelNames ?? [], registers: [metricsRegistry] }));

/** A gauge, read when scraped by `collect` (set its values there). */
export const gauge = <L extends string>(options: Labels<L> & { collect?: (this: Gauge<L>) => Promise<void> | void }) =>
  shared(options.name, () => new Gauge<L>({ ...options, labelNames: options.labelNames ?? [], registers: [metricsRegistry] }));

const eventDelivery = histogram({
  name: 'cellgraph_event_delivery_seconds',
  help: 'From an event happening (its outbox occurredAt) to a consumer having handled it (consumer=live: sent to a subscriber)',
  labelNames: ['consumer'],
  buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800],
});

/** When a live event or a consumed event was handled, seconds after it happened (its `occurredAt`). */
export function observeEventDelivery(consumer: string, occurredAt: string): void {
  const seconds = (Date.now() - Date.parse(occurredAt)) / 1000;
  if (Number.isFinite(seconds)) eventDelivery.observe({ consumer }, Math.max(0, seconds));
}

const MAX_LABEL_VALUES = 200;

/** Values of one label, at most 200: beyond, `other` (values clients choose must not grow a family without bound). */
class BoundedLabel {
  private readonly seen = new Set<string>();

  of(value: string): string {
    if (this.seen.has(value)) return value;
    if (this.seen.size >= MAX_LABEL_VALUES) return 'other';
    this.seen.add(value);
    return value;
  }
}

const operations = new BoundedLabel();
const loaders = new BoundedLabel();

/** The `operation` label of a request: its operation name (bounded), `anonymous` without one. */
export const operationLabel = (name: string | null | undefined): string => (name ? operations.of(name) : 'anonymous');

/** The `loader` label of a DataLoader: its name without the arguments some names carry (`crm.deals.contactId:{…}`), bounded. */
export const loaderLabel = (name: string): string => loaders.of(name.replace(/:[[{].*$/s, ''));

/** `2xx`, `4xx`, `5xx` … */
export const statusClass = (status: number) => `${Math.floor(status / 100)}xx`;

/** Serves the registry in the Prometheus text format. */
export const metricsHandler: RequestHandler = async (_req, res) => {
  res.set('Content-Type', metricsRegistry.contentType).send(await metricsRegistry.metrics());
};

export const metricsEnv = z.object({
  /** A separate listener for /metrics (Prometheus); unset: see each process's README. */
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /** Its address; loopback by default (scrapers on the same host or through a sidecar). */
  METRICS_HOST: z.string().default('127.0.0.1'),
});
