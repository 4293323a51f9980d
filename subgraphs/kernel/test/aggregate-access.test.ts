import { EntitySchema } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AggregateAccess,
  appConnectionString,
  Authorizer,
  connectRedis,
  createLogger,
  Database,
  LoaderRegistry,
  PolicyCache,
  runWithRequestContext,
  tenantIsolationSql,
  userError,
  userSubject,
  UserInputError,
  uuidv7,
  type Migration,
  type Redis,
  type RequestContext,
} from '../src/index.js';
import {
  createTestDatabase,
  grantOrganizationRole,
  grantRelation,
  TEST_APP_PASSWORD,
  TEST_DATABASE_URL,
  TEST_REDIS_URL,
  withClient,
  type TestDatabase,
} from '../src/testing/index.js';

/*
 * The one preamble of every aggregate (AggregateAccess) and the explicit scope of a unit of work,
 * against a probe subgraph with a tenant table under row-level security, real policies and Redis.
 */

const SUBGRAPH = 'kernel_aggregate';
const init: Migration = {
  id: '0001-init',
  sql: `CREATE TABLE ${SUBGRAPH}.items (id uuid PRIMARY KEY, org_id uuid NOT NULL, title text NOT NULL);
        ${tenantIsolationSql(SUBGRAPH, 'items')}`,
};

interface Item {
  id: string;
  orgId: string;
  title: string;
}
const ItemEntity = new EntitySchema<Item>({
  name: 'Item',
  tableName: 'items',
  columns: { id: { type: 'uuid', primary: true }, orgId: { type: 'uuid', name: 'org_id' }, title: { type: 'text' } },
});
const itemNotFound = (field: (string | number)[] = ['input', 'id']) => userError('ITEM_NOT_FOUND', 'No item with this id exists in your organization', field);

let database: TestDatabase;
let redis: Redis;
let db: Database;
let cache: PolicyCache;
let access: AggregateAccess<Item>;
const orgA = uuidv7();
const orgB = uuidv7();
const [member, viewer, guest, outsider] = [uuidv7(), uuidv7(), uuidv7(), uuidv7()];
const [itemA, sharedA, itemB] = [uuidv7(), uuidv7(), uuidv7()];
const user = (userId: string, orgId: string): RequestContext => ({ requestId: uuidv7(), principal: { kind: 'user', userId, orgId, scopes: [] } });

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (error instanceof UserInputError) return error.errors[0]!.code;
  return (error as { extensions?: { code?: string } } | null)?.extensions?.code ?? String(error);
}

beforeAll(async () => {
  database = await createTestDatabase([{ name: SUBGRAPH, migrations: [init] }]);
  await withClient(database.url, (client) =>
    client.query(`INSERT INTO ${SUBGRAPH}.items (id, org_id, title) VALUES ($1, $4, 'a'), ($2, $4, 'shared'), ($3, $5, 'b')`, [
      itemA,
      sharedA,
      itemB,
      orgA,
      orgB,
    ]),
  );
  await grantOrganizationRole(database.url, orgA, member, 'member');
  await grantOrganizationRole(database.url, orgA, viewer, 'guest');
  await grantOrganizationRole(database.url, orgA, guest, 'guest');
  await grantOrganizationRole(database.url, orgB, outsider, 'owner');
  await grantRelation(database.url, orgA, userSubject(viewer), `Item:${sharedA}`, 'viewer');
  redis = connectRedis(TEST_REDIS_URL, 'aggregate-access-test');
  db = new Database({
    url: appConnectionString(database.url, SUBGRAPH, TEST_APP_PASSWORD),
    schema: SUBGRAPH,
    entities: [ItemEntity],
    logger: createLogger('test', 'silent'),
  });
  await db.connect();
  cache = new PolicyCache(db, redis, `cgtest:${uuidv7()}`);
  access = new AggregateAccess(db, new Authorizer(cache, 'items'), { type: 'Item', entity: ItemEntity, table: `${SUBGRAPH}.items`, notFound: itemNotFound });
});
afterAll(async () => {
  await cache?.close();
  await db?.close();
  redis?.disconnect();
  await database?.drop();
  await withClient(TEST_DATABASE_URL, (client) =>
    client.query(`DROP ROLE IF EXISTS cellgraph_${SUBGRAPH}_app, cellgraph_${SUBGRAPH}_maintenance, cellgraph_${SUBGRAPH}`),
  );
});

describe('the scope of a unit of work', () => {
  const settings = (em: { query: (sql: string) => Promise<{ org: string; usr: string }[]> }) =>
    em.query(`SELECT current_setting('app.org_id') AS org, current_setting('app.user_id') AS usr`).then((rows) => rows[0]!);

  it("runs as the request it is given, never as the ambient request's organization", async () => {
    const ambient = user(outsider, orgB);
    const seen = await runWithRequestContext(ambient, () => db.transaction(user(member, orgA), settings));
    expect(seen).toEqual({ org: orgA, usr: member });
    const titles = await runWithRequestContext(ambient, () => db.transaction(user(member, orgA), (em) => em.find(ItemEntity, { order: { title: 'ASC' } })));
    expect(titles.map((item) => item.title)).toEqual(['a', 'shared']);
  });

  it('runs as an explicit organization and user (jobs, events, sign-in)', async () => {
    expect(await db.transaction({ orgId: orgB, userId: null }, settings)).toEqual({ org: orgB, usr: '' });
    expect((await db.transaction({ orgId: orgB, userId: null }, (em) => em.find(ItemEntity))).map((item) => item.id)).toEqual([itemB]);
    expect(await db.transaction({ orgId: null, userId: null }, (em) => em.find(ItemEntity))).toEqual([]);
  });
});

