import { DataSource, type EntityManager, type EntitySchema, type Logger as OrmLogger, type MixedList } from 'typeorm';
import type { ClassType } from 'type-graphql';
import { currentRequestContext, principalOrgId, principalUserId, type RequestContext } from '../context/request-context.js';
import type { Logger } from '../logging/logger.js';
import { checkEmittedEvent, checksEmittedEvents, type EventContracts } from '../events/contracts.js';
import { SearchDocuments, type SearchableSpec } from '../search/searchable.js';
import { appendEvent, type DomainEvent } from '../events/outbox.js';
import { SqlSpans } from '../observability/sql-spans.js';
import { SnakeNamingStrategy } from './naming.js';
import { slotWaitingDriver } from './slot-waiting-pool.js';
import { ReadSession } from './read-session.js';

/** An explicit unit-of-work scope, readable by row-level security policies as `app.*`. */
export interface TransactionScope {
  /** The organisation whose rows are visible (null: none). */
  orgId: string | null;
  /** The acting user (null: none). */
  userId: string | null;
  /** Further `app.<name>` settings a policy reads (e.g. `auth_email` during sign-in). */
  settings?: Record<string, string>;
}

/**
 * Whose unit of work it is: a request (its principal's organization and user — the same request
 * the permission checks read) or an explicit scope (jobs and events of one organization, sign-in).
 * Always passed where the transaction is opened; nothing is read from ambient context.
 */
export type WorkScope = RequestContext | TransactionScope;

/** The organization and user a unit of work runs as. */
export function scopeOf(scope: WorkScope): TransactionScope {
  if (!('principal' in scope)) return scope;
  return { orgId: principalOrgId(scope.principal), userId: principalUserId(scope.principal) };
}

const SETTING_NAME = /^[a-z][a-z_]*$/;
const SLOW_QUERY_MS = 250;
/** Background work (the relay, a sweep, a scheduler) holds a connection or two at a time. */
const MAINTENANCE_POOL_SIZE = 2;

/** Work to do once a transaction has committed (announce, enqueue); never inside it. */
export interface TransactionHooks {
  afterCommit(hook: () => Promise<unknown> | unknown): void;
}

const TRACKED_REQUESTS = 1_000;

/** Counts every statement sent, in all and per request id, for tests that prove batching. */
export class StatementCounter {
  count = 0;
  private readonly perRequest = new Map<string, number>();

  record(requestId: string | undefined): void {
    this.count += 1;
    if (!requestId) return;
    this.perRequest.set(requestId, (this.perRequest.get(requestId) ?? 0) + 1);
    if (this.perRequest.size > TRACKED_REQUESTS) this.perRequest.delete(this.perRequest.keys().next().value!);
  }

  /** Statements sent while serving the request `requestId` (on this subgraph). */
  forRequest(requestId: string): number {
    return this.perRequest.get(requestId) ?? 0;
  }
}

class CountingLogger implements OrmLogger {
  constructor(
    private readonly logger: Logger,
    private readonly counter: StatementCounter,
  ) {}

  logQuery(): void {
    this.counter.record(currentRequestContext()?.requestId);
  }

  logQueryError(error: string | Error, query: string): void {
    this.logger.debug({ err: error, query }, 'query failed');
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn({ durationMs: time, query: query.slice(0, 500) }, 'slow query');
  }

  logSchemaBuild(): void {}
  logMigration(): void {}
  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn({ message }, 'typeorm');
  }
}

export interface DatabaseOptions {
  /** Connection string of the subgraph's app role. */
  url: string;
  /** Connection string of the subgraph's maintenance role, for `maintenanceTransaction`. */
  maintenanceUrl?: string;
  /** The subgraph's Postgres schema. */
  schema: string;
  entities: MixedList<ClassType | string | EntitySchema>;
  logger: Logger;
  poolSize?: number;
  /**
   * How long a unit of work waits for a pooled connection (or for a new one to connect) before it
   * fails as SERVICE_UNAVAILABLE instead of queueing without bound; default 10 s.
   */
  poolAcquireTimeoutMs?: number;
  /** How long an idle pooled connection stays open before it is closed (server slots are shared); default 30 s. */
  poolIdleTimeoutMs?: number;
  applicationName?: string;
  /** The events this subgraph emits (its contracts): `emit` checks against them outside production. */
  events?: EventContracts;
  /** Its searchable types, when the cell indexes them: `emit` then also writes their search documents. */
  searchable?: readonly SearchableSpec[];
}

