import { Trace } from '@apollo/usage-reporting-protobuf';
import { closeServer, listen } from '@cellgraph/kernel/core';
import { TEST_REDIS_URL } from '@cellgraph/kernel/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphqlRequest } from '../../scripts/runtime/graphql-client.js';
import { startTestCell, type TestCell, type TestUser } from '../../scripts/testing/cell-harness.js';
import { createGateway, parseGatewayConfig } from '../src/index.js';

const ME = '{ me { email } }';

let cell: TestCell;
let user: TestUser;
beforeAll(async () => {
  cell = await startTestCell({ cell: 'core', env: { TRACE_SUBGRAPHS: 'ftv1', TRACE_SUBGRAPHS_IN_RESPONSE: 'true' } });
  user = await cell.signUp('Tracer');
});
afterAll(async () => {
  await cell?.stop();
});

/** Another gateway in front of the same subgraphs, configured by `env`. */
async function askThrough(env: Record<string, string>) {
  const gateway = await createGateway(
    parseGatewayConfig({
      SUPERGRAPH_PATH: new URL('../../schema/cells/core/supergraph.graphql', import.meta.url).pathname,
      SUBGRAPH_URL_TEMPLATE: `${cell.subgraphsUrl}/{name}/graphql`,
      INTERNAL_CONTEXT_SECRET: cell.keys.internalContextSecret,
      AUTH_PUBLIC_KEYS: JSON.stringify(cell.keys.auth.jwks),
      REDIS_URL: TEST_REDIS_URL,
      // The cell's namespace: its revocations are there.
      REDIS_KEY_PREFIX: cell.keyPrefix,
      ...env,
    }),
  );
  const { server, url } = await listen(gateway.app, 0);
  try {
    return await graphqlRequest(`${url}/graphql`, ME, {}, { token: user.token, headers: { 'apollo-federation-include-trace': 'ftv1' } });
  } finally {
    await closeServer(server);
    await gateway.stop();
  }
}

describe('inline ftv1 traces of subgraphs', () => {
  it('are produced when the gateway asks in the signed context, and handed over when configured', async () => {
    const result = await cell.gql(ME, {}, user.token);
    expect(result.data).toEqual({ me: { email: user.email } });
    const traces = result.extensions!.subgraphTraces as { subgraph: string; ftv1: string }[];
    expect(traces.map((trace) => trace.subgraph)).toEqual(['identity']);
    const trace = Trace.decode(Buffer.from(traces[0]!.ftv1, 'base64'));
    expect(trace.root?.child?.map((node) => node.responseName)).toEqual(['me']);
  });

  it('stay out of the client response unless configured', async () => {
    const result = await askThrough({ TRACE_SUBGRAPHS: 'ftv1' });
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ me: { email: user.email } });
    expect(result.extensions?.subgraphTraces).toBeUndefined();
    expect(result.extensions?.ftv1).toBeUndefined();
  });

  it('are not produced when the gateway does not ask, whatever header the client sends', async () => {
    const result = await askThrough({ TRACE_SUBGRAPHS_IN_RESPONSE: 'true' });
    expect(result.data).toEqual({ me: { email: user.email } });
    expect(result.extensions?.subgraphTraces).toBeUndefined();
  });
});
