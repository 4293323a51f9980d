import { UnrecoverableError } from 'bullmq';
import type { z } from 'zod';
import type { EventHandler } from '../jobs/workers.js';
import type { DomainEvent, PublishedEvent } from './outbox.js';

/*
 * Contracts between modules: each module's `contracts` entry (`@cellgraph/<module>/contracts`)
 * names the events it emits with a zod schema of their `data`, and the payloads of the jobs it
 * accepts. Producers are checked against their own contracts when they emit (outside
 * production); consumers parse what they receive with the producer's contracts.
 */

/** A module's events: type → schema of the event's `data`. */
export type EventContracts = Readonly<Record<string, z.ZodType>>;

/** An event as a consumer receives it, with `data` parsed by its contract. */
export type TypedEvent<TData> = Omit<PublishedEvent, 'data'> & { data: TData };

/** The event of `type` in `contracts`, as its consumers receive it. */
export type EventOf<C extends EventContracts, T extends keyof C> = TypedEvent<z.output<C[T]>>;

/** Handlers by event type, each given its event typed by the contract. */
export type TypedEventHandlers<C extends EventContracts> = { [T in keyof C & string]?: (event: EventOf<C, T>) => Promise<void> };

/**
 * An event or job whose payload breaks its contract: running it again cannot succeed, so BullMQ
 * fails it at once (UnrecoverableError) and it waits in the dead-letter list (`npm run jobs`)
 * with this message as its reason, to be retried once its producer or consumer is fixed.
 */
export class MalformedPayloadError extends UnrecoverableError {
  constructor(what: string, issues: readonly z.core.$ZodIssue[]) {
    super(`Malformed ${what}: ${describeIssues(issues)}`);
    this.name = 'MalformedPayloadError';
  }
}

const describeIssues = (issues: readonly z.core.$ZodIssue[]) =>
  issues.map((issue) => `${['data', ...issue.path.map(String)].join('.')}: ${issue.message}`).join('; ');

/** An event emitted against the producing module's own contracts (a programming error). */
export class EventContractError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EventContractError';
  }
}

/** Checks an event a module is about to emit: its type must have a contract and its data match it. */
export function checkEmittedEvent(module: string, contracts: EventContracts, event: DomainEvent): void {
  const contract = contracts[event.type];
  if (!contract) throw new EventContractError(`${module} emitted ${event.type}, which its contracts (@cellgraph/${module}/contracts) do not declare`);
  // What consumers will receive: the data as stored (JSON: dates become strings, undefined disappears).
  const parsed = contract.safeParse(JSON.parse(JSON.stringify(event.data ?? {})));
  if (!parsed.success) throw new EventContractError(`${module} emitted ${event.type} against its contract: ${describeIssues(parsed.error.issues)}`);
}

/** Parses a received event's `data` with its contract; a malformed event fails for good (MalformedPayloadError). */
export function parseEvent<C extends EventContracts, T extends keyof C & string>(contracts: C, type: T, event: PublishedEvent): EventOf<C, T> {
  const parsed = contracts[type]!.safeParse(event.data ?? {});
  if (!parsed.success) throw new MalformedPayloadError(`${event.type} event ${event.id}`, parsed.error.issues);
  return { ...event, data: parsed.data as z.output<C[T]> };
}

/**
 * Event handlers for `eventHandlers`, typed by the producer's contracts: each parses the event's
 * data first, so a handler only sees well-formed events.
 */
export function typedEventHandlers<C extends EventContracts>(contracts: C, handlers: TypedEventHandlers<C>): Record<string, EventHandler> {
  return Object.fromEntries(
    Object.entries(handlers).map(([type, handle]): [string, EventHandler] => {
      if (!contracts[type]) throw new EventContractError(`No contract for the consumed event ${type}`);
      return [type, (event) => (handle as (event: EventOf<C, string>) => Promise<void>)(parseEvent(contracts, type, event))];
    }),
  );
}

/** A job handler that parses its payload with `schema` first (a malformed payload fails for good). */
export function typedJob<S extends z.ZodType>(name: string, schema: S, handle: (data: z.output<S>) => Promise<void>): (data: unknown) => Promise<void> {
  return (data) => {
    const parsed = schema.safeParse(data);
    if (!parsed.success) return Promise.reject(new MalformedPayloadError(`${name} job`, parsed.error.issues));
    return handle(parsed.data);
  };
}

/** Whether emitted events are checked against their contracts: in development and tests, never in production. */
export const checksEmittedEvents = (env: NodeJS.ProcessEnv = process.env) => env.NODE_ENV === 'development' || env.NODE_ENV === 'test';

/** The deletions and purges among a module's events (`<x>.deleted`, `<x>.purged`): what it declares `audited` at least. */
export function deletionEvents(contracts: EventContracts): string[] {
  return Object.keys(contracts).filter((type) => type.endsWith('.deleted') || type.endsWith('.purged'));
}
