import type { Router } from 'express';
import type { ClassType, NonEmptyArray } from 'type-graphql';
import type { Authorizer } from '../authz/authorizer.js';
import type { SubgraphKeyAccess } from '../authz/api-key-scopes.js';
import type { Mailer } from '../jobs/mailer.js';
import type { EventContracts } from '../events/contracts.js';
import type { EventHandler, JobHandler, JobQueue, JobSchedule } from '../jobs/workers.js';
import type { SubgraphContext } from '../context/request-context.js';
import type { Database } from '../db/database.js';
import type { TrashSpec } from '../db/trash.js';
import type { SearchableSpec } from '../search/searchable.js';
import type { GraphClient } from '../graph/graph-client.js';
import type { Migration } from '../db/migrate.js';
import type { ComposedDirective, ReferenceResolver } from '../federation/build-federated-schema.js';
import { referenceAsIs } from '../federation/entity-reference.js';
import { NODE_SUBGRAPH, SUBGRAPH_NAME, type NodeConnectionField, type NodeReference } from '../federation/node-subgraph.js';
import { checkKeyAccess } from '../authz/api-key-scopes.js';
import { checkSchedule } from '../jobs/job-registry.js';
import type { Logger } from '../logging/logger.js';
import type { Redis } from '../redis/redis.js';
import type { LiveFieldSpec } from '../live/live-subscription.js';
import type { FeatureFlags } from '../flags/feature-flags.js';
import type { SettingsNamespaceDeclaration } from '../settings/settings-namespaces.js';
import type { SettingsReader } from '../settings/settings-reader.js';
import type { ImporterDeclaration } from '../imports/importers.js';

/** What a running subgraph is given: its database, Redis, the permission check, the mailer. */
export interface SubgraphRuntime {
  readonly name: string;
  readonly db: Database;
  readonly redis: Redis;
  /** Prefix of the cell's Redis keys. */
  readonly keyPrefix: string;
  readonly authz: Authorizer;
  readonly mailer: Mailer;
  /** The cell's graph, asked on behalf of the request being served. */
  readonly graph: GraphClient;
  /** This subgraph's background jobs. */
  readonly jobs: JobQueue;
  /** Resolved settings of any namespace of the cell for (organization, user), cached (see settings/). */
  readonly settings: SettingsReader;
  /** The cell's runtime feature flags, evaluated in this process (see flags/). */
  readonly features: FeatureFlags;
  readonly logger: Logger;
  /** Variables to parse the subgraph's own configuration from (fail fast, with zod). */
  readonly env: NodeJS.ProcessEnv;
}

/**
 * Everything a subgraph package declares about itself. Its resolvers are type-graphql classes
 * whose constructor receives the subgraph's services, created once per running instance.
 */
