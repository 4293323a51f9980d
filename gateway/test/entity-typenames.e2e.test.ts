import { readFileSync } from 'node:fs';
import { buildSchema, getNamedType, isCompositeType, isInterfaceType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCell, type TestCell, type TestUser } from '../../scripts/testing/cell-harness.js';

/**
 * Every field that a subgraph adds to all Nodes (through `@interfaceObject` or the node subgraph),
 * selected next to `__typename` as Apollo Client does, keeps the object's concrete type: before the
 * gateway dropped the interface object's echoed `__typename`, `task(id:) { __typename activity { … } id }`
 * answered `task: null` without an error.
 */
let cell: TestCell;
let owner: TestUser;
beforeAll(async () => {
  cell = await startTestCell();
  owner = await cell.signUp('Typename owner');
});
afterAll(async () => {
  await cell?.stop();
});

// The API schema of the cell the harness starts (`all`), as composed and committed.
const api = buildSchema(readFileSync(new URL('../../schema/cells/all/schema.graphql', import.meta.url), 'utf8'));

describe('entities keep their concrete type', () => {
  it('for every field every Node has, asked next to __typename, on a task and a contact', async () => {
    const node = api.getType('Node');
    if (!isInterfaceType(node)) throw new Error('the cell has no Node interface');
    const fields = Object.values(node.getFields()).filter((field) => field.name !== 'id');
    // comments, links, tags, activity (collaboration), notes, files: all of them, whatever the cell adds later.
    expect(fields.length).toBeGreaterThanOrEqual(6);
    const task = await cell.gql<{ taskCreate: { task: { id: string } } }>(
      'mutation($input: TaskCreateInput!) { taskCreate(input: $input) { task { id } } }',
      { input: { title: 'Typed' } },
      owner.token,
    );
    const contact = await cell.gql<{ contactCreate: { contact: { id: string } } }>(
      'mutation($input: ContactCreateInput!) { contactCreate(input: $input) { contact { id } } }',
      { input: { firstName: 'Typed' } },
      owner.token,
    );
    const objects = [
      { root: 'task', type: 'Task', id: task.data!.taskCreate.task.id },
      { root: 'contact', type: 'Contact', id: contact.data!.contactCreate.contact.id },
    ];
    for (const { root, type, id } of objects) {
      for (const field of fields) {
        const selection = isCompositeType(getNamedType(field.type)) ? `${field.name} { __typename }` : field.name;
        for (const query of [
          `query($id: ID!) { ${root}(id: $id) { __typename ${selection} id } }`,
          `query($id: ID!) { node(id: $id) { __typename ${selection} id } }`,
        ]) {
          const result = await cell.gql<Record<string, { __typename: string; id: string } | null>>(query, { id }, owner.token);
          expect(result.errors, query).toBeUndefined();
          expect(Object.values(result.data!)[0], query).toMatchObject({ __typename: type, id });
        }
      }
    }
  });
});
