import { z } from 'zod';
import { invalidInput } from '../errors/coded-error.js';
import { parseGlobalId } from '../ids/global-id.js';
import { FEDERATION_SPEC } from './federation-spec.js';
import { kernelMessages } from '../errors/messages.js';

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
  /** The Node implementation it points at, e.g. User, or `Node` for any (resolved like `nodes(ids:)`). */
  target: string;
  list?: boolean;
  description?: string;
}

/**
 * A connection on every Node contributed by a subgraph that owns Node types itself (e.g. `notes`:
 * Note implements Node, and every Node gets `notes`). Composition forbids such a subgraph to also
 * declare `Node @interfaceObject`, so the node subgraph adds the field to Node and each of its
 * implementations and answers it, without a call, with a reference to the connection type: an
 * entity of the owning subgraph keyed by an opaque `request` (NODE_CONNECTION_KEY) naming the node
 * and the page asked for (parseNodeConnectionRequest). The owner resolves that reference as it
 * would its own list, with its own permission checks.
 */
export interface NodeConnectionField {
  /** The field every Node gets, e.g. notes. */
  field: string;
  /** The connection type the owning subgraph declares with `@key(fields: "request")`, e.g. NoteConnection. */
  type: string;
  description?: string;
}

/** The key field of a NodeConnectionField's connection type (declare it `String!` and `@inaccessible`). */
export const NODE_CONNECTION_KEY = 'request';

/** The node a NodeConnectionField is asked on, and the page asked for. */
export interface NodeConnectionRequest {
  /** The global id of the node. */
  about: string;
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

const nodeConnectionRequest = z.strictObject({
  about: z.string().refine((id) => parseGlobalId(id) !== null),
  first: z.number().int().nullish(),
  after: z.string().nullish(),
  last: z.number().int().nullish(),
  before: z.string().nullish(),
});

/** The key the node subgraph gives a NodeConnectionField's reference. */
export function encodeNodeConnectionRequest(request: NodeConnectionRequest): string {
  return JSON.stringify(request);
}

/** Reads a NodeConnectionField's reference key (BAD_USER_INPUT when it is not one). */
export function parseNodeConnectionRequest(request: unknown): NodeConnectionRequest {
  let parsed: unknown;
  try {
    parsed = typeof request === 'string' ? JSON.parse(request) : undefined;
  } catch {
    parsed = undefined;
  }
  const result = nodeConnectionRequest.safeParse(parsed);
  if (!result.success) throw invalidInput(kernelMessages.notANodeConnection, { argument: NODE_CONNECTION_KEY });
  return result.data;
}

/** The arguments of every NodeConnectionField, as the node subgraph declares them. */
const NODE_CONNECTION_ARGUMENTS = 'first: Int, after: String, last: Int, before: String';

const description = (text: string | undefined, indent = '') => (text ? `${indent}"""${text}"""\n` : '');

/**
 * The node subgraph of a cell: the `Node` entity interface implemented by every entity type the
 * cell's subgraphs declare, `node(id:)` and `nodes(ids:)`, the references of `@interfaceObject`
 * subgraphs, and `cell` (which modules the cell serves, for clients such as the SPA). Generated per
 * cell at composition (DESIGN.md decision 7).
 */
export function nodeSubgraphSdl(types: readonly string[], references: readonly NodeReference[], connections: readonly NodeConnectionField[] = []): string {
  const byType = new Map<string, NodeReference[]>();
  for (const reference of references.filter((r) => r.target === 'Node' || types.includes(r.target)))
    byType.set(reference.type, [...(byType.get(reference.type) ?? []), reference]);
  const connectionFields = [...connections]
    .sort((a, b) => a.field.localeCompare(b.field))
    // Nullable like every contributed field: when the contributing subgraph is down the object still answers.
    .map((c) => `${description(c.description, '  ')}  ${c.field}(${NODE_CONNECTION_ARGUMENTS}): ${c.type}`);
  const referenceFields = (fields: readonly NodeReference[] = []) =>
    fields.map((f) =>
      f.list
        ? `  ${f.from}: [ID!]! @external\n${description(f.description, '  ')}  ${f.field}: [${f.target}!]! @requires(fields: "${f.from}")`
        : `  ${f.from}: ID @external\n${description(f.description, '  ')}  ${f.field}: ${f.target} @requires(fields: "${f.from}")`,
    );
  const implementations = [...types]
    .sort()
    .map(
      (type) => `type ${type} implements Node @key(fields: "id") {\n${['  id: ID!', ...connectionFields, ...referenceFields(byType.get(type))].join('\n')}\n}`,
    );
  const referencing = [...byType]
    .filter(([type]) => !types.includes(type))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([type, fields]) => `type ${type} @key(fields: "id") {\n${['  id: ID!', ...referenceFields(fields)].join('\n')}\n}`);
  const connectionTypes = [...connections]
    .sort((a, b) => a.type.localeCompare(b.type))
    .map((c) => `type ${c.type} @key(fields: "${NODE_CONNECTION_KEY}", resolvable: false) {\n  ${NODE_CONNECTION_KEY}: String! @inaccessible\n}`);
  return `extend schema @link(url: "${FEDERATION_SPEC}", import: ["@key", "@external", "@requires", "@inaccessible"])

"""An object with a global id: anything \`node(id:)\` can fetch."""
interface Node @key(fields: "id") {
${['  """Opaque global id."""\n  id: ID!', ...connectionFields].join('\n')}
}

${[...implementations, ...referencing, ...connectionTypes].join('\n\n')}

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
