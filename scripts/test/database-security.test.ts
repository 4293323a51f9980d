import { appRole, appConnectionString, maintenanceConnectionString, maintenanceRole, ownerRole, uuidv7 } from '@cellgraph/kernel';
import { createTestDatabase, TEST_APP_PASSWORD, withClient, type TestDatabase } from '@cellgraph/kernel/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalog } from '../runtime/catalog.js';

/*
 * DESIGN.md decision 5, checked on the real database of every subgraph in the catalog: every
 * table has row-level security enabled and forced with at least one policy, the runtime roles
 * cannot bypass it (no session setting opens another organization's rows to the app role; only
 * the maintenance role's own policies reach across organizations), a subgraph's role cannot reach
 * another subgraph's schema, and no runtime role can edit the migration log.
 */

const subgraphs = Object.values(catalog);
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

/** Every role a running subgraph connects as. */
const runtimeRoles = subgraphs.flatMap((s) => [appRole(s.name), maintenanceRole(s.name)]).sort();
/** Settings that scope a transaction to its own organization and user. */
const TENANT_SETTINGS = new Set(['org_id', 'user_id']);
/** Settings that policies of earlier migrations honoured to open every organization's rows. */
const LEGACY_MAINTENANCE_SETTINGS = ['trash_sweep', 'outbox_relay', 'scheduler', 'digest_scheduler'];

interface Policy {
  schema: string;
  table: string;
  name: string;
  roles: string[];
  qual: string | null;
  check: string | null;
}

async function policies(): Promise<Policy[]> {
  return withClient(
    database.url,
    async (client) =>
      (
        await client.query<Policy>(
          `SELECT schemaname AS schema, tablename AS table, policyname AS name, roles::text[] AS roles, qual, with_check AS check
           FROM pg_policies WHERE schemaname = ANY($1) ORDER BY 1, 2, 3`,
          [subgraphs.map((s) => s.name)],
        )
      ).rows,
  );
}

