import { NODE_SUBGRAPH } from '@cellgraph/kernel/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startForeignGateway, type ForeignGateway } from './foreign-supergraph.js';

// A foreign supergraph whose own subgraph is called `node` (the name the gateway's generated node
// subgraph used to take, silently replacing it).
const node = {
  name: 'node',
  typeDefs: `
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
    type Query { node(id: ID!): Thing }
    type Thing @key(fields: "id") { id: ID! name: String! }
  `,
  resolvers: {
    Query: { node: (_: unknown, { id }: { id: string }) => ({ id, name: `thing ${id}` }) },
    Thing: { __resolveReference: ({ id }: { id: string }) => ({ id, name: `thing ${id}` }) },
  },
};
const other = {
  name: 'other',
  typeDefs: `
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
    type Query { things: [Thing!]! }
    type Thing @key(fields: "id") { id: ID! rank: Int! }
  `,
  resolvers: {
    Query: { things: () => [{ id: 'a', rank: 1 }] },
    Thing: { __resolveReference: ({ id }: { id: string }) => ({ id, rank: 2 }) },
  },
};

let gateway: ForeignGateway;
beforeAll(async () => {
  gateway = await startForeignGateway([node, other]);
});
afterAll(async () => {
  await gateway?.stop();
});

describe('a foreign supergraph with a subgraph named node', () => {
  it('is served unchanged: its node subgraph answers, not the gateway', async () => {
    expect(NODE_SUBGRAPH).not.toBe('node');
    const result = await gateway.query('{ node(id: "x") { id name rank } things { id name rank } }');
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ node: { id: 'x', name: 'thing x', rank: 2 }, things: [{ id: 'a', name: 'thing a', rank: 1 }] });
    expect(gateway.received.get('node')!.length).toBeGreaterThan(0);
  });
});
