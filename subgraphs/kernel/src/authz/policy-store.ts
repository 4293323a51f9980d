import { migrate, type Migration } from '../db/migrate.js';
import { provisionSubgraph } from '../db/provision.js';
import { connectClient } from '../db/slot-waiting-pool.js';
import { appRole, sqlIdentifier } from '../db/roles.js';
import { CURRENT_ORG_SQL } from '../db/tenant-sql.js';

/**
 * The policy store: the `authz` schema, a platform component beside the subgraphs. Every
 * subgraph's app role may read its organization's policies (to decide); only the identity
 * subgraph — which owns memberships, teams and grants — may write them. Rows are per organization
 * under row-level security like every tenant table.
 */
export const AUTHZ_SCHEMA = 'authz';
export const POLICY_WRITER = 'identity';

export const authzMigrations: readonly Migration[] = [
  {
    id: '0001-policies',
    sql: `
CREATE TABLE authz.policies (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id uuid NOT NULL,
  ptype text NOT NULL CHECK (ptype IN ('p', 'g')),
  v0 text NOT NULL,
  v1 text NOT NULL,
  v2 text NOT NULL,
  v3 text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX policies_rule_key ON authz.policies (org_id, ptype, v0, v1, v2, coalesce(v3, ''));
CREATE INDEX policies_object_idx ON authz.policies (org_id, v2) WHERE ptype = 'p';
ALTER TABLE authz.policies ENABLE ROW LEVEL SECURITY;
ALTER TABLE authz.policies FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON authz.policies
  USING (org_id = ${CURRENT_ORG_SQL})
  WITH CHECK (org_id = ${CURRENT_ORG_SQL});
`,
  },
];

/**
 * Creates the authz schema (owned by its own role), migrates it, and grants read access to the
 * app roles of `readers` and write access to the policy writer's. A restricted module in
 * `objectGranters` (subgraph → its types) may also write one kind of row — a user's viewer or
 * editor grant on a single object of its own types (e.g. an expense's submitter on it) — and
 * delete such rows, enforced by row-level security. Run after the subgraphs' roles exist.
 */
export async function provisionAuthz(
  adminUrl: string,
  readers: readonly string[],
  objectGranters: Readonly<Record<string, readonly string[]>> = {},
): Promise<void> {
  await provisionSubgraph(adminUrl, AUTHZ_SCHEMA, '', { appRole: false });
  await migrate(adminUrl, AUTHZ_SCHEMA, authzMigrations);
  const client = await connectClient({ connectionString: adminUrl });
  try {
    for (const reader of readers) {
      const role = sqlIdentifier(appRole(reader));
      await client.query(`GRANT USAGE ON SCHEMA authz TO ${role}`);
      await client.query(`GRANT SELECT ON authz.policies TO ${role}`);
      if (reader === POLICY_WRITER) await client.query(`GRANT INSERT, DELETE ON authz.policies TO ${role}`);
      const types = reader === POLICY_WRITER ? [] : (objectGranters[reader] ?? []);
      for (const command of ['insert', 'delete'] as const) {
        const name = sqlIdentifier(`${reader}_object_grants_${command}`);
        await client.query(`DROP POLICY IF EXISTS ${name} ON authz.policies`);
        if (!types.length) continue;
        const rule = objectGrantRule(types);
        const clause = command === 'insert' ? `WITH CHECK (${rule})` : `USING (${rule})`;
        await client.query(`CREATE POLICY ${name} ON authz.policies AS RESTRICTIVE FOR ${command.toUpperCase()} TO ${role} ${clause}`);
      }
      if (types.length) await client.query(`GRANT INSERT, DELETE ON authz.policies TO ${role}`);
      else if (reader !== POLICY_WRITER) await client.query(`REVOKE INSERT, DELETE ON authz.policies FROM ${role}`);
    }
  } finally {
    await client.end();
  }
}

/** The rows an object granter may write: a user's viewer or editor grant, in its organization, on one object of `types`. */
function objectGrantRule(types: readonly string[]): string {
  for (const type of types) if (!/^[A-Z][A-Za-z0-9]*$/.test(type)) throw new Error(`Not a type name: ${type}`);
  const objects = `^(${types.join('|')}):[0-9a-f-]{36}$`;
  return `ptype = 'p' AND v0 LIKE 'user:%' AND v1 = org_id::text AND v3 IN ('viewer', 'editor') AND v2 ~ '${objects}'`;
}
