import { buildSchema, Kind, parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { requestedNodes } from './cost.js';

const schema = buildSchema(`
  type Query { users(first: Int, last: Int): UserConnection, me: User, search: [Result], nodes(ids: [ID!]!): [Node]!, recent(limit: Int, orderBy: [Order!]): [User] }
  input Order { field: String }
  interface Node { id: ID! }
  type Board implements Node { id: ID!, tasks(first: Int, last: Int): TaskConnection }
  union Result = User | Team
  interface Named { name: String, friends(first: Int): UserConnection }
  type User implements Named { name: String, friends(first: Int): UserConnection, tasks(first: Int, last: Int): TaskConnection, teams: [Team] }
  type Team { members(first: Int): UserConnection, everyone: UserConnection }
  type UserConnection { nodes: [User], totalCount: Int }
  type Task { title: String }
  type TaskConnection { nodes: [Task], edges: [TaskEdge] }
  type TaskEdge { node: Task }
`);

const cost = (source: string, variables: Record<string, unknown> = {}, assumedListSize = 100) => {
  const document = parse(source);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  return requestedNodes(schema, document, operation, variables, { assumedListSize });
};

describe('requested nodes', () => {
  it('multiplies the page sizes of nested connections, with the default page when none is given', () => {
    expect(cost('{ me { name } }')).toBe(0);
    expect(cost('{ users(first: 10) { totalCount } }')).toBe(10);
    expect(cost('{ users(first: 10) { nodes { tasks(last: 5) { nodes { title } } } } }')).toBe(10 + 10 * 5);
    expect(cost('{ users { nodes { tasks { edges { node { title } } } } } }')).toBe(50 + 50 * 50);
    expect(cost('{ me { friends(first: 3) { nodes { friends(first: 4) { nodes { tasks(first: 5) { nodes { title } } } } } } } }')).toBe(3 + 12 + 60);
  });

  it('reads page sizes from variables, or their defaults, and counts through fragments, interfaces and unions', () => {
    expect(cost('query($n: Int) { users(first: $n) { nodes { name } } }', { n: 7 })).toBe(7);
    expect(cost('query($n: Int) { users(first: $n) { nodes { name } } }')).toBe(50);
    expect(cost('query($n: Int = 100) { users(first: $n) { nodes { tasks(first: $n) { nodes { title } } } } }')).toBe(100 + 100 * 100);
    expect(cost('query($n: Int = 100) { users(first: $n) { nodes { name } } }', { n: 3 })).toBe(3);
    const viaFragments = `{ users(first: 2) { nodes { ...F } } } fragment F on Named { friends(first: 3) { nodes { ... on User { tasks(first: 4) { nodes { title } } } } } }`;
    expect(cost(viaFragments)).toBe(2 + 6 + 24);
  });

  it('counts every list of objects: by its ids, its limit, or else the assumed size', () => {
    const ids = Array.from({ length: 100 }, (_, i) => `board-${i}`);
    const boards = 'nodes(ids: $ids) { ... on Board { tasks(first: 100) { nodes { title } } } }';
    expect(cost(`query($ids: [ID!]!) { ${boards} }`, { ids })).toBe(100 + 100 * 100);
    const aliased = `query($ids: [ID!]!) { ${Array.from({ length: 10 }, (_, i) => `a${i}: ${boards}`).join(' ')} }`;
    expect(cost(aliased, { ids })).toBe(10 * (100 + 100 * 100));
    expect(cost('{ nodes(ids: ["a", "b"]) { id } }')).toBe(2);
    expect(cost('{ recent(limit: 5, orderBy: [{ field: "name" }]) { teams { members(first: 2) { totalCount } } } }', {}, 20)).toBe(5 + 5 * 20 + 5 * 20 * 2);
    expect(cost('{ search { ... on Team { members(first: 9) { totalCount } } __typename } }', {}, 10)).toBe(10 + 10 * 9);
    expect(cost('{ me { teams { members(first: 2) { nodes { tasks(first: 10) { totalCount } } } } } }', {}, 10)).toBe(10 + 10 * 2 + 10 * 2 * 10);
    // A connection's nodes and edges are its page, counted once; a connection without slicing
    // arguments is a plain object whose lists are unbounded.
    expect(cost('{ users(first: 10) { nodes { name } edges { node { name } } } }')).toBe(10);
    expect(cost('{ me { teams { everyone { nodes { name } } } } }', {}, 10)).toBe(10 + 10 * 10);
  });

  it('sizes the small collections by their declared size, not the assumed one', () => {
    const board = buildSchema(`
      directive @listSize(assumedSize: Int) on FIELD_DEFINITION
      type Query { board(id: ID!): Board }
      type Board { columns: [BoardColumn!]!, owners: [Person] @listSize(assumedSize: 3), people: [Person] }
      type BoardColumn { tasks(first: Int, last: Int): TaskConnection }
      type TaskConnection { nodes: [Task!]! }
      type Task { title: String, tags: [Tag!], assignee: Person }
      type Tag { name: String }
      type Person { name: String }
    `);
    const sized = (source: string, variables: Record<string, unknown> = {}) => {
      const document = parse(source);
      const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
      return requestedNodes(board, document, operation, variables, { assumedListSize: 100 });
    };
    // 4 columns × 100 tasks, each with its assignee and tags: 20 columns + 2 000 tasks + 20 000 tags.
    const kanban = 'query($n: Int!) { board(id: "b") { columns { tasks(first: $n) { nodes { title assignee { name } tags { name } } } } } }';
    expect(sized(kanban, { n: 100 })).toBe(20 + 20 * 100 + 20 * 100 * 10);
    expect(sized(kanban, { n: 100 })).toBeLessThanOrEqual(50_000);
    // Absurd pages are still counted as asked (and refused by the limit).
    expect(sized(kanban, { n: 100_000 })).toBeGreaterThan(50_000);
    // A field's own @listSize wins; an undeclared list keeps the assumed size.
    expect(sized('{ board(id: "b") { owners { name } people { name } } }')).toBe(3 + 100);
  });

  it('sizes a list by its field coordinate when its module bounds it, whatever the type of its objects', () => {
    const thread = buildSchema(`
      type Query { task(id: ID!): Task }
      type Task { comments(first: Int, last: Int): CommentConnection, watchers: [User!]! }
      type CommentConnection { nodes: [Comment!]! }
      type Comment { author: User, mentions: [User!]!, replies(first: Int, last: Int): CommentConnection }
      type User { name: String }
    `);
    const document = parse(
      '{ task(id: "t") { watchers { name } comments(first: 50) { nodes { author { name } mentions { name } replies(first: 20) { nodes { mentions { name } } } } } } }',
    );
    const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
    // Watchers keep the assumed size (a list of users in general); a comment's mentions are at most 20.
    expect(requestedNodes(thread, document, operation, {}, { assumedListSize: 100 })).toBe(100 + 50 + 50 * 20 + 50 * 20 + 50 * 20 * 20);
  });

  it('stops at a fragment that spreads itself (validation reports it)', () => {
    expect(cost('{ me { ...Loop } } fragment Loop on User { friends(first: 2) { nodes { ...Loop } } }')).toBe(2);
  });
});
