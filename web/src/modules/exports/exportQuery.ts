import { Kind, print, visit, type DocumentNode } from 'graphql';

const PAGING = new Set(['first', 'after', 'last', 'before']);

/**
 * What a table's page asks for, made into an export's query: the same document and variables
 * (filters, order, search) without the page — the root field's first/after/last/before and their
 * variables go (the export pages through the whole list), and so does `__typename` (not a column).
 */
export function exportRequestOf(document: DocumentNode, variables: Record<string, unknown> = {}): { query: string; variables: Record<string, unknown> } {
  // Fields nested in the operation (fragments' fields are never the root field).
  let depth = Number.POSITIVE_INFINITY;
  const stripped = visit(document, {
    OperationDefinition: { enter: () => void (depth = 0), leave: () => void (depth = Number.POSITIVE_INFINITY) },
    Field: {
      enter(field) {
        // A removed node is not left: it is not counted either.
        if (field.name.value === '__typename') return null;
        depth += 1;
        if (depth !== 1) return undefined;
        return { ...field, arguments: field.arguments?.filter((argument) => !PAGING.has(argument.name.value)) };
      },
      leave: () => void (depth -= 1),
    },
  });
  // Variables only the page used (first, after…) are no longer referenced: they go with their values.
  const used = new Set<string>();
  visit(stripped, {
    OperationDefinition: { enter: (operation) => ({ ...operation, variableDefinitions: [] }) },
    Variable: (variable) => void used.add(variable.name.value),
  });
  const query = visit(stripped, {
    VariableDefinition: (definition) => (used.has(definition.variable.name.value) ? undefined : null),
  });
  const kept = Object.fromEntries(Object.entries(variables).filter(([name, value]) => used.has(name) && value !== undefined));
  return { query: print(query), variables: kept };
}

/** The operation's root field, for a default name of the export (`contacts`). */
export function rootFieldOf(document: DocumentNode): string | null {
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    const first = definition.selectionSet.selections[0];
    if (first?.kind === Kind.FIELD) return first.name.value;
  }
  return null;
}
