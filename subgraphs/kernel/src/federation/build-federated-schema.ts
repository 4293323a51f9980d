import { buildSubgraphSchema, printSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import {
  getNamedType,
  GraphQLEnumType,
  GraphQLScalarType,
  GraphQLInputObjectType,
  GraphQLInterfaceType,
  GraphQLObjectType,
  isSpecifiedScalarType,
  parse,
  type GraphQLInputType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
} from 'graphql';
import { buildSchema, createResolversMap, type ClassType, type ContainerType, type NonEmptyArray } from 'type-graphql';
import { noPubSub } from '../live/live-subscription.js';
import { CUSTOM_SCALARS, GraphQLDateTimeISO } from '../scalars/custom-scalars.js';
import { FEDERATION_SPEC } from './federation-spec.js';

const FEDERATION_IMPORTS = ['@key', '@shareable', '@external', '@requires', '@provides', '@interfaceObject', '@inaccessible', '@tag', '@override'];

/**
 * A directive of the subgraph's own that composition keeps in the supergraph (`@composeDirective`),
 * so the gateway and tools reading the supergraph see it. Apply it with type-graphql's
 * `@Directive('@name(…)')`.
 */
export interface ComposedDirective {
  /** The spec it belongs to, linked by the subgraph: `https://<host>/<name>/v<major>.<minor>`. */
  url: string;
  /** Its definition, e.g. `directive @audited(reason: String) on OBJECT | FIELD_DEFINITION`. */
  definition: string;
}

const DIRECTIVE_NAME = /^\s*directive\s+@([_A-Za-z][_0-9A-Za-z]*)/;

/** The `@link`s, `@composeDirective`s and definitions of `directives`, prepended to the subgraph's SDL. */
export function composedDirectivesSdl(directives: readonly ComposedDirective[]): string {
  return directives
    .map(({ url, definition }) => {
      const name = DIRECTIVE_NAME.exec(definition)?.[1];
      if (!name) throw new Error(`Not a directive definition: ${JSON.stringify(definition)}`);
      if (!/\/v\d+\.\d+$/.test(url)) throw new Error(`@${name}: its spec url must end with its version (/v1.0), not ${JSON.stringify(url)}`);
      return `extend schema @link(url: ${JSON.stringify(url)}, import: ["@${name}"]) @composeDirective(name: "@${name}")\n${definition}\n`;
    })
    .join('');
}

type SubgraphResolvers = NonNullable<Extract<Parameters<typeof buildSubgraphSchema>[0], { typeDefs: unknown }>['resolvers']>;

/** `__resolveReference` of an entity type: the representation carries the key fields. */
export type ReferenceResolver<TContext> = (
  reference: { __typename: string; id: string } & Record<string, unknown>,
  context: TContext,
  info: GraphQLResolveInfo,
) => unknown;

export interface FederatedSchemaOptions<TContext> {
  resolvers: NonEmptyArray<ClassType>;
  orphanedTypes?: ClassType[];
  references?: Record<string, ReferenceResolver<TContext>>;
  container?: ContainerType;
  /** Directives of its own the supergraph keeps (see ComposedDirective). */
  composeDirectives?: readonly ComposedDirective[];
}

/**
 * Turns type-graphql classes into a Federation 2 subgraph schema: type-graphql builds the schema
 * (with `@Directive` federation directives on its AST), its SDL gets the one `@link` of the
 * project, and @apollo/subgraph rebuilds it with `_service`, `_entities` and the resolvers
 * (including each entity's `__resolveReference`).
 */
export async function buildFederatedSchema<TContext>(options: FederatedSchemaOptions<TContext>): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: options.resolvers,
    orphanedTypes: options.orphanedTypes,
    container: options.container,
    pubSub: noPubSub,
    validate: false,
    skipCheck: true,
    scalarsMap: [{ type: Date, scalar: GraphQLDateTimeISO }],
  });
  requirePlatformScalars(schema);
  const composed = options.composeDirectives ?? [];
  const imports = [...FEDERATION_IMPORTS, ...(composed.length ? ['@composeDirective'] : [])].map((name) => JSON.stringify(name)).join(', ');
  const typeDefs = parse(
    `extend schema @link(url: "${FEDERATION_SPEC}", import: [${imports}])\n${composedDirectivesSdl(composed)}${printSchemaWithDirectives(schema)}`,
  );
  const resolvers: Record<string, object> = { ...createResolversMap(schema) };
  for (const [typeName, resolveReference] of Object.entries(options.references ?? {})) {
    resolvers[typeName] = { ...resolvers[typeName], __resolveReference: resolveReference };
  }
  const subgraph = buildSubgraphSchema({ typeDefs, resolvers: resolvers as SubgraphResolvers });
  mapEnumDefaultsToValues(subgraph);
  return subgraph;
}

/**
 * Every custom scalar must be one of the kernel's (CUSTOM_SCALARS): those answer malformed input
 * with BAD_USER_INPUT, and the gateway checks client input with the same definitions.
 */
function requirePlatformScalars(schema: GraphQLSchema): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!(type instanceof GraphQLScalarType) || isSpecifiedScalarType(type)) continue;
    if (CUSTOM_SCALARS.get(type.name) !== type) {
      throw new Error(
        `Scalar ${type.name} is not one of the kernel's custom scalars (scalars/custom-scalars.ts): add it there so malformed input is BAD_USER_INPUT`,
      );
    }
  }
}

/**
 * @apollo/subgraph parses default values while enums still map names to themselves, then applies
 * the enum resolvers (TaskStatus.TODO → 'todo'); defaults would reach resolvers as names while
 * explicit arguments arrive as values. Re-map the defaults to the enum's values.
 */
function mapEnumDefaultsToValues(schema: GraphQLSchema): void {
  const remap = (type: GraphQLInputType, value: unknown): unknown => {
    const named = getNamedType(type);
    if (!(named instanceof GraphQLEnumType) || value === undefined || value === null) return value;
    if (Array.isArray(value)) return value.map((item) => remap(named, item));
    return typeof value === 'string' ? (named.getValue(value)?.value ?? value) : value;
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (type instanceof GraphQLObjectType || type instanceof GraphQLInterfaceType) {
      for (const field of Object.values(type.getFields())) {
        for (const arg of field.args) arg.defaultValue = remap(arg.type, arg.defaultValue);
      }
    } else if (type instanceof GraphQLInputObjectType) {
      for (const field of Object.values(type.getFields())) field.defaultValue = remap(field.type, field.defaultValue);
    }
  }
}

/** The SDL a subgraph contributes to composition (what `_service { sdl }` answers). */
export function printFederatedSdl(schema: GraphQLSchema): string {
  return `${printSubgraphSchema(schema).trim()}\n`;
}
