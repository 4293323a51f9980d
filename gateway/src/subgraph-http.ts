import { STATUS_CODES } from 'node:http';
import { Agent, request } from 'undici';

/**
 * The gateway's HTTP client for subgraphs: undici's `request` over kept-alive connections. Node's
 * global `fetch` builds WHATWG streams, abort signals and header objects for every call; on a
 * fan-out query that was a fifth of the gateway's CPU (`npm run bench -- gateways`). It answers
 * with the part of a fetch `Response` its callers use, and fails like `fetch`: a transport failure
 * is `TypeError('fetch failed')` with the cause, an abort rejects with the signal's reason.
 */
export interface SubgraphHttpRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** The whole call (connection, answer, body) gives up after this long with a TimeoutError. */
  timeoutMs?: number;
}

export interface SubgraphHttpResponse {
  readonly url: string;
  readonly status: number;
  readonly statusText: string;
  readonly ok: boolean;
  readonly headers: { get(name: string): string | null };
  /** The body (read once, like fetch's): every response must be read, or its connection stays busy. */
  text(): Promise<string>;
  json(): Promise<unknown>;
  arrayBuffer(): Promise<ArrayBuffer>;
}

// Connections stay open between calls (undici honours the subgraph's Keep-Alive timeout, minus a
// margin, so an idle connection is never reused as the subgraph closes it).
const dispatcher = new Agent({ keepAliveTimeout: 10_000, pipelining: 1 });

export async function subgraphFetch(url: string, init: SubgraphHttpRequest = {}): Promise<SubgraphHttpResponse> {
  // A timer cleared as soon as the body is read: AbortSignal.timeout's timer (and weak references)
  // would outlive every call by the whole timeout, thousands of them under load.
  const deadline = init.timeoutMs === undefined ? undefined : new Deadline(init.timeoutMs);
  const signal = deadline?.controller.signal;
  const read = async <T>(body: () => Promise<T>) => {
    try {
      return await body();
    } catch (error) {
      return failed(error, signal);
    } finally {
      deadline?.clear();
    }
  };
  try {
    const { statusCode, headers, body } = await request(url, {
      method: (init.method ?? 'GET') as 'GET',
      headers: init.headers,
      body: init.body,
      signal,
      dispatcher,
    });
    return {
      url,
      status: statusCode,
      statusText: STATUS_CODES[statusCode] ?? '',
      ok: statusCode >= 200 && statusCode < 300,
      headers: {
        get(name: string) {
          const value = headers[name.toLowerCase()];
          return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
        },
      },
      text: () => read(() => body.text()),
      json: () => read(() => body.json()),
      arrayBuffer: () => read(() => body.arrayBuffer()),
    };
  } catch (error) {
    deadline?.clear();
    return failed(error, signal);
  }
}

class Deadline {
  readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;

  constructor(ms: number) {
    this.timer = setTimeout(() => this.controller.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError')), ms);
  }

  clear(): void {
    clearTimeout(this.timer);
  }
}

function failed(error: unknown, signal: AbortSignal | undefined): never {
  if (signal?.aborted && error === signal.reason) throw error;
  // A body that is not JSON is the subgraph's answer, not a transport failure.
  if (error instanceof SyntaxError) throw error;
  throw new TypeError('fetch failed', { cause: error });
}
