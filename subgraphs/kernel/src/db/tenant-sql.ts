import { sqlIdentifier } from './roles.js';

/** SQL expression of the organisation of the current transaction (NULL when none is set). */
export const CURRENT_ORG_SQL = "nullif(current_setting('app.org_id', true), '')::uuid";
/** SQL expression of the user of the current transaction (NULL when none is set). */
export const CURRENT_USER_SQL = "nullif(current_setting('app.user_id', true), '')::uuid";

/**
 * Row-level security for a tenant table (one with `org_id`): enabled and forced (the owner is
 * subject to it too), and one policy restricting reads and writes to the transaction's
 * organisation. Every tenant table's migration calls this; a test enumerates the tables to prove it.
 */
export function tenantIsolationSql(schema: string, table: string): string {
  const name = `${sqlIdentifier(schema)}.${sqlIdentifier(table)}`;
  return `
ALTER TABLE ${name} ENABLE ROW LEVEL SECURITY;
ALTER TABLE ${name} FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON ${name}
  USING (org_id = ${CURRENT_ORG_SQL})
  WITH CHECK (org_id = ${CURRENT_ORG_SQL});
`;
}
