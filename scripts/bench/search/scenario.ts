/**
 * `npm run bench -- search`: the search of one organization holding 100,000 indexed objects
 * (BENCH_SEARCH_DOCUMENTS), through the gateway of cell `all` on a throw-away database (on the
 * server of BENCH_POSTGRES_URL, else as `npm run bench` finds one) and Redis. The
 * objects are tasks written straight into tasks' table and their documents straight into the index
 * (what the projection would hold), so the permission check through the graph runs for real. Prints
 * p50/p95 per query and the query plan of the candidates, which must read the two GIN indexes.
 */
import { appConnectionString, cellDatabaseName, LOCAL_APP_PASSWORD, toGlobalId, uuidv7 } from '@cellgraph/kernel';
import pg from 'pg';
import { CANDIDATES_SQL, SIMILARITY_SQL } from '../../../subgraphs/search/src/search-index/search.service.js';
import { prepareDatabase, startCell } from '../../runtime/cell.js';
import { loadCell } from '../../runtime/cells.js';
import { graphqlData, graphqlRequest } from '../../runtime/graphql-client.js';
import { resolvePostgres, resolveRedis } from '../../runtime/infrastructure.js';
import { generateCellKeys } from '../../runtime/keys.js';
import { resolveObjectStore } from '../../runtime/object-store.js';
import { dropDatabase } from '../drop-database.js';

const DOCUMENTS = Number(process.env.BENCH_SEARCH_DOCUMENTS ?? 100_000);
const REQUESTS = Number(process.env.BENCH_SEARCH_REQUESTS ?? 200);
// One search at a time by default: gateway, subgraphs, Postgres and the load share this machine's cores.
const CONCURRENCY = Number(process.env.BENCH_SEARCH_CONCURRENCY ?? 1);
const P95_TARGET_MS = Number(process.env.BENCH_SEARCH_P95_MS ?? 500);

const ADJECTIVES = [
  'quarterly',
  'annual',
  'urgent',
  'draft',
  'final',
  'weekly',
  'internal',
  'client',
  'legal',
  'marketing',
  'budget',
  'hiring',
  'security',
  'product',
  'design',
  'sales',
  'support',
  'launch',
  'migration',
  'customer',
];
const NOUNS = [
  'report',
  'review',
  'plan',
  'meeting',
  'invoice',
  'contract',
  'proposal',
  'roadmap',
  'audit',
  'summary',
  'checklist',
  'estimate',
  'forecast',
  'workshop',
  'retrospective',
  'handbook',
  'policy',
  'survey',
  'dashboard',
  'backlog',
  'onboarding',
  'renewal',
  'analysis',
  'timeline',
  'brief',
];
const FILLER = [
  'numbers',
  'team',
  'deadline',
  'owner',
  'follow',
  'up',
  'with',
  'the',
  'board',
  'next',
  'week',
  'figures',
  'notes',
  'open',
  'questions',
  'risks',
  'scope',
  'budget',
  'approval',
  'feedback',
];
const pick = <T>(list: readonly T[], n: number) => list[n % list.length]!;

const QUERIES = [
  { name: 'common word (~4% of documents)', query: 'report' },
  { name: 'two words', query: 'quarterly report' },
  { name: 'typo in a title word', query: 'retrospectiv' },
  { name: 'rare word (one document)', query: 'zeppelin' },
  { name: 'no match', query: 'xylophone' },
];

