import { QueryFailedError, type DataSource, type EntityManager, type QueryRunner } from 'typeorm';
import type { TransactionScope } from './database.js';

/**
 * Postgres: the transaction was aborted by an earlier failed statement; a write was tried in the
 * read-only transaction. Either way the work is run again in a transaction of its own.
 */
const RUN_ALONE = new Set(['25P02', '25006']);

/**
 * One read transaction shared by every unit of work of one query operation on one subgraph: the
 * loaders of a request (board, columns, tasks, counts…) run their statements on one connection,
 * after one `BEGIN` + `set_config` (sent as one statement), and one `COMMIT` when the response is
 * sent, instead of four statements per loader. Postgres runs them in order on that connection;
 * under READ COMMITTED each still sees what was committed before it began.
 *
 * The connection is taken on first use. After a failed statement (which aborts the transaction)
 * the session is given up and work that follows, or that failed because of it, runs in its own
 * transaction again.
 */
export class ReadSession {
  private runner: Promise<QueryRunner> | null = null;
  /** Hooks of work run in the session, for after its commit. */
  readonly afterCommit: (() => Promise<unknown> | unknown)[] = [];
  private broken = false;
  private ended = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly scope: TransactionScope,
  ) {}

  /** Whether work can still share this session. */
  get usable(): boolean {
    return !this.broken && !this.ended;
  }

  /** Runs `work` in the shared transaction; `fallback` runs it alone once the session failed. */
  async run<T>(work: (em: EntityManager) => Promise<T>, fallback: () => Promise<T>): Promise<T> {
    let runner: QueryRunner;
    try {
      runner = await (this.runner ??= this.open());
    } catch (error) {
      this.broken = true;
      throw error;
    }
    try {
      return await work(runner.manager);
    } catch (error) {
      // A coded error (FORBIDDEN, NOT_FOUND…) leaves the transaction usable; a failed statement aborts it.
      if (!(error instanceof QueryFailedError)) throw error;
      this.broken = true;
      if (RUN_ALONE.has((error as { driverError?: { code?: string }; code?: string }).driverError?.code ?? (error as { code?: string }).code ?? ''))
        return fallback();
      throw error;
    }
  }

  /** Ends the transaction (commit, or rollback once it failed) and returns the connection; true when it committed. */
  async end(): Promise<boolean> {
    this.ended = true;
    if (!this.runner) return false;
    const runner = await this.runner.catch(() => null);
    if (!runner) return false;
    try {
      await runner.query(this.broken ? 'ROLLBACK' : 'COMMIT');
      return !this.broken;
    } catch {
      // The connection is gone (terminated, Postgres restarting): the reads were answered (or
      // refused) already, and a read-only transaction has nothing to lose. The request's response
      // must not fail for it.
      return false;
    } finally {
      await runner.release();
    }
  }

  private async open(): Promise<QueryRunner> {
    const runner = this.dataSource.createQueryRunner();
    try {
      // One statement (simple protocol): the settings are literals, quoted; each is local to the transaction.
      const settings = [
        ['app.org_id', this.scope.orgId ?? ''],
        ['app.user_id', this.scope.userId ?? ''],
      ].map(([name, value]) => `set_config(${literal(name!)}, ${literal(value!)}, true)`);
      await runner.query(`BEGIN READ ONLY; SELECT ${settings.join(', ')}`);
      return runner;
    } catch (error) {
      await runner.release();
      throw error;
    }
  }
}

/** A quoted SQL string literal (standard_conforming_strings is on since Postgres 9.1). */
function literal(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
