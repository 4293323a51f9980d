import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { subgraphFetch } from './subgraph-http.js';

// A subgraph stand-in: /json answers JSON, /text plain text, /silent never answers; it records
// which connection served each request.
let server: Server;
let base: string;
const sockets = new Set<Socket>();
const servedBy: Socket[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    servedBy.push(req.socket);
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      if (req.url === '/silent') return;
      if (req.url === '/text') return void res.writeHead(502, { 'content-type': 'text/plain' }).end('bad gateway');
      res
        .writeHead(200, { 'content-type': 'application/json', 'cache-control': 'max-age=5' })
        .end(JSON.stringify({ method: req.method, got: body, header: req.headers['x-test'] }));
    });
  });
  server.on('connection', (socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => server.close(resolve));
});

const realSetTimeout = globalThis.setTimeout;
const realClearTimeout = globalThis.clearTimeout;

describe('subgraphFetch', () => {
  it('sends method, headers and body, and answers like fetch', async () => {
    const response = await subgraphFetch(`${base}/json`, { method: 'POST', headers: { 'x-test': 'yes' }, body: '{"query":"{a}"}', timeoutMs: 5_000 });
    expect(response).toMatchObject({ status: 200, ok: true, statusText: 'OK', url: `${base}/json` });
    expect(response.headers.get('Cache-Control')).toBe('max-age=5');
    expect(response.headers.get('x-missing')).toBeNull();
    expect(await response.json()).toEqual({ method: 'POST', got: '{"query":"{a}"}', header: 'yes' });

    const failing = await subgraphFetch(`${base}/text`, { method: 'POST', body: '{}' });
    expect(failing).toMatchObject({ status: 502, ok: false, statusText: 'Bad Gateway' });
    expect(await failing.text()).toBe('bad gateway');
  });

  it('keeps connections for the next calls', async () => {
    const before = servedBy.length;
    for (let i = 0; i < 10; i++) await (await subgraphFetch(`${base}/json`, { method: 'POST', body: '{}' })).text();
    // A connection returns to the pool just after its body ends, so a call may open a second one.
    const used = new Set(servedBy.slice(before));
    expect(used.size).toBeLessThanOrEqual(2);
  });

  it('clears its deadline once the body is read, so no timer outlives a call', async () => {
    // The timers of these calls are told apart from any other by their delay.
    const delay = 61_234;
    const started = new Set<unknown>();
    const cleared = new Set<unknown>();
    const setTimer = vi.spyOn(globalThis, 'setTimeout');
    const clearTimer = vi.spyOn(globalThis, 'clearTimeout');
    setTimer.mockImplementation(((callback: () => void, ms?: number) => {
      const timer = realSetTimeout(callback, ms);
      if (ms === delay) started.add(timer);
      return timer;
    }) as typeof setTimeout);
    clearTimer.mockImplementation(((timer?: NodeJS.Timeout) => {
      cleared.add(timer);
      realClearTimeout(timer);
    }) as typeof clearTimeout);
    try {
      await Promise.all(Array.from({ length: 20 }, async () => (await subgraphFetch(`${base}/json`, { method: 'POST', body: '{}', timeoutMs: delay })).json()));
    } finally {
      setTimer.mockRestore();
      clearTimer.mockRestore();
    }
    expect(started.size).toBe(20);
    expect([...started].filter((timer) => !cleared.has(timer))).toEqual([]);
  });

  it('gives up after the timeout with a TimeoutError', async () => {
    const error = await subgraphFetch(`${base}/silent`, { method: 'POST', body: '{}', timeoutMs: 200 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DOMException);
    expect((error as DOMException).name).toBe('TimeoutError');
  });

  it('fails like fetch when the subgraph cannot be reached, with the cause', async () => {
    const error = await subgraphFetch('http://127.0.0.1:9/graphql', { method: 'POST', body: '{}', timeoutMs: 5_000 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as TypeError).message).toBe('fetch failed');
    expect(((error as TypeError).cause as { code?: string }).code).toBe('ECONNREFUSED');
  });

  it('reports a body that is not JSON as a SyntaxError, not as a transport failure', async () => {
    const response = await subgraphFetch(`${base}/text`, { method: 'POST', body: '{}' });
    await expect(response.json()).rejects.toBeInstanceOf(SyntaxError);
  });
});