/** The `app.*` settings a policy reads. */
function settingsReadBy(policy: Policy): string[] {
  return [...`${policy.qual ?? ''} ${policy.check ?? ''}`.matchAll(/current_setting\('app\.([a-z_]+)'/g)].map((match) => match[1]!);
}

const isEqual = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((value, index) => value === b[index]);

/** Values a table's own CHECK constraints need beyond its required columns. */
const ROW_VALUES: Record<string, Record<string, unknown>> = {
  'crm.contacts': { company: 'x' },
  'documents.document_reviews': { email: 'reviewer@example.test' },
  'finance.invoice_deliveries': { recipients: ['customer@example.test'] },
  'webhooks.webhook_endpoints': { event_types: ['*'] },
};

/**
 * Inserts one row of organization `orgId` into `table` as the administrator (foreign keys not
 * enforced): required columns get a value of their type — the first a CHECK constraint lists,
 * when one does, or ROW_VALUES' — and `deleted_at` is set, so the row is in the trash where there
 * is one.
 */
async function insertRow(table: TableSecurity, orgId: string): Promise<void> {
  await withClient(database.url, async (client) => {
    const { rows: columns } = await client.query<{ name: string; type: string; required: boolean }>(
      `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AND NOT a.atthasdef AND a.attidentity = '' AND a.attgenerated = '' AS required
         FROM pg_attribute a WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped`,
      [`${table.schema}.${table.table}`],
    );
    const { rows: checks } = await client.query<{ definition: string }>(
      `SELECT pg_get_constraintdef(oid) AS definition FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'c'`,
      [`${table.schema}.${table.table}`],
    );
    const listed = (column: string) => {
      for (const { definition } of checks) {
        const match = new RegExp(`\\b${column}\\b = (?:ANY \\(ARRAY\\[)?'([^']*)'`).exec(definition);
        if (match) return match[1]!;
      }
      return null;
    };
    const values = new Map<string, unknown>();
    for (const column of columns) {
      if (column.name === 'org_id') values.set(column.name, orgId);
      else if (column.name === 'deleted_at') values.set(column.name, new Date());
      else if (!column.required) continue;
      else if (column.type === 'uuid') values.set(column.name, uuidv7());
      else if (column.type.endsWith('[]')) values.set(column.name, []);
      else if (column.type === 'text' || column.type.startsWith('character')) values.set(column.name, listed(column.name) ?? 'x');
      else if (['integer', 'bigint', 'smallint', 'numeric', 'double precision', 'real'].includes(column.type) || column.type.startsWith('numeric'))
        values.set(column.name, 1);
      else if (column.type === 'boolean') values.set(column.name, true);
      else if (column.type.startsWith('timestamp') || column.type === 'date') values.set(column.name, new Date());
      else if (column.type === 'jsonb' || column.type === 'json') values.set(column.name, '{}');
      else throw new Error(`insertRow: no value for ${table.schema}.${table.table}.${column.name} (${column.type})`);
    }
    for (const [column, value] of Object.entries(ROW_VALUES[`${table.schema}.${table.table}`] ?? {})) values.set(column, value);
    const names = [...values.keys()];
    await client.query('BEGIN');
    await client.query('SET LOCAL session_replication_role = replica');
    await client.query(`INSERT INTO ${table.schema}.${table.table} (${names.join(', ')}) VALUES (${names.map((_, index) => `$${index + 1}`).join(', ')})`, [
      ...values.values(),
    ]);
    await client.query('COMMIT');
  });
}

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
  return withClient(
    database.url,
    async (client) =>
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
    const roles = await withClient(
      database.url,
      async (client) =>
        (
          await client.query('SELECT rolname, rolsuper, rolbypassrls, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = ANY($1) ORDER BY 1', [
            runtimeRoles,
          ])
        ).rows,
    );
    expect(roles).toHaveLength(runtimeRoles.length);
    for (const role of roles) expect(role).toMatchObject({ rolsuper: false, rolbypassrls: false, rolcreaterole: false, rolcreatedb: false });
    const memberships = await withClient(
      database.url,
      async (client) =>
        (
          await client.query(
            `SELECT r.rolname FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid JOIN pg_roles u ON u.oid = m.member WHERE u.rolname = ANY($1)`,
            [runtimeRoles],
          )
        ).rows,
    );
    expect(memberships).toEqual([]); // not a member of the owner (or any) role
  });

  it('reads no session setting that could open other organizations’ rows: only the tenant’s and identity’s sign-in lookups', async () => {
    const read = new Set((await policies()).flatMap((policy) => settingsReadBy(policy)));
    expect([...read].sort()).toEqual(['auth_email', 'org_id', 'token_hash', 'user_id']);
  });

  it('opens no other organization’s rows to an app role that sets the settings maintenance once used', async () => {
    const all = await policies();
    const settings = [...new Set([...LEGACY_MAINTENANCE_SETTINGS, ...all.flatMap((policy) => settingsReadBy(policy))])].filter(
      (name) => !TENANT_SETTINGS.has(name),
    );
    // Every tenant table a policy opens beyond the tenant's own rows: one for a role, or one reading another setting.
    const crossOrg = (await tables()).filter(
      (table) =>
        table.hasOrgId &&
        all.some(
          (policy) =>
            policy.schema === table.schema &&
            policy.table === table.table &&
            (!isEqual(policy.roles, ['public']) || settingsReadBy(policy).some((name) => !TENANT_SETTINGS.has(name))),
        ),
    );
    const names = crossOrg.map((table) => `${table.schema}.${table.table}`);
    console.log(`cross-organization tables checked: ${names.join(', ')}; settings set: ${settings.join(', ')}`);
    for (const subgraph of subgraphs) expect(names).toContain(`${subgraph.name}.outbox`);
    expect(names).toEqual(expect.arrayContaining(['tasks.recurrences', 'notifications.deliveries', 'tasks.tasks', 'crm.contacts', 'identity.teams']));

    const orgA = uuidv7();
    const orgB = uuidv7();
    for (const table of crossOrg) await insertRow(table, orgA);
    const opened: { table: string; read: number; updated: number; deleted: number }[] = [];
    for (const table of crossOrg) {
      const name = `${table.schema}.${table.table}`;
      await withClient(appConnectionString(database.url, table.schema, TEST_APP_PASSWORD), async (client) => {
        for (const org of [orgB, '']) {
          await client.query('BEGIN');
          await client.query(`SELECT set_config('app.org_id', $1, true), set_config('app.user_id', '', true)`, [org]);
          for (const setting of settings) await client.query(`SELECT set_config($1, 'on', true)`, [`app.${setting}`]);
          // A table the role may not update or delete at all (the audit log is append-only) changes nothing.
          const changed = async (sql: string) => {
            await client.query('SAVEPOINT change');
            try {
              return (await client.query(sql, [orgA])).rowCount ?? 0;
            } catch (error) {
              if ((error as { code?: string }).code !== '42501') throw error;
              await client.query('ROLLBACK TO SAVEPOINT change');
              return 0;
            }
          };
          const seen = {
            read: (await client.query(`SELECT count(*)::int AS n FROM ${name} WHERE org_id = $1`, [orgA])).rows[0].n as number,
            updated: await changed(`UPDATE ${name} SET org_id = org_id WHERE org_id = $1`),
            deleted: await changed(`DELETE FROM ${name} WHERE org_id = $1`),
          };
          await client.query('ROLLBACK');
          if (seen.read + seen.updated + seen.deleted) opened.push({ table: `${name} (${org ? 'another organization' : 'no organization'} set)`, ...seen });
        }
      });
    }
    expect(opened).toEqual([]);
  });

  it('gives the maintenance roles only what their policies and grants name', async () => {
    await withClient(maintenanceConnectionString(database.url, 'tasks', TEST_APP_PASSWORD), async (client) => {
      await expect(client.query('SELECT title FROM tasks.tasks')).rejects.toThrow(/permission denied/);
      await expect(client.query('SELECT name FROM tasks.boards')).rejects.toThrow(/permission denied/); // a column not granted
      await expect(client.query('DELETE FROM tasks.outbox')).rejects.toThrow(/permission denied/);
      await expect(client.query(`INSERT INTO tasks.outbox (id, type) VALUES ($1, 'x')`, [uuidv7()])).rejects.toThrow(/permission denied/);
      await expect(client.query('UPDATE tasks.recurrences SET active = false')).rejects.toThrow(/permission denied/);
      await expect(client.query('SELECT * FROM tasks.watchers')).rejects.toThrow(/permission denied/);
      await expect(client.query('SELECT * FROM crm.contacts')).rejects.toThrow(/permission denied/);
    });
    await withClient(maintenanceConnectionString(database.url, 'notifications', TEST_APP_PASSWORD), async (client) => {
      await expect(client.query('SELECT email FROM notifications.recipients')).rejects.toThrow(/permission denied/);
      await expect(client.query('SELECT address FROM notifications.deliveries')).rejects.toThrow(/permission denied/);
    });
  });

  it('lets no runtime role change a migration log', async () => {
    const logs = await withClient(database.url, async (client) =>
      (
        await client.query<{ name: string }>(
          `SELECT format('%I.%I', n.nspname, c.relname) AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relname = '_migrations' ORDER BY 1`,
        )
      ).rows.map((row) => row.name),
    );
    expect(logs).toEqual(expect.arrayContaining([...subgraphs.map((s) => `${s.name}._migrations`), 'authz._migrations']));
    for (const role of runtimeRoles) {
      const url = new URL(database.url);
      url.username = role;
      url.password = TEST_APP_PASSWORD;
      await withClient(url.toString(), async (client) => {
        for (const log of logs) {
          for (const statement of [`INSERT INTO ${log} (id, checksum) VALUES ('9999-forged', 'x')`, `UPDATE ${log} SET checksum = 'x'`, `DELETE FROM ${log}`]) {
            await expect(client.query(statement), `${role}: ${statement}`).rejects.toThrow(/permission denied/);
          }
        }
      });
    }
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
