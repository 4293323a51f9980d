import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appConnectionString, migrate, MigrationError, provisionSubgraph, type Migration } from '../src/index.js';
import { createTestDatabase, TEST_APP_PASSWORD, TEST_DATABASE_URL, withClient, type TestDatabase } from '../src/testing/index.js';

const SUBGRAPH = 'kernel_probe';
const first: Migration = { id: '0001-init', sql: 'CREATE TABLE kernel_probe.items (id int PRIMARY KEY)' };
const second: Migration = { id: '0002-more', sql: 'ALTER TABLE kernel_probe.items ADD COLUMN name text' };

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase([]);
  await provisionSubgraph(database.url, SUBGRAPH, TEST_APP_PASSWORD);
});
afterAll(async () => {
  await database?.drop();
  // Roles are cluster-wide: remove the probe's once its only database is gone.
  await withClient(TEST_DATABASE_URL, (client) =>
    client.query('DROP ROLE IF EXISTS cellgraph_kernel_probe_app, cellgraph_kernel_probe_maintenance, cellgraph_kernel_probe'),
  );
});

describe('provisionSubgraph', () => {
  it('provisions one subgraph into several databases at once (its roles are shared by the cluster)', async () => {
    const databases = await Promise.all(Array.from({ length: 6 }, () => createTestDatabase([])));
    try {
      await Promise.all(databases.map((each) => provisionSubgraph(each.url, SUBGRAPH, TEST_APP_PASSWORD)));
      for (const each of databases) {
        const schemas = await withClient(
          each.url,
          async (client) => (await client.query(`SELECT 1 FROM pg_namespace WHERE nspname = $1`, [SUBGRAPH])).rowCount,
        );
        expect(schemas).toBe(1);
      }
    } finally {
      await Promise.all(databases.map((each) => each.drop()));
    }
  });
});

describe('migrate', () => {
  it('applies pending migrations once, as the owner role, also when two processes race', async () => {
    const [a, b] = await Promise.all([migrate(database.url, SUBGRAPH, [first]), migrate(database.url, SUBGRAPH, [first])]);
    expect([...a, ...b]).toEqual(['0001-init']);
    expect(await migrate(database.url, SUBGRAPH, [first, second])).toEqual(['0002-more']);
    expect(await migrate(database.url, SUBGRAPH, [first, second])).toEqual([]);
    const owner = await withClient(
      database.url,
      async (client) => (await client.query(`SELECT tableowner FROM pg_tables WHERE tablename = 'items'`)).rows[0].tableowner,
    );
    expect(owner).toBe('cellgraph_kernel_probe');
  });

  it('refuses to run when an applied migration was edited, or is unknown to the code', async () => {
    await expect(migrate(database.url, SUBGRAPH, [{ ...first, sql: `${first.sql} -- edited` }, second])).rejects.toThrow(
      'migration 0001-init was changed after it was applied',
    );
    await expect(migrate(database.url, SUBGRAPH, [first])).rejects.toThrow(MigrationError);
  });

  it('rolls a failing batch back entirely', async () => {
    const good: Migration = { id: '0003-good', sql: 'CREATE TABLE kernel_probe.good (id int)' };
    const bad: Migration = { id: '0004-bad', sql: 'CREATE TABLE kernel_probe.bad (id nonsense_type)' };
    await expect(migrate(database.url, SUBGRAPH, [first, second, good, bad])).rejects.toThrow(/0004-bad failed/);
    const tables = await withClient(database.url, async (client) =>
      (await client.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'kernel_probe' ORDER BY 1`)).rows.map((r) => r.tablename),
    );
    expect(tables).toEqual(['_migrations', 'items']);
  });

  it('leaves the migration log to the owner, also where a runtime role had been granted it', async () => {
    await withClient(database.url, (client) => client.query('GRANT ALL ON kernel_probe._migrations TO cellgraph_kernel_probe_app'));
    await migrate(database.url, SUBGRAPH, [first, second]);
    await withClient(appConnectionString(database.url, SUBGRAPH, TEST_APP_PASSWORD), async (client) => {
      await expect(client.query(`INSERT INTO kernel_probe._migrations (id, checksum) VALUES ('9999-forged', 'x')`)).rejects.toThrow(/permission denied/);
      await expect(client.query('DELETE FROM kernel_probe._migrations')).rejects.toThrow(/permission denied/);
      await expect(client.query('SELECT * FROM kernel_probe._migrations')).rejects.toThrow(/permission denied/);
      await client.query('SELECT * FROM kernel_probe.items'); // the schema's other tables stay the app role's
    });
  });

  it('refuses migrations out of order', async () => {
    await expect(migrate(database.url, SUBGRAPH, [second, first])).rejects.toThrow('unique, ascending ids');
  });
});

describe('adminSql', () => {
  it('is skipped with a warning where the admin is no superuser (managed Postgres), and the migration still applies', async () => {
    const managed = await createTestDatabase([]);
    const admin = `kernel_probe_managed_admin`;
    try {
      await provisionSubgraph(managed.url, SUBGRAPH, TEST_APP_PASSWORD);
      await withClient(TEST_DATABASE_URL, async (client) => {
        await client.query(`DROP ROLE IF EXISTS ${admin}`);
        await client.query(`CREATE ROLE ${admin} LOGIN NOSUPERUSER IN ROLE cellgraph_kernel_probe`);
      });
      const url = new URL(managed.url);
      url.username = admin;
      const tuned: Migration = {
        id: '0001-init',
        adminSql: 'ALTER FUNCTION pg_catalog.ts_match_vq(tsvector, tsquery) LEAKPROOF',
        sql: 'CREATE TABLE kernel_probe.documents (id int PRIMARY KEY)',
      };
      expect(await migrate(url.toString(), SUBGRAPH, [tuned])).toEqual(['0001-init']);
      const created = await withClient(managed.url, async (client) => (await client.query(`SELECT 1 FROM pg_tables WHERE tablename = 'documents'`)).rowCount);
      expect(created).toBe(1);
      // Anything else failing in adminSql still fails the migration.
      const broken: Migration = { id: '0002-broken', adminSql: 'SELECT no_such_function()', sql: 'SELECT 1' };
      await expect(migrate(url.toString(), SUBGRAPH, [tuned, broken])).rejects.toThrow('migration 0002-broken failed');
    } finally {
      await managed.drop();
      await withClient(TEST_DATABASE_URL, (client) => client.query(`DROP ROLE IF EXISTS ${admin}`));
    }
  });
});
