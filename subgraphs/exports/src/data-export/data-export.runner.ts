import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CodedError,
  ErrorCode,
  GENERATED_FILE_STORE_MISSING,
  GraphUnavailableError,
  jobRequest,
  storeGeneratedFileFromDisk,
  UserInputError,
  userErrorMessage,
  type Database,
  type GraphClient,
  type JobDelegation,
  type Logger,
  type RequestContext,
} from '@cellgraph/kernel';
import type { Job } from 'bullmq';
import type { ExportsConfig } from '../config.js';
import { DataExport, DataExportState, isActive } from './data-export.entity.js';
import { ExportFailureCode } from './data-export.errors.js';
import type { DataExportService } from './data-export.service.js';
import { exportQueryOf, PAGE_AFTER, PAGE_FIRST, pageOf, type ExportQuery } from './export-query.js';
import { FORMAT_FILES, rowWriter } from './export-writers.js';

/** The job's payload: whose export, and the delegation to act for its creator with. */
export interface DataExportJob {
  orgId: string;
  exportId: string;
  actingFor: JobDelegation;
}

/** An export that cannot succeed whatever the attempt: it FAILED with this code (no retry). */
class ExportFailure extends Error {
  constructor(
    readonly code: ExportFailureCode,
    readonly detail: string | null,
  ) {
    super(`${code}: ${detail ?? ''}`);
  }
}

/** Codes of the graph's errors that another attempt may not get. */
const TRANSIENT_CODES = new Set<string>([ErrorCode.ServiceUnavailable, ErrorCode.RateLimited, ErrorCode.Internal, 'GATEWAY_TIMEOUT']);

/**
 * Runs an export as the job `data-export-run`, acting for its creator through the gateway: pages
 * through the query's connection (first 100, after the last cursor), writes each row to a temp
 * file (constant memory), stores the file through the files module (streamed), and records it.
 * A retried or taken-over job starts again from the first page (the temp file of a crashed worker
 * is gone with it): the export's state goes back to RUNNING with 0 rows.
 */
export class DataExportRunner {
  constructor(
    private readonly db: Database,
    private readonly graph: GraphClient,
    private readonly exports: DataExportService,
    private readonly logger: Logger,
    private readonly config: ExportsConfig,
  ) {}

  async run(data: DataExportJob, job: Pick<Job, 'id' | 'attemptsMade' | 'opts'>): Promise<void> {
    // The kernel's worker runs it as the creator (its events are theirs, and their key's, as the request's were).
    const request = jobRequest(job.id, data.actingFor);
    const started = await this.transition(request, data.exportId, (dataExport) => {
      if (!isActive(dataExport.state)) return null;
      Object.assign(dataExport, { state: DataExportState.RUNNING, rowsExported: 0, startedAt: new Date(), errorCode: null, errorDetail: null });
      return { type: 'data_export.started', data: { state: DataExportState.RUNNING, rowsExported: 0 } };
    });
    if (!started) return;
    const path = join(tmpdir(), `cellgraph-export-${data.exportId}-${randomUUID()}`);
    try {
      const rows = await this.write(request, started, path);
      if (rows === null) return;
      const { contentType, extension } = FORMAT_FILES[started.format];
      const file = await storeGeneratedFileFromDisk(this.graph, request, { name: `${started.name}.${extension}`, contentType, path });
      await this.transition(request, data.exportId, (dataExport) => {
        if (dataExport.state !== DataExportState.RUNNING) return null;
        Object.assign(dataExport, { state: DataExportState.SUCCEEDED, rowsExported: rows, fileId: file.id, finishedAt: new Date() });
        return { type: 'data_export.succeeded', data: { state: dataExport.state, rowsExported: rows, fileId: file.id } };
      });
    } catch (error) {
      const failure = failureOf(error);
      const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (!failure && !lastAttempt) throw error;
      if (!failure) this.logger.warn({ err: error, exportId: data.exportId }, 'data export failed on its last attempt');
      const { code, detail } = failure ?? { code: ExportFailureCode.Unavailable, detail: error instanceof Error ? error.message : String(error) };
      await this.transition(request, data.exportId, (dataExport) => {
        if (dataExport.state !== DataExportState.RUNNING) return null;
        Object.assign(dataExport, { state: DataExportState.FAILED, errorCode: code, errorDetail: detail, finishedAt: new Date() });
        return { type: 'data_export.failed', data: { state: dataExport.state, rowsExported: dataExport.rowsExported, errorCode: code, errorDetail: detail } };
      });
    } finally {
      await rm(path, { force: true });
    }
  }

