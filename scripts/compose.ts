/**
 * Prints every subgraph's SDL into schema/subgraphs/ and composes each cell: its supergraph and
 * node subgraph and live events for the gateway (schema/cells/<cell>/supergraph.graphql,
 * node.graphql, node-owners.json, live-events.json), its event catalog for webhooks (events.json) and its
 * API schema for clients
 * (schema/cells/<cell>/schema.graphql). With --check, writes nothing and fails when a committed
 * file is stale or a cell does not compose (part of `npm test`). `--cell NAME` limits both to one
 * cell and its subgraphs (CI checks each cell in its own job). Also writes schema/subgraphs/catalog.json,
 * the facts of every subgraph that infra-pulumi/ reads (dependencies, secrets, queues).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import {
  apiSchemaPath,
  catalogFactsJson,
  catalogFactsPath,
  CellError,
  cellNames,
  eventCatalogPath,
  liveEventsPath,
  loadCell,
  nodeOwnersPath,
  nodeSubgraphPath,
  SCHEMA_DIR,
  supergraphPath,
} from './runtime/cells.js';
import { composeCell, subgraphSdls } from './runtime/composition.js';

const { values } = parseArgs({ options: { check: { type: 'boolean', default: false }, cell: { type: 'string' } } });
const check = values.check;
const cells = (() => {
  try {
    return (values.cell ? [values.cell] : cellNames()).map(loadCell);
  } catch (error) {
    if (!(error instanceof CellError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
})();
const sdls = await subgraphSdls(cells);

const expected = new Map<string, string>();
// What the Pulumi program reads of every subgraph (dependencies, secrets, queues) without loading one.
expected.set(catalogFactsPath, catalogFactsJson());
for (const [name, sdl] of sdls) expected.set(join(SCHEMA_DIR, 'subgraphs', `${name}.graphql`), sdl);
let failed = false;
for (const cell of cells) {
  try {
    const composed = composeCell(cell, sdls);
    expected.set(supergraphPath(cell.name), composed.supergraph);
    expected.set(nodeSubgraphPath(cell.name), composed.nodeSubgraph);
    expected.set(apiSchemaPath(cell.name), composed.apiSchema);
    expected.set(liveEventsPath(cell.name), composed.liveEvents);
    expected.set(nodeOwnersPath(cell.name), composed.nodeOwners);
    expected.set(eventCatalogPath(cell.name), composed.events);
  } catch (error) {
    console.error((error as Error).message);
    failed = true;
  }
}

const stale: string[] = [];
for (const [path, content] of expected) {
  const current = existsSync(path) ? readFileSync(path, 'utf8') : null;
  if (current === content) continue;
  if (check) stale.push(relative(process.cwd(), path));
  else {
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, content);
    console.log(`wrote ${relative(process.cwd(), path)}`);
  }
}
if (stale.length) {
  console.error(`Stale schema files (run \`npm run compose\` and commit them):\n${stale.map((p) => `  - ${p}`).join('\n')}`);
  failed = true;
}
if (failed) process.exit(1);
console.log(check ? `schema is up to date: ${cells.length} cell${cells.length === 1 ? '' : 's'} compose${cells.length === 1 ? 's' : ''}` : 'schema written');
