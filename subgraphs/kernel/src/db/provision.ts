import pg from 'pg';
import { appRole, maintenanceRole, ownerRole, sqlIdentifier, sqlLiteral } from './roles.js';
import { connectClient } from './slot-waiting-pool.js';

const ALREADY_EXISTS = new Set(['42710', '23505']); // duplicate_object, unique_violation (concurrent CREATE ROLE)

/**
 * Creates (idempotently) the roles of a subgraph and its schema in the database `adminUrl` points
 * at. Runs as an administrator (a superuser locally, the master user on RDS). Roles are
 * cluster-wide; the schema and grants are per database. Both runtime roles log in with
 * `appPassword`; the app role gets every table of the schema by default, the maintenance role only
 * what the subgraph's migrations grant it by name.
 */
export async function provisionSubgraph(adminUrl: string, subgraph: string, appPassword: string, options: { appRole?: boolean } = {}): Promise<void> {
  const schema = sqlIdentifier(subgraph);
  const owner = sqlIdentifier(ownerRole(subgraph));
  const app = sqlIdentifier(appRole(subgraph));
  const maintenance = sqlIdentifier(maintenanceRole(subgraph));
  const client = await connectClient({ connectionString: adminUrl });
  try {
    await createRole(client, owner, 'NOLOGIN');
    const { rows } = await client.query<{ rolsuper: boolean }>('SELECT rolsuper FROM pg_roles WHERE rolname = current_user');
    if (!rows[0]?.rolsuper) await client.query(`GRANT ${owner} TO current_user`);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema} AUTHORIZATION ${owner}`);
    if (options.appRole === false) return; // a schema others are granted access to explicitly
    const database = sqlIdentifier(await currentDatabase(client));
    for (const role of [app, maintenance]) {
      await createRole(client, role, 'LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT');
      await retryConcurrentUpdate(() => client.query(`ALTER ROLE ${role} WITH LOGIN NOSUPERUSER NOBYPASSRLS PASSWORD ${sqlLiteral(appPassword)}`));
      await client.query(`GRANT USAGE ON SCHEMA ${schema} TO ${role}`);
      await client.query(`GRANT CONNECT ON DATABASE ${database} TO ${role}`);
    }
    for (const grant of ['SELECT, INSERT, UPDATE, DELETE ON TABLES', 'USAGE, SELECT ON SEQUENCES', 'EXECUTE ON FUNCTIONS']) {
      await client.query(`ALTER DEFAULT PRIVILEGES FOR ROLE ${owner} IN SCHEMA ${schema} GRANT ${grant} TO ${app}`);
    }
  } finally {
    await client.end();
  }
}

async function createRole(client: pg.Client, role: string, options: string): Promise<void> {
  const { rowCount } = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
  if (rowCount) return;
  try {
    await client.query(`CREATE ROLE ${role} ${options}`);
  } catch (error) {
    if (!ALREADY_EXISTS.has((error as { code?: string }).code ?? '')) throw error;
  }
}

/**
 * Roles are cluster-wide: two databases provisioned at once (two cells, or test files starting
 * together) alter the same role row, and Postgres refuses the second writer with "tuple
 * concurrently updated" (XX000) instead of waiting. The statement is idempotent: run it again.
 */
async function retryConcurrentUpdate(statement: () => Promise<unknown>, attempts = 5): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await statement();
      return;
    } catch (error) {
      const concurrent = (error as { code?: string }).code === 'XX000' && /tuple concurrently updated/.test((error as Error).message);
      if (!concurrent || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt * Math.random()));
    }
  }
}

async function currentDatabase(client: pg.Client): Promise<string> {
  const { rows } = await client.query<{ db: string }>('SELECT current_database() AS db');
  return rows[0]!.db;
}

/** Creates the database named in `url` when it does not exist, connecting to `postgres` to do so; true when this call created it. */
export async function ensureDatabase(url: string): Promise<boolean> {
  const target = new URL(url);
  const name = sqlIdentifier(decodeURIComponent(target.pathname.slice(1)));
  const maintenance = new URL(url);
  maintenance.pathname = '/postgres';
  const client = await connectClient({ connectionString: maintenance.toString() });
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount) return false;
    try {
      await client.query(`CREATE DATABASE ${name}`);
      return true;
    } catch (error) {
      if (!ALREADY_EXISTS.has((error as { code?: string }).code ?? '')) throw error;
      return false;
    }
  } finally {
    await client.end();
  }
}
