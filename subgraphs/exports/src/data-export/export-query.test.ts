import { UserInputError } from '@cellgraph/kernel';
import { parse, print, type FieldNode, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { cellOf, exportQueryOf, pageOf } from './export-query.js';

const codeOf = (source: string) => {
  try {
    exportQueryOf(source);
    return null;
  } catch (error) {
    return error instanceof UserInputError ? error.errors.map((each) => each.code) : error;
  }
};

describe('an export’s query', () => {
  it('is paged by the job: first/after on the root field, its pageInfo under a reserved alias; columns are the nodes’ leaves', () => {
    const query = exportQueryOf(`query Open($filter: TaskFilter) {
      open: tasks(filter: $filter, orderBy: [{ field: TITLE }]) { totalCount nodes { id title assignee { name } ...More ... on Task { id } } }
    }
    fragment More on Task { watchers { name email } labels: tags }`);
    expect(query.rootKey).toBe('open');
    expect(query.nodePath).toEqual(['nodes']);
    expect(query.columns).toEqual(['id', 'title', 'assignee.name', 'watchers.name', 'watchers.email', 'labels']);
    const root = (parse(query.paged).definitions[0] as OperationDefinitionNode).selectionSet.selections[0] as FieldNode;
    expect(root.arguments!.map((argument) => `${argument.name.value}: ${print(argument.value)}`)).toEqual([
      'filter: $filter',
      'orderBy: [{field: TITLE}]',
      'first: $exportPageFirst',
      'after: $exportPageAfter',
    ]);
    expect(query.paged).toContain('query Open($filter: TaskFilter, $exportPageFirst: Int!, $exportPageAfter: String)');
    expect(query.paged).toContain('exportPageInfo: pageInfo {');
  });

  it('reads edges { node } as well, and pages of either', () => {
    const query = exportQueryOf('{ contacts { edges { cursor node { name } } } }');
    expect(query.nodePath).toEqual(['edges', 'node']);
    expect(query.columns).toEqual(['name']);
    const page = pageOf(query, { contacts: { edges: [{ node: { name: 'A' } }], exportPageInfo: { hasNextPage: true, endCursor: 'c1' } } });
    expect(page).toEqual({ nodes: [{ name: 'A' }], hasNextPage: true, endCursor: 'c1' });
    expect(pageOf(query, { contacts: { edges: [] } })).toBeNull();
    expect(pageOf(query, { contacts: null })).toBeNull();
  });

  it('refuses what an export cannot run', () => {
    for (const source of [
      '{ tasks { nodes { id }',
      'mutation { taskCreate { task { id } } }',
      'subscription { taskChanged { event } }',
      'query A { tasks { nodes { id } } } query B { tasks { nodes { id } } }',
      '{ tasks { nodes { id } } contacts { nodes { id } } }',
      '{ tasks(after: "x") { nodes { id } } }',
      '{ tasks { totalCount } }',
      '{ tasks { nodes { id } edges { node { id } } } }',
      'query($exportPageAfter: String) { tasks { nodes { id } } }',
      '{ __typename }',
    ]) {
      expect(codeOf(source), source).toEqual(['EXPORT_QUERY_INVALID']);
    }
  });
});

describe('a cell of a row', () => {
  const node = {
    title: 'Ship',
    points: 3,
    done: false,
    assignee: { name: 'Ada' },
    nobody: null,
    watchers: [{ name: 'Bo' }, { name: null }, { name: 'Cy' }],
    tags: ['x', 'y'],
    metadata: { a: 1 },
    none: [],
  };
  it('keeps scalars, follows objects, joins lists, writes JSON objects as JSON', () => {
    expect(cellOf(node, 'title')).toBe('Ship');
    expect(cellOf(node, 'points')).toBe(3);
    expect(cellOf(node, 'done')).toBe(false);
    expect(cellOf(node, 'assignee.name')).toBe('Ada');
    expect(cellOf(node, 'nobody.name')).toBeNull();
    expect(cellOf(node, 'watchers.name')).toBe('Bo; Cy');
    expect(cellOf(node, 'tags')).toBe('x; y');
    expect(cellOf(node, 'metadata')).toBe('{"a":1}');
    expect(cellOf(node, 'none.name')).toBeNull();
    expect(cellOf(null, 'title')).toBeNull();
  });
});
