import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { databaseUrl, RedisServer, TEST_APP_PASSWORD, TEST_DATABASE_PREFIX, TEST_DATABASE_URL, waitFor, withClient } from '@cellgraph/kernel/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCell } from '../runtime/cells.js';
import { graphqlRequest, type GraphQLResponse } from '../runtime/graphql-client.js';
import { generateCellKeys, keysEnv } from '../runtime/keys.js';
import { runProcess } from '../runtime/managed-process.js';
import { startSplitCell, type SplitCell } from '../runtime/split-cell.js';
import { signUpThrough, type TestUser } from '../testing/cell-harness.js';

/*
 * The cell as production runs it (`npm start -- --split`): migrate, one process per subgraph, a
 * worker and a gateway. A subgraph process is killed under load and started again: the gateway
 * keeps answering, with coded errors for the missing part only, and serves it again unrestarted.
 * Cell `sales` (four subgraphs): what is tested is the layout, not the modules, and a process
 * per subgraph of cell `all` would be fourteen processes starting at once on CI's two cores.
 */
const CELL = loadCell('sales');

const HANG_GUARD = 300_000;
const BREAKER_COOLDOWN_MS = 1_000;

let redis: RedisServer;
let cell: SplitCell;
let alice: TestUser;
let emailDir: string;
const databaseName = `${TEST_DATABASE_PREFIX}split${randomBytes(4).toString('hex')}`;
const cellDatabaseUrl = databaseUrl(databaseName);
const migrateOutput: string[] = [];
const unexpectedExits: string[] = [];
/** Each service's last lines, so an unexpected exit says why. */
const lastLines = new Map<string, string[]>();

beforeAll(async () => {
  redis = await RedisServer.start();
  emailDir = mkdtempSync(join(tmpdir(), 'cellgraph-split-mail-'));
  cell = await startSplitCell({
    cell: CELL,
    instance: `t${randomBytes(6).toString('hex')}`,
    databaseUrl: cellDatabaseUrl,
    appPassword: TEST_APP_PASSWORD,
    redisUrl: redis.url,
    keys: await generateCellKeys(),
    env: {
      EMAIL_PROVIDER: 'file',
      EMAIL_SINK_DIR: emailDir,
      DATABASE_POOL_SIZE: '4',
      USER_RATE_LIMIT: '100000',
      SUBGRAPH_BREAKER_COOLDOWN_MS: String(BREAKER_COOLDOWN_MS),
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    },
    onLine: (service, line) => {
      if (service === 'migrate') migrateOutput.push(line);
      lastLines.set(service, [...(lastLines.get(service) ?? []), line].slice(-20));
    },
    onUnexpectedExit: (service, code, signal) => unexpectedExits.push(`${service} (${code ?? signal})\n${(lastLines.get(service) ?? []).join('\n')}`),
  });
  alice = await signUpThrough(cell.gatewayUrl, 'Alice');
}, HANG_GUARD);

