import { createServer, type Server } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpBalancer } from '../testing/http-balancer.js';

/** A backend answering readiness and echoing each request's body with its name. */
async function backend(name: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    if (req.url === '/health/ready') return void res.writeHead(200).end('ok');
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => res.writeHead(200, { 'content-type': 'text/plain' }).end(`${name}:${Buffer.concat(chunks).toString()}`));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('the test load balancer', () => {
  const stops: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    await Promise.all(stops.splice(0).map((stop) => stop()));
  });

  it('sends a request a backend refused (its listener closed since the last poll) to the next ready one, body and all', async () => {
    const [a, b] = await Promise.all([backend('a'), backend('b')]);
    stops.push(() => new Promise((resolve) => a.server.close(resolve)));
    // Polls an hour apart: after the first one both stay "ready", as when a poll is late.
    const balancer = await HttpBalancer.start([a.url, b.url], 3_600_000);
    stops.push(() => balancer.stop());
    expect(balancer.readyBackends).toEqual([a.url, b.url]);
    await new Promise((resolve) => b.server.close(resolve));

    const answers = await Promise.all(
      [1, 2, 3, 4].map(async (n) => {
        const response = await fetch(balancer.url, { method: 'POST', body: `request ${n}` });
        return `${response.status} ${await response.text()}`;
      }),
    );
    expect(answers).toEqual(['200 a:request 1', '200 a:request 2', '200 a:request 3', '200 a:request 4']);
    expect(balancer.readyBackends).toEqual([a.url]);
  });

  it('answers 503 when every backend refused, and 502 when a backend failed a request it received', async () => {
    const a = await backend('a');
    const balancer = await HttpBalancer.start([a.url], 3_600_000);
    stops.push(() => balancer.stop());
    await new Promise((resolve) => a.server.close(resolve));
    expect((await fetch(balancer.url, { method: 'POST', body: 'x' })).status).toBe(503);

    const dropping = createServer((req, res) => (req.url === '/health/ready' ? res.writeHead(200).end() : req.socket.destroy()));
    dropping.listen(0, '127.0.0.1');
    await once(dropping, 'listening');
    stops.push(() => new Promise((resolve) => dropping.close(resolve)));
    const lossy = await HttpBalancer.start([`http://127.0.0.1:${(dropping.address() as AddressInfo).port}`], 3_600_000);
    stops.push(() => lossy.stop());
    expect((await fetch(lossy.url, { method: 'POST', body: 'x' })).status).toBe(502);
  });

  it('fails open when no backend is ready (a late or failed poll), as AWS load balancers do', async () => {
    const unready = createServer((req, res) => (req.url === '/health/ready' ? res.writeHead(503).end('draining') : res.writeHead(200).end('served')));
    unready.listen(0, '127.0.0.1');
    await once(unready, 'listening');
    stops.push(() => new Promise((resolve) => unready.close(resolve)));
    const balancer = await HttpBalancer.start([`http://127.0.0.1:${(unready.address() as AddressInfo).port}`], 3_600_000);
    stops.push(() => balancer.stop());
    expect(balancer.readyBackends).toEqual([]);
    const response = await fetch(balancer.url, { method: 'POST', body: 'x' });
    expect(`${response.status} ${await response.text()}`).toBe('200 served');
  });
});
