import { createHash } from 'node:crypto';
import pg from 'pg';
import { createLogger } from '../logging/logger.js';
import { ownerRole, sqlIdentifier } from './roles.js';
import { connectClient } from './slot-waiting-pool.js';

const logger = createLogger('migrate');
const INSUFFICIENT_PRIVILEGE = '42501';

/** One forward-only migration. `id`s sort in the order they apply ("0001-init", "0002-…"). */
export interface Migration {
  id: string;
  sql: string;
  /**
   * Postgres extensions (e.g. pg_trgm) the migration needs, created in the subgraph's schema by the
   * migrating (admin) connection just before it: the owner role may not create extensions.
   */
  extensions?: readonly string[];
  /**
   * SQL the migrating (admin) connection runs after creating `extensions`, for the few statements
   * an owner may not run (e.g. `ALTER FUNCTION … LEAKPROOF`, so that an operator can serve as an
   * index condition under row-level security). Keep it to that: tables and policies are the owner's.
   * It only tunes: where the admin may not run it (managed Postgres such as RDS has no true
   * superuser), the migration goes on without it and a warning says what was skipped.
   */
  adminSql?: string;
}

export class MigrationError extends Error {
  override name = 'MigrationError';
}

const checksum = (sql: string) => createHash('sha256').update(sql).digest('hex');

/**
 * Only the owner may touch the migration log: the schema's default privileges hand every new table
 * to the app role, and a runtime role that could edit the log could make a migration look applied.
 */
async function revokeFromAllButOwner(client: pg.Client, table: string): Promise<void> {
  await client.query(`REVOKE ALL ON ${table} FROM PUBLIC`);
  const { rows } = await client.query<{ grantee: string }>(
    `SELECT DISTINCT pg_get_userbyid(acl.grantee) AS grantee FROM pg_class c, aclexplode(c.relacl) acl
      WHERE c.oid = $1::regclass AND acl.grantee <> 0 AND acl.grantee <> c.relowner`,
    [table],
  );
  for (const { grantee } of rows) await client.query(`REVOKE ALL ON ${table} FROM ${client.escapeIdentifier(grantee)}`);
}

/**
 * Applies a subgraph's pending migrations as its owner role, in one transaction under an advisory
 * lock (two processes starting at once apply each migration once). Refuses to run when an applied
 * migration was edited afterwards. Returns the ids it applied.
 */
export async function migrate(adminUrl: string, subgraph: string, migrations: readonly Migration[]): Promise<string[]> {
  const schema = sqlIdentifier(subgraph);
  const ids = migrations.map((m) => m.id);
  if (new Set(ids).size !== ids.length || ids.some((id, i) => i > 0 && id <= ids[i - 1]!)) {
    throw new MigrationError(`Migrations of ${subgraph} must have unique, ascending ids`);
  }
  const client = await connectClient({ connectionString: adminUrl });
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`cellgraph.migrate.${schema}`]);
    await client.query(`SET LOCAL ROLE ${sqlIdentifier(ownerRole(subgraph))}`);
    await client.query(`SET LOCAL search_path TO ${schema}`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${schema}._migrations (id text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    await revokeFromAllButOwner(client, `${schema}._migrations`);
    const { rows } = await client.query<{ id: string; checksum: string }>(`SELECT id, checksum FROM ${schema}._migrations`);
    const applied = new Map(rows.map((row) => [row.id, row.checksum]));
    for (const [id] of applied) {
      const known = migrations.find((m) => m.id === id);
      if (!known) throw new MigrationError(`${subgraph}: the database has migration ${id}, which this code does not know`);
      if (checksum(known.sql) !== applied.get(id)) throw new MigrationError(`${subgraph}: migration ${id} was changed after it was applied`);
    }
    const pending = migrations.filter((m) => !applied.has(m.id));
    for (const migration of pending) {
      try {
        if (migration.extensions?.length) {
          await client.query('RESET ROLE');
          for (const extension of migration.extensions) await client.query(`CREATE EXTENSION IF NOT EXISTS ${sqlIdentifier(extension)} WITH SCHEMA ${schema}`);
          await client.query(`SET LOCAL ROLE ${sqlIdentifier(ownerRole(subgraph))}`);
        }
        if (migration.adminSql) {
          await client.query('RESET ROLE');
          await client.query('SAVEPOINT admin_sql');
          try {
            await client.query(migration.adminSql);
          } catch (error) {
            if ((error as { code?: string }).code !== INSUFFICIENT_PRIVILEGE) throw error;
            await client.query('ROLLBACK TO SAVEPOINT admin_sql');
            logger.warn(
              { subgraph, migration: migration.id, reason: (error as Error).message },
              'the admin role may not run this migration’s adminSql; it was skipped (queries work, some without their index)',
            );
          }
          await client.query(`SET LOCAL ROLE ${sqlIdentifier(ownerRole(subgraph))}`);
        }
        await client.query(migration.sql);
      } catch (error) {
        throw new MigrationError(`${subgraph}: migration ${migration.id} failed: ${(error as Error).message}`);
      }
      await client.query(`INSERT INTO ${schema}._migrations (id, checksum) VALUES ($1, $2)`, [migration.id, checksum(migration.sql)]);
    }
    await client.query('COMMIT');
    return pending.map((m) => m.id);
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
