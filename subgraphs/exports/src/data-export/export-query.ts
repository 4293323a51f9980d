import { text, userError } from '@cellgraph/kernel';
import {
  GraphQLError,
  Kind,
  parse,
  print,
  type ArgumentNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type VariableDefinitionNode,
} from 'graphql';
import { exportsErrorTexts } from '../messages.js';
import { DataExportErrorCode } from './data-export.errors.js';

/*
 * The query of an export (like Shopify's bulkOperationRunQuery): any GraphQL query of the cell with
 * exactly one root field, a Relay connection, selecting `nodes { … }` or `edges { node { … } }`.
 * Checked without the schema when the export is created (the graph judges the rest when the job
 * asks it), then rewritten to be paged by the job: `first`/`after` on the root field and
 * `pageInfo { hasNextPage endCursor }` beside the selection, under names the caller cannot use.
 */

/** The variables and the alias the job adds; a query may not use them. */
export const PAGE_FIRST = 'exportPageFirst';
export const PAGE_AFTER = 'exportPageAfter';
const PAGE_INFO = 'exportPageInfo';
const RESERVED_PREFIX = 'exportPage';
const PAGINATION_ARGUMENTS = new Set(['first', 'after', 'last', 'before']);

/** An export's query, checked and ready to be paged. */
export interface ExportQuery {
  /** The document the job sends, with `$exportPageFirst: Int!` and `$exportPageAfter: String`. */
  paged: string;
  /** The root field's response key (its alias or name), e.g. `tasks`. */
  rootKey: string;
  /** Where the nodes are under the root: `['nodes']` or `['edges', 'node']` (response keys). */
  nodePath: string[];
  /** The leaf fields of the node selection, nested ones flattened: `title`, `assignee.name`. */
  columns: string[];
}

const invalid = (message: Parameters<typeof text>[0], values?: Record<string, unknown>) =>
  userError(DataExportErrorCode.QueryInvalid, text(message, values), ['input', 'query']);

const responseKey = (field: FieldNode) => field.alias?.value ?? field.name.value;

/** Parses and checks `source`: EXPORT_QUERY_INVALID (a user error naming `input.query`) for whatever is wrong. */
export function exportQueryOf(source: string): ExportQuery {
  let document: DocumentNode;
  try {
    document = parse(source, { noLocation: true });
  } catch (error) {
    throw invalid(exportsErrorTexts.querySyntax, { detail: error instanceof GraphQLError ? error.message : String(error) });
  }
  const operations = document.definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  const others = document.definitions.filter((definition) => definition.kind !== Kind.OPERATION_DEFINITION && definition.kind !== Kind.FRAGMENT_DEFINITION);
  const operation = operations[0];
  if (operations.length !== 1 || others.length || !operation || operation.operation !== 'query') throw invalid(exportsErrorTexts.queryOneOperation);
  const fragments = new Map(
    document.definitions
      .filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION)
      .map((fragment) => [fragment.name.value, fragment]),
  );

  const roots = operation.selectionSet.selections;
  const root = roots[0];
  if (roots.length !== 1 || !root || root.kind !== Kind.FIELD || !root.selectionSet || root.name.value.startsWith('__')) {
    throw invalid(exportsErrorTexts.queryOneConnection);
  }
  if (root.arguments?.some((argument) => PAGINATION_ARGUMENTS.has(argument.name.value))) throw invalid(exportsErrorTexts.queryPagination);
  if (operation.variableDefinitions?.some((definition) => definition.variable.name.value.startsWith(RESERVED_PREFIX))) {
    throw invalid(exportsErrorTexts.queryReservedVariable);
  }

  const nodePath = nodeSelectionOf(root.selectionSet);
  if (!nodePath) throw invalid(exportsErrorTexts.queryOneConnection);
  const columns = [...new Set(leafColumns(nodePath.selection, '', fragments, new Set()))];
  if (!columns.length) throw invalid(exportsErrorTexts.queryNoColumns);

  return { paged: print(paged(document, operation, root)), rootKey: responseKey(root), nodePath: nodePath.keys, columns };
}

/** `nodes { … }` or `edges { node { … } }` directly under the connection (exactly one of them). */
function nodeSelectionOf(connection: SelectionSetNode): { keys: string[]; selection: SelectionSetNode } | null {
  const found: { keys: string[]; selection: SelectionSetNode }[] = [];
  for (const selection of connection.selections) {
    if (selection.kind !== Kind.FIELD || !selection.selectionSet) continue;
    if (selection.name.value === 'nodes') found.push({ keys: [responseKey(selection)], selection: selection.selectionSet });
    if (selection.name.value === 'edges') {
      for (const inner of selection.selectionSet.selections) {
        if (inner.kind === Kind.FIELD && inner.name.value === 'node' && inner.selectionSet) {
          found.push({ keys: [responseKey(selection), responseKey(inner)], selection: inner.selectionSet });
        }
      }
    }
  }
  return found.length === 1 ? found[0]! : null;
}

