import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';

/**
 * A round-robin HTTP load balancer for rolling-restart tests, doing what a real one does: it polls
 * each backend's `/health/ready` and routes each request only to backends that answered 200 last
 * time (none: it fails open, to every backend). Each request gets its own upstream connection; a
 * refused connection goes to the next backend, any other upstream failure answers 502, so a
 * request lost by a backend shows as an error.
 */
export class HttpBalancer {
  /** Requests routed to each backend (by base URL). */
  readonly routed = new Map<string, number>();
  private readonly ready = new Set<string>();
  private readonly lastPoll = new Map<string, string>();
  private next = 0;
  private poller: NodeJS.Timeout | undefined;
  private stopped = false;

  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly backends: readonly string[],
  ) {}

  /** Balances over `backends` (base URLs such as http://127.0.0.1:4001), polling readiness every `pollMs`. */
  static async start(backends: readonly string[], pollMs = 100): Promise<HttpBalancer> {
    const server = createServer();
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const balancer = new HttpBalancer(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`, backends);
    server.on('request', (req, res) => balancer.route(req, res));
    await balancer.poll();
    const loop = () => {
      if (!balancer.stopped) balancer.poller = setTimeout(() => void balancer.poll().finally(loop), pollMs);
    };
    loop();
    return balancer;
  }

  /** How many backends it balances over. */
  get backendCount(): number {
    return this.backends.length;
  }

  /** What the last readiness poll of each backend that is not ready saw (for a test's failure message). */
  get notReady(): string[] {
    return this.backends.filter((backend) => !this.ready.has(backend)).map((backend) => `${backend}: ${this.lastPoll.get(backend) ?? 'not polled yet'}`);
  }

  /** Backends currently receiving requests. */
  get readyBackends(): string[] {
    return this.backends.filter((backend) => this.ready.has(backend));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.poller);
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async poll(): Promise<void> {
    await Promise.all(
      this.backends.map(async (backend) => {
        try {
          const response = await fetch(`${backend}/health/ready`, { signal: AbortSignal.timeout(1_000) });
          const body = await response.text();
          this.lastPoll.set(backend, `HTTP ${response.status} ${body.slice(0, 200)}`);
          if (response.status === 200) this.ready.add(backend);
          else this.ready.delete(backend);
        } catch (error) {
          this.lastPoll.set(backend, (error as Error).message);
          this.ready.delete(backend);
        }
      }),
    );
  }

  private route(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => this.forward(req, res, Buffer.concat(chunks), new Set()));
  }

  private forward(req: IncomingMessage, res: ServerResponse, body: Buffer, refused: Set<string>): void {
    // With no backend ready it fails open, as AWS's load balancers (and Envoy's panic mode) do: a
    // readiness poll that timed out on a busy machine must not turn every request away while the
    // backends still serve. A backend that is really gone refuses the connection and is skipped.
    const ready = this.readyBackends.filter((backend) => !refused.has(backend));
    const candidates = ready.length ? ready : this.backends.filter((backend) => !refused.has(backend));
    if (!candidates.length) {
      res.writeHead(503, { 'content-type': 'text/plain' }).end('no backend answers');
      return;
    }
    const backend = candidates[this.next++ % candidates.length]!;
    this.routed.set(backend, (this.routed.get(backend) ?? 0) + 1);
    const target = new URL(req.url ?? '/', backend);
    const upstream = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname + target.search,
        method: req.method,
        headers: { ...req.headers, host: target.host },
        agent: false,
      },
      (response) => {
        const { connection: _connection, 'keep-alive': _keepAlive, ...headers } = response.headers; // hop-by-hop: this hop is the balancer's
        res.writeHead(response.statusCode ?? 502, headers);
        response.pipe(res);
      },
    );
    upstream.on('error', (error: NodeJS.ErrnoException) => {
      // Refused: the backend closed its listener after this balancer's last readiness poll (a busy
      // machine can delay a poll past the drain delay). The request never reached it, so it goes to
      // another backend, as nginx's proxy_next_upstream and Envoy's connect-failure retries do. A
      // request that reached a backend and failed there is never retried: it answers 502.
      if (error.code === 'ECONNREFUSED' && !res.headersSent) {
        this.ready.delete(backend);
        refused.add(backend);
        this.forward(req, res, body, refused);
      } else if (res.headersSent) res.destroy(error);
      else res.writeHead(502, { 'content-type': 'text/plain' }).end(`upstream ${backend} failed: ${error.message}`);
    });
    upstream.end(body);
  }
}
