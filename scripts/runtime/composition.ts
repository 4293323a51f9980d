import { composeServices } from '@apollo/composition';
import { NODE_SUBGRAPH, nodeSubgraphSdl, printSubgraphSdl } from '@cellgraph/kernel';
import { parse, printSchema } from 'graphql';
import { z } from 'zod';
import type { Cell } from './cells.js';

export class CompositionError extends Error {
  override name = 'CompositionError';
}

/** Every subgraph's SDL, by name, as `_service { sdl }` would print it. */
export async function subgraphSdls(cells: readonly Cell[]): Promise<Map<string, string>> {
  const sdls = new Map<string, string>();
  for (const definition of cells.flatMap((cell) => cell.subgraphs)) {
    if (!sdls.has(definition.name)) sdls.set(definition.name, await printSubgraphSdl(definition));
  }
  return sdls;
}

export interface ComposedCell {
  /** For the gateway: the supergraph with its join directives. */
  supergraph: string;
  /** For the gateway: the cell's node subgraph, which it serves itself. */
  nodeSubgraph: string;
  /** For clients: the API schema the cell's endpoint serves. */
  apiSchema: string;
  /** For the gateway: each Subscription field → the events that may produce it (JSON). */
  liveEvents: string;
  /** For the gateway: each Node type → the subgraph that owns it (declares it in `nodeTypes`) (JSON). */
  nodeOwners: string;
  /** For webhooks: every event type of the cell, its module and the JSON Schema of its data (JSON). */
  events: string;
}

/**
 * Which subgraph owns each Node type of the cell. The supergraph cannot tell: a subgraph that adds
 * fields to another's type (crm's `User.contacts`) joins it with a resolvable key too, and would
 * answer any id of that type as existing.
 */
export function cellNodeOwners(cell: Cell): string {
  const owners = cell.subgraphs.flatMap((definition) => (definition.nodeTypes ?? []).map((type) => [type, definition.name] as const));
  return `${JSON.stringify(Object.fromEntries(owners.sort(([a], [b]) => a.localeCompare(b))), null, 2)}\n`;
}

/**
 * The cell's event catalog: every event type its subgraphs declare in `emits`, with its module, its
 * description (the contract's `.describe()`, if any) and the JSON Schema of its `data` as consumers
 * receive it (zod 4's `toJSONSchema`, output side; what JSON cannot express becomes `{}`).
 * The webhooks module reads it (WEBHOOK_EVENT_CATALOG_PATH) — too large for a variable.
 */
export function cellEventCatalog(cell: Cell): string {
  const events = cell.subgraphs
    .flatMap((definition) =>
      Object.entries(definition.emits ?? {}).map(([type, schema]) => ({
        type,
        module: definition.name,
        description: schema.description ?? null,
        schema: z.toJSONSchema(schema, { unrepresentable: 'any', io: 'output' }),
      })),
    )
    .sort((a, b) => a.type.localeCompare(b.type));
  return `${JSON.stringify({ cell: cell.name, events }, null, 2)}\n`;
}

/** The cell's subscription fields and the events each listens to. */
export function cellLiveEvents(cell: Cell): string {
  const fields = Object.fromEntries(cell.subgraphs.flatMap((definition) => Object.entries(definition.liveEvents ?? {})).sort(([a], [b]) => a.localeCompare(b)));
  return `${JSON.stringify(fields, null, 2)}\n`;
}

/** The cell's node subgraph: Node implemented by every entity type its subgraphs declare. */
export function cellNodeSubgraph(cell: Cell): string {
  return nodeSubgraphSdl(
    cell.subgraphs.flatMap((definition) => definition.nodeTypes ?? []),
    cell.subgraphs.flatMap((definition) => definition.nodeReferences ?? []),
    cell.subgraphs.flatMap((definition) => definition.nodeConnections ?? []),
  );
}

/**
 * Composes a cell's supergraph. Subgraph URLs are left empty: where a subgraph runs is
 * configuration of the gateway (SUBGRAPH_URL_TEMPLATE), not part of the schema.
 */
export function composeCell(cell: Cell, sdls: ReadonlyMap<string, string>): ComposedCell {
  const nodeSubgraph = cellNodeSubgraph(cell);
  const result = composeServices([
    ...cell.subgraphs.map((definition) => ({ name: definition.name, url: '', typeDefs: parse(sdls.get(definition.name)!) })),
    { name: NODE_SUBGRAPH, url: '', typeDefs: parse(nodeSubgraph) },
  ]);
  if (result.errors) {
    throw new CompositionError(`Cell ${cell.name} does not compose:\n${result.errors.map((e) => `  - ${e.message}`).join('\n')}`);
  }
  return {
    supergraph: `${result.supergraphSdl.trim()}\n`,
    nodeSubgraph,
    apiSchema: `${printSchema(result.schema.toAPISchema().toGraphQLJSSchema()).trim()}\n`,
    liveEvents: cellLiveEvents(cell),
    nodeOwners: cellNodeOwners(cell),
    events: cellEventCatalog(cell),
  };
}
