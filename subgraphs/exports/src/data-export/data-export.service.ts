import {
  AggregateAccess,
  filterToSql,
  globalIdOf,
  graphRequestFailure,
  idempotent,
  OrderDirection,
  paginate,
  principalOrgId,
  principalUserId,
  requireOrgId,
  requireUserId,
  serviceUnavailable,
  sortKeysFor,
  text,
  toGlobalId,
  userError,
  uuidv7,
  validateInput,
  zodMessage,
  type Authorizer,
  type Connection,
  type Database,
  type FilterSpec,
  type GraphClient,
  type JobQueue,
  type OrderField,
  type PublishedEvent,
  type RequestContext,
} from '@cellgraph/kernel';
import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import { DATA_EXPORT_RUN_JOB } from '../contracts.js';
import { exportsErrorTexts } from '../messages.js';
import { DataExport, DataExportFormat, DataExportState, isActive } from './data-export.entity.js';
import { DataExportErrorCode, dataExportNotCancelable, dataExportNotFound } from './data-export.errors.js';
import type { DataExportCreateInput, DataExportFilter, DataExportsArgs } from './data-export.inputs.js';
import { DataExportChange } from './data-export.live.js';
import type { DataExportJob } from './data-export.runner.js';
import { exportQueryOf } from './export-query.js';

const createInput = z.object({
  name: z.string().trim().min(1).max(200, zodMessage(exportsErrorTexts.nameTooLong)).nullish(),
  query: z.string().trim().min(1, zodMessage(exportsErrorTexts.queryRequired)).max(20_000, zodMessage(exportsErrorTexts.queryTooLong)),
  format: z.enum(DataExportFormat),
});
const idInput = z.object({ id: globalIdOf('DataExport') });

const filterSpec: FilterSpec = {
  id: { path: 'dataExport.id', kind: 'id', idType: 'DataExport' },
  name: { path: 'dataExport.name', kind: 'string' },
  createdAt: { path: 'dataExport.createdAt', kind: 'datetime' },
};

const orderFields: Record<string, OrderField> = {
  createdAt: { path: 'dataExport.createdAt', sqlType: 'timestamptz' },
  name: { path: 'dataExport.name', sqlType: 'text' },
};
const idOrder: OrderField = { path: 'dataExport.id', sqlType: 'uuid' };
const newestFirst = [{ field: 'createdAt', direction: OrderDirection.DESC }];

/** How long `DataExport.downloadUrl` works once read: an hour. */
export const DOWNLOAD_URL_TTL_SECONDS = 60 * 60;

/** An export is personal — it holds what its creator may read — so its creator alone sees it, whatever their role. */
function readableByCreator(request: RequestContext, rows: readonly DataExport[]): boolean[] {
  const userId = principalUserId(request.principal);
  return rows.map((row) => row.createdBy === userId);
}

const FILE_URL = 'query DataExportDownloadUrl($id: ID!, $ttl: Int) { file(id: $id) { downloadUrl(expiresInSeconds: $ttl) } }';

/**
 * Data exports: created QUEUED with the caller's job delegation, run by `DataExportRunner` (a job
 * acting for the caller), canceled while queued or running. Only the creator reads an export.
 */
export class DataExportService {
  readonly access: AggregateAccess<DataExport>;

  constructor(
    private readonly db: Database,
    private readonly authz: Authorizer,
    private readonly graph: GraphClient,
    private readonly jobs: JobQueue,
  ) {
    this.access = new AggregateAccess(db, authz, {
      type: 'DataExport',
      entity: DataExport,
      table: 'exports.data_exports',
      notFound: dataExportNotFound,
      readableOf: readableByCreator,
    });
  }

  async list(request: RequestContext, args: DataExportsArgs): Promise<Connection<DataExport>> {
    const userId = requireUserId(request);
    return paginate({
      db: this.db,
      scope: request,
      build: (em) => this.query(em, args.filter).andWhere('dataExport.createdBy = :userId', { userId }),
      sort: sortKeysFor(args.orderBy, orderFields, newestFirst, idOrder),
      args,
    });
  }

