import { describe, expect, it } from 'vitest';
import { runCell } from './mocks.js';

describe('smoke', () => {
  it('runs', async () => {
    const run = await runCell('sales-staging');
    const types = new Map<string, number>();
    for (const r of run.resources) types.set(r.type, (types.get(r.type) ?? 0) + 1);
    console.log([...types].sort().map(([t, n]) => `${n} ${t}`).join('\n'), run.resources.length);
    console.log(JSON.stringify(run.resolved, null, 1).slice(0, 3000));
    console.log(JSON.stringify(run.named('aws:rds/cluster:Cluster', 'cg-sales-stg-db').inputs, null, 1));
  });
});
