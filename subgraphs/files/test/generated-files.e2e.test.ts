import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createLogger,
  DELEGATION_HEADER,
  GraphClient,
  InternalContextSigner,
  JobQueue,
  jobRequest,
  parseGlobalId,
  startJobWorker,
  storeGeneratedFile,
  storeGeneratedFileFromDisk,
  UserInputError,
  type GeneratedFile,
  type JobDelegation,
  type RequestContext,
  type StoredFile,
} from '@cellgraph/kernel';
import { TEST_REDIS_URL, waitFor, withClient } from '@cellgraph/kernel/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCell, TEST_PASSWORD, waitForEmail, type TestCell, type TestUser } from '../../../scripts/testing/cell-harness.js';

// The kernel's storeGeneratedFile — how a module stores a file it generated (an export, a PDF) —
// in cell `all` through the gateway and the real S3-compatible store of the test run, asked with the
// graph client of a subgraph of the cell (collaboration, one of GRAPH_DELEGATES) as the caller.

const QUOTA = 4000;
let cell: TestCell;
let owner: TestUser;
let stranger: TestUser;

beforeAll(async () => {
  cell = await startTestCell({ env: { FILE_QUOTA_BYTES: String(QUOTA) } });
  owner = await cell.signUp('Owner');
  stranger = await cell.signUp('Stranger');
});
afterAll(async () => {
  await cell?.stop();
});

/** The request a subgraph serves for `user`, with the delegation the gateway hands a GRAPH_DELEGATES subgraph. */
function servedFor(target: TestCell, user: TestUser): RequestContext {
  const signer = InternalContextSigner.create(Buffer.from(target.keys.internalContextSecret, 'base64url'));
  const context: RequestContext = {
    requestId: `generated-${randomUUID()}`,
    principal: { kind: 'user', userId: parseGlobalId(user.userId)!.uuid, orgId: parseGlobalId(user.organizationId)!.uuid, sessionId: null, scopes: [] },
  };
  return { ...context, delegation: signer.delegate(context) };
}
const graphOf = (target: TestCell) => target.subgraphs.find((server) => server.name === 'collaboration')!.runtime.graph;
const store = (user: TestUser, file: GeneratedFile) => storeGeneratedFile(graphOf(cell), servedFor(cell, user), file);

const data = async (who: TestUser, query: string, variables: Record<string, unknown> = {}) => {
  const result = await cell.gql(query, variables, who.token);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!;
};
const READ = 'query($id: ID!) { file(id: $id) { id name contentType size checksum downloadUrl aboutId uploadedBy { id } } }';
const fileCount = async (who: TestUser) => (await data(who, '{ files { totalCount } }')).files.totalCount as number;

async function refusal(attempt: Promise<unknown>): Promise<string[]> {
  const error = await attempt.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(UserInputError);
  return (error as UserInputError).errors.map((e) => e.code);
}