  /**
   * Checks the query (EXPORT_QUERY_INVALID, EXPORT_VARIABLES_INVALID), exchanges the caller's
   * delegation for a job delegation (so the job acts with exactly their permissions, organization
   * and API-key scopes), records the export QUEUED and enqueues its job once committed.
   */
  async create(request: RequestContext, input: DataExportCreateInput): Promise<DataExport> {
    const orgId = requireOrgId(request);
    const actorId = requireUserId(request);
    await this.authz.require(request, 'write', 'DataExport');
    const valid = validateInput(createInput, input, DataExportErrorCode.InvalidInput);
    const variables = input.variables ?? null;
    if (variables !== null && (typeof variables !== 'object' || Array.isArray(variables))) {
      throw userError(DataExportErrorCode.VariablesInvalid, text(exportsErrorTexts.variablesInvalid), ['input', 'variables']);
    }
    const query = exportQueryOf(valid.query);
    let actingFor: DataExportJob['actingFor'];
    try {
      actingFor = await this.graph.delegateToJob(request);
    } catch (error) {
      throw graphRequestFailure(error, () => serviceUnavailable(text(exportsErrorTexts.graphUnavailable), 5));
    }
    return this.db.transaction(request, (em, hooks) =>
      idempotent(em, this.db.schema, {
        key: input.idempotencyKey,
        operation: 'dataExportCreate',
        input: { ...valid, variables },
        create: async () => {
          const dataExport = await em.save(
            em.create(DataExport, {
              id: uuidv7(),
              orgId,
              name: valid.name ?? query.rootKey,
              format: valid.format,
              state: DataExportState.QUEUED,
              query: valid.query,
              variables,
              columns: query.columns,
              rowsExported: 0,
              fileId: null,
              errorCode: null,
              errorDetail: null,
              createdBy: actorId,
              startedAt: null,
              finishedAt: null,
            }),
          );
          await this.emit(em, dataExport, 'data_export.created', { name: dataExport.name, format: dataExport.format, query: dataExport.query, variables });
          const job: DataExportJob = { orgId, exportId: dataExport.id, actingFor };
          hooks.afterCommit(() => this.jobs.enqueue(DATA_EXPORT_RUN_JOB, { ...job }, { jobId: `data-export-${dataExport.id}` }));
          return dataExport;
        },
        load: (id) => em.findOneBy(DataExport, { id }),
      }),
    );
  }

  /** Stops a queued or running export (the job notices before its next page); DATA_EXPORT_NOT_CANCELABLE once it finished. */
  async cancel(request: RequestContext, input: { id: string }): Promise<DataExport> {
    const { id } = validateInput(idInput, input, DataExportErrorCode.InvalidInput);
    return this.db.transaction(request, async (em) => {
      const dataExport = await em.findOne(DataExport, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!dataExport || !readableByCreator(request, [dataExport])[0]) throw dataExportNotFound();
      if (!isActive(dataExport.state)) throw dataExportNotCancelable();
      dataExport.state = DataExportState.CANCELED;
      dataExport.finishedAt = new Date();
      const saved = await em.save(dataExport);
      await this.emit(em, saved, 'data_export.canceled', { state: saved.state, rowsExported: saved.rowsExported });
      return saved;
    });
  }

  /**
   * A download link of a SUCCEEDED export's File, valid an hour: asked of the files module through
   * the graph as the reader (the files module's rules decide; null when it refuses or is unreachable).
   */
  async downloadUrl(request: RequestContext, dataExport: DataExport): Promise<string | null> {
    if (dataExport.state !== DataExportState.SUCCEEDED || !dataExport.fileId) return null;
    try {
      const answer = await this.graph.request<{ file: { downloadUrl: string } | null }>(request, FILE_URL, {
        id: dataExport.fileId,
        ttl: DOWNLOAD_URL_TTL_SECONDS,
      });
      return answer.data?.file?.downloadUrl ?? null;
    } catch {
      return null;
    }
  }

  /** The subscription's payload for one event: only the creator hears of their export. */
  async liveChange(request: RequestContext, event: PublishedEvent, filter: { id: string }): Promise<DataExportChange | null> {
    if (event.subject?.type !== 'DataExport' || !event.type.startsWith('data_export.') || event.orgId !== principalOrgId(request.principal)) return null;
    if (event.subject.id !== filter.id) return null;
    const dataExport = await this.db.transaction(request, (em) => em.findOneBy(DataExport, { id: filter.id }));
    if (!dataExport || !readableByCreator(request, [dataExport])[0]) return null;
    const rows = typeof event.data?.rowsExported === 'number' ? event.data.rowsExported : dataExport.rowsExported;
    return Object.assign(new DataExportChange(), {
      event: event.type,
      occurredAt: new Date(event.occurredAt),
      dataExportId: toGlobalId('DataExport', dataExport.id),
      rowsExported: rows,
      dataExport,
    });
  }

  emit(em: EntityManager, dataExport: DataExport, type: string, data: Record<string, unknown>): Promise<void> {
    return this.db.emit(em, { type, orgId: dataExport.orgId, subject: { type: 'DataExport', id: dataExport.id }, data });
  }

  private query(em: EntityManager, filter: DataExportFilter | null | undefined) {
    const query = em.createQueryBuilder(DataExport, 'dataExport');
    const condition = filterToSql(filter as Record<string, unknown> | null | undefined, filterSpec);
    if (condition) query.andWhere(condition.sql, condition.params);
    return query;
  }
}
