import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GraphClient, type RequestContext } from '@cellgraph/kernel';
import { afterAll, describe, expect, it } from 'vitest';
import { ImportGraph } from './import-graph.js';

const request = { requestId: 'r1', delegation: 'a-delegation', principal: { kind: 'user' } } as unknown as RequestContext;
const servers: Server[] = [];

/** A gateway stand-in answering every request with `status`; its URL. */
async function answering(status: number): Promise<string> {
  const server = createServer((_request, response) => response.writeHead(status).end());
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterAll(() => Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve)))));

describe('ImportGraph.delegateToJob', () => {
  it('answers SERVICE_UNAVAILABLE (with retryAfter) when the gateway does not answer or fails', async () => {
    const gone = await answering(200);
    await new Promise((resolve) => servers.pop()!.close(resolve));
    for (const url of [gone, await answering(503)]) {
      await expect(new ImportGraph(new GraphClient(url)).delegateToJob(request)).rejects.toMatchObject({
        extensions: { code: 'SERVICE_UNAVAILABLE', retryAfter: 5 },
      });
    }
  });

  it('answers UNAUTHENTICATED when the gateway refuses the delegation', async () => {
    await expect(new ImportGraph(new GraphClient(await answering(401))).delegateToJob(request)).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
    });
  });
});
