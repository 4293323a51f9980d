import type { ApolloServerPlugin } from '@apollo/server';
import { DEFAULT_PAGE_SIZE } from '@cellgraph/kernel';
import {
  getNamedType,
  GraphQLError,
  isCompositeType,
  isObjectType,
  isInterfaceType,
  Kind,
  valueFromASTUntyped,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { GatewayContext } from './context.js';

/*
 * How many objects an operation can ask for, counted as GitHub's API does before running it: every
 * connection field (a `…Connection` with `first`/`last`) asks for its page size (first or last, else
 * the kernel's default page) times the pages of the connections it sits in. A plain list adds
 * nothing of its own. The count uses the request's variables, so it is exact for what the caller
 * sent; it bounds the work a single request can cause however the subgraphs batch it.
 */

export function requestedNodes(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown> = {}): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const pageSize = (field: FieldNode): number => {
    for (const argument of field.arguments ?? []) {
      if (argument.name.value !== 'first' && argument.name.value !== 'last') continue;
      const value = valueFromASTUntyped(argument.value, variables);
      if (typeof value === 'number' && value >= 0) return value;
    }
    return DEFAULT_PAGE_SIZE;
  };
  const count = (selectionSet: SelectionSetNode, parent: GraphQLCompositeType, multiplier: number, visiting: Set<string>): number => {
    let nodes = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        // Leaves add nothing; a union's only field is __typename.
        const definition = selection.selectionSet && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[selection.name.value] : undefined;
        if (!definition) continue;
        const type = getNamedType(definition.type);
        if (!isCompositeType(type)) continue;
        const isConnection = type.name.endsWith('Connection') && definition.args.some((arg) => arg.name === 'first');
        const inner = isConnection ? multiplier * pageSize(selection) : multiplier;
        if (isConnection) nodes += inner;
        nodes += count(selection.selectionSet!, type, inner, visiting);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        if (type && isCompositeType(type)) nodes += count(selection.selectionSet, type, multiplier, visiting);
      } else {
        const fragment = fragments.get(selection.name.value);
        const type = fragment && schema.getType(fragment.typeCondition.name.value);
        if (!fragment || !type || !isCompositeType(type) || visiting.has(fragment.name.value)) continue;
        visiting.add(fragment.name.value);
        nodes += count(fragment.selectionSet, type, multiplier, visiting);
        visiting.delete(fragment.name.value);
      }
    }
    return nodes;
  };
  const root = operation.operation === 'query' ? schema.getQueryType() : operation.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
  return root ? count(operation.selectionSet, root, 1, new Set()) : 0;
}

export function tooManyNodes(requested: number, limit: number): GraphQLError {
  return new GraphQLError(`This operation could return ${requested} objects; the limit is ${limit}. Ask for smaller pages (first/last) or fewer nested connections.`, {
    extensions: { code: 'QUERY_TOO_COMPLEX', http: { status: 400 } },
  });
}

/**
 * Refuses an operation that could return more than `limit` objects before any subgraph is asked,
 * and tells every caller what its operation cost: `extensions.cost = { requestedNodes, limit }`.
 */
export function nodeLimit(limit: number): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      let requested: number | null = null;
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          requested = requestedNodes(schema, document, operation, request.variables ?? {});
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
