import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeServer, listen } from '@cellgraph/kernel/core';
import { TEST_REDIS_URL } from '@cellgraph/kernel/testing';
import type { FormattedExecutionResult } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startTestCell, type TestCell, type TestUser } from '../../scripts/testing/cell-harness.js';
import { createGateway, parseGatewayConfig } from '../src/index.js';

// The SPA's manifest, as GraphQL Code Generator's client-preset writes it (sha256:-prefixed keys).
const ME = 'query Me {\n  me {\n    id\n    email\n  }\n}';
const CREATE_TASK = 'mutation CreateTask($input: TaskCreateInput!) {\n  taskCreate(input: $input) {\n    task {\n      id\n    }\n  }\n}';
const BOARD_CHANGES = 'subscription BoardChanges($boardId: ID!) {\n  taskChanged(boardId: $boardId) {\n    event\n    task {\n      title\n    }\n  }\n}';
const hashOf = (document: string) => createHash('sha256').update(document).digest('hex');
const UNKNOWN = hashOf('query NotInTheManifest { __typename }');
const FIRST_PARTY = { 'apollographql-client-name': 'cellgraph-web' };

let dir: string;
let manifest: string;
let cell: TestCell;
let alice: TestUser;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cellgraph-pd-e2e-'));
  manifest = join(dir, 'persisted-documents.json');
  writeFileSync(manifest, JSON.stringify(Object.fromEntries([ME, CREATE_TASK, BOARD_CHANGES].map((document) => [`sha256:${hashOf(document)}`, document]))));
  cell = await startTestCell({ env: { PERSISTED_DOCUMENTS: 'enforce', PERSISTED_DOCUMENTS_PATH: manifest, WEB_DIST_DIR: '' } });
  alice = await cell.signUp('Alice');
});
afterAll(async () => {
  await cell?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** A POST to `url` with `body` as it is (no `query` added), as the app or a third party. */
async function post(url: string, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${alice.token}`, ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as FormattedExecutionResult };
}
const byHash = (hash: string, rest: Record<string, unknown> = {}) => ({ extensions: { persistedQuery: { version: 1, sha256Hash: hash } }, ...rest });
const codeOf = (result: { body: FormattedExecutionResult }) => result.body.errors?.[0]?.extensions?.code;

/** A second gateway over the cell's subgraphs, with its own configuration. */
async function gatewayWith(env: Record<string, string>) {
  const gateway = await createGateway(
    parseGatewayConfig({
      SUPERGRAPH_PATH: new URL('../../schema/cells/all/supergraph.graphql', import.meta.url).pathname,
      SUBGRAPH_URL_TEMPLATE: `${cell.subgraphsUrl}/{name}/graphql`,
      INTERNAL_CONTEXT_SECRET: cell.keys.internalContextSecret,
      REDIS_URL: TEST_REDIS_URL,
      REDIS_KEY_PREFIX: cell.keyPrefix,
      WEB_DIST_DIR: '',
      ...env,
    }),
  );
  const { server, url } = await listen(gateway.app, 0);
  return {
    url: `${url}/graphql`,
    async stop() {
      await closeServer(server);
      await gateway.stop();
    },
  };
}

describe('persisted documents over HTTP (enforce)', () => {
  it('answers a hash in the manifest, in the APQ shape and as a documentId', async () => {
    const apq = await post(cell.gatewayUrl, byHash(`sha256:${hashOf(ME)}`, { operationName: 'Me' }), FIRST_PARTY);
    expect(apq).toEqual({ status: 200, body: { data: { me: { id: alice.userId, email: alice.email } }, extensions: expect.anything() } });
    const bare = await post(cell.gatewayUrl, byHash(hashOf(ME)), FIRST_PARTY);
    expect(bare.body.data).toEqual({ me: { id: alice.userId, email: alice.email } });
    const documentId = await post(cell.gatewayUrl, { documentId: `sha256:${hashOf(ME)}` }, FIRST_PARTY);
    expect(documentId.body.data).toEqual({ me: { id: alice.userId, email: alice.email } });
    // Variables go with the hash; third parties may use the app's hashes too.
    const created = await post(cell.gatewayUrl, byHash(hashOf(CREATE_TASK), { variables: { input: { title: 'By hash' } } }));
    expect(created.body.errors).toBeUndefined();
    expect(created.body.data).toEqual({ taskCreate: { task: { id: expect.any(String) } } });
  });

  it('refuses a hash not in the manifest with 400 PERSISTED_QUERY_NOT_FOUND, for anyone (nothing is registered)', async () => {
    const unknown = await post(cell.gatewayUrl, byHash(UNKNOWN), FIRST_PARTY);
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([
      { message: expect.stringContaining('not in the app’s manifest'), extensions: { code: 'PERSISTED_QUERY_NOT_FOUND', requestId: expect.any(String) } },
    ]);
    // APQ registration (hash and document together) adds nothing: the next hash-only request is still refused.
    await post(cell.gatewayUrl, byHash(UNKNOWN, { query: 'query NotInTheManifest { __typename }' }));
    expect(codeOf(await post(cell.gatewayUrl, byHash(UNKNOWN)))).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('refuses a full document from the first-party app, and answers one from a third party', async () => {
    const firstParty = await post(cell.gatewayUrl, { query: ME }, FIRST_PARTY);
    expect(firstParty.status).toBe(400);
    expect(codeOf(firstParty)).toBe('PERSISTED_DOCUMENT_REQUIRED');
    const thirdParty = await post(cell.gatewayUrl, { query: ME });
    expect(thirdParty.status).toBe(200);
    expect(thirdParty.body.data).toEqual({ me: { id: alice.userId, email: alice.email } });
    // Third parties stay under the cost limits.
    const tooBig = await post(cell.gatewayUrl, { query: '{ tasks(first: 100000) { nodes { id } } }' });
    expect(codeOf(tooBig)).toBe('QUERY_TOO_COMPLEX');
  });
});

describe('persisted documents in other modes', () => {
  it('allow: hashes and full documents, from everyone', async () => {
    const gateway = await gatewayWith({ PERSISTED_DOCUMENTS: 'allow', PERSISTED_DOCUMENTS_PATH: manifest });
    try {
      expect((await post(gateway.url, byHash(hashOf(ME)), FIRST_PARTY)).body.data).toEqual({ me: { id: alice.userId, email: alice.email } });
      expect((await post(gateway.url, { query: ME }, FIRST_PARTY)).body.data).toEqual({ me: { id: alice.userId, email: alice.email } });
      expect((await post(gateway.url, { query: ME })).body.data).toEqual({ me: { id: alice.userId, email: alice.email } });
      expect(codeOf(await post(gateway.url, byHash(UNKNOWN), FIRST_PARTY))).toBe('PERSISTED_QUERY_NOT_FOUND');
    } finally {
      await gateway.stop();
    }
  });

  it('off: refuses hashes, enforces nothing', async () => {
    const gateway = await gatewayWith({ PERSISTED_DOCUMENTS: 'off', PERSISTED_DOCUMENTS_PATH: manifest });
    try {
      const hash = await post(gateway.url, byHash(hashOf(ME)), FIRST_PARTY);
      expect(hash.status).toBe(400);
      expect(codeOf(hash)).toBe('PERSISTED_QUERY_NOT_SUPPORTED');
      expect((await post(gateway.url, { query: ME }, FIRST_PARTY)).body.data).toEqual({ me: { id: alice.userId, email: alice.email } });
    } finally {
      await gateway.stop();
    }
  });

  it('enforce without a manifest does not start', async () => {
    await expect(gatewayWith({ PERSISTED_DOCUMENTS: 'enforce', PERSISTED_DOCUMENTS_PATH: '' })).rejects.toThrow(
      /PERSISTED_DOCUMENTS=enforce needs the app’s manifest/,
    );
  });
});

describe('persisted documents over WebSocket (enforce)', { timeout: 60_000 }, () => {
  let clients: Client[] = [];
  const connect = (clientName?: string) => {
    const client = createClient({
      url: cell.gatewayUrl.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: { Authorization: `Bearer ${alice.token}`, ...(clientName ? { clientName } : {}) },
      retryAttempts: 0,
      lazy: true,
    });
    clients.push(client);
    return client;
  };
  afterEach(async () => {
    for (const client of clients) await client.dispose();
    clients = [];
  });
  /** The first result of a subscription, or the error that ended it. */
  const first = (client: Client, payload: { query: string; variables?: Record<string, unknown>; extensions?: Record<string, unknown> }) =>
    new Promise<FormattedExecutionResult | { error: unknown }>((resolve) => {
      client.subscribe(payload, { next: (result) => resolve(result as FormattedExecutionResult), error: (error) => resolve({ error }), complete: () => {} });
    });

  it('subscribes by hash with an empty query', async () => {
    const board = await post(cell.gatewayUrl, { query: 'mutation { boardCreate(input: { name: "Live", columns: [{ name: "Todo" }] }) { board { id } } }' });
    const boardId = (board.body.data as { boardCreate: { board: { id: string } } }).boardCreate.board.id;
    const client = connect('cellgraph-web');
    const change = first(client, {
      query: '',
      variables: { boardId },
      extensions: { persistedQuery: { version: 1, sha256Hash: `sha256:${hashOf(BOARD_CHANGES)}` } },
    });
    while (cell.gateway.liveStats().subscriptions < 1) await new Promise((resolve) => setTimeout(resolve, 20));
    await post(cell.gatewayUrl, byHash(hashOf(CREATE_TASK), { variables: { input: { title: 'Live by hash', boardId } } }), FIRST_PARTY);
    expect(await change).toEqual({ data: { taskChanged: { event: 'task.created', task: { title: 'Live by hash' } } } });
  });

  it('refuses a full document from the first-party app and an unknown hash, with their codes', async () => {
    const full = await first(connect('cellgraph-web'), { query: BOARD_CHANGES, variables: { boardId: 'x' } });
    expect(full).toEqual({ error: [expect.objectContaining({ extensions: expect.objectContaining({ code: 'PERSISTED_DOCUMENT_REQUIRED' }) })] });
    const unknown = await first(connect('cellgraph-web'), { query: '', extensions: { persistedQuery: { version: 1, sha256Hash: UNKNOWN } } });
    expect(unknown).toEqual({ error: [expect.objectContaining({ extensions: expect.objectContaining({ code: 'PERSISTED_QUERY_NOT_FOUND' }) })] });
    // A third party's connection still sends documents: it gets past the manifest to the schema's validation.
    const thirdParty = await first(connect(), { query: 'subscription { nothing }' });
    expect(thirdParty).toEqual({ error: [expect.objectContaining({ extensions: expect.objectContaining({ code: 'GRAPHQL_VALIDATION_FAILED' }) })] });
  });
});
