import {
  createLogger,
  defineMessages,
  FeatureFlags,
  generateEncryptionKey,
  generateSigningKeyPair,
  startJobWorker,
  type Principal,
  type RunningWorker,
} from '@cellgraph/kernel';
import {
  createTestDatabase,
  startTestSubgraphs,
  TEST_REDIS_URL,
  userPrincipal,
  waitFor,
  withClient,
  type SubgraphHarness,
  type TestDatabase,
} from '@cellgraph/kernel/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantPlatformAdmin, identitySubgraph } from '../src/index.js';

/*
 * The cell's scheduled jobs as platform administrators see them. The cell here: identity (served by
 * the harness, whose worker keeps identity's trash sweep) and a `reports` module whose job worker
 * runs in another process of the cell (its own connections, the same Redis namespace).
 */
const REGISTER = `mutation($input: UserRegisterInput!) { userRegister(input: $input) { session { user { id } organization { id } } userErrors { code } } }`;
const JOBS = `{ scheduledJobs { id subgraph job cron timeZone everyMs description enabled nextRunAt consecutiveFailures lastRun { id trigger status startedAt finishedAt durationMs error } } }`;
const RUNS = `query($subgraph: String!, $job: String!, $first: Int, $after: String) {
  scheduledJobRuns(subgraph: $subgraph, job: $job, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id trigger status durationMs error } }
}`;
const SET_ENABLED = `mutation($input: ScheduledJobSetEnabledInput!) { scheduledJobSetEnabled(input: $input) { scheduledJob { id enabled } userErrors { code field } } }`;
const RUN_NOW = `mutation($input: ScheduledJobRunNowInput!) { scheduledJobRunNow(input: $input) { runId scheduledJob { id } userErrors { code field } } }`;
const QUEUES = `{ jobQueues { queue waiting active delayed failed completed } }`;
const FAILED = `query($queue: String, $first: Int) { failedJobs(queue: $queue, first: $first) { id queue name attempts failedReason failedAt } }`;
const RETRY = `mutation($input: FailedJobRetryInput!) { failedJobRetry(input: $input) { retried userErrors { code field } } }`;
const uuidOf = (globalId: string) => Buffer.from(globalId, 'base64url').toString().split(':')[1]!;

const texts = defineMessages('test.identityScheduledJobs', {
  digest: { en: 'Builds the report digest', de: 'Erstellt die Berichtsübersicht' },
  ledger: { en: 'Closes the ledger', de: 'Schließt das Hauptbuch' },
});

let database: TestDatabase;
let harness: SubgraphHarness;
let reports: RunningWorker;
let flags: FeatureFlags;
const ran = { digest: 0 };
let ledgerBroken = true;

beforeAll(async () => {
  database = await createTestDatabase();
  const { privateJwk } = await generateSigningKeyPair();
  harness = await startTestSubgraphs([identitySubgraph], {
    databaseUrl: database.url,
    env: { AUTH_SIGNING_KEY: JSON.stringify(privateJwk), IDENTITY_ENCRYPTION_KEY: generateEncryptionKey() },
  });
  flags = new FeatureFlags(harness.platform.redis.duplicate(), harness.platform.keyPrefix);
  await flags.listen();
  reports = await startJobWorker(
    'reports',
    {
      'report.digest': async () => void (ran.digest += 1),
      'ledger.close': async () => {
        if (ledgerBroken) throw new Error('the ledger is locked');
      },
    },
    [
      { job: 'report.digest', everyMs: 200, description: texts.digest },
      { job: 'ledger.close', cron: '30 2 * * *', timeZone: 'Europe/Berlin', description: texts.ledger },
    ],
    { redisUrl: TEST_REDIS_URL, prefix: harness.platform.keyPrefix, logger: createLogger('reports', 'silent'), features: flags },
  );
});

afterAll(async () => {
  await reports?.close();
  await flags?.close();
  await harness?.stop();
  await database?.drop();
});

async function register(name: string) {
  const email = `${name.toLowerCase()}-${Math.random().toString(36).slice(2, 8)}@example.test`;
  const session = (await harness.request('identity', REGISTER, { input: { email, name, password: 'Sufficiently-long-9' } })).data!.userRegister.session;
  return { email, principal: userPrincipal(uuidOf(session.user.id), uuidOf(session.organization.id)) };
}

