import { readFileSync } from 'node:fs';
import { LocalGraphQLDataSource } from '@apollo/gateway';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { encodeNodeConnectionRequest, forbidden, invalidInput, NODE_CONNECTION_KEY, parseGlobalId, type RequestContext } from '@cellgraph/kernel/core';
import DataLoader from 'dataloader';
import { Kind, parse, type ConstDirectiveNode } from 'graphql';
import type { CellDescription } from './cell-modules.js';
import type { GatewayContext } from './context.js';
import type { SubgraphCaller } from './subgraph-call.js';

const MAX_NODES = 100;
const ENTITIES = 'query($representations: [_Any!]!) { _entities(representations: $representations) { __typename } }';

type NodeRef = { __typename: string; id: string };
type Found = NodeRef | Error | null;

const argument = (directive: ConstDirectiveNode, name: string) => directive.arguments?.find((arg) => arg.name.value === name)?.value;
const stringArgument = (directive: ConstDirectiveNode, name: string) => {
  const value = argument(directive, name);
  return value?.kind === Kind.STRING || value?.kind === Kind.ENUM ? value.value : undefined;
};

/**
 * Which subgraph owns each Node implementation: node-owners.json, composed beside the supergraph
 * from the subgraphs' `nodeTypes`. Only the owner can say whether an id exists; a subgraph that
 * merely adds fields to the type answers every reference as it comes.
 */
export function readNodeOwners(path: string): Map<string, string> {
  return new Map(Object.entries(JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>));
}

/**
 * The node subgraph, executed inside the gateway (it holds no data): `node(id:)`/`nodes(ids:)`,
 * `Node` references from `@interfaceObject` subgraphs, and the `@requires` references they
 * declare, and the Node connections of subgraphs that own Node types (NodeConnectionField: a reference
 * to the owner's connection, keyed by the node and the page). A global id names its type; whether the object exists and the caller may see it is
 * asked of the owning subgraph (`_entities`, batched per request and owner), so `node(id:)`
 * answers null — with FORBIDDEN when hidden — exactly as the owner would. `cell` answers what the
 * gateway serves now (`describe`, to anyone).
 */
export function nodeSubgraph(
  sdl: string,
  owners: ReadonlyMap<string, string>,
  caller: SubgraphCaller,
  describe: () => CellDescription,
): LocalGraphQLDataSource<GatewayContext> {
  const typeDefs = parse(sdl);
  const loaders = new WeakMap<object, DataLoader<string, Found>>();

  const lookUp = (context: GatewayContext) => {
    let loader = loaders.get(context);
    if (!loader) {
      loader = new DataLoader<string, Found>((ids) => findNodes(context.request, ids));
      loaders.set(context, loader);
    }
    return loader;
  };

  async function findNodes(request: RequestContext, ids: readonly string[]): Promise<Found[]> {
    const found: Found[] = ids.map(() => null);
    const byOwner = new Map<string, number[]>();
    ids.forEach((id, index) => {
      const decoded = parseGlobalId(id);
      const owner = decoded && owners.get(decoded.typeName);
      if (owner) byOwner.set(owner, [...(byOwner.get(owner) ?? []), index]);
    });
    await Promise.all(
      [...byOwner].map(async ([owner, indexes]) => {
        const representations = indexes.map((index) => ({ __typename: parseGlobalId(ids[index]!)!.typeName, id: ids[index]! }));
        const result = await caller.call<{ _entities: ({ __typename: string } | null)[] }>(owner, request, ENTITIES, { representations });
        indexes.forEach((index, position) => {
          const entity = result.data?._entities?.[position];
          const error = result.errors?.find((e) => e.path?.[0] === '_entities' && e.path[1] === position);
          if (entity) found[index] = { __typename: entity.__typename, id: ids[index]! };
          else if (error?.extensions?.code === 'FORBIDDEN') found[index] = forbidden(error.message);
          else if (error) found[index] = new Error(`${owner} could not resolve a node`);
        });
      }),
    );
    return found;
  }

  const requireId = (id: string) => {
    if (!parseGlobalId(id)) throw invalidInput('Not a valid global id', { argument: 'id' });
    return id;
  };

  const resolvers: Record<string, Record<string, unknown>> = {
    Query: {
      node: (_: unknown, { id }: { id: string }, context: GatewayContext) => lookUp(context).load(requireId(id)),
      nodes: async (_: unknown, { ids }: { ids: string[] }, context: GatewayContext) => {
        if (ids.length > MAX_NODES) throw invalidInput(`Ask for at most ${MAX_NODES} nodes at a time`, { argument: 'ids' });
        return lookUp(context).loadMany(ids.map(requireId));
      },
      cell: () => describe(),
    },
    Node: {
      __resolveType: (node: NodeRef) => node.__typename,
      __resolveReference: (reference: { id: string }, context: GatewayContext) => lookUp(context).load(reference.id),
    },
  };
  const keyOf = (definition: { directives?: readonly ConstDirectiveNode[] }) => {
    const key = definition.directives?.find((d) => d.name.value === 'key');
    return key && stringArgument(key, 'fields');
  };
  const connectionTypes = new Set(
    typeDefs.definitions.flatMap((d) => (d.kind === Kind.OBJECT_TYPE_DEFINITION && keyOf(d) === NODE_CONNECTION_KEY ? [d.name.value] : [])),
  );
  // A reference to any Node is checked with its owner, as `nodes(ids:)`: a hidden or missing one is left out.
  const anyNode = async (value: unknown, context: GatewayContext) => {
    if (Array.isArray(value)) {
      const found = await lookUp(context).loadMany(value.filter((id): id is string => typeof id === 'string' && parseGlobalId(id) !== null));
      return found.filter((node) => node && !(node instanceof Error));
    }
    if (typeof value !== 'string' || !parseGlobalId(value)) return null;
    const node = await lookUp(context).load(value);
    return node instanceof Error ? null : node;
  };
  for (const definition of typeDefs.definitions) {
    // Entities only (Cell and CellModule are plain values of `cell`; connections are resolved by their owners).
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION || keyOf(definition) !== 'id') continue;
    const fields: Record<string, unknown> = { __resolveReference: (reference: object) => reference };
    for (const field of definition.fields ?? []) {
      const target = unwrap(field.type);
      if (connectionTypes.has(target)) {
        fields[field.name.value] = (parent: { id: string }, page: Record<string, unknown>) => ({
          __typename: target,
          [NODE_CONNECTION_KEY]: encodeNodeConnectionRequest({ about: parent.id, ...page }),
        });
        continue;
      }
      const requires = field.directives?.find((d) => d.name.value === 'requires');
      if (!requires) continue;
      const from = stringArgument(requires, 'fields')!;
      fields[field.name.value] = (parent: Record<string, unknown>, _: unknown, context: GatewayContext) => {
        const value = parent[from];
        if (target === 'Node') return anyNode(value, context);
        if (Array.isArray(value)) return value.map((id) => ({ __typename: target, id }));
        return typeof value === 'string' ? { __typename: target, id: value } : null;
      };
    }
    resolvers[definition.name.value] = fields;
  }
  return new LocalGraphQLDataSource(buildSubgraphSchema({ typeDefs, resolvers: resolvers as never }));
}

function unwrap(type: import('graphql').TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : unwrap(type.type);
}
