import { appRole, appConnectionString, ownerRole, uuidv7 } from '@cellgraph/kernel';
import { createTestDatabase, TEST_APP_PASSWORD, withClient, type TestDatabase } from '@cellgraph/kernel/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalog } from '../runtime/catalog.js';

/*
 * DESIGN.md decision 5, checked on the real database of every subgraph in the catalog: every
 * table has row-level security enabled and forced with at least one policy, the runtime roles
 * cannot bypass it, and a subgraph's role cannot reach another subgraph's schema.
 */

const subgraphs = Object.values(catalog);
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

interface TableSecurity {
  schema: string;
  table: string;
  rls: boolean;
  forced: boolean;
  policies: number;
  owner: string;
  hasOrgId: boolean;
}

async function tables(): Promise<TableSecurity[]> {
  return withClient(database.url, async (client) =>
    (
      await client.query<TableSecurity>(
        `SELECT n.nspname AS schema, c.relname AS table, c.relrowsecurity AS rls, c.relforcerowsecurity AS forced,
                (SELECT count(*)::int FROM pg_policy p WHERE p.polrelid = c.oid) AS policies,
                pg_get_userbyid(c.relowner) AS owner,
                EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'org_id' AND NOT a.attisdropped) AS "hasOrgId"
           FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE c.relkind IN ('r', 'p') AND n.nspname = ANY($1) AND c.relname <> '_migrations'
          ORDER BY 1, 2`,
        [subgraphs.map((s) => s.name)],
      )
    ).rows,
  );
}

describe('row-level security', () => {
  it('is enabled and forced, with policies, on every table of every subgraph', async () => {
    const all = await tables();
    expect(all.length).toBeGreaterThanOrEqual(4);
    expect(new Set(all.map((t) => t.schema))).toEqual(new Set(subgraphs.map((s) => s.name)));
    for (const table of all) {
      expect({ table: `${table.schema}.${table.table}`, rls: table.rls, forced: table.forced, hasPolicy: table.policies > 0 }).toEqual({
        table: `${table.schema}.${table.table}`,
        rls: true,
        forced: true,
        hasPolicy: true,
      });
      expect(table.owner).toBe(ownerRole(table.schema));
    }
  });

  it('gives the runtime roles no way around it', async () => {
    const roles = await withClient(database.url, async (client) =>
      (await client.query('SELECT rolname, rolsuper, rolbypassrls, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = ANY($1) ORDER BY 1', [subgraphs.map((s) => appRole(s.name))])).rows,
    );
    expect(roles).toHaveLength(subgraphs.length);
    for (const role of roles) expect(role).toMatchObject({ rolsuper: false, rolbypassrls: false, rolcreaterole: false, rolcreatedb: false });
    const memberships = await withClient(database.url, async (client) =>
      (await client.query(`SELECT r.rolname FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid JOIN pg_roles u ON u.oid = m.member WHERE u.rolname = ANY($1)`, [subgraphs.map((s) => appRole(s.name))])).rows,
    );
    expect(memberships).toEqual([]); // not a member of the owner (or any) role
  });

  it('shows a runtime role no tenant row without the transaction’s organization, and refuses writes into another', async () => {
    const orgA = uuidv7();
    const orgB = uuidv7();
    const tenantTables = (await tables()).filter((t) => t.hasOrgId && t.schema === 'tasks');
    expect(tenantTables.map((t) => t.table)).toContain('tasks');
    await withClient(appConnectionString(database.url, 'tasks', TEST_APP_PASSWORD), async (client) => {
      const insert = (org: string) =>
        client.query(`INSERT INTO tasks.tasks (id, org_id, title, created_by) VALUES ($1, $2, 'x', $3)`, [uuidv7(), org, uuidv7()]);
      await client.query('BEGIN');
      await client.query(`SELECT set_config('app.org_id', $1, true)`, [orgA]);
      await insert(orgA);
      await expect(insert(orgB)).rejects.toThrow(/row-level security/);
      await client.query('ROLLBACK');

      await client.query('BEGIN');
      await client.query(`SELECT set_config('app.org_id', $1, true)`, [orgA]);
      await insert(orgA);
      await client.query('COMMIT');
      for (const table of tenantTables) {
        // No organization set: nothing is visible.
        expect((await client.query(`SELECT count(*)::int AS n FROM ${table.schema}.${table.table}`)).rows[0].n).toBe(0);
      }
      await client.query('BEGIN');
      await client.query(`SELECT set_config('app.org_id', $1, true)`, [orgB]);
      expect((await client.query('SELECT count(*)::int AS n FROM tasks.tasks')).rows[0].n).toBe(0);
      expect((await client.query('UPDATE tasks.tasks SET title = $1', ['hijacked'])).rowCount).toBe(0);
      await client.query('COMMIT');
      // set_config(…, true) is local to the transaction: the pooled connection keeps nothing.
      expect((await client.query(`SELECT current_setting('app.org_id', true) AS org`)).rows[0].org).toBe('');
      await expect(client.query('SET row_security = off; SELECT * FROM tasks.tasks')).rejects.toThrow(/row-level security/);
    });
  });

  it('keeps each subgraph out of the others’ schemas', async () => {
    await withClient(appConnectionString(database.url, 'tasks', TEST_APP_PASSWORD), async (client) => {
      await expect(client.query('SELECT * FROM identity.users')).rejects.toThrow(/permission denied/);
      await expect(client.query('CREATE TABLE tasks.intruder (id int)')).rejects.toThrow(/permission denied/);
      await expect(client.query('ALTER TABLE tasks.tasks DISABLE ROW LEVEL SECURITY')).rejects.toThrow(/must be owner/);
    });
    await withClient(appConnectionString(database.url, 'identity', TEST_APP_PASSWORD), async (client) => {
      await expect(client.query('SELECT * FROM tasks.tasks')).rejects.toThrow(/permission denied/);
    });
  });
});