async function platformAdmin(): Promise<Principal> {
  const admin = await register('Root');
  await withClient(database.url, (client) => grantPlatformAdmin(client, admin.email));
  return admin.principal;
}

type Job = { id: string; enabled: boolean; nextRunAt: string | null; lastRun: { id: string; trigger: string; status: string } | null } & Record<
  string,
  unknown
>;
const jobsOf = async (principal: Principal) => (await harness.request('identity', JOBS, {}, principal)).data!.scheduledJobs as Job[];
const runsOf = async (principal: Principal, job: string, first = 10) =>
  (await harness.request('identity', RUNS, { subgraph: 'reports', job, first }, principal)).data!.scheduledJobRuns as {
    totalCount: number;
    nodes: { id: string; trigger: string; status: string }[];
  };

describe('scheduled jobs (platform administrators)', () => {
  it('lists every schedule of the cell, whichever process runs it, with its next run and history', async () => {
    const admin = await platformAdmin();
    await waitFor(async () => (await runsOf(admin, 'report.digest')).totalCount >= 3, 'three runs of the digest');
    const jobs = await jobsOf(admin);
    expect(jobs.map((job) => job.id)).toEqual(['identity/trash.sweep', 'reports/ledger.close', 'reports/report.digest']);
    const [trash, ledger, digest] = jobs;
    expect(trash).toMatchObject({ subgraph: 'identity', job: 'trash.sweep', cron: null, everyMs: 3_600_000, enabled: true, consecutiveFailures: 0 });
    expect(trash!.description).toMatch(/trash/);
    expect(ledger).toMatchObject({ cron: '30 2 * * *', timeZone: 'Europe/Berlin', everyMs: null, description: 'Closes the ledger', lastRun: null });
    expect(Date.parse(ledger!.nextRunAt!)).toBeGreaterThan(Date.now());
    expect(digest).toMatchObject({ everyMs: 200, enabled: true, lastRun: { trigger: 'SCHEDULE', status: 'SUCCEEDED', error: null } });
    expect(digest!.nextRunAt).not.toBeNull();

    // History, newest first, a page at a time.
    const first = (await harness.request('identity', RUNS, { subgraph: 'reports', job: 'report.digest', first: 2 }, admin)).data!.scheduledJobRuns;
    expect(first.nodes).toHaveLength(2);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = (await harness.request('identity', RUNS, { subgraph: 'reports', job: 'report.digest', first: 2, after: first.pageInfo.endCursor }, admin))
      .data!.scheduledJobRuns;
    expect(second.nodes[0].id).not.toBe(first.nodes[0].id);
    expect(second.nodes[0].id).not.toBe(first.nodes[1].id);
    const unknown = await harness.request('identity', RUNS, { subgraph: 'reports', job: 'nope' }, admin);
    expect(unknown.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'job' });
  });

  it('switches a schedule off (its runs are skipped) and on, and runs it now', async () => {
    const admin = await platformAdmin();
    const off = await harness.request('identity', SET_ENABLED, { input: { subgraph: 'reports', job: 'report.digest', enabled: false } }, admin);
    expect(off.data!.scheduledJobSetEnabled).toEqual({ scheduledJob: { id: 'reports/report.digest', enabled: false }, userErrors: [] });
    await waitFor(async () => (await runsOf(admin, 'report.digest', 2)).nodes.every((run) => run.status === 'SKIPPED'), 'two skipped runs');
    const before = ran.digest;

    const now = (await harness.request('identity', RUN_NOW, { input: { subgraph: 'reports', job: 'report.digest' } }, admin)).data!.scheduledJobRunNow;
    expect(now.userErrors).toEqual([]);
    await waitFor(async () => (await runsOf(admin, 'report.digest', 20)).nodes.some((run) => run.id === now.runId), 'the manual run');
    expect((await runsOf(admin, 'report.digest', 20)).nodes.find((run) => run.id === now.runId)).toMatchObject({ trigger: 'MANUAL', status: 'SUCCEEDED' });
    expect(ran.digest).toBe(before + 1);

    await harness.request('identity', SET_ENABLED, { input: { subgraph: 'reports', job: 'report.digest', enabled: true } }, admin);
    await waitFor(async () => (await runsOf(admin, 'report.digest', 1)).nodes[0]?.status === 'SUCCEEDED' && ran.digest > before + 1, 'scheduled runs again');
    expect((await jobsOf(admin)).find((job) => job.id === 'reports/report.digest')!.enabled).toBe(true);

    const missing = await harness.request('identity', RUN_NOW, { input: { subgraph: 'reports', job: 'nope' } }, admin);
    expect(missing.data!.scheduledJobRunNow.userErrors).toEqual([{ code: 'SCHEDULED_JOB_NOT_FOUND', field: ['input', 'job'] }]);
  });

  it('lists the queues and the dead letters, and retries them', async () => {
    const admin = await platformAdmin();
    // A run now of the broken ledger job fails (one attempt): a dead letter.
    const now = (await harness.request('identity', RUN_NOW, { input: { subgraph: 'reports', job: 'ledger.close' } }, admin)).data!.scheduledJobRunNow;
    await waitFor(async () => (await runsOf(admin, 'ledger.close')).nodes.some((run) => run.id === now.runId), 'the failed run');
    expect((await runsOf(admin, 'ledger.close')).nodes[0]).toMatchObject({ trigger: 'MANUAL', status: 'FAILED', error: 'the ledger is locked' });
    expect((await jobsOf(admin)).find((job) => job.id === 'reports/ledger.close')!.consecutiveFailures).toBe(1);

    const failed = (await harness.request('identity', FAILED, { queue: 'reports-jobs' }, admin)).data!.failedJobs;
    expect(failed).toContainEqual(
      expect.objectContaining({ id: now.runId, queue: 'reports-jobs', name: 'ledger.close', attempts: 1, failedReason: 'the ledger is locked' }),
    );
    const queues = (await harness.request('identity', QUEUES, {}, admin)).data!.jobQueues as { queue: string; failed: number }[];
    expect(queues.map((queue) => queue.queue)).toEqual(expect.arrayContaining(['identity-jobs', 'reports-jobs']));
    expect(queues.find((queue) => queue.queue === 'reports-jobs')!.failed).toBeGreaterThanOrEqual(1);

    ledgerBroken = false;
    const retried = await harness.request('identity', RETRY, { input: { queue: 'reports-jobs', jobId: now.runId } }, admin);
    expect(retried.data!.failedJobRetry).toEqual({ retried: 1, userErrors: [] });
    await waitFor(async () => (await runsOf(admin, 'ledger.close')).nodes[0]?.status === 'SUCCEEDED', 'the retried run to succeed');
    expect((await jobsOf(admin)).find((job) => job.id === 'reports/ledger.close')!.consecutiveFailures).toBe(0);

    const again = await harness.request('identity', RETRY, { input: { queue: 'reports-jobs', jobId: now.runId } }, admin);
    expect(again.data!.failedJobRetry.userErrors).toEqual([{ code: 'FAILED_JOB_NOT_FOUND', field: ['input', 'jobId'] }]);
    const noQueue = await harness.request('identity', RETRY, { input: { queue: 'nope-jobs' } }, admin);
    expect(noQueue.data!.failedJobRetry.userErrors).toEqual([{ code: 'JOB_QUEUE_NOT_FOUND', field: ['input', 'queue'] }]);
  });

  it('are FORBIDDEN to everyone else: an organization’s owner, an API key', async () => {
    const owner = await register('Owner');
    const key: Principal = { kind: 'api_key', keyId: crypto.randomUUID(), userId: null, orgId: crypto.randomUUID(), scopes: ['organization:write'] };
    for (const principal of [owner.principal, key]) {
      for (const [query, variables] of [
        [JOBS, {}],
        [RUNS, { subgraph: 'reports', job: 'report.digest' }],
        [QUEUES, {}],
        [FAILED, {}],
        [SET_ENABLED, { input: { subgraph: 'reports', job: 'report.digest', enabled: false } }],
        [RUN_NOW, { input: { subgraph: 'reports', job: 'report.digest' } }],
        [RETRY, { input: { queue: 'reports-jobs' } }],
      ] as const) {
        const result = await harness.request('identity', query, variables, principal);
        expect(result.errors?.[0]?.extensions?.code, `${principal.kind}: ${query.slice(0, 40)}`).toBe('FORBIDDEN');
        expect(Object.values(result.data ?? {})).toEqual([null]);
      }
    }
    // Nothing happened: the digest is still on.
    expect((await jobsOf(await platformAdmin())).find((job) => job.id === 'reports/report.digest')!.enabled).toBe(true);
  });
});
