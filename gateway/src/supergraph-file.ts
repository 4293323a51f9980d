import { watch, type FSWatcher } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import type { SupergraphManager } from '@apollo/gateway';
import type { Logger } from '@cellgraph/kernel/core';

const JOIN_GRAPH = /@join__graph\(name: "([^"]+)", url: "[^"]*"\)/g;

/** Names of the subgraphs a supergraph joins. */
export function subgraphNames(supergraphSdl: string): string[] {
  return [...supergraphSdl.matchAll(JOIN_GRAPH)].map((match) => match[1]!);
}

/**
 * The committed supergraph leaves subgraph URLs empty (where subgraphs run is deployment
 * configuration); the gateway fills them in when it loads the file.
 */
export function withSubgraphUrls(supergraphSdl: string, urlOf: (name: string) => string): string {
  return supergraphSdl.replace(JOIN_GRAPH, (_match, name: string) => `@join__graph(name: "${name}", url: ${JSON.stringify(urlOf(name))})`);
}

/**
 * Serves the cell's composed supergraph from a file and hot-reloads it when the file changes
 * (composition happens at build time; a new deployment or `npm run compose` rewrites the file).
 * A file that does not load leaves the current schema in place.
 */
export class SupergraphFile implements SupergraphManager {
  private watcher: FSWatcher | undefined;
  /** The supergraph being served (without URLs). */
  current = '';
  private reloading: Promise<void> = Promise.resolve();
  /** Subgraphs of the schema being served. */
  names: string[] = [];

  constructor(
    private readonly path: string,
    private readonly urlOf: (name: string) => string,
    private readonly logger: Logger,
  ) {}

  async initialize({ update }: { update: (sdl: string) => void }) {
    this.current = await readFile(this.path, 'utf8');
    this.names = subgraphNames(this.current);
    // Editors and deploys often replace the file, so watch its directory.
    this.watcher = watch(dirname(this.path), (_event, file) => {
      if (file === null || file === basename(this.path)) this.reloading = this.reloading.then(() => this.reload(update));
    });
    return {
      supergraphSdl: withSubgraphUrls(this.current, this.urlOf),
      cleanup: async () => {
        this.watcher?.close();
      },
    };
  }

  private async reload(update: (sdl: string) => void): Promise<void> {
    let sdl: string;
    try {
      sdl = await readFile(this.path, 'utf8');
    } catch {
      return; // mid-replacement; the next event brings the new file
    }
    if (sdl === this.current || sdl.trim() === '') return;
    try {
      update(withSubgraphUrls(sdl, this.urlOf));
      this.current = sdl;
      this.names = subgraphNames(sdl);
      this.logger.info({ subgraphs: this.names }, 'supergraph reloaded');
    } catch (error) {
      this.logger.error({ err: error }, 'new supergraph rejected; keeping the current one');
    }
  }
}
