import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withClient } from '@cellgraph/kernel/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { CellError, cellNames, eventCatalogPath, loadCell, nodeOwnersPath, nodeSubgraphPath, resolveSubgraphs, supergraphPath } from '../runtime/cells.js';
import { cellEventCatalog, composeCell, subgraphSdls } from '../runtime/composition.js';
import { startTestCell, type TestCell } from '../testing/cell-harness.js';

describe('cell manifests', () => {
  it('lists the committed cells, with dependencies ordered first', () => {
    expect(cellNames()).toEqual(expect.arrayContaining(['all', 'core']));
    expect(loadCell('all').subgraphs.map((s) => s.name)).toEqual([
      'identity',
      'tasks',
      'crm',
      'collaboration',
      'notifications',
      'notes',
      'files',
      'documents',
      'finance',
      'audit',
      'search',
      'webhooks',
      'imports',
      'exports',
    ]);
    expect(loadCell('sales').subgraphs.map((s) => s.name)).toEqual(['identity', 'crm', 'collaboration', 'notifications']);
    expect(loadCell('agency').subgraphs.map((s) => s.name)).toEqual(['identity', 'crm', 'collaboration', 'notifications', 'files', 'documents']);
    expect(loadCell('billing').subgraphs.map((s) => s.name)).toEqual(['identity', 'crm', 'collaboration', 'notifications', 'files', 'finance']);
    expect(resolveSubgraphs('x', ['tasks', 'identity']).map((s) => s.name)).toEqual(['identity', 'tasks']);
  });

  it('refuses unknown subgraphs, duplicates and missing dependencies', () => {
    expect(() => resolveSubgraphs('x', ['billing'])).toThrow('unknown subgraph billing');
    expect(() => resolveSubgraphs('x', ['identity', 'identity'])).toThrow('listed twice');
    expect(() => resolveSubgraphs('x', ['tasks'])).toThrow('subgraph tasks needs identity, which the cell does not enable');
    expect(() => loadCell('no-such-cell')).toThrow(CellError);
    expect(() => loadCell('../etc')).toThrow('Invalid cell name');
  });

  it('composes every cell; the smaller one lacks the disabled subgraph’s fields', async () => {
    const cells = cellNames().map(loadCell);
    const sdls = await subgraphSdls(cells);
    const core = composeCell(loadCell('core'), sdls).apiSchema;
    const all = composeCell(loadCell('all'), sdls).apiSchema;
    expect(core).not.toContain('assignedTasks');
    expect(all).toMatch(/assignedTasks\([\s\S]*?\n {2}\): TaskConnection\n/);
    expect(all).not.toContain('@join__');
  });

  it('commits each cell’s event catalog as its contracts give it (npm run compose writes it; stale fails here and in compose --check)', () => {
    for (const name of cellNames()) {
      const cell = loadCell(name);
      expect(readFileSync(eventCatalogPath(name), 'utf8'), `schema/cells/${name}/events.json is stale: run npm run compose`).toBe(cellEventCatalog(cell));
    }
    const all = JSON.parse(cellEventCatalog(loadCell('all'))) as { events: { type: string; module: string; schema: Record<string, unknown> }[] };
    const emitted = loadCell('all').subgraphs.flatMap((definition) => Object.keys(definition.emits ?? {}));
    expect(all.events.map((event) => event.type).sort()).toEqual([...emitted].sort());
    expect(all.events.find((event) => event.type === 'webhook_endpoint.disabled')).toMatchObject({
      module: 'webhooks',
      schema: {
        type: 'object',
        properties: { url: { type: 'string' }, consecutiveFailures: { type: 'integer' } },
        required: ['url', 'consecutiveFailures', 'recipients'],
      },
    });
    const sales = JSON.parse(cellEventCatalog(loadCell('sales'))) as { events: { module: string }[] };
    expect(new Set(sales.events.map((event) => event.module))).toEqual(new Set(['identity', 'crm', 'collaboration', 'notifications']));
  });
});

describe('a cell without tasks', () => {
  let cell: TestCell;
  afterAll(async () => {
    await cell?.stop();
  });

  it('runs, has no tasks schema or tables, and its graph has no task fields', async () => {
    cell = await startTestCell({ cell: 'core' });
    const user = await cell.signUp('Core');
    const me = await cell.gql('{ me { email } organization { members { totalCount } } }', {}, user.token);
    expect(me.data).toEqual({ me: { email: user.email }, organization: { members: { totalCount: 1 } } });
    const tasks = await cell.gql('{ tasks { totalCount } }', {}, user.token);
    expect(tasks.errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const schemas = await withClient(cell.database.url, async (client) =>
      (await client.query(`SELECT nspname FROM pg_namespace WHERE nspname IN ('identity', 'tasks') ORDER BY 1`)).rows.map((r) => r.nspname),
    );
    expect(schemas).toEqual(['identity']);
  });
});

describe('supergraph hot reload', () => {
  let cell: TestCell;
  const dir = mkdtempSync(join(tmpdir(), 'cellgraph-supergraph-'));
  afterAll(async () => {
    await cell?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves a new supergraph as soon as the file changes, and keeps the old one when the new one is broken', async () => {
    const file = join(dir, 'supergraph.graphql');
    const node = join(dir, 'node.graphql');
    const owners = join(dir, 'node-owners.json');
    copyFileSync(nodeSubgraphPath('core'), node);
    copyFileSync(nodeOwnersPath('core'), owners);
    copyFileSync(supergraphPath('core'), file);
    cell = await startTestCell({ cell: 'all', supergraphPath: file });
    const user = await cell.signUp('Reload');
    expect((await cell.gql('{ tasks { totalCount } }', {}, user.token)).errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');

    copyFileSync(nodeSubgraphPath('all'), node);
    copyFileSync(nodeOwnersPath('all'), owners);
    copyFileSync(supergraphPath('all'), file);
    await expect
      .poll(async () => (await cell.gql('{ tasks { totalCount } }', {}, user.token)).data, { timeout: 10_000, interval: 100 })
      .toEqual({ tasks: { totalCount: 0 } });

    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, 'this is not a supergraph');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await cell.gql('{ tasks { totalCount } }', {}, user.token)).data).toEqual({ tasks: { totalCount: 0 } });
  });
});
