import { isInterfaceType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCell, type TestCell } from '../testing/cell-harness.js';
import { apiSchema, connectionFields, walkAll, type ConnectionField, type Walk, type WalkResult } from '../testing/connection-walker.js';
import { buildWorld, connectionPlaces, craftTimestamps, nodeFieldPlaces, onNode, unwalkedConnections, type World } from './pagination-fixtures.js';

/*
 * Every connection of cell `all`, in every orderBy and both directions, paged 2 at a time forward
 * (first/after) and backward (last/before), over rows whose timestamps share the exact same
 * microsecond or differ by 1 µs, must concatenate to exactly its one unpaged page: no row lost,
 * none repeated, same order.
 */

let cell: TestCell;
let world: World;
let fields: ConnectionField[];
let nodeTypes: Set<string>;

beforeAll(async () => {
  cell = await startTestCell({ env: { MAX_ALIASES: '100', MAX_TOKENS: '50000', MAX_QUERY_NODES: '1000000' } });
  world = await buildWorld(cell);
  await craftTimestamps(cell, world.owner.organizationId);
  const schema = await apiSchema(cell, world.owner.token);
  fields = connectionFields(schema);
  const node = schema.getType('Node');
  nodeTypes = new Set(node && isInterfaceType(node) ? schema.getPossibleTypes(node).map((type) => type.name) : []);
}, 180_000);
afterAll(async () => {
  await cell?.stop();
});

/** The walks of one field: one per ordering, at the place its fixture gives; or why it has none. */
function walksOf(field: ConnectionField): Walk[] | string {
  if (unwalkedConnections[field.coordinate]) return [];
  const own = connectionPlaces[field.coordinate];
  let located: { place: Walk['place']; args?: string } | undefined = own?.(world);
  if (!located && nodeFieldPlaces[field.field] && nodeTypes.has(field.parentType)) {
    const id = world.nodes[field.parentType];
    if (!id) return `${field.coordinate}: no ${field.parentType} in the world (add one to buildWorld's nodes)`;
    located = { place: onNode(id, field.parentType) };
  }
  if (!located) return `${field.coordinate}: no fixture (add it to connectionPlaces in pagination-fixtures.ts)`;
  return field.orderings.map((orderBy) => ({
    name: `${field.coordinate}${orderBy ? ` orderBy ${orderBy}` : ''}`,
    place: located.place,
    field,
    args: located.args ?? '',
    orderBy,
  }));
}

describe('keyset pagination of every connection', () => {
  it('has a fixture for every connection field of the schema', () => {
    expect(fields.length).toBeGreaterThan(40);
    expect(fields.map(walksOf).filter((walks) => typeof walks === 'string')).toEqual([]);
  });

  it('pages forward and backward to exactly the unpaged result, in every ordering, over microsecond ties', async () => {
    const walks = fields.flatMap((field) => {
      const found = walksOf(field);
      return typeof found === 'string' ? [] : found;
    });
    const results = await walkAll(cell, world.owner.token, walks, 2);
    const problems: string[] = [];
    const check = (name: string, result: WalkResult) => {
      if (result.reference.length < 5) problems.push(`${name}: only ${result.reference.length} rows, the fixture must give 5 or more`);
      if (new Set(result.reference).size !== result.reference.length) problems.push(`${name}: the unpaged result repeats a row`);
      if (result.totalCount !== result.reference.length) problems.push(`${name}: totalCount ${result.totalCount} for ${result.reference.length} rows`);
      for (const [direction, paged] of [
        ['forward', result.forward],
        ['backward', result.backward],
      ] as const) {
        if (JSON.stringify(paged) === JSON.stringify(result.reference)) continue;
        const lost = result.reference.filter((row) => !paged.includes(row)).length;
        const repeated = paged.length - new Set(paged).size;
        problems.push(
          `${name}: paging ${direction} gave ${paged.length} rows for ${result.reference.length} (${lost} lost, ${repeated} repeated${lost || repeated ? '' : ', out of order'})`,
        );
      }
    };
    for (const [name, result] of results) check(name, result);
    expect(problems).toEqual([]);
    expect(results.size).toBe(walks.length);
  }, 600_000); // a hang guard: every connection walked both ways takes minutes on a busy machine
});