export const DEFAULT_POOL_ACQUIRE_TIMEOUT_MS = 10_000;
export const DEFAULT_POOL_IDLE_TIMEOUT_MS = 30_000;

/**
 * A subgraph's database: its own pool, connected as its app role. All access goes through
 * `transaction`, which scopes the work to one organisation for row-level security.
 */
export class Database {
  readonly statements = new StatementCounter();
  readonly dataSource: DataSource;
  /** The maintenance role's small pool (background work across organizations), when configured. */
  private readonly maintenance: DataSource | null;
  readonly schema: string;
  readonly logger: Logger;
  private readonly events: EventContracts | null;
  /** Writes the search documents of its searchable types (null: the cell has no search, or it has none). */
  readonly searchDocuments: SearchDocuments | null;
  private readonly readSessions = new WeakMap<RequestContext, ReadSession>();
  /** Transactions (their entity managers) that wrote events; weak, so a rolled-back one leaves nothing. */
  private readonly emitting = new WeakSet<EntityManager>();
  private readonly eventsCommitted = new Set<() => void>();

  constructor(options: DatabaseOptions) {
    this.schema = options.schema;
    this.logger = options.logger;
    this.events = options.events && checksEmittedEvents() ? options.events : null;
    this.searchDocuments = options.searchable?.length ? new SearchDocuments(options.schema, options.searchable) : null;
    const dataSource = (url: string, poolSize: number, applicationName?: string) =>
      new DataSource({
        type: 'postgres',
        // Waits for a free server slot within the acquire bound instead of failing at once.
        driver: slotWaitingDriver,
        url,
        schema: options.schema,
        entities: options.entities,
        namingStrategy: new SnakeNamingStrategy(),
        synchronize: false,
        migrationsRun: false,
        logging: ['query', 'error', 'warn'],
        logger: new CountingLogger(options.logger, this.statements),
        subscribers: [SqlSpans],
        maxQueryExecutionTime: SLOW_QUERY_MS,
        applicationName,
        // pg-pool drops a connection that fails (terminated, server restarted) and opens a new one
        // on demand, so the pool recovers by itself once the server answers again.
        extra: {
          max: poolSize,
          idleTimeoutMillis: options.poolIdleTimeoutMs ?? DEFAULT_POOL_IDLE_TIMEOUT_MS,
          connectionTimeoutMillis: options.poolAcquireTimeoutMs ?? DEFAULT_POOL_ACQUIRE_TIMEOUT_MS,
        },
      });
    this.dataSource = dataSource(options.url, options.poolSize ?? 10, options.applicationName);
    this.maintenance = options.maintenanceUrl
      ? dataSource(options.maintenanceUrl, MAINTENANCE_POOL_SIZE, options.applicationName && `${options.applicationName}-maintenance`)
      : null;
  }

  async connect(): Promise<void> {
    if (!this.dataSource.isInitialized) await this.dataSource.initialize();
    if (this.maintenance && !this.maintenance.isInitialized) await this.maintenance.initialize();
  }

  async close(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
    if (this.maintenance?.isInitialized) await this.maintenance.destroy();
  }

