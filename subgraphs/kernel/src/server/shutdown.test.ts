import { request as httpRequest, Agent } from 'node:http';
import { connect } from 'node:net';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../testing/redis-server.js';
import { listen } from './host.js';
import { drainServer, isDraining } from './shutdown.js';

/** An app whose `/slow` answers only when the test releases it. */
function slowApp() {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let arrived = 0;
  const app = express();
  app.get('/slow', async (_req, res) => {
    arrived++;
    await released;
    res.json({ done: true });
  });
  app.get('/fast', (_req, res) => void res.json({ fast: true }));
  app.get('/health/ready', (_req, res) => void res.json({ status: 'ok' }));
  return { app, release, arrived: () => arrived };
}

/** One GET on `agent` (keep-alive), with the response's status, Connection header and body. */
function get(port: number, path: string, agent: Agent): Promise<{ status: number; connection: string | undefined; body: unknown }> {
  return new Promise((resolve, reject) => {
    httpRequest({ host: '127.0.0.1', port, path, agent }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, connection: res.headers.connection, body: JSON.parse(text) }));
    })
      .on('error', reject)
      .end();
  });
}

const refusesConnections = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });

const agents: Agent[] = [];
const keepAlive = () => {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  agents.push(agent);
  return agent;
};
afterEach(() => agents.splice(0).forEach((agent) => agent.destroy()));

describe('drainServer', () => {
  it('answers readiness 503 while still serving during the drain delay, then refuses connections and lets the in-flight request finish with Connection: close', async () => {
    const { app, release, arrived } = slowApp();
    const { server, port } = await listen(app, 0);
    const inFlightAgent = keepAlive();
    const idleAgent = keepAlive();
    expect(await get(port, '/health/ready', idleAgent)).toMatchObject({ status: 200, connection: 'keep-alive' });
    const slow = get(port, '/slow', inFlightAgent);
    await waitFor(() => arrived() === 1, 'the slow request to arrive');

    let drained = false;
    const draining = drainServer(server, { delayMs: 300 }).then(() => (drained = true));
    expect(isDraining(server)).toBe(true);
    // During the delay: readiness says draining, everything else is served, also on new connections.
    expect(await get(port, '/health/ready', idleAgent)).toEqual({ status: 503, connection: 'keep-alive', body: { status: 'draining' } });
    expect((await get(port, '/fast', keepAlive())).body).toEqual({ fast: true });

    await waitFor(() => refusesConnections(port), 'the listener to close');
    expect(drained).toBe(false);
    release();
    expect(await slow).toEqual({ status: 200, connection: 'close', body: { done: true } });
    await draining;
    expect(drained).toBe(true);
  });

  it('resolves at once when nothing is in flight, closing idle keep-alive connections', async () => {
    const { app } = slowApp();
    const { server, port } = await listen(app, 0);
    const agent = keepAlive();
    expect((await get(port, '/fast', agent)).connection).toBe('keep-alive');
    await drainServer(server);
    expect(await refusesConnections(port)).toBe(true);
  });
});
