import type { Server as HttpServer, IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { randomUUID } from 'node:crypto';
import { malformedScalarInputs, principalOrgId, type Logger, type Principal } from '@cellgraph/kernel/core';
import { CloseCode, makeServer, type Context } from 'graphql-ws';
import { GraphQLError, getVariableValues, Kind, parse, specifiedRules, validate, type DocumentNode, type ExecutionResult, type ValidationRule } from 'graphql';
import { WebSocketServer, type WebSocket } from 'ws';
import { requestedNodes, tooManyNodes } from '../cost.js';
import { FIRST_PARTY_CLIENT, subscribeDocument, type PersistedDocuments } from '../persisted-documents.js';
import { groupingKey } from './grouping-key.js';
import type { LiveEventHub } from './live-event-hub.js';
import { revalidation } from './revalidation.js';
import type { PlannedSubscription, SubscriptionEngine } from './subscription-engine.js';
import { SubscriptionFanout } from './subscription-fanout.js';

export interface SubscriptionServerOptions {
  path: string;
  engine: SubscriptionEngine;
  hub: LiveEventHub;
  /** The client's address of an upgrade request (through trusted proxies only). */
  clientAddress: (request: IncomingMessage) => string;
  /** Authenticates the connection_init's Authorization value (throws when invalid); also used to check it again. */
  authenticate: (authorization: string, requestId: string, clientAddress: string) => Promise<Principal>;
  /** Admits a new connection of an authenticated principal (throws to refuse: rate limits). */
  admit: (principal: Principal, clientAddress: string) => Promise<void>;
  validationRules: readonly ValidationRule[];
  /** Objects one subscription payload may ask for (see cost.ts). */
  maxQueryNodes: number;
  /** Objects assumed for a list its arguments do not bound (see cost.ts). */
  assumedListSize: number;
  maxTokens: number;
  maxPayloadBytes: number;
  /** Serialized size of one payload sent (RESPONSE_TOO_LARGE beyond). */
  maxResponseBytes: number;
  maxSubscriptionsPerConnection: number;
  /** Payloads queued for one subscriber; beyond, they are dropped and counted (EVENTS_DROPPED). */
  maxPendingEvents: number;
  /** Live events queued per organization before they are resolved; beyond, dropped (EVENTS_DROPPED). */
  maxQueuedLiveEvents: number;
  /** How often a connection's credentials are checked again (expiry, sign-out, revoked key). */
  revalidateMs: number;
  /** How long one check may take; a check that takes longer decides nothing. */
  revalidateTimeoutMs: number;
  /** The first-party app's documents: subscribe messages may name one by hash (see persisted-documents.ts). */
  persistedDocuments?: PersistedDocuments;
  /** Public error formatting (the same masking as queries). */
  formatError: (error: GraphQLError, requestId: string) => GraphQLError;
  logger: Logger;
}

interface Connection {
  id: string;
  socket: WebSocket;
  clientAddress: string;
  authorization: string | null;
  principal: Principal | null;
  /** connection_init said `clientName: 'cellgraph-web'` (held to the manifest in enforce mode). */
  firstParty: boolean;
  revalidate?: NodeJS.Timeout;
  /** Slots taken by admitted subscriptions, listening or about to (the per-connection limit). */
  slots: number;
  /** Subscriptions listening to live events (stats). */
  subscriptions: number;
  /** A pre-serialized payload between its message's serialization and its send (see onNext). */
  payloadJson?: string;
}

/** What onSubscribe hands the subscription it admitted, with the slot it reserved. */
interface LiveInput {
  planned: PlannedSubscription;
  principal: Principal;
  orgId: string;
  requestId: string;
  connection: Connection;
  /** Gives the connection's subscription slot back; idempotent. */
  release: () => void;
  /** The document as sent, and the operation chosen (part of the grouping key). */
  query: string;
  operationName: string | null;
}

/** Takes one of the connection's subscription slots; the returned function gives it back once. */
function reserveSlot(connection: Connection): () => void {
  connection.slots += 1;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    connection.slots -= 1;
  };
}

type SocketContext = Context<Record<string, unknown> | undefined, { connection: Connection }>;

/** WebSocket close code 1012 (Service Restart), sent to every connection when the gateway stops. */
export const SERVICE_RESTART = 1012;

const coded = (code: string, message: string) => new GraphQLError(message, { extensions: { code } });

