import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeServer, listen } from '@cellgraph/kernel/core';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  documentIdOf,
  PersistedDocuments,
  persistedDocumentsMiddleware,
  readManifest,
  subscribeDocument,
  type PersistedDocumentsMode,
} from './persisted-documents.js';

const ME = 'query Me { me { id } }';
const hashOf = (text: string) => createHash('sha256').update(text).digest('hex');
const ME_HASH = hashOf(ME);
const UNKNOWN = hashOf('query Other { __typename }');
const apq = (hash: string) => ({ persistedQuery: { version: 1, sha256Hash: hash } });
const documents = (mode: PersistedDocumentsMode) => new PersistedDocuments(mode, new Map([[ME_HASH, ME]]));

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cellgraph-pd-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const manifestFile = (content: unknown) => {
  const path = join(dir, `${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
};

describe('the manifest', () => {
  it('reads bare and sha256:-prefixed keys (client-preset writes the prefix) and checks each against its document', () => {
    const sub = 'subscription S { taskChanged(id: "1") { event } }';
    expect(readManifest(manifestFile({ [ME_HASH]: ME, [`sha256:${hashOf(sub)}`]: sub }))).toEqual(
      new Map([
        [ME_HASH, ME],
        [hashOf(sub), sub],
      ]),
    );
    expect(() => readManifest(manifestFile({ [UNKNOWN]: ME }))).toThrow(/is not the sha256 of its document/);
    expect(() => readManifest(manifestFile({ 'not-a-hash': ME }))).toThrow(/not "<sha256 hex>"/);
    expect(() => readManifest(manifestFile('[1]'))).toThrow(/must be a JSON object/);
    expect(() => readManifest(manifestFile('{'))).toThrow(/Cannot read/);
    expect(() => readManifest(join(dir, 'missing.json'))).toThrow(/Cannot read/);
  });

  it('refuses enforce mode without a manifest; allow and off start without one', () => {
    expect(() => PersistedDocuments.load('enforce', null)).toThrow(/PERSISTED_DOCUMENTS=enforce needs the app’s manifest/);
    expect(PersistedDocuments.load('allow', null).size).toBe(0);
    expect(PersistedDocuments.load('off', join(dir, 'missing.json')).size).toBe(0);
    expect(PersistedDocuments.load('enforce', manifestFile({ [ME_HASH]: ME })).size).toBe(1);
  });
});

describe('what a request names', () => {
  it('reads Apollo’s APQ extension and the GraphQL-over-HTTP documentId', () => {
    expect(documentIdOf(apq(ME_HASH), undefined)).toEqual({ hash: ME_HASH });
    expect(documentIdOf(apq(`sha256:${ME_HASH.toUpperCase()}`), undefined)).toEqual({ hash: ME_HASH });
    expect(documentIdOf(undefined, `sha256:${ME_HASH}`)).toEqual({ hash: ME_HASH });
    expect(documentIdOf({ other: 1 }, undefined)).toBeNull();
    expect(documentIdOf({ persistedQuery: { version: 2, sha256Hash: ME_HASH } }, undefined)).toHaveProperty('malformed');
    expect(documentIdOf(apq('abc'), undefined)).toHaveProperty('malformed');
    expect(documentIdOf(undefined, ME_HASH)).toHaveProperty('malformed'); // documentId needs its sha256: prefix
  });
});

describe('decide', () => {
  const hash = { hash: ME_HASH };
  const unknown = { hash: UNKNOWN };
  it('answers a known hash with its document in enforce and allow, for anyone', () => {
    for (const mode of ['enforce', 'allow'] as const)
      for (const firstParty of [true, false])
        expect(documents(mode).decide({ query: undefined, id: hash, firstParty })).toEqual({ kind: 'document', query: ME });
  });

  it('refuses an unknown hash with PERSISTED_QUERY_NOT_FOUND unless a full document the caller may send comes with it', () => {
    expect(documents('allow').decide({ query: undefined, id: unknown, firstParty: true })).toMatchObject({
      kind: 'refuse',
      code: 'PERSISTED_QUERY_NOT_FOUND',
      message: expect.stringContaining('not in the app’s manifest'),
    });
    expect(documents('allow').decide({ query: '{ __typename }', id: unknown, firstParty: true })).toEqual({ kind: 'document', query: '{ __typename }' });
    expect(documents('enforce').decide({ query: '{ __typename }', id: unknown, firstParty: false })).toEqual({ kind: 'document', query: '{ __typename }' });
    expect(documents('enforce').decide({ query: '{ __typename }', id: unknown, firstParty: true })).toMatchObject({ code: 'PERSISTED_QUERY_NOT_FOUND' });
  });

  it('enforce: refuses a full document from the first-party app, not from third parties', () => {
    expect(documents('enforce').decide({ query: ME, id: null, firstParty: true })).toMatchObject({ kind: 'refuse', code: 'PERSISTED_DOCUMENT_REQUIRED' });
    expect(documents('enforce').decide({ query: ME, id: null, firstParty: false })).toEqual({ kind: 'pass' });
    expect(documents('allow').decide({ query: ME, id: null, firstParty: true })).toEqual({ kind: 'pass' });
  });

  it('off: refuses every hash, enforces nothing', () => {
    expect(documents('off').decide({ query: undefined, id: hash, firstParty: true })).toMatchObject({ kind: 'refuse', code: 'PERSISTED_QUERY_NOT_SUPPORTED' });
    expect(documents('off').decide({ query: ME, id: null, firstParty: true })).toEqual({ kind: 'pass' });
  });

  it('resolves a graphql-ws subscribe payload sent with an empty query', () => {
    expect(subscribeDocument(documents('enforce'), { query: '', extensions: apq(ME_HASH) }, true)).toEqual({ query: ME });
    expect(subscribeDocument(documents('enforce'), { query: ME }, true)).toMatchObject({ code: 'PERSISTED_DOCUMENT_REQUIRED' });
    expect(subscribeDocument(documents('enforce'), { query: ME }, false)).toEqual({ query: ME });
    expect(subscribeDocument(documents('allow'), { query: '', extensions: apq(UNKNOWN) }, false)).toMatchObject({ code: 'PERSISTED_QUERY_NOT_FOUND' });
  });
});

describe('the middleware', () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    const app = express();
    app.use('/graphql', express.json(), persistedDocumentsMiddleware(documents('enforce')), (req, res) => {
      res.json({ body: req.method === 'POST' ? req.body : null, params: Object.fromEntries(new URL(req.url, 'http://x').searchParams) });
    });
    ({ server, url } = await listen(app, 0));
  });
  afterAll(async () => closeServer(server));

  const post = async (body: unknown, firstParty = true) => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(firstParty ? { 'apollographql-client-name': 'cellgraph-web' } : {}) },
      body: JSON.stringify(body),
    });
    return { status: response.status, json: (await response.json()) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any -- test reads JSON
  };

  it('puts the document in the body and takes the hash out (Apollo’s own APQ stays off)', async () => {
    const answer = await post({ extensions: { ...apq(ME_HASH), traced: true }, variables: { a: 1 }, operationName: 'Me' });
    expect(answer).toEqual({ status: 200, json: { body: { query: ME, extensions: { traced: true }, variables: { a: 1 }, operationName: 'Me' }, params: {} } });
    expect((await post({ documentId: `sha256:${ME_HASH}` })).json.body).toEqual({ query: ME });
  });

  it('answers refusals with 400 and the code', async () => {
    const unknown = await post({ extensions: apq(UNKNOWN) });
    expect(unknown.status).toBe(400);
    expect(unknown.json.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const full = await post({ query: ME });
    expect(full.status).toBe(400);
    expect(full.json.errors[0].extensions.code).toBe('PERSISTED_DOCUMENT_REQUIRED');
    expect(await post({ query: ME }, false)).toEqual({ status: 200, json: { body: { query: ME }, params: {} } });
  });

  it('rewrites GET parameters', async () => {
    const extensions = encodeURIComponent(JSON.stringify(apq(ME_HASH)));
    const response = await fetch(`${url}/graphql?operationName=Me&extensions=${extensions}`, { headers: { 'apollographql-client-name': 'cellgraph-web' } });
    expect(await response.json()).toEqual({ body: null, params: { operationName: 'Me', query: ME } });
    const refused = await fetch(`${url}/graphql?query=${encodeURIComponent(ME)}`, { headers: { 'apollographql-client-name': 'cellgraph-web' } });
    expect(refused.status).toBe(400);
  });
});
