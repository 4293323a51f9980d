import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Authorizer,
  connectRedis,
  createLogger,
  Database,
  moduleObject,
  policyWriter,
  PolicyCache,
  userSubject,
  uuidv7,
  appConnectionString,
  type AuthorizerOptions,
  type Redis,
  type RequestContext,
} from '../src/index.js';
import { createTestDatabase, TEST_APP_PASSWORD, TEST_REDIS_URL, type TestDatabase } from '../src/testing/index.js';

let database: TestDatabase;
let redis: Redis;
const keyPrefix = `cgtest:${uuidv7()}`;
const processes: { db: Database; cache: PolicyCache; authz: Authorizer }[] = [];

/** One subgraph process's view of the policies: its own pool, cache and Redis subscription. */
async function process(subgraph: string, scope = 'tasks', options: AuthorizerOptions = {}) {
  const db = new Database({
    url: appConnectionString(database.url, subgraph, TEST_APP_PASSWORD),
    schema: subgraph,
    entities: [],
    logger: createLogger('test', 'silent'),
  });
  await db.connect();
  const cache = new PolicyCache(db, redis, keyPrefix);
  await cache.listen();
  const entry = { db, cache, authz: new Authorizer(cache, scope, options) };
  processes.push(entry);
  return entry;
}

const user = (userId: string, orgId: string): RequestContext => ({ requestId: 'r', principal: { kind: 'user', userId, orgId, scopes: [] } });

beforeAll(async () => {
  database = await createTestDatabase();
  redis = connectRedis(TEST_REDIS_URL, 'authz-test');
});
afterAll(async () => {
  for (const { cache, db } of processes) {
    await cache.close();
    await db.close();
  }
  redis.disconnect();
  await database?.drop();
});

