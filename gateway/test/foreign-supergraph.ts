import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { closeServer, listen } from '@cellgraph/kernel/core';
import { TEST_REDIS_URL } from '@cellgraph/kernel/testing';
import { graphql, parse } from 'graphql';
import { graphqlRequest, type GraphQLResponse } from '../../scripts/runtime/graphql-client.js';
import { generateCellKeys, keysEnv } from '../../scripts/runtime/keys.js';
import { createGateway, parseGatewayConfig } from '../src/index.js';

/** A plain federated subgraph (no Cellgraph kernel): what a foreign supergraph is made of. */
export interface PlainSubgraph {
  name: string;
  typeDefs: string;
  /** Resolvers by type and field, `__resolveReference` included. */
  resolvers?: Record<string, Record<string, unknown>>;
}

export interface ForeignGateway {
  /** Sends a query to the gateway's /graphql. */
  query(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse>;
  /** Every operation each subgraph received, in order. */
  received: Map<string, { query: string; variables: Record<string, unknown> }[]>;
  stop(): Promise<void>;
}

const readBody = async (request: IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as { query: string; variables?: Record<string, unknown> };
};

/** Composes `subgraphs` with @apollo/composition (as The Guild's federation audit does); fails on a composition error. */
export function composeSupergraph(subgraphs: readonly PlainSubgraph[]): string {
  const result = composeServices(subgraphs.map(({ name, typeDefs }) => ({ name, url: '', typeDefs: parse(typeDefs) })));
  if (result.errors) throw new Error(`does not compose:\n${result.errors.map((e) => e.message).join('\n')}`);
  return result.supergraphSdl;
}

/**
 * Our gateway in front of a supergraph it did not compose (a Guild federation-audit case): plain
 * subgraphs served over HTTP at `/<name>/graphql`, the supergraph written to a file of its own.
 */
export async function startForeignGateway(subgraphs: readonly PlainSubgraph[], env: Record<string, string> = {}): Promise<ForeignGateway> {
  const dir = mkdtempSync(join(tmpdir(), 'cellgraph-foreign-'));
  const supergraphPath = join(dir, 'supergraph.graphql');
  writeFileSync(supergraphPath, composeSupergraph(subgraphs));

  const schemas = new Map(
    subgraphs.map(({ name, typeDefs, resolvers }) => [name, buildSubgraphSchema({ typeDefs: parse(typeDefs), resolvers: resolvers as never })]),
  );
  const received: ForeignGateway['received'] = new Map(subgraphs.map(({ name }) => [name, []]));
  const host = (request: IncomingMessage, response: ServerResponse) => {
    const name = /^\/([^/]+)\/graphql$/.exec(request.url ?? '')?.[1];
    const schema = name && schemas.get(name);
    if (!schema) {
      response.writeHead(404).end();
      return;
    }
    void readBody(request).then(async ({ query, variables = {} }) => {
      received.get(name)!.push({ query, variables });
      const result = await graphql({ schema, source: query, variableValues: variables, contextValue: {} });
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result));
    });
  };
  const subgraphHost = await listen(host as never, 0);

  const keys = await generateCellKeys();
  const config = parseGatewayConfig({
    SUPERGRAPH_PATH: supergraphPath,
    SUBGRAPH_URL_TEMPLATE: `${subgraphHost.url}/{name}/graphql`,
    ...keysEnv(keys),
    AUTH_PUBLIC_KEYS: JSON.stringify(keys.auth.jwks),
    REDIS_URL: TEST_REDIS_URL,
    REDIS_KEY_PREFIX: `cellgraph-test:foreign:${randomUUID()}`,
    ...env,
  });
  const gateway = await createGateway(config);
  const { server, url } = await listen(gateway.app, 0);
  return {
    query: (query, variables = {}) => graphqlRequest(`${url}/graphql`, query, variables),
    received,
    stop: async () => {
      await closeServer(server);
      await gateway.stop();
      await closeServer(subgraphHost.server);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
