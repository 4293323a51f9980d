import {
  GraphQLError,
  Kind,
  parse,
  print,
  type ASTVisitor,
  type ConstDirectiveNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';

/*
 * requires-with-argument-conflict (The Guild's federation audit): two `@requires` of one entity in
 * one subgraph ask for the same field with different arguments (`price(currency: "USD")` and
 * `price(currency: "EUR")`). A representation carries a field by name only, and the query planner
 * fetches the required field once, with one argument set: asked together, both dependent fields
 * get that one value, silently wrong for the other. Until the planner aliases the field per
 * argument set, the gateway refuses an operation that selects requiring fields of two such
 * argument sets on one type; each alone is planned and answered correctly.
 */

/** By type, each requiring field that conflicts with another: its subgraph and required paths. */
export type RequiresConflicts = Map<string, Map<string, { subgraph: string; paths: Map<string, string> }>>;

/** Every field a field set selects, by path (`category.averagePrice`), with its printed arguments. */
function argumentsByPath(selectionSet: SelectionSetNode, prefix = '', into = new Map<string, string>()): Map<string, string> {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      const path = `${prefix}${selection.name.value}`;
      into.set(path, (selection.arguments ?? []).map(print).sort().join(','));
      if (selection.selectionSet) argumentsByPath(selection.selectionSet, `${path}.`, into);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      argumentsByPath(selection.selectionSet, `${prefix}...${selection.typeCondition?.name.value ?? ''}.`, into);
    }
  }
  return into;
}

const conflict = (a: Map<string, string>, b: Map<string, string>) => [...a].some(([path, args]) => b.has(path) && b.get(path) !== args);

const argument = (directive: ConstDirectiveNode, name: string) => directive.arguments?.find((each) => each.name.value === name)?.value;

/** The requiring fields that ask, in one subgraph, for a field another asks for with other arguments. */
export function requiresConflicts(supergraphSdl: string): RequiresConflicts {
  const document = parse(supergraphSdl);
  const graphNames = new Map<string, string>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.ENUM_TYPE_DEFINITION || definition.name.value !== 'join__Graph') continue;
    for (const value of definition.values ?? []) {
      const name = value.directives?.find((directive) => directive.name.value === 'join__graph');
      const nameValue = name && argument(name, 'name');
      graphNames.set(value.name.value, nameValue?.kind === Kind.STRING ? nameValue.value : value.name.value);
    }
  }
  const conflicts: RequiresConflicts = new Map();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.INTERFACE_TYPE_DEFINITION) continue;
    const requiring: { field: string; subgraph: string; paths: Map<string, string> }[] = [];
    for (const field of definition.fields ?? []) {
      for (const directive of field.directives ?? []) {
        const graph = argument(directive, 'graph');
        const requires = argument(directive, 'requires');
        if (directive.name.value !== 'join__field' || graph?.kind !== Kind.ENUM || requires?.kind !== Kind.STRING) continue;
        const paths = argumentsByPath((parse(`{${requires.value}}`).definitions[0] as { selectionSet: SelectionSetNode }).selectionSet);
        requiring.push({ field: field.name.value, subgraph: graphNames.get(graph.value) ?? graph.value, paths });
      }
    }
    const conflicting = requiring.filter((one) => requiring.some((other) => other.subgraph === one.subgraph && conflict(one.paths, other.paths)));
    if (conflicting.length > 0) conflicts.set(definition.name.value, new Map(conflicting.map(({ field, subgraph, paths }) => [field, { subgraph, paths }])));
  }
  return conflicts;
}

/** Refuses (GRAPHQL_VALIDATION_FAILED) an operation selecting, on one type, two requiring fields that conflict. */
export function requiresConflictRule(current: () => RequiresConflicts): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    const conflicts = current();
    const selected = new Map<string, Set<string>>(); // type → its conflicting requiring fields selected so far
    return {
      Field(node) {
        const type = context.getParentType()?.name;
        const field = node.name.value;
        const requiring = type === undefined ? undefined : conflicts.get(type);
        const mine = requiring?.get(field);
        if (type === undefined || !requiring || !mine) return;
        const before = selected.get(type) ?? new Set<string>();
        selected.set(type, before);
        if (before.has(field)) return;
        const other = [...before].find((each) => requiring.get(each)!.subgraph === mine.subgraph && conflict(requiring.get(each)!.paths, mine.paths));
        before.add(field);
        if (other === undefined) return;
        context.reportError(
          new GraphQLError(
            `${type}.${other} and ${type}.${field} cannot be selected in one operation: subgraph "${mine.subgraph}" requires the same field with different arguments for them, which the gateway cannot fetch in one plan (REQUIRES_ARGUMENT_CONFLICT; send them in separate operations)`,
            { nodes: [node], extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } },
          ),
        );
      },
    };
  };
}
