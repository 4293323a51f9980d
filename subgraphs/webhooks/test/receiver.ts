import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

/** The committed event catalog of cell `all` (what `npm run compose` writes; the cell launchers pass it as WEBHOOK_EVENT_CATALOG_PATH). */
export const CATALOG_PATH = fileURLToPath(new URL('../../../schema/cells/all/events.json', import.meta.url));

/** One request the receiver got. */
export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  json: {
    id: string;
    type: string;
    occurredAt: string;
    organizationId: string;
    data: { object: Record<string, unknown>; previousAttributes?: Record<string, unknown> };
  };
  status: number;
  at: number;
}

/**
 * A real webhook receiver on a free local port (as a customer would run one): each path behaves as
 * told — answers 2xx, or fails the first `failures` requests of each event with a 500 — records
 * every request, and handles each event id once (`handled`), as receivers dedupe.
 */
export class WebhookReceiver {
  readonly received: Received[] = [];
  /** Event ids handled, once each (a redelivery or retry of a handled event is acknowledged, not handled again). */
  readonly handled = new Map<string, Received>();
  private readonly behaviours = new Map<string, { failures: number; always?: boolean }>();
  private readonly seen = new Map<string, number>();

  private constructor(
    private readonly server: Server,
    readonly origin: string,
  ) {}

  static async start(): Promise<WebhookReceiver> {
    const ready: { receiver?: WebhookReceiver } = {};
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => ready.receiver!.answer(req.url ?? '/', req.headers, Buffer.concat(chunks), res));
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    ready.receiver = new WebhookReceiver(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return ready.receiver;
  }

  /** A URL of the receiver: `failures` first requests of each event to it fail (500); `always`: every one does. */
  url(path: string, behaviour: { failures?: number; always?: boolean } = {}): string {
    this.behaviours.set(`/${path}`, { failures: behaviour.failures ?? 0, always: behaviour.always });
    return `${this.origin}/${path}`;
  }

  to(path: string): Received[] {
    return this.received.filter((request) => request.path === `/${path}`);
  }

  private answer(path: string, headers: IncomingHttpHeaders, body: Buffer, res: import('node:http').ServerResponse): void {
    const behaviour = this.behaviours.get(path) ?? { failures: 0 };
    const json = JSON.parse(body.toString()) as Received['json'];
    const key = `${path} ${json.id}`;
    const count = (this.seen.get(key) ?? 0) + 1;
    this.seen.set(key, count);
    const fail = behaviour.always || count <= behaviour.failures;
    const status = fail ? 500 : 200;
    const request: Received = { path, headers, body, json, status, at: Date.now() };
    this.received.push(request);
    if (!fail && !this.handled.has(`${path} ${json.id}`)) this.handled.set(`${path} ${json.id}`, request);
    res.writeHead(status, { 'content-type': 'text/plain' }).end(fail ? `failing on purpose (${count})` : `ok ${json.id}`);
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    this.server.close();
    await once(this.server, 'close').catch(() => undefined);
  }
}