describe('storeGeneratedFile', () => {
  let task: string;
  let csvId: string;
  const csv = Buffer.from('id,title,done\n1,"Write the export",true\n2,"Ship it",false\n');

  beforeAll(async () => {
    task = (await data(owner, 'mutation { taskCreate(input: { title: "Quarterly export" }) { task { id } } }')).taskCreate.task.id;
  });

  it('stores a generated CSV attached to a task; its bytes come back through File.downloadUrl', async () => {
    const stored = await store(owner, { name: 'tasks.csv', contentType: 'text/csv', bytes: csv, aboutId: task });
    csvId = stored.id;
    expect(stored).toMatchObject({ name: 'tasks.csv', contentType: 'text/csv', size: csv.length, checksum: createHash('sha256').update(csv).digest('hex') });

    const file = (await data(owner, READ, { id: stored.id })).file;
    expect(file).toMatchObject({ id: stored.id, aboutId: task, size: csv.length, uploadedBy: { id: owner.userId } });
    const downloaded = await fetch(file.downloadUrl);
    expect(downloaded.status).toBe(200);
    expect(Buffer.from(await downloaded.arrayBuffer()).equals(csv)).toBe(true);

    const attached = (await data(owner, 'query($id: ID!) { node(id: $id) { ... on Task { files { nodes { id } } } } }', { id: task })).node.files.nodes;
    expect(attached).toEqual([{ id: stored.id }]);
  });

  it('stores a file from disk, streamed with its Content-Length (storeGeneratedFileFromDisk), under the same rules', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'generated-'));
    const path = join(dir, 'rows.csv');
    const rows = Buffer.from(Array.from({ length: 40 }, (_, n) => `${n},row ${n}\n`).join(''));
    writeFileSync(path, rows);
    try {
      const stored = await storeGeneratedFileFromDisk(graphOf(cell), servedFor(cell, owner), { name: 'rows.csv', contentType: 'text/csv', path });
      expect(stored).toMatchObject({ name: 'rows.csv', size: rows.length, checksum: createHash('sha256').update(rows).digest('hex') });
      const file = (await data(owner, READ, { id: stored.id })).file;
      expect(Buffer.from(await (await fetch(file.downloadUrl)).arrayBuffer()).equals(rows)).toBe(true);
      // downloadUrl works FILE_DOWNLOAD_URL_TTL_SECONDS (5 minutes), or as asked up to an hour.
      const urls = (
        await data(
          owner,
          'query($id: ID!) { file(id: $id) { short: downloadUrl long: downloadUrl(expiresInSeconds: 3600) capped: downloadUrl(expiresInSeconds: 86400) } }',
          {
            id: stored.id,
          },
        )
      ).file as Record<string, string>;
      expect(Object.values(urls).map((url) => new URL(url).searchParams.get('X-Amz-Expires'))).toEqual(['300', '3600', '3600']);

      writeFileSync(path, Buffer.alloc(QUOTA + 1, 'x'));
      expect(await refusal(storeGeneratedFileFromDisk(graphOf(cell), servedFor(cell, owner), { name: 'big.csv', contentType: 'text/csv', path }))).toEqual([
        'FILE_QUOTA_EXCEEDED',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stores a PDF-like payload without an object (the caller’s own file)', async () => {
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from([0, 1, 2, 250, 251, 252, 253, 254, 255]), Buffer.from('\n%%EOF\n')]);
    const stored = await store(owner, { name: '../contracts/signed.pdf', contentType: 'application/pdf', bytes: pdf });
    expect(stored.name).toBe('signed.pdf');
    const file = (await data(owner, READ, { id: stored.id })).file;
    expect(file.aboutId).toBeNull();
    const downloaded = await fetch(file.downloadUrl);
    expect(Buffer.from(await downloaded.arrayBuffer()).equals(pdf)).toBe(true);
  });

  it('passes on the files module’s refusals as coded errors and makes no File: quota, type', async () => {
    const before = await fileCount(owner);
    expect(await refusal(store(owner, { name: 'big.csv', contentType: 'text/csv', bytes: Buffer.alloc(QUOTA, 'x'), aboutId: task }))).toEqual([
      'FILE_QUOTA_EXCEEDED',
    ]);
    expect(await refusal(store(owner, { name: 'run.exe', contentType: 'application/x-msdownload', bytes: Buffer.from('MZ') }))).toEqual([
      'FILE_TYPE_NOT_ALLOWED',
    ]);
    expect(await fileCount(owner)).toBe(before);
    // Nothing was reserved either: no upload was begun.
    const uploads = await withClient(cell.database.url, (client) =>
      client.query<{ count: string }>('SELECT count(*) FROM files.uploads WHERE org_id = $1', [parseGlobalId(owner.organizationId)!.uuid]),
    );
    expect(Number(uploads.rows[0]!.count)).toBe(0);
  });

  it('refuses a caller who cannot see aboutId, and another organization never sees the file', async () => {
    expect(await refusal(store(stranger, { name: 'theirs.csv', contentType: 'text/csv', bytes: csv, aboutId: task }))).toEqual(['FILE_ABOUT_NOT_FOUND']);
    expect(await fileCount(stranger)).toBe(0);

    const seen = await cell.gql('query($id: ID!) { file(id: $id) { id } node(id: $id) { id } }', { id: csvId }, stranger.token);
    expect(seen.data?.file ?? null).toBeNull();
    expect(seen.data?.node ?? null).toBeNull();
  });

  it('passes on FORBIDDEN for a caller who may not write files (a guest), as a top-level coded error', async () => {
    await data(owner, 'mutation($input: InvitationCreateInput!) { invitationCreate(input: $input) { userErrors { code } } }', {
      input: { email: 'guest@generated.test', role: 'GUEST' },
    });
    const { token } = await waitForEmail(cell, 'guest@generated.test');
    const accepted = await cell.gql('mutation($input: InvitationAcceptInput!) { invitationAccept(input: $input) { session { accessToken user { id } } } }', {
      input: { token, name: 'Guest', password: TEST_PASSWORD },
    });
    const session = accepted.data!.invitationAccept.session;
    const guest: TestUser = { ...owner, token: session.accessToken, userId: session.user.id, email: 'guest@generated.test' };
    const error = await store(guest, { name: 'guest.csv', contentType: 'text/csv', bytes: csv }).catch((thrown: unknown) => thrown);
    expect(error).not.toBeInstanceOf(UserInputError);
    expect((error as { extensions?: Record<string, unknown> }).extensions).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('answers SERVICE_UNAVAILABLE when the graph cannot be reached, and the file is not made', async () => {
    const before = await fileCount(owner);
    const unreachable = new GraphClient('http://127.0.0.1:9/graphql', 2_000);
    const error = await storeGeneratedFile(unreachable, servedFor(cell, owner), { name: 'late.csv', contentType: 'text/csv', bytes: csv }).catch(
      (thrown: unknown) => thrown,
    );
    expect((error as { extensions?: Record<string, unknown> }).extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryAfter: 5 });
    expect(await fileCount(owner)).toBe(before);
  });
});

