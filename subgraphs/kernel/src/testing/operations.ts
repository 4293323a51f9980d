import type { OrganizationRoleName } from '../authz/model.js';
import type { Principal } from '../context/request-context.js';
import { toGlobalId } from '../ids/global-id.js';
import { uuidv7 } from '../ids/uuid.js';
import { sqlIdentifier } from '../db/roles.js';
import { grantOrganizationRole } from './authz.js';
import { withClient } from './database.js';
import { userPrincipal, type GraphQLData, type SubgraphHarness } from './subgraph-harness.js';

export interface TestMember {
  principal: Principal;
  userId: string;
  orgId: string;
  globalUserId: string;
}

/** A user with `role` in a fresh organization (or in `orgId`), as identity would record it. */
export async function testMember(databaseUrl: string, role: OrganizationRoleName = 'member', orgId = uuidv7()): Promise<TestMember> {
  const userId = uuidv7();
  await grantOrganizationRole(databaseUrl, orgId, userId, role);
  return { principal: userPrincipal(userId, orgId), userId, orgId, globalUserId: toGlobalId('User', userId) };
}

const inputType = (field: string) => `${field[0]!.toUpperCase()}${field.slice(1)}Input`;

/** Mutations of one subgraph the way tests use them: `<field>(input:)` with its conventional input type. */
export function mutationsOf(harness: () => SubgraphHarness, subgraph: string) {
  const send = (principal: Principal, field: string, input: Record<string, unknown>, selection: string) =>
    harness().request(subgraph, `mutation($input: ${inputType(field)}!) { ${field}(input: $input) { ${selection} } }`, { input }, principal);
  return {
    /** Runs a mutation and returns its payload; throws on any error or userError. */
    async mutate<T = GraphQLData>(principal: Principal, field: string, input: Record<string, unknown>, selection: string): Promise<T> {
      const result = await send(principal, field, input, `${selection} userErrors { code field message }`);
      const payload = result.data?.[field] as (T & { userErrors: unknown[] }) | undefined;
      if (result.errors || !payload || payload.userErrors.length) throw new Error(`${field} failed: ${JSON.stringify(result.errors ?? payload?.userErrors)}`);
      return payload;
    },
    /** Runs a mutation expected to fail with user errors; returns their codes (throws on top-level errors). */
    async refused(principal: Principal, field: string, input: Record<string, unknown>): Promise<string[]> {
      const result = await send(principal, field, input, 'userErrors { code }');
      if (result.errors) throw new Error(`${field} failed: ${JSON.stringify(result.errors)}`);
      return (result.data![field] as { userErrors: { code: string }[] }).userErrors.map((e) => e.code);
    },
  };
}

export interface OutboxEvent {
  type: string;
  actor_id: string | null;
  data: GraphQLData;
}

/** The events of a subgraph's outbox about `subjectId` (a uuid), oldest first. */
export function outboxEvents(databaseUrl: string, schema: string, subjectId: string): Promise<OutboxEvent[]> {
  return withClient(
    databaseUrl,
    async (client) =>
      (await client.query(`SELECT type, actor_id, data FROM ${sqlIdentifier(schema)}.outbox WHERE subject_id = $1 ORDER BY occurred_at, id`, [subjectId])).rows,
  );
}

/** The uuid inside a global id, whatever its type. */
export const uuidOf = (globalId: string) => Buffer.from(globalId, 'base64url').toString().split(':')[1]!;
