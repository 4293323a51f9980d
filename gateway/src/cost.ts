import type { ApolloServerPlugin } from '@apollo/server';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '@cellgraph/kernel/core';
import {
  getNamedType,
  getNullableType,
  GraphQLError,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  valueFromASTUntyped,
  type DocumentNode,
  type FieldNode,
  type GraphQLArgument,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { GatewayContext } from './context.js';
import { renderText, text } from '@cellgraph/kernel/core';
import { gatewayMessages } from './messages.js';

/*
 * How many objects an operation can ask for, counted before it runs. Every field that returns
 * several objects multiplies what it selects by its size, read from its arguments in the manner of
 * the `@listSize` directive (IBM's GraphQL cost specification):
 *  - a connection (`…Connection` with `first`/`last`): its slicing argument, else the default page;
 *    its `nodes`/`edges` are the same objects (they are the connection's sized fields);
 *  - a list with a list-of-ids argument (`nodes(ids:)`): that list's length (the field caps it);
 *  - a list with a `first`/`last`/`limit` argument: that value;
 *  - a list whose field declares `@listSize(assumedSize: n)` (on its definition's AST), or whose
 *    size a module bounds (DECLARED_LIST_SIZES, by field coordinate or by the type of its objects: a
 *    comment's mentions, a board's columns, an object's tags): that size;
 *  - any other list of objects: the assumed size (ASSUMED_LIST_SIZE; by default MAX_PAGE_SIZE).
 * Arguments come from the request's variables, or the operation's variable defaults. The count
 * bounds the work a request can cause however the subgraphs batch it.
 */

const SLICING_ARGUMENTS = ['first', 'last', 'limit'];

/**
 * Sizes of the unpaged lists that modules keep small, as `@listSize(assumedSize:)` would declare
 * them, by field coordinate (`Type.field`) or by the type of their objects: without these a board
 * (4 columns × 100 tasks with their tags) counted 100 columns × 100 tasks × 100 tags and was
 * refused, and so was a task's comment thread with its mentions. The subgraphs link Federation 2.3,
 * which has no `@listSize`; a field that declares one on its AST wins. A coordinate's size is the
 * bound its module enforces on writes (named next to it).
 */
export const DECLARED_LIST_SIZES: Readonly<Record<string, number>> = {
  /** A board's columns (boardCreate takes at most 50; boards have a handful). */
  BoardColumn: 20,
  /** The tags on one object. */
  Tag: 10,
  /** The people one comment mentions (collaboration's MAX_MENTIONS). */
  'Comment.mentions': 20,
  /** The objects one note is about (notes' noteCreate/noteAttach take at most 50). */
  'Note.about': 50,
};
const CONNECTION_SIZED_FIELDS = new Set(['nodes', 'edges']);

export interface CostOptions {
  /** Size assumed for a list of objects whose arguments do not bound it. */
  assumedListSize?: number;
}

type Size = { kind: 'one' } | { kind: 'sized-by-parent' } | { kind: 'many'; size: number };

export function requestedNodes(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> = {},
  { assumedListSize = MAX_PAGE_SIZE }: CostOptions = {},
): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const values = withDefaults(operation, variables);
  const argument = (field: FieldNode, name: string): unknown => {
    const node = field.arguments?.find((arg) => arg.name.value === name);
    return node ? valueFromASTUntyped(node.value, values) : undefined;
  };
  const slice = (field: FieldNode): number | null => {
    for (const name of SLICING_ARGUMENTS) {
      const value = argument(field, name);
      if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value;
    }
    return null;
  };
  const sizeOf = (parent: GraphQLCompositeType, definition: GraphQLField<unknown, unknown>, field: FieldNode, inSizedConnection: boolean): Size => {
    if (isConnection(definition)) return { kind: 'many', size: slice(field) ?? DEFAULT_PAGE_SIZE };
    if (!isListType(getNullableType(definition.type))) return { kind: 'one' };
    if (inSizedConnection && CONNECTION_SIZED_FIELDS.has(definition.name)) return { kind: 'sized-by-parent' };
    for (const arg of definition.args.filter(isIdList)) {
      const value = argument(field, arg.name);
      if (value !== undefined && value !== null) return { kind: 'many', size: Array.isArray(value) ? value.length : 1 };
    }
    return { kind: 'many', size: slice(field) ?? declaredSize(parent, definition) ?? assumedListSize };
  };
  /** `inSizedConnection`: the selection set is a connection's, whose size was already counted. */
  const count = (
    selectionSet: SelectionSetNode,
    parent: GraphQLCompositeType,
    multiplier: number,
    visiting: Set<string>,
    inSizedConnection = false,
  ): number => {
    let nodes = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        // Leaves add nothing; a union's only field is __typename.
        const definition = selection.selectionSet && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[selection.name.value] : undefined;
        if (!definition) continue;
        const type = getNamedType(definition.type);
        if (!isCompositeType(type)) continue;
        const size = sizeOf(parent, definition, selection, inSizedConnection);
        const inner = size.kind === 'many' ? multiplier * size.size : multiplier;
        if (size.kind === 'many') nodes += inner;
        nodes += count(selection.selectionSet!, type, inner, visiting, isConnection(definition));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        if (type && isCompositeType(type)) nodes += count(selection.selectionSet, type, multiplier, visiting, inSizedConnection);
      } else {
        const fragment = fragments.get(selection.name.value);
        const type = fragment && schema.getType(fragment.typeCondition.name.value);
        if (!fragment || !type || !isCompositeType(type) || visiting.has(fragment.name.value)) continue;
        visiting.add(fragment.name.value);
        nodes += count(fragment.selectionSet, type, multiplier, visiting, inSizedConnection);
        visiting.delete(fragment.name.value);
      }
    }
    return nodes;
  };
  const root =
    operation.operation === 'query' ? schema.getQueryType() : operation.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
  return root ? count(operation.selectionSet, root, 1, new Set()) : 0;
}

