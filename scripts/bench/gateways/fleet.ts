/** The four benchmark subgraphs, each in its own process (pinned with the load generator). */
import { join } from 'node:path';
import { NODE_ARGS } from '../../runtime/managed-process.js';
import { answersGraphql, freePort, pinProcess, spawnKept, waitUntilReady, type Spawned } from './processes.js';
import { SUBGRAPH_NAMES, type SubgraphName } from './subgraphs.js';

export interface SubgraphFleet {
  urls: Record<SubgraphName, string>;
  stop(): Promise<void>;
}

export async function startSubgraphs(root: string, core: number | null): Promise<SubgraphFleet> {
  const started: Spawned[] = [];
  const stop = async () => void (await Promise.all(started.map((spawned) => spawned.stop())));
  try {
    const entries = await Promise.all(
      SUBGRAPH_NAMES.map(async (name) => {
        const port = await freePort();
        const url = `http://127.0.0.1:${port}/graphql`;
        const spawned = spawnKept(process.execPath, [...NODE_ARGS, join(root, 'scripts/bench/gateways/subgraph-main.ts')], {
          cwd: root,
          env: { ...process.env, NODE_ENV: 'production', SUBGRAPH: name, PORT: String(port) },
        });
        started.push(spawned);
        await waitUntilReady(spawned, `subgraph ${name}`, () => answersGraphql(url));
        pinProcess(spawned.child.pid!, core);
        return [name, url] as const;
      }),
    );
    return { urls: Object.fromEntries(entries) as Record<SubgraphName, string>, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
