import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startForeignGateway, type ForeignGateway } from './foreign-supergraph.js';

// The Guild's federation audit, "keys-mashup": an entity with several keys, resolvable in each
// subgraph by a different one, and a @requires of a field only the other subgraph has.
const FED = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.5", import: ["@key", "@requires", "@external"])';
const composite = (n: string) => ({ one: `a.${n}.compositeId.one`, two: `a.${n}.compositeId.two`, three: `a.${n}.compositeId.three` });
const as: Record<string, { id: string; pId: string; name: string; compositeId: ReturnType<typeof composite> }> = {
  '1': { id: '1', pId: 'a.1.pId', name: 'a.1', compositeId: composite('1') },
  '2': { id: '2', pId: 'a.2.pId', name: 'a.2', compositeId: composite('2') },
};
const bs: Record<string, { id: string; a: string[] }> = { '100': { id: '100', a: ['1'] }, '200': { id: '200', a: ['1', '2'] } };
const COMPOSITE = 'type CompositeID { one: ID! two: ID! three: ID! }';

const a = {
  name: 'a',
  typeDefs: `${FED}
    type A
      @key(fields: "id", resolvable: true)
      @key(fields: "pId", resolvable: false)
      @key(fields: "compositeId { one two }", resolvable: false)
      @key(fields: "id compositeId { two three }", resolvable: false) {
      id: ID!
      pId: ID!
      compositeId: CompositeID!
      name: String!
    }
    ${COMPOSITE}`,
  resolvers: { A: { __resolveReference: ({ id }: { id: string }) => as[id] ?? null } },
};

const b = {
  name: 'b',
  typeDefs: `${FED}
    type Query { b: B }
    type B @key(fields: "id") { id: ID! a: [A!]! }
    type A
      @key(fields: "compositeId { one two }", resolvable: false)
      @key(fields: "id compositeId { two three }", resolvable: true)
      @key(fields: "pId", resolvable: false)
      @key(fields: "id", resolvable: false) {
      id: ID!
      pId: ID!
      compositeId: CompositeID!
      name: String! @external
      nameInB: String! @requires(fields: "name")
    }
    ${COMPOSITE}`,
  resolvers: {
    Query: { b: () => bs['100'] },
    B: {
      __resolveReference: ({ id }: { id: string }) => bs[id] ?? null,
      a: ({ a: ids }: { a: string[] }) => ids.map((id) => ({ id, pId: as[id]!.pId, compositeId: as[id]!.compositeId })),
    },
    A: {
      __resolveReference: (ref: { id: string; name?: string }) => {
        const found = as[ref.id];
        return found ? { id: found.id, pId: found.pId, compositeId: found.compositeId, name: ref.name } : null;
      },
      nameInB: ({ name }: { name?: string }) => {
        if (!name) throw new Error('A.name was not provided');
        return `b.a.nameInB ${name}`;
      },
    },
  },
};

let gateway: ForeignGateway;
beforeAll(async () => {
  gateway = await startForeignGateway([a, b]);
});
afterAll(async () => {
  await gateway?.stop();
});

describe('keys-mashup', () => {
  it('_0: a field @required from the subgraph that resolves the entity by another key', async () => {
    const result = await gateway.query('{ b { id a { id name nameInB } } }');
    expect({ data: result.data, errors: result.errors }).toEqual({
      data: { b: { id: '100', a: [{ id: '1', name: 'a.1', nameInB: 'b.a.nameInB a.1' }] } },
      errors: undefined,
    });
  });
});