function isConnection(definition: GraphQLField<unknown, unknown>): boolean {
  return getNamedType(definition.type).name.endsWith('Connection') && definition.args.some((arg) => arg.name === 'first' || arg.name === 'last');
}

/** The size a list field declares: its `@listSize(assumedSize:)`, else its coordinate's or its objects' declared size. */
function declaredSize(parent: GraphQLCompositeType, definition: GraphQLField<unknown, unknown>): number | null {
  const directive = definition.astNode?.directives?.find((d) => d.name.value === 'listSize');
  const assumed = directive?.arguments?.find((arg) => arg.name.value === 'assumedSize')?.value;
  if (assumed?.kind === Kind.INT) return Number(assumed.value);
  return DECLARED_LIST_SIZES[`${parent.name}.${definition.name}`] ?? DECLARED_LIST_SIZES[getNamedType(definition.type).name] ?? null;
}

/** A list of ids (`ids: [ID!]!`) asks for one object per id; other list arguments (orderings) do not. */
function isIdList(arg: GraphQLArgument): boolean {
  return isListType(getNullableType(arg.type)) && getNamedType(arg.type).name === 'ID';
}

/** The request's variables, with the operation's defaults for those it did not send. */
function withDefaults(operation: OperationDefinitionNode, variables: Record<string, unknown>): Record<string, unknown> {
  const values = { ...variables };
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    if (values[name] === undefined && definition.defaultValue) values[name] = valueFromASTUntyped(definition.defaultValue, {});
  }
  return values;
}

export function tooManyNodes(requested: number, limit: number): GraphQLError {
  return new GraphQLError(renderText(text(gatewayMessages.tooManyNodes, { requested, limit })), {
    extensions: { code: 'QUERY_TOO_COMPLEX', http: { status: 400 } },
  });
}

/**
 * Refuses an operation that could return more than `limit` objects before any subgraph is asked,
 * and tells every caller what its operation cost: `extensions.cost = { requestedNodes, limit }`.
 */
export function nodeLimit(limit: number, options: CostOptions = {}): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      let requested: number | null = null;
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          requested = requestedNodes(schema, document, operation, request.variables ?? {}, options);
          if (requested > limit) throw tooManyNodes(requested, limit);
        },
        async willSendResponse({ response }) {
          if (requested === null || response.body.kind !== 'single') return;
          response.body.singleResult.extensions = { ...response.body.singleResult.extensions, cost: { requestedNodes: requested, limit } };
        },
      };
    },
  };
}
