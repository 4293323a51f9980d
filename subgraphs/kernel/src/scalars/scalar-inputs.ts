import {
  GraphQLError,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValueNode,
} from 'graphql';
import { ErrorCode } from '../errors/coded-error.js';
import { CUSTOM_SCALARS } from './custom-scalars.js';

type Path = readonly (string | number)[];
const printPath = (path: Path) => path.map((part, index) => (typeof part === 'number' ? `[${part}]` : index ? `.${part}` : part)).join('');

/**
 * Parses every custom-scalar value an operation passes to a field or directive argument — literal
 * or through a variable — with the platform's scalars (CUSTOM_SCALARS), on a schema whose scalars
 * accept anything (the gateway's, composed from SDL). Each malformed value is a BAD_USER_INPUT
 * error naming the argument path (`input.value`) in its message and `extensions.argument`.
 */
export function malformedScalarInputs(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> = {},
): GraphQLError[] {
  const errors: GraphQLError[] = [];
  const typeInfo = new TypeInfo(schema);

  const refuse = (field: string, path: Path, reason: string, node: ValueNode, variable?: string) =>
    errors.push(
      new GraphQLError(`Invalid value for argument "${printPath(path)}" of "${field}"${variable ? ` (variable "$${variable}")` : ''}: ${reason}`, {
        nodes: node,
        extensions: { code: ErrorCode.BadUserInput, argument: printPath(path), http: { status: 400 } },
      }),
    );

  const checkValue = (field: string, value: unknown, type: GraphQLInputType, path: Path, node: ValueNode, variable: string) => {
    if (value === null || value === undefined) return;
    if (isNonNullType(type)) return checkValue(field, value, type.ofType, path, node, variable);
    if (isListType(type)) {
      if (Array.isArray(value)) value.forEach((item, index) => checkValue(field, item, type.ofType, [...path, index], node, variable));
      else checkValue(field, value, type.ofType, path, node, variable);
      return;
    }
    if (isInputObjectType(type)) {
      if (typeof value !== 'object') return;
      for (const [name, inner] of Object.entries(value as Record<string, unknown>)) {
        const fieldDef = type.getFields()[name];
        if (fieldDef) checkValue(field, inner, fieldDef.type, [...path, name], node, variable);
      }
      return;
    }
    const scalar = isScalarType(type) ? CUSTOM_SCALARS.get(type.name) : undefined;
    if (!scalar) return;
    try {
      scalar.parseValue(value);
    } catch (error) {
      refuse(field, path, (error as Error).message, node, variable);
    }
  };

  const checkNode = (field: string, node: ValueNode, type: GraphQLInputType, path: Path) => {
    if (node.kind === Kind.VARIABLE) return checkValue(field, variables[node.name.value], type, path, node, node.name.value);
    if (node.kind === Kind.NULL) return;
    if (isNonNullType(type)) return checkNode(field, node, type.ofType, path);
    if (isListType(type)) {
      if (node.kind === Kind.LIST) node.values.forEach((item, index) => checkNode(field, item, type.ofType, [...path, index]));
      else checkNode(field, node, type.ofType, path);
      return;
    }
    if (isInputObjectType(type)) {
      if (node.kind !== Kind.OBJECT) return;
      for (const objectField of node.fields) {
        const fieldDef = type.getFields()[objectField.name.value];
        if (fieldDef) checkNode(field, objectField.value, fieldDef.type, [...path, objectField.name.value]);
      }
      return;
    }
    const scalar = isScalarType(type) ? CUSTOM_SCALARS.get(type.name) : undefined;
    if (!scalar) return;
    try {
      scalar.parseLiteral(node, variables);
    } catch (error) {
      refuse(field, path, (error as Error).message, node);
    }
  };

  const fragments = document.definitions.filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION);
  for (const definition of [operation, ...fragments]) {
    visit(
      definition,
      visitWithTypeInfo(typeInfo, {
        Argument(node) {
          const argument = typeInfo.getArgument();
          const owner = typeInfo.getDirective() ? `@${typeInfo.getDirective()!.name}` : `${typeInfo.getParentType()?.name}.${typeInfo.getFieldDef()?.name}`;
          if (argument) checkNode(owner, node.value, argument.type, [argument.name]);
          return false;
        },
      }),
    );
  }
  return errors;
}
