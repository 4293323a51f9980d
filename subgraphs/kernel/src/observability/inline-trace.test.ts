import { ApolloServer, HeaderMap } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { Trace } from '@apollo/usage-reporting-protobuf';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestContext } from '../context/request-context.js';
import { INCLUDE_TRACE_HEADER, signedInlineTrace } from './inline-trace.js';

const schema = buildSubgraphSchema({
  typeDefs: parse('extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"]) type Query { hello: String }'),
  resolvers: { Query: { hello: () => 'world' } },
});
const server = new ApolloServer<{ request: RequestContext }>({ schema, plugins: [ApolloServerPluginInlineTraceDisabled(), signedInlineTrace()] });
beforeAll(async () => {
  await server.start();
});
afterAll(async () => {
  await server.stop();
});

const context = (trace?: 'ftv1'): RequestContext => ({ requestId: 'r', principal: { kind: 'anonymous' }, ...(trace ? { trace } : {}) });

async function extensionsOf(request: RequestContext, clientHeader: boolean) {
  const headers = new HeaderMap(clientHeader ? [[INCLUDE_TRACE_HEADER, 'ftv1']] : []);
  const response = await server.executeOperation(
    { query: '{ hello }', http: { method: 'POST', headers, search: '', body: {} } },
    { contextValue: { request } },
  );
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  expect(response.body.singleResult.data).toEqual({ hello: 'world' });
  return response.body.singleResult.extensions;
}

describe('signedInlineTrace', () => {
  it('produces no trace without the signed claim, whatever the headers say', async () => {
    expect((await extensionsOf(context(), false))?.ftv1).toBeUndefined();
    expect((await extensionsOf(context(), true))?.ftv1).toBeUndefined();
  });

  it('produces an ftv1 trace of the resolvers when the signed context asks for it', async () => {
    const ftv1 = (await extensionsOf(context('ftv1'), false))?.ftv1 as string;
    const trace = Trace.decode(Buffer.from(ftv1, 'base64'));
    expect(trace.root?.child?.map((node) => node.responseName)).toEqual(['hello']);
    expect(Number(trace.durationNs)).toBeGreaterThan(0);
  });
});