describe('authorization', () => {
  it('decides by organization role, team and per-object relation', async () => {
    const { authz } = await process('tasks');
    const writer = await process('identity');
    const orgId = uuidv7();
    const [member, guest, teamGuest, outsider] = [uuidv7(), uuidv7(), uuidv7(), uuidv7()];
    const [task, shared] = [uuidv7(), uuidv7()];
    const team = uuidv7();
    await writer.db.transaction({ orgId, userId: null }, async (em) => {
      await policyWriter.setRole(em, orgId, member, 'member');
      await policyWriter.setRole(em, orgId, guest, 'guest');
      await policyWriter.setRole(em, orgId, teamGuest, 'guest');
      await policyWriter.setTeamMember(em, orgId, teamGuest, team, true);
      await policyWriter.grant(em, orgId, userSubject(guest), `Task:${shared}`, 'viewer');
      await policyWriter.grant(em, orgId, `team:${team}`, `Task:${shared}`, 'editor');
    });
    expect(await authz.can(user(member, orgId), 'write', 'Task', task)).toBe(true);
    expect(await authz.can(user(member, orgId), 'manage', 'Task', task)).toBe(false);
    expect(await authz.can(user(guest, orgId), 'read', 'Task', task)).toBe(false);
    expect(await authz.can(user(guest, orgId), 'read', 'Task', shared)).toBe(true);
    expect(await authz.can(user(guest, orgId), 'write', 'Task', shared)).toBe(false);
    expect(await authz.can(user(teamGuest, orgId), 'write', 'Task', shared)).toBe(true);
    expect(await authz.can(user(outsider, orgId), 'read', 'Task', task)).toBe(false);
    expect(await authz.usersWithRole(orgId, 'guest')).toEqual(expect.arrayContaining([guest, teamGuest]));
    expect((await authz.usersWithRole(orgId, 'guest')).length).toBe(2);
    expect(await authz.usersWithRole(orgId, 'member')).toEqual([member]);
    expect(await authz.usersWithRole(orgId, 'owner')).toEqual([]);
    expect(await authz.teamMembers(orgId, team)).toEqual([teamGuest]);
    expect(await authz.readableIds(user(member, orgId), 'Task')).toBeNull();
    expect(await authz.readableIds(user(guest, orgId), 'Task')).toEqual([shared]);
    expect(await authz.readableIds(user(outsider, orgId), 'Task')).toEqual([]);
    // A member of another organization is nobody here.
    expect(await authz.can(user(member, uuidv7()), 'read', 'Task', task)).toBe(false);
    const apiKey = (scopes: string[]): RequestContext => ({ requestId: 'r', principal: { kind: 'api_key', keyId: uuidv7(), userId: member, orgId, scopes } });
    expect(await authz.can(apiKey(['tasks:read']), 'read', 'Task', task)).toBe(true);
    expect(await authz.can(apiKey(['tasks:read']), 'write', 'Task', task)).toBe(false);
    expect(await authz.can(apiKey(['tasks:write']), 'write', 'Task', task)).toBe(true);
    expect(await authz.can(apiKey(['contacts:write']), 'read', 'Task', task)).toBe(false);
  });

  it('keeps members and guests out of a restricted module unless the module or an object is granted to them or their team', async () => {
    const finance = await process('tasks', 'finance', { restricted: true });
    // Another module's view of the same objects (collaboration judging comments on an Invoice).
    const elsewhere = await process('tasks', 'collaboration', { restrictedModules: { finance: ['Invoice'] } });
    const writer = await process('identity');
    const orgId = uuidv7();
    const [owner, admin, member, viewer, editor, teamMember, guest] = [uuidv7(), uuidv7(), uuidv7(), uuidv7(), uuidv7(), uuidv7(), uuidv7()];
    const [invoice, shared] = [uuidv7(), uuidv7()];
    const team = uuidv7();
    await writer.db.transaction({ orgId, userId: null }, async (em) => {
      await policyWriter.setRole(em, orgId, owner, 'owner');
      await policyWriter.setRole(em, orgId, admin, 'admin');
      for (const user of [member, viewer, editor, teamMember]) await policyWriter.setRole(em, orgId, user, 'member');
      await policyWriter.setRole(em, orgId, guest, 'guest');
      await policyWriter.setTeamMember(em, orgId, teamMember, team, true);
      await policyWriter.grant(em, orgId, userSubject(viewer), moduleObject('finance'), 'viewer');
      await policyWriter.grant(em, orgId, userSubject(editor), moduleObject('finance'), 'editor');
      await policyWriter.grant(em, orgId, `team:${team}`, moduleObject('finance'), 'viewer');
      await policyWriter.grant(em, orgId, userSubject(guest), `Invoice:${shared}`, 'editor');
      await policyWriter.grant(em, orgId, userSubject(member), `Invoice:${shared}`, 'viewer');
    });
    for (const authz of [finance.authz, elsewhere.authz]) {
      const can = (userId: string, action: 'read' | 'write' | 'manage', id?: string) => authz.can(user(userId, orgId), action, 'Invoice', id);
      expect(await can(owner, 'manage', invoice)).toBe(true);
      expect(await can(admin, 'manage', invoice)).toBe(true);
      expect(await can(member, 'read', invoice)).toBe(false);
      expect(await can(member, 'write')).toBe(false);
      expect(await can(member, 'read', shared)).toBe(true);
      expect(await can(member, 'write', shared)).toBe(false);
      expect(await can(viewer, 'read', invoice)).toBe(true);
      expect(await can(viewer, 'write', invoice)).toBe(false);
      expect(await can(editor, 'write')).toBe(true);
      expect(await can(editor, 'manage', invoice)).toBe(false);
      expect(await can(teamMember, 'read', invoice)).toBe(true);
      expect(await can(teamMember, 'write', invoice)).toBe(false);
      expect(await can(guest, 'read', invoice)).toBe(false);
      expect(await can(guest, 'write', shared)).toBe(true);
      expect(await authz.allowed(user(member, orgId), 'read', 'Invoice', [invoice, shared])).toEqual([false, true]);
      expect(await authz.readableIds(user(member, orgId), 'Invoice')).toEqual([shared]);
      expect(await authz.readableIds(user(guest, orgId), 'Invoice')).toEqual([shared]);
      expect(await authz.readableIds(user(viewer, orgId), 'Invoice')).toBeNull();
      expect(await authz.readableIds(user(owner, orgId), 'Invoice')).toBeNull();
    }
    // Open modules are as before: the member edits every task, the module grant means nothing there.
    expect(await elsewhere.authz.can(user(member, orgId), 'write', 'Task', uuidv7())).toBe(true);
    expect(await elsewhere.authz.readableIds(user(member, orgId), 'Task')).toBeNull();
    // API keys act as members within their scopes; elsewhere they need the module's scope too.
    const apiKey = (scopes: string[]): RequestContext => ({ requestId: 'r', principal: { kind: 'api_key', keyId: uuidv7(), userId: member, orgId, scopes } });
    expect(await finance.authz.can(apiKey(['finance:read']), 'read', 'Invoice', invoice)).toBe(true);
    expect(await finance.authz.can(apiKey(['finance:read']), 'write', 'Invoice', invoice)).toBe(false);
    expect(await finance.authz.can(apiKey(['finance:write']), 'write', 'Invoice', invoice)).toBe(true);
    expect(await elsewhere.authz.can(apiKey(['collaboration:read']), 'read', 'Invoice', invoice)).toBe(false);
    expect(await elsewhere.authz.can(apiKey(['collaboration:read', 'finance:read']), 'read', 'Invoice', invoice)).toBe(true);
  });

  it("lets a restricted module write only users' viewer or editor grants on single objects of its own types", async () => {
    const finance = await process('finance', 'finance', { restricted: true });
    const tasks = await process('tasks');
    const orgId = uuidv7();
    const [submitter, other] = [uuidv7(), uuidv7()];
    const expense = uuidv7();
    const write = (db: Database, work: (em: import('typeorm').EntityManager) => Promise<unknown>) => db.transaction({ orgId, userId: null }, work);
    await write(finance.db, (em) => policyWriter.grant(em, orgId, userSubject(submitter), `Expense:${expense}`, 'editor'));
    expect(await finance.authz.can(user(submitter, orgId), 'write', 'Expense', expense)).toBe(true);
    expect(await finance.authz.can(user(other, orgId), 'read', 'Expense', expense)).toBe(false);
    const refused = [
      (em: import('typeorm').EntityManager) => policyWriter.grant(em, orgId, userSubject(other), `Expense:${expense}`, 'owner'),
      (em: import('typeorm').EntityManager) => policyWriter.grant(em, orgId, userSubject(other), 'Expense:*', 'viewer'),
      (em: import('typeorm').EntityManager) => policyWriter.grant(em, orgId, userSubject(other), moduleObject('finance'), 'viewer'),
      (em: import('typeorm').EntityManager) => policyWriter.grant(em, orgId, userSubject(other), `Task:${uuidv7()}`, 'editor'),
      (em: import('typeorm').EntityManager) => policyWriter.grant(em, orgId, `team:${uuidv7()}`, `Expense:${expense}`, 'viewer'),
      (em: import('typeorm').EntityManager) => policyWriter.setRole(em, orgId, other, 'admin'),
    ];
    for (const work of refused) await expect(write(finance.db, work)).rejects.toThrow(/row-level security/);
    // An open module's role writes nothing.
    await expect(write(tasks.db, (em) => policyWriter.grant(em, orgId, userSubject(other), `Task:${uuidv7()}`, 'editor'))).rejects.toThrow(/permission denied/);
    expect(await write(finance.db, (em) => policyWriter.revoke(em, orgId, userSubject(submitter), `Expense:${expense}`))).toBe(true);
  });

  it('reaches every process within a second of a change', async () => {
    const reader = await process('tasks');
    const writer = await process('identity');
    const orgId = uuidv7();
    const userId = uuidv7();
    const request = user(userId, orgId);
    expect(await reader.authz.can(request, 'read', 'Task', uuidv7())).toBe(false); // cached: not a member
    await writer.db.transaction({ orgId, userId: null }, async (em, hooks) => {
      await policyWriter.setRole(em, orgId, userId, 'member');
      hooks.afterCommit(() => writer.authz.announcePolicyChange(orgId));
    });
    const started = Date.now();
    await expect.poll(() => reader.authz.can(request, 'read', 'Task', uuidv7()), { timeout: 1_000, interval: 10 }).toBe(true);
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
