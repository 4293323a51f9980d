import { FEDERATION_SPEC } from './federation-spec.js';

/**
 * The subgraph that declares `Node` and answers `node(id:)`; it is served inside the gateway. Its
 * name has a dash, which no module's name may have (SUBGRAPH_NAME), so it never takes the place of
 * a subgraph: a foreign supergraph with a subgraph of its own called `node` is served unchanged.
 */
export const NODE_SUBGRAPH = 'node-cellgraph';

/** A module's subgraph name: also its Postgres schema, role and path segment (`/<name>/graphql`). */
export const SUBGRAPH_NAME = /^[a-z][a-z0-9]{1,29}$/;

/**
 * A field through which a subgraph that only knows `Node` as an `@interfaceObject` points at an
 * implementation of Node (e.g. `Comment.author: User`). Such a subgraph may not define the type
 * itself (composition forbids it), so it exposes the id (`from`, e.g. `authorId`) and the node
 * subgraph turns it into the reference through `@requires`.
 */
export interface NodeReference {
  /** The entity (keyed by `id`) of the subgraph declaring the reference, e.g. Comment. */
  type: string;
  /** The field the node subgraph adds, e.g. author. */
  field: string;
  /** The id field it requires, e.g. authorId (a uuid, or uuids for a list). */
  from: string;
  /** The Node implementation it points at, e.g. User. */
  target: string;
  list?: boolean;
  description?: string;
}

const description = (text: string | undefined, indent = '') => (text ? `${indent}"""${text}"""\n` : '');

/**
 * The node subgraph of a cell: the `Node` entity interface implemented by every entity type the
 * cell's subgraphs declare, `node(id:)` and `nodes(ids:)`, the references of `@interfaceObject`
 * subgraphs, and `cell` (which modules the cell serves, for clients such as the SPA). Generated per
 * cell at composition (DESIGN.md decision 7).
 */
export function nodeSubgraphSdl(types: readonly string[], references: readonly NodeReference[]): string {
  const byType = new Map<string, NodeReference[]>();
  for (const reference of references.filter((r) => types.includes(r.target))) byType.set(reference.type, [...(byType.get(reference.type) ?? []), reference]);
  const implementations = [...types].sort().map((type) => `type ${type} implements Node @key(fields: "id") {\n  id: ID!\n}`);
  const referencing = [...byType]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(
      ([type, fields]) =>
        `type ${type} @key(fields: "id") {\n  id: ID!\n${fields
          .map((f) =>
            f.list
              ? `  ${f.from}: [ID!]! @external\n${description(f.description, '  ')}  ${f.field}: [${f.target}!]! @requires(fields: "${f.from}")`
              : `  ${f.from}: ID @external\n${description(f.description, '  ')}  ${f.field}: ${f.target} @requires(fields: "${f.from}")`,
          )
          .join('\n')}\n}`,
    );
  return `extend schema @link(url: "${FEDERATION_SPEC}", import: ["@key", "@external", "@requires"])

"""An object with a global id: anything \`node(id:)\` can fetch."""
interface Node @key(fields: "id") {
  """Opaque global id."""
  id: ID!
}

${[...implementations, ...referencing].join('\n\n')}

"""The deployment answering this endpoint: one product's set of modules."""
type Cell {
  """The cell's name (\`all\`, \`sales\`, …)."""
  name: String!
  """The modules (subgraphs) this cell serves, in the cell's order: a client shows only these."""
  modules: [CellModule!]!
}

"""A module the cell serves."""
type CellModule {
  """The module's name (\`identity\`, \`tasks\`, \`crm\`, …)."""
  name: String!
}

type Query {
  """Any object of the cell by its global id; null when it does not exist or is not visible to you."""
  node(id: ID!): Node
  """Objects by global id (at most 100), in order; null for each that does not exist or is not visible to you."""
  nodes(ids: [ID!]!): [Node]!
  """Which modules this cell serves (anyone may ask, signed in or not)."""
  cell: Cell!
}
`;
}
