import { buildOperationContext, executeQueryPlan, type GraphQLDataSource, type ServiceMap } from '@apollo/gateway';
import { operationFromDocument, Supergraph, type Schema } from '@apollo/federation-internals';
import { QueryPlanner, type FetchNode, type PlanNode, type QueryPlan } from '@apollo/query-planner';
import {
  isLiveEventOf,
  liveFieldEvents,
  liveFieldRoutes,
  liveRoutesAdmit,
  type LiveFieldSpec,
  type Logger,
  type Principal,
  type PublishedEvent,
} from '@cellgraph/kernel/core';
import {
  GraphQLError,
  Kind,
  parse,
  valueFromASTUntyped,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import type { GatewayContext } from '../context.js';
import type { LiveBatchClient } from './live-batch-client.js';

/** A subscription ready to run: its plan over the supergraph it was planned on. */
export interface PlannedSubscription {
  /** The primary fetch (the subscription field, at its subgraph) followed by the rest of the plan. */
  readonly plan: QueryPlan;
  readonly operationContext: ReturnType<typeof buildOperationContext>;
  /** The response key of the subscription's root field. */
  readonly responseKey: string;
  /** The events that may produce this field (null: every event of the organization). */
  readonly events: readonly string[] | null;
  /** The field's routes (argument → event paths) and its arguments' values as given (see liveRoutesAdmit). */
  readonly routes: Readonly<Record<string, readonly string[]>>;
  readonly argumentsOf: (variables: Record<string, unknown>) => Record<string, unknown>;
  readonly graph: PlannedGraph;
}

interface PlannedGraph {
  /** The API schema the gateway serves (what subscriptions are validated against). */
  readonly schema: GraphQLSchema;
  readonly planner: QueryPlanner;
  readonly supergraphSchema: GraphQLSchema;
  readonly apiSchema: Schema;
  readonly services: ServiceMap;
}

export class SubscriptionPlanError extends GraphQLError {
  constructor(message: string) {
    super(message, { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
  }
}

/**
 * Runs subscriptions over the cell's supergraph. @apollo/gateway plans a subscription
 * (`Subscription { primary, rest }`) but does not execute it; here, for each live event a
 * subscription may care about, the primary fetch asks the subscription field's subgraph — as the
 * subscriber, with the event in the signed request — whether and how the event concerns the
 * subscriber, and the rest of the plan resolves the payload's fields owned by other subgraphs, as
 * for any query. A null root field means "not for you": nothing is sent.
 */
export class SubscriptionEngine {
  private graph: PlannedGraph | null = null;
  private liveEvents: Readonly<Record<string, LiveFieldSpec>> = {};

  constructor(
    private readonly buildService: (name: string) => GraphQLDataSource,
    private readonly logger: Logger,
    /** Asks a subscription field about an event for all of the event's groups in one call per subgraph. */
    private readonly liveBatch: LiveBatchClient,
  ) {}

  /**
   * Follows the gateway's schema: called with every supergraph it loads. ApolloGateway keeps its
   * planner and data sources private, so this plans over its own, built from the same supergraph.
   */
  update(schema: GraphQLSchema, coreSupergraphSdl: string, liveEvents: Readonly<Record<string, LiveFieldSpec>>): void {
    const supergraph = Supergraph.build(coreSupergraphSdl);
    const services: ServiceMap = {};
    for (const { name } of supergraph.subgraphsMetadata()) services[name] = liveFieldBatching(name, this.buildService(name), this.liveBatch);
    this.graph = {
      schema,
      planner: new QueryPlanner(supergraph),
      supergraphSchema: supergraph.schema.toGraphQLJSSchema(),
      apiSchema: supergraph.apiSchema(),
      services,
    };
    this.liveEvents = liveEvents;
  }

  /** The API schema subscriptions are validated against (null until the first load). */
  schema(): GraphQLSchema | null {
    return this.graph?.schema ?? null;
  }

  /** Plans a validated subscription document. */
  plan(document: DocumentNode, operationName: string | undefined): PlannedSubscription {
    const graph = this.graph;
    if (!graph) throw new SubscriptionPlanError('The schema is not loaded yet');
    const operationContext = buildOperationContext({ schema: graph.schema, operationDocument: document, operationName });
    const queryPlan = graph.planner.buildQueryPlan(operationFromDocument(graph.apiSchema, document, { operationName }));
    const node = queryPlan.node;
    if (node?.kind !== 'Subscription') throw new SubscriptionPlanError('Only subscriptions are served over WebSocket; send queries and mutations with POST');
    const field = rootFieldOf(node.primary);
    const spec = this.liveEvents[field];
    const steps: PlanNode[] = node.rest ? [node.primary, node.rest] : [node.primary];
    return {
      plan: { kind: 'QueryPlan', node: steps.length === 1 ? steps[0] : { kind: 'Sequence', nodes: steps } },
      operationContext,
      responseKey: responseKeyOf(operationContext.operation),
      events: spec ? liveFieldEvents(spec) : null,
      routes: spec ? liveFieldRoutes(spec) : {},
      argumentsOf: argumentsOf(operationContext.operation),
      graph,
    };
  }

  /** Whether the subscription may care about the event at all (cheap, before any fetch): its events, then its routes. */
  wants(subscription: PlannedSubscription, event: PublishedEvent, variables: Record<string, unknown>): boolean {
    if (subscription.events && !isLiveEventOf(event, subscription.events)) return false;
    return liveRoutesAdmit(event, subscription.routes, subscription.argumentsOf(variables));
  }

  /** The payload an event means to the subscriber, or null when it is not for them. */
  async run(
    subscription: PlannedSubscription,
    event: PublishedEvent,
    principal: Principal,
    requestId: string,
    variables: Record<string, unknown>,
  ): Promise<ExecutionResult | null> {
    const { plan, operationContext, graph } = subscription;
    const context: GatewayContext = { request: { requestId, principal }, liveEvent: event };
    const requestContext = {
      request: { variables, operationName: operationContext.operation.name?.value },
      context,
      logger: this.logger,
      metrics: {},
      operation: operationContext.operation,
    } as unknown as Parameters<typeof executeQueryPlan>[2];
    const result = await executeQueryPlan(plan, graph.services, requestContext, operationContext, graph.supergraphSchema, graph.apiSchema);
    const payload = (result.data as Record<string, unknown> | null | undefined)?.[subscription.responseKey];
    if (payload == null && !result.errors?.length) return null;
    return { data: result.data ?? null, ...(result.errors?.length ? { errors: result.errors.map(asGraphQLError) } : {}) };
  }
}

/**
 * The data source of a subgraph for subscription plans: the primary fetch (the subscription field,
 * asked about one live event) joins the event's batch (see LiveBatchClient); the rest of the plan
 * (entities of other subgraphs) goes through the subgraph's ordinary signed data source.
 */
function liveFieldBatching(name: string, ordinary: GraphQLDataSource, batch: LiveBatchClient): GraphQLDataSource<GatewayContext> {
  return {
    process: async (options) => {
      const { request, context } = options as { request: { query?: string; variables?: Record<string, unknown> }; context: GatewayContext };
      if (!context.liveEvent || !context.request || !request.query?.startsWith('subscription')) return ordinary.process(options as never);
      const result = await batch.ask(name, context.liveEvent, { query: request.query, variables: request.variables ?? {}, context: context.request });
      return result as Awaited<ReturnType<GraphQLDataSource['process']>>;
    },
  };
}

/**
 * executeQueryPlan reports a fetch that failed outright (a subgraph down or timed out) with the
 * thrown Error itself; ApolloServer wraps such errors before formatting them, and so must
 * subscriptions, or the payload's other fields are lost with them.
 */
function asGraphQLError(error: unknown): GraphQLError {
  if (error instanceof GraphQLError) return error;
  const original = error instanceof Error ? error : new Error(String(error));
  return new GraphQLError(original.message, { originalError: original });
}

/** The subscription field a primary fetch asks for (its operation has exactly one root field). */
function rootFieldOf(fetch: PlanNode): string {
  const operation = parse((fetch as FetchNode).operation).definitions[0] as OperationDefinitionNode;
  const selection = operation.selectionSet.selections[0];
  if (selection?.kind !== Kind.FIELD) throw new SubscriptionPlanError('A subscription selects exactly one field');
  return selection.name.value;
}

/** The root field's argument values for given variables (untyped: ids are strings either way). */
function argumentsOf(operation: OperationDefinitionNode): (variables: Record<string, unknown>) => Record<string, unknown> {
  const selection = operation.selectionSet.selections[0];
  const args = selection?.kind === Kind.FIELD ? (selection.arguments ?? []) : [];
  return (variables) => Object.fromEntries(args.map((arg) => [arg.name.value, valueFromASTUntyped(arg.value, variables)]));
}

function responseKeyOf(operation: OperationDefinitionNode): string {
  const selection = operation.selectionSet.selections[0];
  if (selection?.kind !== Kind.FIELD) throw new SubscriptionPlanError('Select the subscription field directly, not through a fragment');
  return selection.alias?.value ?? selection.name.value;
}
