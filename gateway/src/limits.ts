import { GraphQLError, Kind, type ASTVisitor, type FragmentDefinitionNode, type SelectionSetNode, type ValidationContext, type ValidationRule } from 'graphql';
import { renderText, text, type Message } from '@cellgraph/kernel/core';
import { gatewayMessages } from './messages.js';

/*
 * Validation rules that bound the work one document can ask for, on top of the parser's token
 * limit: nesting depth, aliases and directives. Introspection fields (__schema, __type) do not
 * count towards depth: explorers send a deep but bounded introspection query.
 */

const limitError = (message: Message, values: Record<string, unknown>) =>
  new GraphQLError(renderText(text(message, values)), { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });

export function depthLimit(maxDepth: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of context.getDocument().definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    }
    const depthOf = (selectionSet: SelectionSetNode | undefined, depth: number, visiting: Set<string>): number => {
      if (!selectionSet) return depth;
      let deepest = depth;
      for (const selection of selectionSet.selections) {
        if (selection.kind === Kind.FIELD) {
          if (selection.name.value.startsWith('__')) continue;
          deepest = Math.max(deepest, depthOf(selection.selectionSet, depth + 1, visiting));
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          deepest = Math.max(deepest, depthOf(selection.selectionSet, depth, visiting));
        } else {
          const name = selection.name.value;
          const fragment = fragments.get(name);
          if (!fragment || visiting.has(name)) continue; // unknown or cyclic: other rules report it
          visiting.add(name);
          deepest = Math.max(deepest, depthOf(fragment.selectionSet, depth, visiting));
          visiting.delete(name);
        }
        if (deepest > maxDepth) return deepest;
      }
      return deepest;
    };
    return {
      OperationDefinition(operation) {
        const depth = depthOf(operation.selectionSet, 0, new Set());
        if (depth > maxDepth) {
          context.reportError(limitError(gatewayMessages.queryTooDeep, { depth, max: maxDepth }));
        }
      },
    };
  };
}

function countingRule(kind: Kind.FIELD | Kind.DIRECTIVE, max: number, tooMany: Message): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    let count = 0;
    return {
      [kind](node: { alias?: unknown }) {
        if (kind === Kind.FIELD && !node.alias) return;
        count += 1;
      },
      Document: {
        leave() {
          if (count > max) context.reportError(limitError(tooMany, { count, max }));
        },
      },
    };
  };
}

export const aliasLimit = (max: number) => countingRule(Kind.FIELD, max, gatewayMessages.tooManyAliases);
export const directiveLimit = (max: number) => countingRule(Kind.DIRECTIVE, max, gatewayMessages.tooManyDirectives);
