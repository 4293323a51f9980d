import { z } from 'zod';

/**
 * Which subgraphs consume which events: the cell's routing, from code. Each subgraph declares the
 * events it consumes (`consumes` in its definition); the cell's launcher passes them all to every
 * process as CELL_EVENT_CONSUMERS (see `cellEventConsumers`), so the relay of any process fans
 * each event out to every consumer of the cell, whichever processes run them — and the routing
 * survives Redis losing its data. Patterns are event types, `<prefix>.*` or `*`.
 */
export type EventConsumers = Readonly<Record<string, readonly string[]>>;

export function matchesEventPattern(pattern: string, type: string): boolean {
  return pattern === '*' || pattern === type || (pattern.endsWith('.*') && type.startsWith(pattern.slice(0, -1)));
}

/** The consumers interested in `type`. */
export function consumersOf(consumers: EventConsumers, type: string): string[] {
  return Object.entries(consumers)
    .filter(([, patterns]) => patterns.some((pattern) => matchesEventPattern(pattern, type)))
    .map(([name]) => name);
}

/**
 * A consumer's stand-in for the events the cell's subgraphs declare `audited`: the audit log
 * consumes events it cannot name when it is built. `cellEventConsumers` routes to it every
 * pattern of the cell's `audited` lists; its handler under this key gets each of them.
 */
export const AUDITED_EVENTS = '@audited';

/** The routing of a cell's subgraphs (the value of CELL_EVENT_CONSUMERS is its JSON). */
export function cellEventConsumers(definitions: readonly { name: string; consumes?: readonly string[]; audited?: readonly string[] }[]): EventConsumers {
  const audited = [...new Set(definitions.flatMap((definition) => definition.audited ?? []))].sort();
  return Object.fromEntries(
    definitions
      .filter((definition) => definition.consumes?.length)
      .map((definition) => [definition.name, [...new Set(definition.consumes!.flatMap((pattern) => (pattern === AUDITED_EVENTS ? audited : [pattern])))]]),
  );
}

/** The handlers an event worker runs: one under AUDITED_EVENTS takes whatever the cell routed for it. */
export function routedHandlers<T>(handlers: Record<string, T>): Record<string, T> {
  if (!(AUDITED_EVENTS in handlers)) return handlers;
  const { [AUDITED_EVENTS]: audited, ...rest } = handlers;
  return { ...rest, '*': audited! };
}

/** CELL_EVENT_CONSUMERS: `{"<subgraph>": ["<event pattern>", …]}`. */
export const eventConsumersEnv = z
  .string()
  .transform((value, context) => {
    try {
      return z.record(z.string(), z.array(z.string().min(1))).parse(JSON.parse(value)) as EventConsumers;
    } catch {
      context.addIssue({ code: 'custom', message: 'must be JSON: {"<subgraph>": ["<event type or prefix.*>", …]}' });
      return z.NEVER;
    }
  })
  .optional();

/** Checks that a subgraph's handlers are exactly the events it declares it consumes (else the relays would route them wrongly). */
export function assertHandlersDeclared(subgraph: string, declared: readonly string[] | undefined, handlers: readonly string[]): void {
  const missing = handlers.filter((pattern) => !declared?.includes(pattern));
  const extra = (declared ?? []).filter((pattern) => !handlers.includes(pattern));
  if (missing.length || extra.length) {
    throw new Error(
      `${subgraph}: its event handlers and its \`consumes\` must list the same events (handled, not declared: ${missing.join(', ') || 'none'}; declared, not handled: ${extra.join(', ') || 'none'})`,
    );
  }
}
