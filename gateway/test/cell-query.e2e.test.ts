import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCell, type TestCell } from '../../scripts/testing/cell-harness.js';

const CELL = '{ cell { name modules { name } } }';

let all: TestCell;
let sales: TestCell;

beforeAll(async () => {
  [all, sales] = await Promise.all([startTestCell(), startTestCell({ cell: 'sales' })]);
});
afterAll(async () => {
  await Promise.all([all?.stop(), sales?.stop()]);
});

describe('cell: which modules the cell serves', () => {
  it('lists the cell `all`’s fourteen modules in its manifest’s order, to an anonymous caller', async () => {
    const result = await all.gql(CELL);
    expect(result.errors).toBeUndefined();
    expect(result.data!.cell).toEqual({
      name: 'all',
      modules: [
        { name: 'identity' },
        { name: 'tasks' },
        { name: 'crm' },
        { name: 'collaboration' },
        { name: 'notifications' },
        { name: 'notes' },
        { name: 'files' },
        { name: 'documents' },
        { name: 'finance' },
        { name: 'audit' },
        { name: 'search' },
        { name: 'webhooks' },
        { name: 'imports' },
        { name: 'exports' },
      ],
    });
  });

  it('lists only the sales cell’s modules (no tasks, never the gateway’s node subgraph)', async () => {
    const result = await sales.gql(CELL);
    expect(result.data!.cell).toEqual({
      name: 'sales',
      modules: [{ name: 'identity' }, { name: 'crm' }, { name: 'collaboration' }, { name: 'notifications' }],
    });
  });

  it('answers a signed-in caller the same', async () => {
    const user = await sales.signUp();
    const result = await sales.gql('{ cell { modules { name } } me { id } }', {}, user.token);
    expect(result.errors).toBeUndefined();
    expect(result.data!.cell.modules.map((module: { name: string }) => module.name)).toEqual(['identity', 'crm', 'collaboration', 'notifications']);
  });
});