/** The leaf fields under `selection` as dotted response-key paths; fragments (inline or named) add their fields in place. */
function leafColumns(selection: SelectionSetNode, prefix: string, fragments: Map<string, FragmentDefinitionNode>, seen: Set<string>): string[] {
  const columns: string[] = [];
  for (const each of selection.selections) {
    if (each.kind === Kind.FIELD) {
      const path = `${prefix}${responseKey(each)}`;
      columns.push(...(each.selectionSet ? leafColumns(each.selectionSet, `${path}.`, fragments, seen) : [path]));
    } else if (each.kind === Kind.INLINE_FRAGMENT) {
      columns.push(...leafColumns(each.selectionSet, prefix, fragments, seen));
    } else {
      const fragment = fragments.get(each.name.value);
      // An unknown or cyclic spread is the graph's to refuse (its validation names it).
      if (!fragment || seen.has(fragment.name.value)) continue;
      columns.push(...leafColumns(fragment.selectionSet, prefix, fragments, new Set([...seen, fragment.name.value])));
    }
  }
  return columns;
}

const variable = (name: string) => ({ kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: name } }) as const;
const named = (value: string) => ({ kind: Kind.NAME, value }) as const;

/** The document with the job's paging: `first`/`after` on the root field, `exportPageInfo: pageInfo { hasNextPage endCursor }`. */
function paged(document: DocumentNode, operation: OperationDefinitionNode, root: FieldNode): DocumentNode {
  const pageVariables: VariableDefinitionNode[] = [
    {
      kind: Kind.VARIABLE_DEFINITION,
      variable: variable(PAGE_FIRST),
      type: { kind: Kind.NON_NULL_TYPE, type: { kind: Kind.NAMED_TYPE, name: named('Int') } },
    },
    { kind: Kind.VARIABLE_DEFINITION, variable: variable(PAGE_AFTER), type: { kind: Kind.NAMED_TYPE, name: named('String') } },
  ];
  const pageArguments: ArgumentNode[] = [
    { kind: Kind.ARGUMENT, name: named('first'), value: variable(PAGE_FIRST) },
    { kind: Kind.ARGUMENT, name: named('after'), value: variable(PAGE_AFTER) },
  ];
  const pageInfo: FieldNode = {
    kind: Kind.FIELD,
    alias: named(PAGE_INFO),
    name: named('pageInfo'),
    selectionSet: {
      kind: Kind.SELECTION_SET,
      selections: [
        { kind: Kind.FIELD, name: named('hasNextPage') },
        { kind: Kind.FIELD, name: named('endCursor') },
      ],
    },
  };
  const pagedRoot: FieldNode = {
    ...root,
    arguments: [...(root.arguments ?? []), ...pageArguments],
    selectionSet: { kind: Kind.SELECTION_SET, selections: [...root.selectionSet!.selections, pageInfo] },
  };
  const pagedOperation: OperationDefinitionNode = {
    ...operation,
    variableDefinitions: [...(operation.variableDefinitions ?? []), ...pageVariables],
    selectionSet: { kind: Kind.SELECTION_SET, selections: [pagedRoot] },
  };
  return { ...document, definitions: document.definitions.map((definition) => (definition === operation ? pagedOperation : definition)) };
}

/** One page as the graph answered it: its nodes and where the next begins (null: not a connection). */
export function pageOf(
  query: ExportQuery,
  data: Record<string, unknown> | null | undefined,
): { nodes: unknown[]; hasNextPage: boolean; endCursor: string | null } | null {
  const connection = data?.[query.rootKey];
  if (!isObject(connection)) return null;
  const info = connection[PAGE_INFO];
  if (!isObject(info)) return null;
  const [first, second] = query.nodePath;
  const list = connection[first!];
  if (!Array.isArray(list)) return null;
  const nodes = second ? list.map((edge) => (isObject(edge) ? edge[second] : null)) : list;
  return { nodes, hasNextPage: info.hasNextPage === true, endCursor: typeof info.endCursor === 'string' ? info.endCursor : null };
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A cell's value: a scalar as it is, lists joined with "; ", a JSON object as JSON, nothing as null. */
export type CellValue = string | number | boolean | null;

export const LIST_SEPARATOR = '; ';

/**
 * The value of `column` (a dotted path) in a node: objects followed, lists on the way flattened, so
 * `labels.name` of `labels: [{ name: 'a' }, { name: 'b' }]` is `a; b` and `tags` of `['x','y']` `x; y`.
 */
export function cellOf(node: unknown, column: string): CellValue {
  let values: unknown[] = [node];
  for (const key of column.split('.')) {
    values = values.flatMap((value) => (Array.isArray(value) ? value : [value])).map((value) => (isObject(value) ? value[key] : undefined));
  }
  const leaves = values.flatMap((value) => (Array.isArray(value) ? value : [value])).filter((value) => value !== null && value !== undefined);
  if (!leaves.length) return null;
  const single = values.length === 1 && !Array.isArray(values[0]);
  const scalars = leaves.map((value) => (isObject(value) || Array.isArray(value) ? JSON.stringify(value) : (value as string | number | boolean)));
  return single && scalars.length === 1 ? scalars[0]! : scalars.map(String).join(LIST_SEPARATOR);
}