describe('storeGeneratedFile from a background job acting for a user', () => {
  it('stores the file as the user who enqueued the job, with the job delegation the request exchanged', async () => {
    const graph = graphOf(cell);
    const actingFor = await graph.delegateToJob(servedFor(cell, owner));
    expect(actingFor.principal).toMatchObject({ kind: 'user', userId: parseGlobalId(owner.userId)!.uuid });

    const stored: StoredFile[] = [];
    const failures: unknown[] = [];
    const worker = await startJobWorker(
      'generatedtest',
      {
        export: async (data: { actingFor: JobDelegation; rows: string }, job) => {
          try {
            stored.push(
              await storeGeneratedFile(graph, jobRequest(job.id, data.actingFor), {
                name: 'export.csv',
                contentType: 'text/csv',
                bytes: Buffer.from(data.rows),
              }),
            );
          } catch (error) {
            failures.push(error);
          }
        },
      },
      [],
      { redisUrl: TEST_REDIS_URL, prefix: cell.keyPrefix, logger: createLogger('generated-files-test', 'silent') },
    );
    const queue = new JobQueue('generatedtest', TEST_REDIS_URL, cell.keyPrefix);
    try {
      await queue.enqueue('export', { orgId: parseGlobalId(owner.organizationId)!.uuid, actingFor, rows: 'a,b\n1,2\n' });
      await waitFor(() => stored.length + failures.length > 0, 'the export job');
      expect(failures).toEqual([]);
      const file = (await data(owner, READ, { id: stored[0]!.id })).file;
      expect(file).toMatchObject({ name: 'export.csv', uploadedBy: { id: owner.userId } });
      expect(await (await fetch(file.downloadUrl)).text()).toBe('a,b\n1,2\n');
    } finally {
      await queue.close();
      await worker.close();
    }
  });

  it('exchanges only a request’s delegation of a user or an API key: not a job delegation, not nothing, not the system’s', async () => {
    const exchange = new URL('/delegations/job', cell.gatewayUrl);
    const actingFor = await graphOf(cell).delegateToJob(servedFor(cell, owner));
    expect((await fetch(exchange, { method: 'POST', headers: { [DELEGATION_HEADER]: actingFor.delegation } })).status).toBe(401);
    expect((await fetch(exchange, { method: 'POST' })).status).toBe(401);
    expect((await fetch(exchange, { method: 'POST', headers: { [DELEGATION_HEADER]: 'v1.x.y.z' } })).status).toBe(401);
    // Only a user or an API key is acted for: never the system (a job's own principal).
    const signer = InternalContextSigner.create(Buffer.from(cell.keys.internalContextSecret, 'base64url'));
    const system: RequestContext = { requestId: 'job:1', principal: { kind: 'system', orgId: parseGlobalId(owner.organizationId)!.uuid, scopes: [] } };
    expect((await fetch(exchange, { method: 'POST', headers: { [DELEGATION_HEADER]: signer.delegate(system) } })).status).toBe(403);
  });

  it('stops acting for a session signed out since the job was enqueued', async () => {
    const leaving = await cell.signUp('Leaving');
    const sessionId = (JSON.parse(Buffer.from(leaving.token.split('.')[1]!, 'base64url').toString('utf8')) as { sid: string }).sid;
    const request = servedFor(cell, leaving);
    const signer = InternalContextSigner.create(Buffer.from(cell.keys.internalContextSecret, 'base64url'));
    const withSession: RequestContext = {
      ...request,
      principal: { ...(request.principal as { kind: 'user'; userId: string; orgId: string }), sessionId, scopes: [] },
    };
    const actingFor = await graphOf(cell).delegateToJob({ ...withSession, delegation: signer.delegate(withSession) });
    const file = { name: 'before.csv', contentType: 'text/csv', bytes: Buffer.from('a\n') };
    expect((await storeGeneratedFile(graphOf(cell), jobRequest('before', actingFor), file)).name).toBe('before.csv');

    expect((await data(leaving, 'mutation { sessionRevoke { userErrors { code } } }')).sessionRevoke.userErrors).toEqual([]);
    const error = await storeGeneratedFile(graphOf(cell), jobRequest('after', actingFor), { ...file, name: 'after.csv' }).catch((thrown: unknown) => thrown);
    expect((error as { extensions?: Record<string, unknown> }).extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('answers UNAUTHENTICATED with a job delegation the gateway refuses', async () => {
    const actingFor = await graphOf(cell).delegateToJob(servedFor(cell, owner));
    const forged: JobDelegation = { ...actingFor, delegation: `${actingFor.delegation.slice(0, -4)}AAAA` };
    const error = await storeGeneratedFile(graphOf(cell), jobRequest('forged', forged), {
      name: 'x.csv',
      contentType: 'text/csv',
      bytes: Buffer.from('x'),
    }).catch((thrown: unknown) => thrown);
    expect((error as { extensions?: Record<string, unknown> }).extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});

describe('storeGeneratedFile in a cell without the files module', () => {
  let sales: TestCell;
  afterAll(async () => {
    await sales?.stop();
  });

  it('answers GENERATED_FILE_STORE_MISSING', async () => {
    sales = await startTestCell({ cell: 'sales' });
    const user = await sales.signUp('Seller');
    const error = await storeGeneratedFile(graphOf(sales), servedFor(sales, user), {
      name: 'deals.csv',
      contentType: 'text/csv',
      bytes: Buffer.from('a,b\n'),
    }).catch((thrown: unknown) => thrown);
    expect((error as { extensions?: Record<string, unknown> }).extensions).toMatchObject({ code: 'GENERATED_FILE_STORE_MISSING' });
  });
});