afterAll(async () => {
  await cell?.stop();
  await redis?.stop();
  await withClient(TEST_DATABASE_URL, (client) => client.query(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`));
  if (emailDir) rmSync(emailDir, { recursive: true, force: true });
});

const gql = <T>(query: string, variables: Record<string, unknown> = {}) => graphqlRequest<T>(cell.gatewayUrl, query, variables, { token: alice.token });

type TwoSubgraphs = {
  me: { email: string } | null;
  contacts: { nodes: { firstName: string; createdBy: { email: string } | null }[] } | null;
};
// The caller (identity) and contacts (crm, with createdBy from identity) in one operation.
const TWO_SUBGRAPHS = '{ me { email } contacts(first: 5) { nodes { firstName createdBy { email } } } }';
// What a client must never see: addresses, ports, connection errors, stack frames.
const INTERNALS = /127\.0\.0\.1|localhost|https?:\/\/|:\d{4,5}\b|ECONNREFUSED|ECONNRESET|fetch failed|\bat .+\(|stack/i;

describe('the split cell', () => {
  it('ran migrate first, which created the database and applied every subgraph’s migrations', () => {
    expect(migrateOutput.join('\n')).toMatch(new RegExp(`database ${databaseName} created`));
    for (const subgraph of CELL.subgraphs) expect(migrateOutput.join('\n')).toMatch(new RegExp(`${subgraph.name}: applied 0001-`));
  });

  it(
    'keeps answering 200 with the other subgraphs’ data while crm is killed under load, and serves crm again once it is back, through the same gateway',
    async () => {
      const contact = await gql<{ contactCreate: { contact: { id: string } } }>('mutation { contactCreate(input: { firstName: "Ada" }) { contact { id } } }');
      expect(contact.errors).toBeUndefined();
      const gatewayPid = cell.gateway.pid;
      const crm = cell.subgraph('crm');

      const responses: GraphQLResponse<TwoSubgraphs>[] = [];
      let loading = true;
      const client = async () => {
        while (loading) responses.push(await gql<TwoSubgraphs>(TWO_SUBGRAPHS));
      };
      const load = Promise.all([client(), client()]);
      try {
        await waitFor(() => responses.length >= 10, '10 answers before the kill');
        const killedAt = responses.length;
        const killedTime = performance.now();
        await crm.kill('SIGKILL');
        await waitFor(() => responses.slice(killedAt).filter((response) => response.errors).length >= 10, '10 answers without crm');
        await crm.start();
        const restartedAt = responses.length;
        await waitFor(() => responses.slice(restartedAt).some((response) => response.data?.contacts?.nodes.length), 'contacts to come back');
        console.log(
          `[crm killed] ${responses.length} answers, ${responses.filter((r) => r.errors).length} without crm; crm down ${Math.round(performance.now() - killedTime)} ms (restart included)`,
        );
      } finally {
        loading = false;
        await load;
      }

      expect(responses.map((response) => response.status).filter((status) => status !== 200)).toEqual([]);
      for (const response of responses) {
        expect(response.data?.me).toEqual({ email: alice.email });
      }
      const failed = responses.filter((response) => response.errors);
      expect(failed.length).toBeGreaterThanOrEqual(10);
      for (const response of failed) {
        expect(response.data?.contacts).toBeNull();
        for (const error of response.errors!) {
          // At the failed field, or without a path once the breaker fails crm's fetches before they are sent.
          expect([undefined, 'contacts'], JSON.stringify(error)).toContain(error.path?.join('.'));
          expect(error.extensions?.code, JSON.stringify(error)).toBe('SERVICE_UNAVAILABLE');
        }
        expect(JSON.stringify(response.errors)).not.toMatch(INTERNALS);
      }
      expect(responses.at(-1)!.data?.contacts?.nodes).toEqual([{ firstName: 'Ada', createdBy: { email: alice.email } }]);
      expect(cell.gateway.pid).toBe(gatewayPid);
      expect(cell.gateway.running).toBe(true);
      expect(unexpectedExits).toEqual([]); // the kill was the test's, not a crash
    },
    HANG_GUARD,
  );

  it(
    'relays events in the worker process only: a contact created while the worker is down is published once it is back',
    async () => {
      const unpublished = () =>
        withClient(cellDatabaseUrl, async (client) => {
          const { rows } = await client.query<{ count: string }>('SELECT count(*) FROM crm.outbox WHERE published_at IS NULL');
          return Number(rows[0]!.count);
        });
      await waitFor(async () => (await unpublished()) === 0, 'earlier events to be published');
      await cell.worker.stop(10_000);
      const created = await gql('mutation { contactCreate(input: { firstName: "Grace" }) { contact { id } } }');
      expect(created.errors).toBeUndefined();
      expect(await unpublished()).toBeGreaterThan(0); // the subgraph processes run WORKERS=off
      await cell.worker.start();
      await waitFor(async () => (await unpublished()) === 0, 'the restarted worker to publish the event');
      expect((await fetch(cell.worker.readyUrl)).status).toBe(200);
    },
    HANG_GUARD,
  );

  it(
    'migrate run again has nothing to do and exits 0',
    async () => {
      const result = await runProcess(['scripts/service.ts', 'migrate'], {
        ...process.env,
        CELL: CELL.name,
        DATABASE_URL: cellDatabaseUrl,
        DATABASE_APP_PASSWORD: TEST_APP_PASSWORD,
      });
      expect(result.code, result.output).toBe(0);
      expect(result.output).toContain(`database ${databaseName} exists`);
      expect(result.output).toContain('migrate: nothing to do');
      expect(result.output).not.toContain('applied');
    },
    HANG_GUARD,
  );
});

describe('service configuration', () => {
  const serviceEnv = async () => ({
    ...process.env,
    ...keysEnv(await generateCellKeys()),
    CELL: CELL.name,
    DATABASE_URL: cellDatabaseUrl,
    DATABASE_APP_PASSWORD: TEST_APP_PASSWORD,
    REDIS_URL: redis.url,
  });

  it(
    'refuses to start with an invalid variable, naming it',
    async () => {
      // Three independent processes, each refused at start: side by side.
      const [worker, subgraph, gateway] = await Promise.all([
        serviceEnv().then((env) => runProcess(['scripts/service.ts', 'worker'], { ...env, DATABASE_URL: 'not a url' })),
        serviceEnv().then((env) => runProcess(['scripts/service.ts', 'subgraph'], { ...env, SUBGRAPHS: 'crm,nonsense' })),
        serviceEnv().then((env) => runProcess(['scripts/service.ts', 'gateway'], { ...env, CELL: 'nowhere' })),
      ]);
      expect(worker.code).toBe(1);
      expect(worker.output).toMatch(/DATABASE_URL: must be a postgres:\/\/ connection string/);
      expect(subgraph.code).toBe(1);
      expect(subgraph.output).toMatch(/SUBGRAPHS: the cell has no subgraph nonsense/);
      expect(gateway.code).toBe(1);
      expect(gateway.output).toMatch(/CELL: names no cell/);
    },
    HANG_GUARD,
  );

  it('prints the usage and exits 2 for an unknown service', async () => {
    const result = await runProcess(['scripts/service.ts', 'frontend'], process.env);
    expect(result.code).toBe(2);
    expect(result.output).toContain('Unknown service "frontend"');
    expect(result.output).toMatch(/Usage: service <gateway\|subgraph\|worker\|migrate>/);
  });
});
