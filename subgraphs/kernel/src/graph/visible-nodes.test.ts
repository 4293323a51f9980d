import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestContext } from '../context/request-context.js';
import { CodedError } from '../errors/coded-error.js';
import { GraphClient } from './graph-client.js';
import { requireVisibleNodes } from './visible-nodes.js';

/** A stand-in gateway over real HTTP: answers each request with the next scripted status and body. */
let gateway: Server;
let url: string;
let next: { status: number; body: unknown } = { status: 200, body: {} };
beforeAll(async () => {
  gateway = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(next.status, { 'content-type': 'application/json' }).end(JSON.stringify(next.body)));
  });
  await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/graphql`;
});
afterAll(() => new Promise<void>((resolve) => gateway.close(() => resolve())));

const request: RequestContext = { requestId: 'r1', principal: { kind: 'anonymous' } as never, delegation: 'delegation-token' };
const notFound = (index: number) => new CodedError('THING_NOT_FOUND', `#${index} not found`);
const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'ok',
    (error: unknown) => (error instanceof CodedError ? error.code : String(error)),
  );

describe('requireVisibleNodes', () => {
  it('passes when every node is readable, and names the first one that is not', async () => {
    next = { status: 200, body: { data: { nodes: [{ id: 'a' }, { id: 'b' }] } } };
    expect(await codeOf(requireVisibleNodes(new GraphClient(url), request, ['a', 'b'], notFound))).toBe('ok');
    next = { status: 200, body: { data: { nodes: [{ id: 'a' }, null] } } };
    await expect(requireVisibleNodes(new GraphClient(url), request, ['a', 'b'], notFound)).rejects.toThrow('#1 not found');
    // Another organization's (or forbidden) object is missing too, never confirmed to exist.
    next = { status: 200, body: { data: { nodes: [null] }, errors: [{ message: 'no', path: ['nodes', 0], extensions: { code: 'FORBIDDEN' } }] } };
    expect(await codeOf(requireVisibleNodes(new GraphClient(url), request, ['a'], notFound))).toBe('THING_NOT_FOUND');
    // A malformed id: the gateway refuses the whole list as bad input — the object is missing, not the graph.
    next = { status: 200, body: { data: { nodes: null }, errors: [{ message: 'Invalid id', extensions: { code: 'BAD_USER_INPUT' } }] } };
    expect(await codeOf(requireVisibleNodes(new GraphClient(url), request, ['a'], notFound))).toBe('THING_NOT_FOUND');
  });

  it('answers SERVICE_UNAVAILABLE, not "not found", when the graph or the owning module cannot tell', async () => {
    // The module owning the second node is down: the gateway nulls it with SERVICE_UNAVAILABLE.
    next = {
      status: 200,
      body: { data: { nodes: [{ id: 'a' }, null] }, errors: [{ message: 'down', path: ['nodes', 1], extensions: { code: 'SERVICE_UNAVAILABLE' } }] },
    };
    expect(await codeOf(requireVisibleNodes(new GraphClient(url), request, ['a', 'b'], notFound))).toBe('SERVICE_UNAVAILABLE');
    next = { status: 503, body: {} };
    expect(await codeOf(requireVisibleNodes(new GraphClient(url), request, ['a'], notFound))).toBe('SERVICE_UNAVAILABLE');
    // Nothing listens on port 9 (discard): the gateway is down.
    expect(await codeOf(requireVisibleNodes(new GraphClient('http://127.0.0.1:9/graphql'), request, ['a'], notFound))).toBe('SERVICE_UNAVAILABLE');
    next = { status: 401, body: {} };
    expect(await codeOf(requireVisibleNodes(new GraphClient(url), request, ['a'], notFound))).toBe('UNAUTHENTICATED');
  });

  it('throws a deployment fault as it is (no GRAPH_URL, no delegation), for the error mask to log', async () => {
    await expect(requireVisibleNodes(new GraphClient(undefined), request, ['a'], notFound)).rejects.toThrow('GRAPH_URL is not configured');
    await expect(requireVisibleNodes(new GraphClient(url), { ...request, delegation: undefined }, ['a'], notFound)).rejects.toThrow('no delegation');
  });
});
