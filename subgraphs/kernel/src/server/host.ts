import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import type { RuntimeMode } from '../config/runtime-mode.js';
import { createLogger, type Logger } from '../logging/logger.js';
import { metricsHandler } from '../observability/metrics.js';
import { answerErrorsAsGraphQL, createHttpApp } from './http-errors.js';
import { drainable } from './shutdown.js';
import type { SubgraphServer } from './subgraph-server.js';

/**
 * A process serving one or more subgraphs, each under `/<name>/` (`/<name>/graphql`,
 * `/<name>/health/ready`), with `/health/live` and `/health/ready` for the whole process (ready
 * while any of its subgraphs is; `degraded` when some are not) and `/metrics` (Prometheus; hosts
 * are internal, never public, like the subgraphs they serve). Every
 * other path, method or failure answers a coded GraphQL error (see http-errors.ts).
 */
export function createHost(servers: readonly SubgraphServer[], options: { logger?: Logger; mode?: RuntimeMode } = {}): Express {
  const app = createHttpApp(options.mode);
  for (const server of servers) app.use(`/${server.name}`, server.router);
  app.get('/health/live', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/metrics', metricsHandler);
  // The process is ready while it can serve any of its subgraphs: one unready subgraph must not
  // take the others out of a load balancer (each has its own `/<name>/health/ready`).
  app.get('/health/ready', async (_req, res) => {
    const reports = await Promise.all(servers.map(async (server) => [server.name, await server.ready()] as const));
    const ready = reports.filter(([, report]) => report.status === 'ok').length;
    const status = ready === reports.length ? 'ok' : ready > 0 ? 'degraded' : 'unavailable';
    res.status(ready > 0 ? 200 : 503).json({ status, subgraphs: Object.fromEntries(reports) });
  });
  answerErrorsAsGraphQL(app, options.logger ?? createLogger('host'));
  return app;
}

/** How long an idle keep-alive connection stays open: far longer than a client keeps one (see keepIdleConnections). */
export const SERVER_KEEP_ALIVE_MS = 65_000;

/**
 * A client that reuses an idle connection at the moment the server closes it gets "other side
 * closed" for a request the server never read (undici does not retry a POST). Node closes idle
 * connections after 5 s and undici stops reusing them about 1 s before; a busy event loop eats
 * that margin. Servers keep them open for SERVER_KEEP_ALIVE_MS, as load balancers expect of
 * their backends, so idle connections are rare and the race rarer still.
 */
export function keepIdleConnections(server: Server): Server {
  server.keepAliveTimeout = SERVER_KEEP_ALIVE_MS;
  server.headersTimeout = SERVER_KEEP_ALIVE_MS + 1_000; // must exceed keepAliveTimeout
  return server;
}

/** Listens on `port` (0 picks a free one) and resolves with the server, drainable (see shutdown.ts), and its actual port. */
export async function listen(app: Express, port: number, host = '127.0.0.1'): Promise<{ server: Server; port: number; url: string }> {
  const server = drainable(keepIdleConnections(createServer(app)));
  server.listen(port, host);
  await once(server, 'listening');
  const actual = (server.address() as AddressInfo).port;
  return { server, port: actual, url: `http://${host}:${actual}` };
}

/**
 * A listener serving only `/metrics`, for a process whose own port is public (the gateway's
 * METRICS_PORT): scrapers reach it on an address the public does not.
 */
export async function serveMetrics(port: number, host: string): Promise<{ server: Server; url: string }> {
  const app = createHttpApp();
  app.get('/metrics', metricsHandler);
  const { server, url } = await listen(app, port, host);
  return { server, url: `${url}/metrics` };
}