export async function searchMain(): Promise<number> {
  const instance = `bench-search-${process.pid}`;
  const database = cellDatabaseName('all', instance);
  const stateDir = new URL('../../../.cellgraph/', import.meta.url).pathname;
  if (process.env.BENCH_POSTGRES_URL) {
    const url = new URL(process.env.BENCH_POSTGRES_URL);
    url.pathname = `/${database}`;
    process.env.DATABASE_URL = url.toString();
  }
  const postgres = await resolvePostgres(database, stateDir);
  const redis = await resolveRedis();
  Object.assign(process.env, (await resolveObjectStore(stateDir, [])).env);
  const cell = loadCell('all');
  await prepareDatabase(cell, postgres.url, LOCAL_APP_PASSWORD);
  const running = await startCell({
    cell,
    instance,
    databaseUrl: postgres.url,
    appPassword: LOCAL_APP_PASSWORD,
    redisUrl: redis.url,
    keys: await generateCellKeys(),
    env: { LOG_LEVEL: 'silent', WORKERS: 'off', USER_RATE_LIMIT: '1000000', METRICS_PORT: '0' },
  });
  try {
    const session = await graphqlData<{ userRegister: { session: { accessToken: string; user: { id: string } } } }>(
      running.gatewayUrl,
      'mutation($input: UserRegisterInput!) { userRegister(input: $input) { session { accessToken user { id } } } }',
      { input: { email: 'bench-search@example.test', name: 'Bench', password: 'Bench-password-1!' } },
    );
    const { accessToken: token, user } = session.userRegister.session;
    const userId = Buffer.from(user.id, 'base64url').toString().split(':')[1]!;
    const orgId = (await withClient(postgres.url, (c) => c.query('SELECT org_id FROM identity.memberships WHERE user_id = $1', [userId]))).rows[0]
      .org_id as string;
    const started = performance.now();
    await fill(postgres.url, orgId, userId);
    console.log(`Indexed ${DOCUMENTS} tasks of one organization in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);

    const words = await explain(postgres.url, orgId, 'quarterly report', false);
    const typos = await explain(postgres.url, orgId, 'retrospectiv', true);
    const usesIndexes = words.includes('documents_terms_idx') && typos.includes('documents_terms_idx') && typos.includes('documents_title_trgm_idx');
    console.log(`${usesIndexes ? 'PASS' : 'FAIL'}  the candidates' plans read documents_terms_idx (words) and both GIN indexes (typos):`);
    console.log(`    words "quarterly report":\n${words.replace(/^/gm, '      ')}\n    typos "retrospectiv":\n${typos.replace(/^/gm, '      ')}\n`);

    let failed = !usesIndexes;
    const query = 'query($q: String!) { search(query: $q, first: 20) { nodes { score node { id } title { text } snippet { text } } } }';
    for (const { name, query: q } of QUERIES) {
      const send = async () => {
        const answer = await graphqlRequest<{ search: { nodes: unknown[] } }>(running.gatewayUrl, query, { q }, { token });
        if (answer.errors) throw new Error(JSON.stringify(answer.errors));
        return answer.data!.search.nodes.length;
      };
      const found = await send();
      for (let i = 0; i < 20; i++) await send();
      const latencies: number[] = [];
      let next = 0;
      const t0 = performance.now();
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next++ < REQUESTS) {
            const t = performance.now();
            await send();
            latencies.push(performance.now() - t);
          }
        }),
      );
      const seconds = (performance.now() - t0) / 1000;
      latencies.sort((a, b) => a - b);
      const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!;
      const ok = at(0.95) <= P95_TARGET_MS;
      failed ||= !ok;
      console.log(`${ok ? 'PASS' : 'FAIL'}  search "${q}" — ${name}: ${found} results on the first page`);
      console.log(
        `      ${(REQUESTS / seconds).toFixed(0)} req/s   p50 ${at(0.5).toFixed(1)} ms   p95 ${at(0.95).toFixed(1)} ms (target ≤ ${P95_TARGET_MS})\n`,
      );
    }
    return failed ? 1 : 0;
  } finally {
    await running.stop();
    await dropDatabase(postgres.url, database);
    await redis.stop();
    await postgres.stop();
  }
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** DOCUMENTS tasks and their documents, in batches of 10,000 (arrays unnested by Postgres). */
async function fill(databaseUrl: string, orgId: string, userId: string): Promise<void> {
  await withClient(databaseUrl, async (client) => {
    for (let from = 0; from < DOCUMENTS; from += 10_000) {
      const ids: string[] = [];
      const globalIds: string[] = [];
      const titles: string[] = [];
      const bodies: string[] = [];
      const versions: string[] = [];
      for (let i = from; i < Math.min(DOCUMENTS, from + 10_000); i++) {
        const id = uuidv7();
        ids.push(id);
        globalIds.push(toGlobalId('Task', id));
        titles.push(i === 4242 ? 'Renew the zeppelin licence' : `${pick(ADJECTIVES, i * 7)} ${pick(NOUNS, i * 13 + Math.floor(i / 25))} ${i}`);
        bodies.push(Array.from({ length: 12 }, (_, k) => pick(FILLER, i * 31 + k * 17 + Math.floor(i / 7))).join(' '));
        versions.push(uuidv7());
      }
      await client.query(
        `INSERT INTO tasks.tasks (id, org_id, title, description, created_by) SELECT id, $1, title, body, $2 FROM unnest($3::uuid[], $4::text[], $5::text[]) AS t (id, title, body)`,
        [orgId, userId, ids, titles, bodies],
      );
      await client.query(
        `INSERT INTO search.documents (org_id, id, type, module, title, body, version)
         SELECT $1, id, 'Task', 'tasks', title, body, version FROM unnest($2::text[], $3::text[], $4::text[], $5::uuid[]) AS d (id, title, body, version)`,
        [orgId, globalIds, titles, bodies, versions],
      );
    }
    await client.query('ANALYZE search.documents');
    await client.query('ANALYZE tasks.tasks');
  });
}

/** The plan of one batch of candidates, as the search subgraph's app role runs it (row-level security on). */
async function explain(databaseUrl: string, orgId: string, query: string, typos: boolean): Promise<string> {
  const client = new pg.Client({ connectionString: appConnectionString(databaseUrl, 'search', LOCAL_APP_PASSWORD) });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SELECT set_config('app.org_id', $1, true)`, [orgId]);
    await client.query(SIMILARITY_SQL);
    const { rows } = await client.query(`EXPLAIN (ANALYZE, COSTS OFF, BUFFERS OFF) ${CANDIDATES_SQL}`, [query, [], null, null, 41, typos]);
    await client.query('ROLLBACK');
    return rows.map((row: Record<string, string>) => row['QUERY PLAN']).join('\n');
  } finally {
    await client.end();
  }
}
