import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NODE_SUBGRAPH, nodeSubgraphSdl, parseGlobalId, parseNodeConnectionRequest, toGlobalId } from '@cellgraph/kernel/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startForeignGateway, type ForeignGateway } from './foreign-supergraph.js';

// A module that owns a Node type (Note) and gives every Node a connection (`notes`), and one Node
// reference to any Node (`Note.about`), both through the gateway's node subgraph.
const FED = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable", "@inaccessible"])';
const task = (n: number) => toGlobalId('Task', `00000000-0000-4000-8000-00000000000${n}`);
const note = (n: number) => toGlobalId('Note', `00000000-0000-4000-9000-00000000000${n}`);
const HIDDEN_TASK = task(9);
const tasks = new Map([
  [task(1), 'Write the spec'],
  [task(2), 'Ship it'],
]);
const notes = [
  { id: note(1), title: 'Spec outline', about: [task(1), HIDDEN_TASK] },
  { id: note(2), title: 'Spec review', about: [task(1)] },
  { id: note(3), title: 'Launch plan', about: [task(2), note(1)] },
];
const findNote = (id: string) => notes.find((n) => n.id === id) ?? null;
/** While set, the notes subgraph fails every connection it is asked for (its database is down). */
let notesFailing = false;

const tasksSubgraph = {
  name: 'tasks',
  typeDefs: `${FED}
    type Query { tasks: [Task!]! }
    type Task @key(fields: "id") { id: ID! title: String! }`,
  resolvers: {
    Query: { tasks: () => [...tasks].map(([id, title]) => ({ id, title })) },
    Task: { __resolveReference: ({ id }: { id: string }) => (tasks.has(id) ? { id, title: tasks.get(id) } : null) },
  },
};
const notesSubgraph = {
  name: 'notes',
  typeDefs: `${FED}
    type Query { notes: NoteConnection! }
    type Note @key(fields: "id") { id: ID! title: String! aboutIds: [ID!]! }
    type NoteConnection @key(fields: "request") { request: String! @inaccessible nodes: [Note!]! totalCount: Int! }`,
  resolvers: {
    Query: { notes: () => ({ request: '', nodes: notes.map((n) => ({ ...n, aboutIds: n.about })), totalCount: notes.length }) },
    Note: { __resolveReference: ({ id }: { id: string }) => findNote(id) && { ...findNote(id), aboutIds: findNote(id)!.about } },
    NoteConnection: {
      __resolveReference: ({ request }: { request: string }) => {
        if (notesFailing) throw new Error('The notes database is unavailable');
        const { about, first } = parseNodeConnectionRequest(request);
        const matching = notes.filter((n) => n.about.includes(about)).map((n) => ({ ...n, aboutIds: n.about }));
        return { request, nodes: matching.slice(0, first ?? undefined), totalCount: matching.length };
      },
    },
  },
};

let gateway: ForeignGateway;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cellgraph-node-connections-'));
  const nodeSdl = nodeSubgraphSdl(
    ['Note', 'Task'],
    [{ type: 'Note', field: 'about', from: 'aboutIds', target: 'Node', list: true }],
    [{ field: 'notes', type: 'NoteConnection', description: 'Notes about it.' }],
  );
  writeFileSync(join(dir, 'node.graphql'), nodeSdl);
  writeFileSync(join(dir, 'node-owners.json'), JSON.stringify({ Note: 'notes', Task: 'tasks' }));
  gateway = await startForeignGateway([tasksSubgraph, notesSubgraph, { name: NODE_SUBGRAPH, typeDefs: nodeSdl }], {
    NODE_SUBGRAPH_PATH: join(dir, 'node.graphql'),
    NODE_OWNERS_PATH: join(dir, 'node-owners.json'),
    CELL_NAME: `nodeconn${randomUUID().slice(0, 6)}`,
  });
});
afterAll(async () => {
  await gateway?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('Node connections and references to any Node from a subgraph that owns Node types', () => {
  it('gives every Node the connection, answered by its owner with the node and the page asked for', async () => {
    const result = await gateway.query('{ tasks { title notes(first: 1) { totalCount nodes { title } } } }');
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      tasks: [
        { title: 'Write the spec', notes: { totalCount: 2, nodes: [{ title: 'Spec outline' }] } },
        { title: 'Ship it', notes: { totalCount: 1, nodes: [{ title: 'Launch plan' }] } },
      ],
    });
    const asked = gateway.received.get('notes')!.flatMap((call) => (call.variables.representations as { request?: string }[] | undefined) ?? []);
    expect(asked.filter((r) => r.request).map((r) => parseNodeConnectionRequest(r.request))).toEqual([
      { about: task(1), first: 1 },
      { about: task(2), first: 1 },
    ]);
  });

  it('still answers the objects when the connection’s owner fails: the connection alone is null, with its error', async () => {
    notesFailing = true;
    try {
      const result = await gateway.query('{ tasks { title notes { totalCount } } }');
      expect(result.data).toEqual({
        tasks: [
          { title: 'Write the spec', notes: null },
          { title: 'Ship it', notes: null },
        ],
      });
      // One error for the batched fetch, at the connection's path (the gateway's `@` stands for every task).
      expect(result.errors).toHaveLength(1);
      expect(result.errors![0]!.path?.slice(0, 3)).toEqual(['tasks', '@', 'notes']);
    } finally {
      notesFailing = false;
    }
  });

  it('gives the owner’s own Node types the connection too, and answers it through node(id:)', async () => {
    const result = await gateway.query('query($id: ID!) { node(id: $id) { id ... on Note { title notes { nodes { title } } } } }', { id: note(1) });
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ node: { id: note(1), title: 'Spec outline', notes: { nodes: [{ title: 'Launch plan' }] } } });
  });

  it('resolves a reference to any Node through its owner, leaving out what does not exist or is hidden', async () => {
    const result = await gateway.query('{ notes { nodes { title about { __typename id ... on Task { title } ... on Note { title } } } } }');
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      notes: {
        nodes: [
          { title: 'Spec outline', about: [{ __typename: 'Task', id: task(1), title: 'Write the spec' }] },
          { title: 'Spec review', about: [{ __typename: 'Task', id: task(1), title: 'Write the spec' }] },
          {
            title: 'Launch plan',
            about: [
              { __typename: 'Task', id: task(2), title: 'Ship it' },
              { __typename: 'Note', id: note(1), title: 'Spec outline' },
            ],
          },
        ],
      },
    });
    expect(parseGlobalId(HIDDEN_TASK)?.typeName).toBe('Task');
  });

  it('keeps the connection key out of the API', async () => {
    const result = await gateway.query('{ tasks { notes { request } } }');
    expect(result.data).toBeUndefined();
    expect(result.errors?.[0]?.message).toMatch(/Cannot query field "request" on type "NoteConnection"/);
  });
});

describe('parseNodeConnectionRequest', () => {
  it('refuses anything but a request the node subgraph made', () => {
    for (const bad of ['', 'x', '{}', '{"about":"nope"}', `{"about":"${task(1)}","first":"1"}`, `{"about":"${task(1)}","extra":1}`, '[]', 'null']) {
      expect(() => parseNodeConnectionRequest(bad), bad).toThrow(/Not a node connection request/);
    }
    expect(parseNodeConnectionRequest(`{"about":"${task(1)}","after":"c"}`)).toEqual({ about: task(1), after: 'c' });
  });
});
