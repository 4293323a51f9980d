import { defaultFieldResolver, GraphQLObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { z } from 'zod';
import { CodedError, ErrorCode } from '../errors/coded-error.js';
import type { Principal, RequestContext } from '../context/request-context.js';
import { text } from '../i18n/messages.js';
import { kernelMessages } from '../errors/messages.js';

/** A scope an API key can be given, as integrators discover it (`apiKeyScopes`). */
export interface ApiKeyScope {
  name: string;
  description: string;
}

/** Root fields no API key may call, whatever its scopes: they manage credentials or the account. */
export const KEY_FORBIDDEN = 'key-forbidden';
/** Root fields any API key may call (they check each object themselves, e.g. `node(id:)`). */
export const KEY_OPEN = 'key-open';

/**
 * What an API key needs for a root field: a scope (`crm:read`, `notification-settings:write`), KEY_FORBIDDEN or
 * KEY_OPEN. Undeclared fields need the subgraph's `<scope>:read` (Query, Subscription) or
 * `<scope>:write` (Mutation).
 */
export type FieldKeyRule = string;

/** A subgraph's declaration of what API keys may do with its root fields. */
export interface SubgraphKeyAccess {
  /** Its scope name: `<scope>:read` and `<scope>:write` (write includes read). */
  scope: string;
  /** What `<scope>` covers, for the scope registry. */
  scopeDescription: string;
  /** Further scopes, granted only to the fields in `keyAccess` that name them. */
  extraScopes?: readonly ApiKeyScope[];
  /** Root fields (by name) that differ from the default, and fields added to others' entities (`Node.comments`) that need a scope. */
  keyAccess?: Readonly<Record<string, FieldKeyRule>>;
}

const SCOPE_NAME = /^[a-z][a-z0-9-]*:(read|write)$/;

/** The scopes a subgraph declares: `<scope>:read`, `<scope>:write` and its extra ones. */
export function declaredScopes(access: SubgraphKeyAccess): ApiKeyScope[] {
  const scopes = [
    { name: `${access.scope}:read`, description: `Read ${access.scopeDescription}` },
    { name: `${access.scope}:write`, description: `Read and change ${access.scopeDescription} (includes ${access.scope}:read)` },
    ...(access.extraScopes ?? []),
  ];
  for (const scope of scopes) if (!SCOPE_NAME.test(scope.name)) throw new Error(`Scope "${scope.name}" must look like <name>:read or <name>:write`);
  return scopes;
}

/** The scope registry of a cell: every scope its subgraphs declare, sorted by name. */
export function cellApiKeyScopes(subgraphs: readonly SubgraphKeyAccess[]): ApiKeyScope[] {
  const byName = new Map<string, ApiKeyScope>();
  for (const subgraph of subgraphs) for (const scope of declaredScopes(subgraph)) byName.set(scope.name, scope);
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** Whether the key's scopes grant `needed` (`x:write` grants `x:read`). */
export function scopesGrant(granted: readonly string[], needed: string): boolean {
  return granted.includes(needed) || (needed.endsWith(':read') && granted.includes(needed.replace(/:read$/, ':write')));
}

/** FORBIDDEN naming the scope the API key lacks (as GitHub's X-Accepted-OAuth-Scopes does). */
export function missingScope(field: string, needed: string): CodedError {
  const accepted = needed.endsWith(':read') ? [needed, needed.replace(/:read$/, ':write')] : [needed];
  return new CodedError(ErrorCode.Forbidden, text(kernelMessages.apiKeyLacksScope, { scope: needed, field }), {
    requiredScope: needed,
    acceptedScopes: accepted,
  });
}

/** FORBIDDEN for fields no API key may call. */
export function refusedToKeys(field: string): CodedError {
  return new CodedError(ErrorCode.Forbidden, text(kernelMessages.apiKeyForbiddenField, { field }), {
    requiredScope: null,
    acceptedScopes: [],
  });
}

const FEDERATION_FIELDS = new Set(['_service', '_entities']);

/**
 * The rule of every guarded field of `schema`, by `Type.field`: each root field (federation's own
 * excepted), defaults applied, plus the non-root fields `keyAccess` names as `Type.field` (fields a
 * subgraph adds to entities of others, e.g. collaboration's `Node.comments`).
 */
export function fieldKeyRules(schema: GraphQLSchema, access: SubgraphKeyAccess): Map<string, FieldKeyRule> {
  const known = new Set(declaredScopes(access).map((scope) => scope.name));
  const rules = new Map<string, FieldKeyRule>();
  const roots: [GraphQLObjectType | null | undefined, string][] = [
    [schema.getQueryType(), `${access.scope}:read`],
    [schema.getMutationType(), `${access.scope}:write`],
    [schema.getSubscriptionType(), `${access.scope}:read`],
  ];
  for (const [type, fallback] of roots) {
    for (const name of Object.keys(type?.getFields() ?? {})) {
      if (FEDERATION_FIELDS.has(name)) continue;
      rules.set(`${type!.name}.${name}`, access.keyAccess?.[name] ?? fallback);
    }
  }
  for (const [name, rule] of Object.entries(access.keyAccess ?? {})) {
    if (name.includes('.')) {
      const [typeName, fieldName] = name.split('.') as [string, string];
      const type = schema.getType(typeName);
      if (!(type instanceof GraphQLObjectType) || !type.getFields()[fieldName])
        throw new Error(`keyAccess names ${name}, which is not a field of this subgraph`);
      rules.set(name, rule);
    } else if (![...rules.keys()].some((key) => key.endsWith(`.${name}`)))
      throw new Error(`keyAccess names ${name}, which is not a root field of this subgraph`);
    if (rule !== KEY_FORBIDDEN && rule !== KEY_OPEN && !known.has(rule))
      throw new Error(`keyAccess gives ${name} the scope ${rule}, which this subgraph does not declare`);
  }
  return rules;
}

/** Throws FORBIDDEN when an API key may not resolve `field` under `rule`. */
export function checkKeyAccess(principal: Principal, field: string, rule: FieldKeyRule | undefined): void {
  if (principal.kind !== 'api_key' || rule === KEY_OPEN) return;
  if (rule === undefined || rule === KEY_FORBIDDEN) throw refusedToKeys(field);
  if (!scopesGrant(principal.scopes, rule)) throw missingScope(field, rule);
}

/**
 * The one place API-key scopes are enforced for a subgraph's operations: every root field (and
 * every field `keyAccess` names as `Type.field`) checks its rule before its resolver runs (default
 * deny: a root field without a rule is refused to keys). Changes the fields in place:
 * @apollo/subgraph keeps entity resolvers on the type objects.
 */
export function enforceKeyAccess(schema: GraphQLSchema, access: SubgraphKeyAccess): GraphQLSchema {
  for (const [key, rule] of fieldKeyRules(schema, access)) {
    const [typeName, fieldName] = key.split('.') as [string, string];
    const field = (schema.getType(typeName) as GraphQLObjectType).getFields()[fieldName]!;
    const guarded = <T extends GraphQLFieldResolver<unknown, { request: RequestContext }>>(resolve: T): T =>
      ((source, args, context, info) => {
        checkKeyAccess(context.request.principal, field.name, rule);
        return resolve(source, args, context, info);
      }) as T;
    field.resolve = guarded(field.resolve ?? defaultFieldResolver);
    if (field.subscribe) field.subscribe = guarded(field.subscribe);
  }
  return schema;
}

/** The variable that hands a cell's scope registry (JSON of `ApiKeyScope[]`) to its subgraphs. */
export const CELL_API_KEY_SCOPES = 'CELL_API_KEY_SCOPES';

/** Parses CELL_API_KEY_SCOPES. */
export const apiKeyScopesFromEnv = z
  .string()
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be JSON' });
      return z.NEVER;
    }
  })
  .pipe(z.array(z.object({ name: z.string().regex(SCOPE_NAME), description: z.string() })));