export interface SubgraphDefinition<TServices = unknown> extends SubgraphKeyAccess {
  /** Also the name of its Postgres schema and its path on a host (`/<name>/graphql`). */
  readonly name: string;
  readonly description: string;
  /**
   * API keys (see authz/api-key-scopes): `scope` names this subgraph's objects (`<scope>:read`,
   * `<scope>:write`); every root Query/Subscription field needs `<scope>:read` and every Mutation
   * `<scope>:write` unless `keyAccess` says otherwise (an extra scope, KEY_FORBIDDEN, KEY_OPEN).
   */
  readonly scope: string;
  /**
   * `restricted`: a module whose data not every member sees (finance). Owners and admins keep
   * every right; members and guests act on its objects only through a grant on the module
   * (`module:<scope>`, managed in identity with `moduleAccessGrant`) or on single objects. API keys
   * need `<scope>:read`/`<scope>:write` as anywhere. Default `open`: members edit everything.
   */
  readonly access?: 'open' | 'restricted';
  /**
   * Cannot be switched off by the flag `module.<name>` (identity: it manages the flags). Every other
   * subgraph's root fields answer FEATURE_DISABLED while that flag is off for the caller.
   */
  readonly essential?: boolean;
  /** Settings namespaces it declares (zod objects with defaults); identity stores and validates their values. */
  readonly settings?: readonly SettingsNamespaceDeclaration[];
  /**
   * The types users may import from a spreadsheet (see imports/importers): per type its create
   * mutation, the fields a column can be mapped to (kind, required, aliases) and the userError code
   * of a duplicate. The imports module learns them through CELL_IMPORTERS and calls the mutation,
   * as the importing user, row by row.
   */
  readonly importers?: readonly ImporterDeclaration[];
  /** Subgraphs this one needs in the same cell (e.g. tasks needs identity for User). */
  readonly dependsOn: readonly string[];
  /**
   * Environment variables holding secrets its services read (e.g. identity's AUTH_SIGNING_KEY): a
   * deployment keeps them in its secret store and gives them only to the processes that build this
   * subgraph's services (its own service and the worker; see infra-pulumi/).
   */
  readonly secrets?: readonly string[];
  readonly migrations: readonly Migration[];
  readonly entities: ClassType[];
  readonly resolvers: NonEmptyArray<ClassType<object>>;
  readonly orphanedTypes?: ClassType[];
  /** Its entity types (keyed by the global `id`) that implement Node: `node(id:)` fetches them. */
  readonly nodeTypes?: readonly string[];
  /** Fields the node subgraph adds to this subgraph's entities (for an `@interfaceObject Node` subgraph). */
  readonly nodeReferences?: readonly NodeReference[];
  /**
   * Connections it adds to every Node although it owns Node types itself (e.g. notes' `Node.notes`):
   * each `type` is an entity keyed by `request` that `references` resolves (see NodeConnectionField).
   * API keys need `<scope>:read` for them.
   */
  readonly nodeConnections?: readonly NodeConnectionField[];
  /**
   * Its types that the cell's search finds (see search/searchable): which table, which title and
   * body, which of its events change them. The kernel writes their documents; the module nothing.
   */
  readonly searchable?: readonly SearchableSpec[];
  /** Its soft-deletable types: the kernel adds `<type>Purge` mutations and purges the trash after 30 days. */
  readonly trash?: readonly TrashSpec[];
  /**
   * Its `Subscription` fields → the events (types or `prefix.*`) that may produce them: the gateway
   * asks a field only about those (see live/live-subscription), and with `routes`, only for the
   * subscriptions whose arguments name what the event is about.
   */
  readonly liveEvents?: Readonly<Record<string, LiveFieldSpec>>;
  readonly references?: Record<string, ReferenceResolver<SubgraphContext<TServices>>>;
  /** Directives of its own that composition keeps in the supergraph (`@composeDirective`). */
  readonly composeDirectives?: readonly ComposedDirective[];
  /** The events it emits: its contracts (`src/contracts.ts`, exported as `@cellgraph/<name>/contracts`). */
  readonly emits?: EventContracts;
  createServices(runtime: SubgraphRuntime): TServices | Promise<TServices>;
  /**
   * Domain events of any subgraph this one reacts to, by type or `prefix.*` (the keys of
   * `eventHandlers`, exactly): the cell's event routing is built from these (CELL_EVENT_CONSUMERS).
   */
  readonly consumes?: readonly string[];
  /**
   * Its own events the cell's audit log records (types or `prefix.*`): security and administrative
   * events, deletions and purges. A subgraph consuming `AUDITED_EVENTS` (audit) receives them all.
   */
  readonly audited?: readonly string[];
  /** Handlers of the events in `consumes` (at least once; the kernel's inbox skips an event already handled). */
  readonly eventHandlers?: (services: TServices) => Record<string, EventHandler>;
  /** Background jobs by name, enqueued with `runtime.jobs.enqueue`. */
  readonly jobs?: (services: TServices) => Record<string, JobHandler>;
  /**
   * Jobs repeated on a schedule (once per cell, whatever the number of processes): `cron` (with an
   * optional `timeZone`) or `everyMs`, and a `description` (a catalog message) for the cell's job
   * registry, where platform administrators see their runs, switch them off and run them now.
   */
  readonly schedules?: readonly JobSchedule[];
  /** Extra routes beside /graphql, without the signed context: only for public information. */
  readonly publicRoutes?: (router: Router, services: TServices) => void;
  /**
   * Public HTTP routes reached through the gateway (`/hooks/<subgraph>/<path>`): a provider's
   * webhooks, a page its simulator serves. Mounted at `/<subgraph>/hooks`; each request arrives
   * signed by the gateway (see `hook-request.ts`) with its raw body as `req.body` (a Buffer).
   * Anyone can call them: they authenticate what they accept themselves (a webhook's HMAC, a token).
   */
  readonly hooks?: (router: Router, services: TServices) => void;
}

/** A subgraph whatever its services: what a cell's list of subgraphs holds. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- TServices is both produced and consumed (invariant): a list mixing subgraphs can only erase it
export type AnySubgraphDefinition = SubgraphDefinition<any>;

/** Declares a subgraph (an identity function that keeps the services type). */
export function defineSubgraph<TServices>(definition: SubgraphDefinition<TServices>): SubgraphDefinition<TServices> {
  if (!SUBGRAPH_NAME.test(definition.name)) {
    throw new Error(
      `Invalid subgraph name ${JSON.stringify(definition.name)}: 2 to 30 lower-case letters and digits, starting with a letter (it names a Postgres schema; ${NODE_SUBGRAPH} is the gateway's own)`,
    );
  }
  for (const schedule of definition.schedules ?? []) checkSchedule(definition.name, schedule);
  // `node(id:)` asks a Node type's owner whether an id exists: its reference must load the row
  // (and answer null for an unknown or hidden one), never echo the reference back.
  for (const type of definition.nodeTypes ?? []) {
    const reference = definition.references?.[type];
    if (!reference || reference === referenceAsIs) {
      throw new Error(
        `${definition.name}: Node type ${type} needs a reference resolver that loads it (referenceThroughLoader), not ${reference ? 'referenceAsIs' : 'none'}`,
      );
    }
  }
  return guardNodeConnections(definition);
}

/** A NodeConnectionField is resolved as its connection type's reference: API keys need `<scope>:read` there. */
function guardNodeConnections<TServices>(definition: SubgraphDefinition<TServices>): SubgraphDefinition<TServices> {
  if (!definition.nodeConnections?.length) return definition;
  const references = { ...definition.references };
  for (const connection of definition.nodeConnections) {
    const resolve = references[connection.type];
    if (!resolve) throw new Error(`${definition.name}: node connection ${connection.type} needs a reference resolver`);
    references[connection.type] = (reference, context, info) => {
      checkKeyAccess(context.request.principal, `Node.${connection.field}`, `${definition.scope}:read`);
      return resolve(reference, context, info);
    };
  }
  return { ...definition, references };
}
