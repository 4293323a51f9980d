import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeSupergraph, startForeignGateway, type ForeignGateway } from './foreign-supergraph.js';

// The Guild's federation audit, "non-resolvable-interface-object" (reconstructed from its
// description; the audit's own fixtures were not available): subgraph "accounts" adds a field to
// the interface Account through an @interfaceObject whose key is `resolvable: false`, so no other
// subgraph can fetch that field through it.
const FED = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@interfaceObject"])';
const users = [{ id: 'u1', name: 'u1-name' }];
const userOf = (id: string) => {
  const user = users.find((each) => each.id === id);
  return user ? { __typename: 'User', ...user } : null;
};

const identity = (root: string) => ({
  name: 'identity',
  typeDefs: `${FED}
    type Query { ${root} }
    interface Account @key(fields: "id") { id: ID! }
    type User implements Account @key(fields: "id") { id: ID! name: String }`,
  resolvers: {
    Query: { users: () => users.map(({ id }) => userOf(id)), version: () => 1 },
    Account: { __resolveReference: ({ id }: { id: string }) => userOf(id) },
    User: { __resolveReference: ({ id }: { id: string }) => userOf(id) },
  },
});
const accounts = (root: string) => ({
  name: 'accounts',
  typeDefs: `${FED}
    type Query { ${root} }
    type Account @interfaceObject @key(fields: "id", resolvable: false) { id: ID! isActive: Boolean }`,
  resolvers: { Query: { accounts: () => users.map(({ id }) => ({ id })), version: () => 1 }, Account: { isActive: () => true } },
});

describe('non-resolvable-interface-object', () => {
  it('a field reachable only through the non-resolvable interface object from another subgraph: the supergraph is refused at composition', () => {
    // Nothing reaches the gateway: composition names the query no plan could answer.
    expect(() => composeSupergraph([identity('users: [User]'), accounts('version: Int')])).toThrow(/supergraph API query[\s\S]*isActive/);
  });

  describe('the field reached from the interface object subgraph itself', () => {
    let gateway: ForeignGateway;
    beforeAll(async () => {
      gateway = await startForeignGateway([identity('version: Int'), accounts('accounts: [Account]')]);
    });
    afterAll(async () => {
      await gateway?.stop();
    });

    it('_1: is answered, the concrete type and its fields coming from the interface subgraph', async () => {
      const result = await gateway.query('{ accounts { id isActive __typename ... on User { name } } }');
      expect({ data: result.data, errors: result.errors }).toEqual({
        data: { accounts: [{ id: 'u1', isActive: true, __typename: 'User', name: 'u1-name' }] },
        errors: undefined,
      });
    });
  });
});
