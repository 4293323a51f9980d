import { createClient, type Client } from 'graphql-ws';
import type { FormattedExecutionResult } from 'graphql';
import WebSocket from 'ws';

/** One subscription as a test sees it: what arrived, and a way to wait for the next payload. */
export interface LiveSubscription {
  readonly results: FormattedExecutionResult[];
  /** The next payload; waits for it as long as it takes unless given `timeoutMs` (tests rely on their own timeout for hangs). */
  next(timeoutMs?: number): Promise<FormattedExecutionResult>;
  /** Resolves with the error the server ended the subscription with. */
  readonly ended: Promise<unknown>;
  close(): void;
}

/** A graphql-ws client of the gateway's /graphql (ws://), authenticating in connection_init. */
export function liveClient(gatewayUrl: string, token: string | null): Client {
  return createClient({
    url: gatewayUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: token ? { Authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    lazy: true,
  });
}

export function subscribe(client: Client, query: string, variables: Record<string, unknown> = {}): LiveSubscription {
  const results: FormattedExecutionResult[] = [];
  let waiting: ((result: FormattedExecutionResult) => void) | null = null;
  let read = 0;
  let end: (reason: unknown) => void = () => {};
  const ended = new Promise<unknown>((resolve) => (end = resolve));
  const dispose = client.subscribe(
    { query, variables },
    {
      next: (result) => {
        results.push(result as FormattedExecutionResult);
        waiting?.(results[read++]!);
        waiting = null;
      },
      error: (error) => end(error),
      complete: () => end(null),
    },
  );
  return {
    results,
    ended,
    close: dispose,
    next(timeoutMs?: number) {
      if (read < results.length) return Promise.resolve(results[read++]!);
      return new Promise((resolve, reject) => {
        const timer = timeoutMs === undefined ? undefined : setTimeout(() => reject(new Error(`no payload within ${timeoutMs} ms`)), timeoutMs);
        waiting = (result) => {
          clearTimeout(timer);
          resolve(result);
        };
      });
    },
  };
}

/** Opens a raw graphql-transport-ws socket, sends `init` and resolves with the close code and reason. */
export function closeCodeOf(gatewayUrl: string, init: Record<string, unknown>): Promise<{ code: number; reason: string }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(gatewayUrl.replace(/^http/, 'ws'), 'graphql-transport-ws');
    socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: init })));
    socket.on('close', (code, reason) => resolve({ code, reason: String(reason) }));
    socket.on('error', reject);
  });
}
