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
