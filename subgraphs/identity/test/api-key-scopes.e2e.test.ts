import { readFileSync } from 'node:fs';
import { KEY_FORBIDDEN, KEY_OPEN, fieldKeyRules, subgraphSchema, type FieldKeyRule } from '@cellgraph/kernel';
import {
  buildSchema,
  getNamedType,
  GraphQLEnumType,
  GraphQLInputObjectType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLScalarType,
  isCompositeType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSchemaPath } from '../../../scripts/runtime/cells.js';
import { startTestCell, type TestCell, type TestUser } from '../../../scripts/testing/cell-harness.js';

const CREATE = `mutation($input: ApiKeyCreateInput!) { apiKeyCreate(input: $input) { apiKey { id } plainKey userErrors { code field message } } }`;

/** Operations that manage credentials or the account: no key may call them, whatever its scopes. */
const CREDENTIAL_FIELDS = [
  'apiKeyCreate',
  'apiKeyUpdate',
  'apiKeyRevoke',
  'userRegister',
  'sessionCreate',
  'sessionMfaVerify',
  'sessionRefresh',
  'sessionSwitchOrganization',
  'sessionRevoke',
  'sessionRevokeAll',
  'passwordResetRequest',
  'passwordReset',
  'passwordChange',
  'accountDeactivate',
  'mfaEnrollStart',
  'mfaEnrollConfirm',
  'mfaDisable',
  'organizationCreate',
  'organizationOwnershipTransfer',
];

/**
 * Root fields served by the gateway's node subgraph: open to keys — `node`/`nodes` check each
 * object by its owner's scope, and `cell` (which modules the cell serves) is public.
 */
const NODE_FIELDS = new Set(['node', 'nodes', 'cell']);

const SCALAR_SAMPLES: Record<string, unknown> = {
  ID: 'VGFzazowMTk0ZjAwMC0wMDAwLTcwMDAtODAwMC0wMDAwMDAwMDAwMDA',
  String: 'x',
  Int: 1,
  Float: 1,
  Boolean: true,
  DateTimeISO: '2030-01-01T00:00:00.000Z',
  LocalDate: '2030-01-01',
  Decimal: '1',
  CurrencyCode: 'EUR',
  JSON: {},
  JSONObject: {},
};

/** A value of `type` that passes GraphQL validation (the scope check runs before any resolver looks at it). */
function sample(type: GraphQLInputType): unknown {
  if (type instanceof GraphQLNonNull) return sample(type.ofType);
  if (type instanceof GraphQLList) return [sample(type.ofType)];
  if (type instanceof GraphQLEnumType) return type.getValues()[0]!.name;
  if (type instanceof GraphQLInputObjectType) {
    const fields = Object.values(type.getFields()).filter((field) => field.type instanceof GraphQLNonNull && field.defaultValue === undefined);
    // @oneOf inputs need exactly one field.
    const chosen = fields.length ? fields : Object.values(type.getFields()).slice(0, 1);
    return Object.fromEntries(chosen.map((field) => [field.name, sample(field.type)]));
  }
  const scalar = type as GraphQLScalarType;
  if (!(scalar.name in SCALAR_SAMPLES)) throw new Error(`No sample for scalar ${scalar.name}`);
  return SCALAR_SAMPLES[scalar.name];
}

/** One operation calling `field` with sample arguments, selecting only `__typename`. */
function operationOf(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>): { query: string; variables: Record<string, unknown> } {
  const args = field.args.filter((arg) => arg.type instanceof GraphQLNonNull && arg.defaultValue === undefined);
  const declarations = args.map((arg) => `$${arg.name}: ${arg.type.toString()}`).join(', ');
  const passed = args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  const selection = isCompositeType(getNamedType(field.type)) ? ' { __typename }' : '';
  return {
    query: `${kind}${declarations ? `(${declarations})` : ''} { ${field.name}${passed ? `(${passed})` : ''}${selection} }`,
    variables: Object.fromEntries(args.map((arg) => [arg.name, sample(arg.type)])),
  };
}

let cell: TestCell;
let owner: TestUser;
let allScopes: string[];
const keys = new Map<string, string>();

async function createKey(scopes: string[]): Promise<string> {
  const result = (await cell.gql(CREATE, { input: { name: `Scopes ${keys.size}`, scopes } }, owner.token)).data!.apiKeyCreate;
  expect(result.userErrors).toEqual([]);
  return result.plainKey;
}

/** A key with every scope of the cell except those that would grant `needed` (every scope for KEY_FORBIDDEN). */
async function keyWithout(needed: string): Promise<string> {
  const granting = needed === KEY_FORBIDDEN ? new Set<string>() : new Set([needed, needed.replace(/:read$/, ':write')]);
  if (!keys.has(needed)) keys.set(needed, await createKey(allScopes.filter((scope) => !granting.has(scope))));
  return keys.get(needed)!;
}

/** The scope rule of every root field of the cell, as its subgraph declares it. */
async function declaredRules(): Promise<Map<string, FieldKeyRule>> {
  const rules = new Map<string, FieldKeyRule>();
  for (const definition of cell.cell.subgraphs) {
    for (const [field, rule] of fieldKeyRules(await subgraphSchema(definition, null), definition)) rules.set(field, rule);
  }
  return rules;
}

beforeAll(async () => {
  cell = await startTestCell({ env: { API_KEY_RATE_LIMIT: '100000' } });
  owner = await cell.signUp('Scope owner');
  allScopes = (await cell.gql('{ apiKeyScopes { name } }', {}, owner.token)).data!.apiKeyScopes.map((scope: { name: string }) => scope.name);
}, 60_000);
afterAll(async () => {
  await cell?.stop();
});

