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
