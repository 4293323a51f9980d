import { describe, expect, it } from 'vitest';
import { counter, loaderLabel, metricsRegistry, operationLabel, statusClass } from './metrics.js';

describe('metrics', () => {
  it('bounds the operation label: names while fewer than 200 were seen, then `other`; `anonymous` without a name', () => {
    expect(operationLabel(undefined)).toBe('anonymous');
    for (let i = 0; i < 200; i++) expect(operationLabel(`Op${i}`)).toBe(`Op${i}`);
    expect(operationLabel('OneTooMany')).toBe('other');
    expect(operationLabel('Op7')).toBe('Op7');
  });

  it('names a loader without the arguments its name carries', () => {
    expect(loaderLabel('crm.deals.contactId:{"first":5}')).toBe('crm.deals.contactId');
    expect(loaderLabel('aggregate:User')).toBe('aggregate:User');
  });

  it('shares a family by name (a gateway and a host in one process) and serves the text format', async () => {
    const first = counter({ name: 'cellgraph_test_total', help: 'test', labelNames: ['outcome'] });
    const second = counter({ name: 'cellgraph_test_total', help: 'test', labelNames: ['outcome'] });
    first.inc({ outcome: 'ok' });
    second.inc({ outcome: 'ok' });
    expect(second).toBe(first);
    expect(await metricsRegistry.metrics()).toContain('cellgraph_test_total{outcome="ok"} 2');
    expect(statusClass(503)).toBe('5xx');
  });
});
