import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from '@cellgraph/kernel/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CircuitBreaker, CircuitOpenError } from './circuit-breaker.js';

// A subgraph stand-in answering with the status the test sets, counting the requests it sees.
let status = 200;
let hits = 0;
let server: Server;
let url: string;

beforeAll(async () => {
  server = createServer((_req, res) => {
    hits += 1;
    res.writeHead(status, { 'content-type': 'application/json' }).end('{"data":{}}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});

afterAll(() => {
  server.close();
});

async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 10));
}

async function call(breaker: CircuitBreaker, target = url) {
  const response = await breaker.fetch(target, { method: 'POST', body: '{}' });
  await response.text();
  return response;
}

describe('CircuitBreaker', () => {
  it('opens after the consecutive failures, then fails at once without calling the subgraph', async () => {
    const breaker = new CircuitBreaker('tasks', { failureThreshold: 3, cooldownMs: 60_000 }, createLogger('test'));
    status = 503;
    for (let i = 0; i < 2; i++) await call(breaker);
    expect(breaker.report()).toEqual({ breaker: 'closed', consecutiveFailures: 2 });
    await call(breaker);
    expect(breaker.report()).toEqual({ breaker: 'open', consecutiveFailures: 3 });
    const before = hits;
    const refused = await call(breaker).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(CircuitOpenError);
    expect((refused as CircuitOpenError).extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', retryAfter: 60 });
    expect(hits).toBe(before);
  });

  it('counts unreachable subgraphs; answers (even 4xx/500) reset the count', async () => {
    const breaker = new CircuitBreaker('tasks', { failureThreshold: 2, cooldownMs: 60_000 }, createLogger('test'));
    await expect(call(breaker, 'http://127.0.0.1:9/graphql')).rejects.toThrow();
    expect(breaker.report()).toEqual({ breaker: 'closed', consecutiveFailures: 1 });
    for (const answered of [400, 401, 500, 200]) {
      status = answered;
      await call(breaker);
      expect(breaker.report()).toEqual({ breaker: 'closed', consecutiveFailures: 0 });
    }
    await expect(call(breaker, 'http://127.0.0.1:9/graphql')).rejects.toThrow();
    await expect(call(breaker, 'http://127.0.0.1:9/graphql')).rejects.toThrow();
    expect(breaker.report().breaker).toBe('open');
  });

  it('after the cool-down lets one probe through: a failed probe opens it again, a successful one closes it', async () => {
    const breaker = new CircuitBreaker('tasks', { failureThreshold: 1, cooldownMs: 100 }, createLogger('test'));
    status = 503;
    await call(breaker);
    expect(breaker.report().breaker).toBe('open');
    await until(() => breaker.report().breaker === 'half-open');
    const before = hits;
    await call(breaker); // the probe, failing
    expect(hits).toBe(before + 1);
    expect(breaker.report().breaker).toBe('open');
    await expect(call(breaker)).rejects.toBeInstanceOf(CircuitOpenError);
    await until(() => breaker.report().breaker === 'half-open');
    status = 200;
    await call(breaker);
    expect(breaker.report()).toEqual({ breaker: 'closed', consecutiveFailures: 0 });
    await call(breaker);
    expect(hits).toBe(before + 3);
  });

  it('while a probe is out, every other call still fails at once', async () => {
    const breaker = new CircuitBreaker('tasks', { failureThreshold: 1, cooldownMs: 100 }, createLogger('test'));
    status = 503;
    await call(breaker);
    await until(() => breaker.report().breaker === 'half-open');
    status = 200;
    const probe = call(breaker);
    await expect(call(breaker)).rejects.toBeInstanceOf(CircuitOpenError);
    expect((await probe).status).toBe(200);
    expect(breaker.report().breaker).toBe('closed');
  });
});
