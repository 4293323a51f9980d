import { Agent, request } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { Router } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHost, listen } from './host.js';
import { closeServer } from './shutdown.js';
import type { HealthReport, SubgraphServer } from './subgraph-server.js';

const healthy: HealthReport = { status: 'ok', checks: { postgres: 'ok', redis: 'ok' } };
const failing: HealthReport = { status: 'unavailable', checks: { postgres: 'failing', redis: 'ok' } };

/** A subgraph as far as the host's health endpoints see it. */
function subgraph(name: string, health: () => HealthReport): SubgraphServer {
  return { name, router: Router(), ready: async () => health() } as unknown as SubgraphServer;
}

describe('host readiness', () => {
  let tasksHealth = failing;
  let crmHealth = healthy;
  let served: Awaited<ReturnType<typeof listen>>;

  beforeAll(async () => {
    served = await listen(createHost([subgraph('tasks', () => tasksHealth), subgraph('crm', () => crmHealth)]), 0);
  });

  afterAll(async () => {
    await closeServer(served.server);
  });

  const ready = async () => {
    const response = await fetch(`${served.url}/health/ready`);
    return { status: response.status, body: (await response.json()) as { status: string; subgraphs: Record<string, HealthReport> } };
  };

  it('stays ready while one of its subgraphs is not, and reports that one', async () => {
    tasksHealth = failing;
    crmHealth = healthy;
    expect(await ready()).toEqual({ status: 200, body: { status: 'degraded', subgraphs: { tasks: failing, crm: healthy } } });
  });

  it('is ready and ok when every subgraph is', async () => {
    tasksHealth = healthy;
    crmHealth = healthy;
    expect(await ready()).toEqual({ status: 200, body: { status: 'ok', subgraphs: { tasks: healthy, crm: healthy } } });
  });

  it('is unavailable when none of its subgraphs can serve', async () => {
    tasksHealth = failing;
    crmHealth = failing;
    expect(await ready()).toEqual({ status: 503, body: { status: 'unavailable', subgraphs: { tasks: failing, crm: failing } } });
  });
});

describe('host connections', () => {
  /** GET `url` through `agent`; resolves with whether the agent reused a kept-alive socket. */
  const get = (url: string, agent: Agent) =>
    new Promise<boolean>((resolve, reject) => {
      const req = request(url, { agent }, (res) => {
        res.resume();
        res.once('end', () => resolve(req.reusedSocket));
      });
      req.once('error', reject);
      req.end();
    });

  it('keeps an idle connection open past Node’s 5 s default, so a client reusing it is served', async () => {
    const served = await listen(createHost([]), 0);
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      expect(await get(`${served.url}/health/live`, agent)).toBe(false);
      await delay(6_000); // idle longer than Node's default keepAliveTimeout (5 s), which closed it
      expect(await get(`${served.url}/health/live`, agent)).toBe(true);
    } finally {
      agent.destroy();
      await closeServer(served.server);
    }
  });
});
