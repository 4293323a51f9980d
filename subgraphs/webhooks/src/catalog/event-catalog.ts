import { readFileSync } from 'node:fs';
import { matchesEventPattern } from '@cellgraph/kernel';
import { z } from 'zod';

/*
 * The cell's event catalog: every event type its subgraphs emit, with the module and the JSON
 * Schema of its `data` — written per cell by `npm run compose` (schema/cells/<cell>/events.json,
 * from each subgraph's `emits` contracts) and read once, from WEBHOOK_EVENT_CATALOG_PATH.
 */

const entry = z.object({
  type: z.string().min(1),
  module: z.string().min(1),
  description: z.string().nullable(),
  schema: z.record(z.string(), z.unknown()),
});
const catalogFile = z.object({ cell: z.string(), events: z.array(entry) });

export type EventCatalogEntry = z.output<typeof entry>;

/** The one event webhooks add themselves: a test delivery (`webhookEndpointPing`). */
export const PING_EVENT = 'ping';

export class EventCatalog {
  private readonly byType: ReadonlyMap<string, EventCatalogEntry>;

  constructor(readonly entries: readonly EventCatalogEntry[]) {
    this.byType = new Map(entries.map((event) => [event.type, event]));
  }

  /** Reads and checks the catalog file; a missing or malformed file stops the start with a clear message. */
  static load(path: string): EventCatalog {
    let raw: string;
    try {
      raw = readFileSync(path, 'utf8');
    } catch (error) {
      throw new Error(
        `Invalid webhooks configuration:\n  - WEBHOOK_EVENT_CATALOG_PATH: cannot read ${path} (${(error as Error).message}); run npm run compose`,
        { cause: error },
      );
    }
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (error) {
      throw new Error(`Invalid webhooks configuration:\n  - WEBHOOK_EVENT_CATALOG_PATH: ${path} is not JSON`, { cause: error });
    }
    const parsed = catalogFile.safeParse(json);
    if (!parsed.success) {
      throw new Error(`Invalid webhooks configuration:\n  - WEBHOOK_EVENT_CATALOG_PATH: ${path} is not an event catalog (${parsed.error.issues[0]?.message})`);
    }
    return new EventCatalog(parsed.data.events);
  }

  /**
   * Whether a subscription pattern names something of the catalog: an event type, `<prefix>.*`
   * matching at least one type, or `*` (every event).
   */
  isKnownPattern(pattern: string): boolean {
    if (pattern === '*') return true;
    if (pattern.endsWith('.*')) return pattern.length > 2 && this.entries.some((event) => matchesEventPattern(pattern, event.type));
    return this.byType.has(pattern);
  }
}

/** Whether any of an endpoint's patterns matches `type`. */
export const subscribedTo = (patterns: readonly string[], type: string): boolean => patterns.some((pattern) => matchesEventPattern(pattern, type));