  /** Pages through the connection into the file; the number of rows, or null when the export was canceled meanwhile. */
  private async write(request: RequestContext, dataExport: DataExport, path: string): Promise<number | null> {
    const query = exportQueryOf(dataExport.query);
    const writer = rowWriter(dataExport.format, path, dataExport.columns);
    let rows = 0;
    let reported = 0;
    let after: string | null = null;
    try {
      for (;;) {
        const page = await this.page(request, query, dataExport.variables ?? {}, after);
        for (const node of page.nodes) await writer.write(node);
        rows += page.nodes.length;
        if (!(await this.stillRunning(request, dataExport.id))) {
          writer.abort();
          return null;
        }
        if (rows - reported >= this.config.EXPORT_PROGRESS_EVERY_ROWS) {
          reported = rows;
          await this.progress(request, dataExport.id, rows);
        }
        if (!page.hasNextPage || !page.endCursor || !page.nodes.length) break;
        after = page.endCursor;
      }
      await writer.finish();
      return rows;
    } catch (error) {
      writer.abort();
      throw error;
    }
  }

  private async page(request: RequestContext, query: ExportQuery, variables: Record<string, unknown>, after: string | null) {
    const answer = await this.graph.request<Record<string, unknown>>(request, query.paged, {
      ...variables,
      [PAGE_FIRST]: this.config.EXPORT_PAGE_SIZE,
      [PAGE_AFTER]: after,
    });
    // An error inside a row (a linked object the caller may not read) leaves that value empty, as the list shows it;
    // one about the list itself (the root field, a field that does not exist, a missing scope) fails the export.
    const fatal = (answer.errors ?? []).filter((error) => !error.path || error.path.length <= 2 || !answer.data?.[query.rootKey]);
    const first = fatal[0];
    if (first) {
      const code = typeof first.extensions?.code === 'string' ? first.extensions.code : ErrorCode.Internal;
      if (TRANSIENT_CODES.has(code)) throw new Error(`the graph answered ${code}: ${first.message}`);
      throw new ExportFailure(ExportFailureCode.QueryRejected, `${code}: ${first.message}`);
    }
    const page = pageOf(query, answer.data);
    if (!page) throw new ExportFailure(ExportFailureCode.NotAConnection, null);
    return page;
  }

  private async stillRunning(request: RequestContext, id: string): Promise<boolean> {
    const row = await this.db.transaction(request, (em) => em.findOne(DataExport, { where: { id }, select: { id: true, state: true } }));
    return row?.state === DataExportState.RUNNING;
  }

  private progress(request: RequestContext, id: string, rows: number): Promise<unknown> {
    return this.transition(request, id, (dataExport) => {
      if (dataExport.state !== DataExportState.RUNNING) return null;
      dataExport.rowsExported = rows;
      return { type: 'data_export.progressed', data: { state: dataExport.state, rowsExported: rows } };
    });
  }

  /** Changes the export in one transaction holding its row, with its event; `change` answers null to leave it. */
  private transition(
    request: RequestContext,
    id: string,
    change: (dataExport: DataExport) => { type: string; data: Record<string, unknown> } | null,
  ): Promise<DataExport | null> {
    return this.db.transaction(request, async (em) => {
      const dataExport = await em.findOne(DataExport, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!dataExport) return null;
      const event = change(dataExport);
      if (!event) return null;
      const saved = await em.save(dataExport);
      await this.exports.emit(em, saved, event.type, event.data);
      return saved;
    });
  }
}

/** What an error means for the export: a failure for good (coded), or null for one another attempt may not meet. */
function failureOf(error: unknown): ExportFailure | null {
  if (error instanceof ExportFailure) return error;
  // The files module refused the file: its size limit, the quota, the type.
  if (error instanceof UserInputError)
    return new ExportFailure(ExportFailureCode.FileRefused, error.errors.map((each) => `${each.code}: ${userErrorMessage(each)}`).join('; '));
  // Storing it: the caller may not store files (FORBIDDEN: a guest, a key without files:write), the job delegation expired or was revoked, no files module.
  if (error instanceof CodedError && [ErrorCode.Unauthenticated, ErrorCode.Forbidden, GENERATED_FILE_STORE_MISSING].includes(error.code)) {
    return new ExportFailure(ExportFailureCode.FileRefused, `${error.code}: ${error.message}`);
  }
  // The gateway refused the delegation outright (401): as a signed-out caller.
  if (error instanceof GraphUnavailableError && error.status === 401)
    return new ExportFailure(ExportFailureCode.QueryRejected, `${ErrorCode.Unauthenticated}: ${error.message}`);
  return null;
}