/**
 * GraphQL over WebSocket (graphql-transport-ws) on the gateway's /graphql: the connection
 * authenticates in `connection_init` (`{ "Authorization": "Bearer <access token | API key>" }`;
 * missing → close 4401, refused → close 4403, and 4403 later when the credentials expire or are
 * revoked); every subscription is parsed and validated with the same limits as queries, planned
 * over the supergraph, and fed its organization's live events. `close` ends every connection with
 * 1012 (Service Restart) so clients reconnect, to another replica.
 */
export function attachSubscriptions(
  server: HttpServer,
  options: SubscriptionServerOptions,
): { close(): Promise<void>; stats(): { connections: number; subscriptions: number; groups: number } } {
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayloadBytes });
  const connections = new Set<Connection>();
  const { logger } = options;
  const fanout = new SubscriptionFanout({
    hub: options.hub,
    engine: options.engine,
    maxPendingEvents: options.maxQueuedLiveEvents,
    maxResponseBytes: options.maxResponseBytes,
    formatError: options.formatError,
    logger,
  });

  const graphqlWs = makeServer<Record<string, unknown> | undefined, { connection: Connection }>({
    connectionInitWaitTimeout: 10_000,
    // A group's payload, serialized once, goes out as it is (see preSerialized and the socket's send).
    onNext: (ctx: SocketContext, _id, _payload, _args, result) => {
      const json = (result as Partial<PreSerialized>)[PAYLOAD_JSON];
      if (json === undefined) return undefined;
      return { toJSON: () => ((ctx.extra.connection.payloadJson = json), PAYLOAD_PLACEHOLDER) } as unknown as ExecutionResult;
    },
    onConnect: async (ctx: SocketContext) => {
      const connection = ctx.extra.connection;
      const authorization = authorizationOf(ctx.connectionParams);
      if (!authorization) {
        connection.socket.close(CloseCode.Unauthorized, 'Unauthorized: send connection_init with {"Authorization": "Bearer <token>"}');
        return false;
      }
      try {
        const principal = await options.authenticate(authorization, connection.id, connection.clientAddress);
        await options.admit(principal, connection.clientAddress);
        connection.principal = principal;
      } catch (error) {
        logger.info({ connectionId: connection.id, reason: (error as Error).message }, 'subscription connection refused');
        return false; // 4403 Forbidden
      }
      connection.authorization = authorization;
      connection.firstParty = ctx.connectionParams?.clientName === FIRST_PARTY_CLIENT;
      connection.revalidate = setInterval(() => void revalidate(connection), options.revalidateMs);
      return true;
    },
    onSubscribe: (ctx: SocketContext, id, payload) => {
      const connection = ctx.extra.connection;
      const requestId = `${connection.id}:${id}`;
      const refuse = (error: GraphQLError) => [options.formatError(error, requestId)];
      const schema = options.engine.schema();
      if (!schema) return refuse(coded('SERVICE_UNAVAILABLE', 'The schema is not loaded yet'));
      if (connection.slots >= options.maxSubscriptionsPerConnection) {
        return refuse(coded('TOO_MANY_SUBSCRIPTIONS', `At most ${options.maxSubscriptionsPerConnection} subscriptions per connection`));
      }
      let query = payload.query;
      if (options.persistedDocuments) {
        const resolved = subscribeDocument(options.persistedDocuments, payload, connection.firstParty);
        if ('code' in resolved) return refuse(coded(resolved.code, resolved.message));
        query = resolved.query;
      }
      let document: DocumentNode;
      try {
        document = parse(query, { maxTokens: options.maxTokens });
      } catch (error) {
        return refuse(coded('GRAPHQL_PARSE_FAILED', (error as Error).message));
      }
      const errors = validate(schema, document, [...specifiedRules, ...options.validationRules]);
      if (errors.length)
        return errors.map((error) =>
          options.formatError(new GraphQLError(error.message, { nodes: error.nodes, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }), requestId),
        );
      const operation = document.definitions.find(
        (d) => d.kind === Kind.OPERATION_DEFINITION && (!payload.operationName || d.name?.value === payload.operationName),
      );
      if (operation?.kind !== Kind.OPERATION_DEFINITION || operation.operation !== 'subscription') {
        return refuse(coded('OPERATION_NOT_SUPPORTED', 'Only subscriptions are served over WebSocket; send queries and mutations with POST'));
      }
      const variables = getVariableValues(schema, operation.variableDefinitions ?? [], payload.variables ?? {});
      if (variables.errors)
        return variables.errors.map((error) =>
          options.formatError(new GraphQLError(error.message, { nodes: error.nodes, extensions: { code: 'BAD_USER_INPUT' } }), requestId),
        );
      const malformed = malformedScalarInputs(schema, document, operation, payload.variables ?? {});
      if (malformed.length) return malformed.map((error) => options.formatError(error, requestId));
      const requested = requestedNodes(schema, document, operation, variables.coerced, { assumedListSize: options.assumedListSize });
      if (requested > options.maxQueryNodes) return refuse(tooManyNodes(requested, options.maxQueryNodes));
      const principal = connection.principal!;
      const orgId = principalOrgId(principal);
      if (!orgId) return refuse(coded('FORBIDDEN', 'Select an organization first'));
      let planned: PlannedSubscription;
      try {
        planned = options.engine.plan(document, payload.operationName ?? undefined);
      } catch (error) {
        return refuse(error instanceof GraphQLError ? error : coded('GRAPHQL_VALIDATION_FAILED', (error as Error).message));
      }
      // The slot is taken here, before anything awaits, so a burst of subscribe messages cannot
      // all pass the check above; the stream gives it back when it ends (or fails to start).
      const release = reserveSlot(connection);
      return {
        schema,
        document,
        operationName: payload.operationName,
        variableValues: payload.variables ?? {},
        contextValue: {
          planned,
          principal,
          orgId,
          requestId,
          connection,
          release,
          query,
          operationName: payload.operationName ?? null,
        } satisfies LiveInput,
      };
    },
    subscribe: async (args) => {
      const input = args.contextValue as LiveInput;
      try {
        return await liveStream({ ...input, variables: (args.variableValues ?? {}) as Record<string, unknown> });
      } catch (error) {
        input.release();
        throw error;
      }
    },
    execute: () => ({ errors: [coded('OPERATION_NOT_SUPPORTED', 'Only subscriptions are served over WebSocket')] }),
  });

  /**
   * The payloads of one subscription: it joins its group (see SubscriptionFanout), whose payloads
   * arrive serialized and wait in this subscriber's queue, bounded by maxPendingEvents. A
   * subscriber too slow to keep up loses the payloads that do not fit and is told so with one
   * EVENTS_DROPPED error (`extensions.dropped`: how many) before its next payload; its
   * subscription goes on.
   */
  async function liveStream(input: LiveInput & { variables: Record<string, unknown> }): Promise<AsyncGenerator<ExecutionResult>> {
    const { planned, principal, orgId, requestId, connection, release, variables, query, operationName } = input;
    const queue: string[] = [];
    let dropped = 0;
    let done = false;
    let wake: (() => void) | null = null;
    const leave = await fanout.join(
      { key: groupingKey(query, operationName, variables, principal), orgId, planned, principal, variables },
      {
        deliver: (payloadJson) => {
          if (done) return;
          if (queue.length >= options.maxPendingEvents) dropped += 1;
          else queue.push(payloadJson);
          wake?.();
        },
        dropped: (count) => {
          if (done) return;
          dropped += count;
          wake?.();
        },
      },
    );
    connection.subscriptions += 1;
    let finished: Promise<void> | null = null;
    const finish = () =>
      (finished ??= (async () => {
        done = true;
        queue.length = 0;
        connection.subscriptions -= 1;
        release();
        wake?.();
        await leave();
      })());

    const next = async (): Promise<IteratorResult<ExecutionResult>> => {
      for (;;) {
        if (done) return { done: true, value: undefined };
        if (dropped > 0) {
          const count = dropped;
          dropped = 0;
          const error = new GraphQLError(`${count} events were dropped: they arrived faster than they could be sent`, {
            extensions: { code: 'EVENTS_DROPPED', dropped: count },
          });
          return { done: false, value: { errors: [options.formatError(error, requestId)] } };
        }
        const payloadJson = queue.shift();
        if (payloadJson === undefined) {
          await new Promise<void>((resolve) => (wake = resolve));
          wake = null;
          continue;
        }
        return { done: false, value: preSerialized(payloadJson) };
      }
    };
    const iterator: AsyncGenerator<ExecutionResult> = {
      next,
      return: async () => {
        await finish();
        return { done: true, value: undefined };
      },
      throw: async (error: unknown) => {
        await finish();
        throw error;
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
    return iterator;
  }

  async function revalidate(connection: Connection): Promise<void> {
    const verdict = await revalidation(
      () => options.authenticate(connection.authorization!, connection.id, connection.clientAddress),
      options.revalidateTimeoutMs,
    );
    if (verdict.kind === 'revoked') {
      connection.socket.close(CloseCode.Forbidden, 'Forbidden: the credentials expired or were revoked');
      return;
    }
    // Undecided (identity or Redis unavailable, slow, rate limited): keep the connection and check
    // again at the next interval.
    if (verdict.kind === 'undecided') {
      options.logger.warn({ reason: verdict.reason, connectionId: connection.id }, 'cannot revalidate the credentials of a WebSocket; checking again later');
    }
  }

  wss.on('connection', (socket: WebSocket, request: IncomingMessage) => {
    const connection: Connection = {
      id: randomUUID(),
      socket,
      clientAddress: options.clientAddress(request),
      authorization: null,
      principal: null,
      firstParty: false,
      slots: 0,
      subscriptions: 0,
    };
    connections.add(connection);
    const closed = graphqlWs.opened(
      {
        protocol: socket.protocol,
        send: (data) => {
          const frame = withPayload(data, connection);
          return new Promise<void>((resolve, reject) => socket.send(frame, (error) => (error ? reject(error) : resolve())));
        },
        close: (code, reason) => socket.close(code, reason),
        onMessage: (handle) =>
          socket.on('message', async (data) => {
            try {
              await handle(String(data));
            } catch (error) {
              logger.warn({ err: error, connectionId: connection.id }, 'closing a WebSocket after a protocol error');
              socket.close(CloseCode.BadRequest, 'Bad request');
            }
          }),
      },
      { connection },
    );
    const keepAlive = setInterval(() => socket.ping(), 12_000);
    socket.once('close', (code, reason) => {
      clearInterval(keepAlive);
      clearInterval(connection.revalidate);
      connections.delete(connection);
      void closed(code, String(reason));
    });
  });

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (new URL(request.url ?? '/', 'http://gateway').pathname !== options.path) {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
  };
  server.on('upgrade', onUpgrade);

  return {
    stats: () => ({
      connections: connections.size,
      subscriptions: [...connections].reduce((sum, c) => sum + c.subscriptions, 0),
      groups: fanout.stats().groups,
    }),
    async close() {
      server.off('upgrade', onUpgrade);
      const closed = new Promise<void>((resolve) => wss.close(() => resolve()));
      // 1012 Service Restart: graphql-ws clients with retryAttempts reconnect (to another replica).
      for (const { socket } of connections) socket.close(SERVICE_RESTART, 'Service restart: reconnect');
      // Clients that do not answer the close handshake are cut off.
      const cutOff = setTimeout(() => {
        for (const { socket } of connections) socket.terminate();
      }, 1_000);
      await closed;
      clearTimeout(cutOff);
    },
  };
}

function authorizationOf(params: Record<string, unknown> | undefined): string | null {
  const value =
    params?.Authorization ??
    params?.authorization ??
    (params?.headers as Record<string, unknown> | undefined)?.Authorization ??
    (params?.headers as Record<string, unknown> | undefined)?.authorization;
  return typeof value === 'string' && value.trim() ? value : null;
}

const PAYLOAD_JSON = Symbol('payloadJson');
type PreSerialized = ExecutionResult & { [PAYLOAD_JSON]: string };
/** Stands for the payload in a `next` message until the socket's send puts the serialized payload there. */
const PAYLOAD_PLACEHOLDER = '\u0000cellgraph-payload';
const PLACEHOLDER_JSON = JSON.stringify(PAYLOAD_PLACEHOLDER);

/** A payload already serialized (once, for a whole group), to be sent as it is. */
function preSerialized(payloadJson: string): PreSerialized {
  return { [PAYLOAD_JSON]: payloadJson } as PreSerialized;
}

/**
 * A message with its pre-serialized payload in place: graphql-ws serializes a `next` message and
 * sends it in the same synchronous step, so the payload its placeholder stood for is the
 * connection's last one. The placeholder is the message's last value (after id and type).
 */
function withPayload(data: string, connection: Connection): string {
  const json = connection.payloadJson;
  if (json === undefined) return data;
  connection.payloadJson = undefined;
  const at = data.lastIndexOf(PLACEHOLDER_JSON);
  return at < 0 ? data : `${data.slice(0, at)}${json}${data.slice(at + PLACEHOLDER_JSON.length)}`;
}