describe('AggregateAccess', () => {
  it("finds rows by id in the caller's organization only", async () => {
    const found = await access.byIds(user(member, orgA), [itemA, itemB, uuidv7()]);
    expect(found.map((item) => item.id)).toEqual([itemA]);
  });

  it('loads a row, null for an id that does not exist for the caller, FORBIDDEN at the field for one it cannot read', async () => {
    const loaders = new LoaderRegistry();
    const request = user(guest, orgA);
    const [own, other, unknown] = await access.loader(loaders, request).loadMany([itemA, itemB, uuidv7()]);
    expect((own as Error).message).toMatch(/may not read this item/);
    expect([other, unknown]).toEqual([null, null]);
    expect((await access.loadReadable(new LoaderRegistry(), user(member, orgA), itemA))?.title).toBe('a');
    expect(await access.loadReadable(new LoaderRegistry(), user(member, orgA), null)).toBeNull();
    await expect(access.loadReadable(new LoaderRegistry(), request, itemA)).rejects.toThrow(/may not read this item/);
  });

  it('restricts lists to what the caller may read: all for members, the shared ids for guests', async () => {
    expect(await access.readableIds(user(member, orgA))).toBeNull();
    expect(await access.readableIds(user(viewer, orgA))).toEqual([sharedA]);
    expect(await access.readableIds(user(guest, orgA))).toEqual([]);
    const list = (request: RequestContext, readable: string[] | null) =>
      db.transaction(request, (em) => access.restrictToReadable(em.createQueryBuilder(ItemEntity, 'item'), 'item', readable).orderBy('item.title').getMany());
    expect((await list(user(member, orgA), null)).map((item) => item.title)).toEqual(['a', 'shared']);
    expect((await list(user(viewer, orgA), [sharedA])).map((item) => item.title)).toEqual(['shared']);
    expect(await list(user(guest, orgA), [])).toEqual([]);
  });

  it("answers the same NOT_FOUND for unknown, other organizations' and unreadable ids, FORBIDDEN for a readable one the caller may not change", async () => {
    const field = ['input', 'itemId'];
    expect(await codeOf(access.requireExisting(user(member, orgA), 'write', uuidv7(), field))).toBe('ITEM_NOT_FOUND');
    expect(await codeOf(access.requireExisting(user(member, orgA), 'write', itemB, field))).toBe('ITEM_NOT_FOUND');
    expect(await codeOf(access.requireExisting(user(guest, orgA), 'write', itemA, field))).toBe('ITEM_NOT_FOUND');
    expect(await codeOf(access.requireExisting(user(viewer, orgA), 'write', sharedA, field))).toBe('FORBIDDEN');
    await expect(access.requireExisting(user(viewer, orgA), 'read', sharedA)).resolves.toBeUndefined();
    const refused = await access.requireExisting(user(member, orgA), 'write', itemB, field).catch((error: unknown) => error);
    expect((refused as UserInputError).errors[0]!.field).toEqual(field);
  });

  it("loads a row for update in the caller's transaction, after the same checks", async () => {
    const request = user(member, orgA);
    const title = await db.transaction(request, async (em) => (await access.loadForUpdate(em, request, 'write', itemA)).title);
    expect(title).toBe('a');
    expect(await codeOf(db.transaction(request, (em) => access.loadForUpdate(em, request, 'write', itemB)))).toBe('ITEM_NOT_FOUND');
  });
});

describe('read sessions', () => {
  it("load a request's permission policies on its own connection: with every pooled connection held by a session, the load does not wait for the pool", async () => {
    const poolSize = 3;
    const small = new Database({
      url: appConnectionString(database.url, SUBGRAPH, TEST_APP_PASSWORD),
      schema: SUBGRAPH,
      entities: [ItemEntity],
      logger: createLogger('test', 'silent'),
      poolSize,
      poolAcquireTimeoutMs: 5_000,
    });
    await small.connect();
    const policies = new PolicyCache(small, redis, `cgtest:${uuidv7()}`);
    const requests = Array.from({ length: poolSize }, () => user(member, orgA));
    const backend = (request: RequestContext) => small.transaction(request, (em) => em.query('SELECT pg_backend_pid() AS pid') as Promise<{ pid: number }[]>);
    try {
      for (const request of requests) small.beginReadSession(request);
      // Each session holds a connection of its own: the pool is exhausted.
      const pids = await Promise.all(requests.map(async (request) => (await backend(request))[0]!.pid));
      expect(new Set(pids).size).toBe(poolSize);
      // A request of the organization needs its policies (not cached yet): they load in its session.
      const enforcer = await runWithRequestContext(requests[0]!, () => policies.enforcer(orgA));
      expect(await enforcer.getRolesForUser(userSubject(member), orgA)).toContain('role:member');
      expect((await backend(requests[0]!))[0]!.pid).toBe(pids[0]);
    } finally {
      for (const request of requests) await small.endReadSession(request);
      await policies.close();
      await small.close();
    }
  });
});