describe('API-key scopes', () => {
  it('come from a registry of the cell’s subgraphs, listed by apiKeyScopes; unknown scopes are refused', async () => {
    const listed = await cell.gql('{ apiKeyScopes { name description } }', {}, owner.token);
    const names = listed.data!.apiKeyScopes.map((scope: { name: string }) => scope.name);
    expect(names).toEqual(expect.arrayContaining(['tasks:read', 'tasks:write', 'crm:read', 'crm:write', 'organization:read', 'notification-settings:write']));
    for (const scope of listed.data!.apiKeyScopes) expect(scope.description).not.toBe('');
    expect(names.filter((name: string) => name.startsWith('invoices:'))).toEqual([]);
    const unknown = (await cell.gql(CREATE, { input: { name: 'Invoicer', scopes: ['tasks:read', 'invoices:write'] } }, owner.token)).data!.apiKeyCreate;
    expect(unknown.plainKey).toBeNull();
    expect(unknown.userErrors).toEqual([
      { code: 'API_KEY_UNKNOWN_SCOPE', field: ['input', 'scopes', '1'], message: expect.stringContaining('invoices:write') },
    ]);
  });

  it('a cell without a subgraph has none of its scopes', async () => {
    const sales = await startTestCell({ cell: 'sales' });
    try {
      const user = await sales.signUp();
      const names = (await sales.gql('{ apiKeyScopes { name } }', {}, user.token)).data!.apiKeyScopes.map((scope: { name: string }) => scope.name);
      expect(names).toContain('crm:read');
      expect(names.filter((name: string) => name.startsWith('tasks:'))).toEqual([]);
      const refused = (await sales.gql(CREATE, { input: { name: 'Tasks', scopes: ['tasks:read'] } }, user.token)).data!.apiKeyCreate;
      expect(refused.userErrors).toEqual([expect.objectContaining({ code: 'API_KEY_UNKNOWN_SCOPE', field: ['input', 'scopes', '0'] })]);
    } finally {
      await sales.stop();
    }
  }, 60_000);

  it('a missing scope answers null with FORBIDDEN naming it, not an empty list', async () => {
    const reader = await createKey(['tasks:read']);
    const contacts = await cell.gql('{ contacts { nodes { id } } }', {}, reader);
    expect(contacts.data?.contacts ?? null).toBeNull();
    expect(contacts.errors).toEqual([
      expect.objectContaining({
        message: expect.stringContaining('crm:read'),
        path: ['contacts'],
        extensions: expect.objectContaining({ code: 'FORBIDDEN', requiredScope: 'crm:read', acceptedScopes: ['crm:read', 'crm:write'] }),
      }),
    ]);
    expect((await cell.gql('{ tasks { totalCount } }', {}, reader)).errors).toBeUndefined();
    // Fields a subgraph adds to another's objects need its scope too: a task's comments need collaboration:read.
    const taskId = (await cell.gql('mutation { taskCreate(input: { title: "Discussed" }) { task { id } } }', {}, owner.token)).data!.taskCreate.task.id;
    const comments = await cell.gql('query($id: ID!) { task(id: $id) { title comments { totalCount } } }', { id: taskId }, reader);
    expect(comments.data!.task.title).toBe('Discussed');
    expect(comments.errors).toEqual([
      expect.objectContaining({ path: ['task', 'comments'], extensions: expect.objectContaining({ code: 'FORBIDDEN', requiredScope: 'collaboration:read' }) }),
    ]);
  });

  it('every Query and Mutation field of the cell refuses a key without the scope it needs', async () => {
    const api = buildSchema(readFileSync(apiSchemaPath('all'), 'utf8'));
    const rules = await declaredRules();
    const roots: ['query' | 'mutation', GraphQLObjectType][] = [
      ['query', api.getQueryType()!],
      ['mutation', api.getMutationType()!],
    ];
    let checked = 0;
    for (const [kind, type] of roots) {
      for (const field of Object.values(type.getFields())) {
        if (NODE_FIELDS.has(field.name)) continue;
        const rule = rules.get(`${type.name}.${field.name}`);
        expect(rule, `${type.name}.${field.name} has a scope rule`).toBeDefined();
        if (rule === KEY_OPEN) continue;
        const key = await keyWithout(rule!);
        const { query, variables } = operationOf(kind, field);
        const result = await cell.gql(query, variables, key);
        const error = result.errors?.find((e) => e.path?.[0] === field.name);
        expect(error?.extensions, `${field.name} (${rule}) is refused: ${JSON.stringify(result.errors)}`).toMatchObject({
          code: 'FORBIDDEN',
          requiredScope: rule === KEY_FORBIDDEN ? null : rule,
        });
        expect(result.data?.[field.name] ?? null).toBeNull();
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(150);
  }, 240_000);

  it('credential and account operations are refused to every key, even one with every scope', async () => {
    const api = buildSchema(readFileSync(apiSchemaPath('all'), 'utf8'));
    const everything = await keyWithout(KEY_FORBIDDEN);
    expect(allScopes.length).toBeGreaterThan(10);
    for (const name of CREDENTIAL_FIELDS) {
      const field = api.getMutationType()!.getFields()[name];
      expect(field, name).toBeDefined();
      const { query, variables } = operationOf('mutation', field!);
      const result = await cell.gql(query, variables, everything);
      expect(result.errors?.find((e) => e.path?.[0] === name)?.extensions, `${name}: ${JSON.stringify(result.errors)}`).toMatchObject({
        code: 'FORBIDDEN',
        acceptedScopes: [],
      });
    }
  }, 60_000);
});
