import { describe, expect, it } from 'vitest';
import { referenceAsIs } from '../federation/entity-reference.js';
import { NODE_SUBGRAPH } from '../federation/node-subgraph.js';
import { defineSubgraph, type SubgraphDefinition } from './subgraph-definition.js';

const base = {
  name: 'things',
  description: 'Things',
  scope: 'things',
  dependsOn: [],
  migrations: [],
  entities: [],
  resolvers: [class {}],
  createServices: () => ({}),
} as unknown as SubgraphDefinition<unknown>;

describe('defineSubgraph', () => {
  it("refuses a name that is not a module's (the gateway's own node subgraph's above all)", () => {
    for (const name of [NODE_SUBGRAPH, 'node-cellgraph', 'Things', 'x', 'with_underscore', 'a'.repeat(31)]) {
      expect(() => defineSubgraph({ ...base, name })).toThrow(`Invalid subgraph name ${JSON.stringify(name)}`);
    }
    expect(defineSubgraph({ ...base, name: 'node' }).name).toBe('node');
  });

  it('refuses a Node type whose reference does not load (node(id:) would answer every id as existing)', () => {
    expect(() => defineSubgraph({ ...base, nodeTypes: ['Thing'], references: { Thing: referenceAsIs } })).toThrow(
      'things: Node type Thing needs a reference resolver that loads it (referenceThroughLoader), not referenceAsIs',
    );
    expect(() => defineSubgraph({ ...base, nodeTypes: ['Thing'] })).toThrow('not none');
    expect(defineSubgraph({ ...base, nodeTypes: ['Thing'], references: { Thing: () => null, User: referenceAsIs } }).name).toBe('things');
  });
});

describe('defineSubgraph with schedules', () => {
  const description = { id: 'things.jobs.sweep', translations: { en: 'Sweeps', de: 'Fegt' } };

  it('takes a cron pattern or an interval, and refuses both or neither', () => {
    expect(defineSubgraph({ ...base, schedules: [{ job: 'sweep', cron: '0 3 * * *', timeZone: 'Europe/Berlin', description }] }).schedules).toHaveLength(1);
    expect(() => defineSubgraph({ ...base, schedules: [{ job: 'sweep', description }] })).toThrow(
      'things: schedule sweep needs exactly one of cron and everyMs',
    );
    expect(() => defineSubgraph({ ...base, schedules: [{ job: 'sweep', cron: '* * * * *', everyMs: 60_000, description }] })).toThrow('exactly one');
  });
});

describe('defineSubgraph with node connections', () => {
  const resolve = (reference: Record<string, unknown>) => ({ resolved: reference.request });
  const connections = { ...base, nodeConnections: [{ field: 'things', type: 'ThingConnection' }], references: { ThingConnection: resolve } };
  const contextOf = (principal: unknown) => ({ request: { principal } }) as never;
  const reference = { __typename: 'ThingConnection', id: '', request: 'r' };

  it('needs a reference resolver for each connection type', () => {
    expect(() => defineSubgraph({ ...base, nodeConnections: [{ field: 'things', type: 'ThingConnection' }] })).toThrow(
      'things: node connection ThingConnection needs a reference resolver',
    );
  });

  it('asks API keys for the subgraph’s read scope before resolving a connection (as for its own lists)', () => {
    const definition = defineSubgraph(connections);
    const resolveConnection = definition.references!.ThingConnection!;
    const key = (scopes: string[]) => contextOf({ kind: 'api_key', scopes });
    expect(() => resolveConnection(reference, key(['tasks:read']), {} as never)).toThrow('This API key lacks the scope things:read, which Node.things needs');
    expect(resolveConnection(reference, key(['things:read']), {} as never)).toEqual({ resolved: 'r' });
    expect(resolveConnection(reference, key(['things:write']), {} as never)).toEqual({ resolved: 'r' });
    expect(resolveConnection(reference, contextOf({ kind: 'user' }), {} as never)).toEqual({ resolved: 'r' });
  });
});