  /**
   * A transaction of background work that must see every organization's rows (publish the outbox,
   * find expired trash or due schedules), as the subgraph's maintenance role: it reaches only the
   * tables and columns its migrations grant that role, through policies naming it. Work for one
   * organization found this way goes back to `transaction` with that organization.
   */
  async maintenanceTransaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    if (!this.maintenance) throw new Error(`The ${this.schema} database has no maintenance connection (maintenanceUrl)`);
    return this.maintenance.transaction(work);
  }

  /** Records a domain event in this subgraph's outbox, in the transaction of `em`. */
  async emit(em: EntityManager, event: DomainEvent): Promise<void> {
    if (this.events) checkEmittedEvent(this.schema, this.events, event);
    this.emitting.add(em);
    await appendEvent(em, this.schema, event);
    // The object's search document as this transaction leaves it (see search/searchable).
    if (this.searchDocuments) await this.searchDocuments.afterEvent(em, event);
  }

  /**
   * Calls `listener` after every `transaction` that wrote events commits (the outbox relay of this
   * process wakes up instead of waiting for its next poll). Returns a function that removes it.
   */
  onEventsCommitted(listener: () => void): () => void {
    this.eventsCommitted.add(listener);
    return () => this.eventsCommitted.delete(listener);
  }

  /** Round-trips to the server; false when it cannot be reached. */
  async ping(): Promise<boolean> {
    try {
      await this.dataSource.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  /**
   * One unit of work of `scope` (a request, or an explicit organization and user): a transaction
   * whose first statement sets `app.org_id` and `app.user_id` with `set_config(…, true)` — local to
   * the transaction, so a pooled connection never carries one tenant's setting into another's work.
   * Throwing inside `work` rolls everything back; hooks registered with `afterCommit` run once the
   * commit succeeded (their failures are logged).
   */
  async transaction<T>(scope: WorkScope, work: (em: EntityManager, hooks: TransactionHooks) => Promise<T>): Promise<T> {
    const session = 'principal' in scope ? this.readSessions.get(scope) : undefined;
    if (session?.usable) {
      return session.run(
        (em) => work(em, { afterCommit: (hook) => session.afterCommit.push(hook) }),
        () => this.ownTransaction(scope, work),
      );
    }
    return this.ownTransaction(scope, work);
  }

  /**
   * From now until `endReadSession`, the units of work of `request` (a query operation: reads
   * only) share one read-only transaction on one connection (see ReadSession); a write tried in
   * one runs again in a transaction of its own.
   */
  beginReadSession(request: RequestContext): void {
    this.readSessions.set(request, new ReadSession(this.dataSource, scopeOf(request)));
  }

  /** Commits the request's read session (if it opened one), then runs the hooks its work registered. */
  async endReadSession(request: RequestContext): Promise<void> {
    const session = this.readSessions.get(request);
    if (!session) return;
    this.readSessions.delete(request);
    if (await session.end()) await this.runHooks(session.afterCommit);
  }

  private async runHooks(hooks: readonly (() => Promise<unknown> | unknown)[]): Promise<void> {
    for (const hook of hooks) {
      try {
        await hook();
      } catch (error) {
        this.logger.error({ err: error }, 'after-commit hook failed');
      }
    }
  }

  private async ownTransaction<T>(scope: WorkScope, work: (em: EntityManager, hooks: TransactionHooks) => Promise<T>): Promise<T> {
    const { orgId, userId, settings: extra } = scopeOf(scope);
    const settings: [string, string][] = [
      ['app.org_id', orgId ?? ''],
      ['app.user_id', userId ?? ''],
      ...Object.entries(extra ?? {}).map(([name, value]): [string, string] => {
        if (!SETTING_NAME.test(name)) throw new Error(`Invalid transaction setting name: ${name}`);
        return [`app.${name}`, value];
      }),
    ];
    const calls = settings.map((_, index) => `set_config($${index * 2 + 1}, $${index * 2 + 2}, true)`);
    const afterCommit: (() => Promise<unknown> | unknown)[] = [];
    let emitted = false;
    const result = await this.dataSource.transaction(async (em) => {
      await em.query(`SELECT ${calls.join(', ')}`, settings.flat());
      const value = await work(em, { afterCommit: (hook) => afterCommit.push(hook) });
      emitted = this.emitting.delete(em);
      return value;
    });
    if (emitted) for (const listener of this.eventsCommitted) listener();
    await this.runHooks(afterCommit);
    return result;
  }
}
