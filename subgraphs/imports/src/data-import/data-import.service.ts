import {
  AggregateAccess,
  CodedError,
  ErrorCode,
  GENERATED_FILE_STORE_MISSING,
  filterToSql,
  globalIdOf,
  idempotent,
  jobRequest,
  OrderDirection,
  paginate,
  renderText,
  requireOrgId,
  requireUserId,
  sortKeysFor,
  spreadsheetSafe,
  storeGeneratedFile,
  text,
  translator,
  uuidv7,
  UserInputError,
  validateInput,
  type Authorizer,
  type CellImporter,
  type Connection,
  type Database,
  type FilterSpec,
  type GraphClient,
  type JobDelegation,
  type JobQueue,
  type Logger,
  type OrderField,
  type RequestContext,
  type UserErrorData,
} from '@cellgraph/kernel';
import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import { convertRow, suggestMapping, type ColumnMapping, type RowError } from '../mapping/field-values.js';
import { importErrorTexts, importReportTexts } from '../messages.js';
import { readSheet, SheetError, sheetFormatOf, type Sheet } from '../spreadsheet/spreadsheet.js';
import { DataImport, DataImportFormat, DataImportRow, DataImportStatus, RowOutcome } from './data-import.entity.js';
import {
  DataImportErrorCode,
  dataImportNotFound,
  emptyFile,
  fileTooLarge,
  importFileNotFound,
  invalidTransition,
  notMapped,
  tooManyRows,
  unknownImportType,
  unreadableFile,
  unsupportedFile,
} from './data-import.errors.js';
import type { DataImportFilter, DataImportsArgs } from './data-import.inputs.js';
import type { ImportGraph, RowAnswer } from './import-graph.js';

/** The job that creates an import's rows, acting for the user who started it. */
export const RUN_IMPORT_JOB = 'data-import.run';

export interface RunImportJob {
  orgId: string;
  importId: string;
  actingFor: JobDelegation;
  /** The starter's locale: the report's texts are in their language. */
  locale?: string | null;
}

export interface ImportLimits {
  maxFileBytes: number;
  maxRows: number;
  /** Rows per batch: the progress (counts, event) is written after each. */
  batchSize: number;
  /** Rows of a batch sent to the module at once. */
  concurrency: number;
}

const createInput = z.object({ type: z.string().trim().min(1).max(100), fileId: globalIdOf('File') });
const mapInput = z.object({
  id: globalIdOf('DataImport'),
  mapping: z.array(z.object({ column: z.string().min(1).max(500), field: z.string().min(1).max(100) })).max(500),
});
const idInput = z.object({ id: globalIdOf('DataImport') });

const filterSpec: FilterSpec = {
  id: { path: 'dataImport.id', kind: 'id', idType: 'DataImport' },
  type: { path: 'dataImport.type', kind: 'string' },
  status: { path: 'dataImport.status', kind: 'string' },
  createdBy: { path: 'dataImport.createdBy', kind: 'id', idType: 'User' },
  createdAt: { path: 'dataImport.createdAt', kind: 'datetime' },
};

const orderFields: Record<string, OrderField> = {
  createdAt: { path: 'dataImport.createdAt', sqlType: 'timestamptz' },
  updatedAt: { path: 'dataImport.updatedAt', sqlType: 'timestamptz' },
};
const idOrder: OrderField = { path: 'dataImport.id', sqlType: 'uuid' };
const newestFirst = [{ field: 'createdAt', direction: OrderDirection.DESC }];

/** Statuses a transition may start from. */
const MAPPABLE = [DataImportStatus.UPLOADED, DataImportStatus.MAPPED];
const CANCELABLE = [DataImportStatus.UPLOADED, DataImportStatus.MAPPED, DataImportStatus.RUNNING];
const ROW_INSERT_CHUNK = 1_000;

/**
 * Data imports: a file read into rows, a mapping of its columns to the fields an importer declares,
 * a preview, and a job that creates the rows through the module's own create mutation as the user
 * who started it (so the module's validation, permissions, events and idempotency apply to each row).
 */
export class DataImportService {
  readonly access: AggregateAccess<DataImport>;

  constructor(
    private readonly db: Database,
    private readonly authz: Authorizer,
    private readonly importers: ReadonlyMap<string, CellImporter>,
    private readonly graph: GraphClient,
    private readonly importGraph: ImportGraph,
    private readonly jobs: JobQueue,
    private readonly limits: ImportLimits,
    private readonly logger: Logger,
  ) {
    this.access = new AggregateAccess(db, authz, { type: 'DataImport', entity: DataImport, table: 'imports.data_imports', notFound: dataImportNotFound });
  }

  /** The types of the cell that can be imported. */
  types(): CellImporter[] {
    return [...this.importers.values()];
  }

  importerOf(type: string): CellImporter | undefined {
    return this.importers.get(type);
  }

  async list(request: RequestContext, args: DataImportsArgs): Promise<Connection<DataImport>> {
    const readable = await this.access.readableIds(request);
    return paginate({
      db: this.db,
      scope: request,
      build: (em) => this.access.restrictToReadable(this.query(em, args.filter), 'dataImport', readable),
      sort: sortKeysFor(args.orderBy, orderFields, newestFirst, idOrder),
      args,
    });
  }

  /** Reads the uploaded file (through files, as the caller) into headers and rows: an import UPLOADED. */
  async create(request: RequestContext, input: { type: string; fileId: string; idempotencyKey?: string | null }): Promise<DataImport> {
    const orgId = requireOrgId(request);
    const actorId = requireUserId(request);
    await this.authz.require(request, 'write', 'DataImport');
    const valid = validateInput(createInput, input, DataImportErrorCode.InvalidInput);
    if (!this.importers.has(valid.type)) throw unknownImportType(valid.type);
    const file = await this.importGraph.file(request, input.fileId);
    if (!file) throw importFileNotFound();
    const format = sheetFormatOf(file.contentType, file.name);
    if (!format) throw unsupportedFile();
    const maxMb = Math.round(this.limits.maxFileBytes / 1_048_576);
    if (file.size > this.limits.maxFileBytes) throw fileTooLarge(maxMb);
    const bytes = await this.importGraph.download(file, this.limits.maxFileBytes);
    if (bytes === 'too-large') throw fileTooLarge(maxMb);
    const sheet = await this.read(bytes, format);
    return this.db.transaction(request, (em) =>
      idempotent(em, this.db.schema, {
        key: input.idempotencyKey,
        operation: 'dataImportCreate',
        input: { type: valid.type, fileId: input.fileId },
        create: async () => {
          const dataImport = await em.save(
            em.create(DataImport, {
              id: uuidv7(),
              orgId,
              type: valid.type,
              status: DataImportStatus.UPLOADED,
              fileId: input.fileId,
              fileName: file.name,
              format: format === 'CSV' ? DataImportFormat.CSV : DataImportFormat.XLSX,
              headers: sheet.headers,
              rowCount: sheet.rows.length,
              mapping: [],
              processedRows: 0,
              createdRows: 0,
              skippedRows: 0,
              failedRows: 0,
              reportFileId: null,
              failureReason: null,
              createdBy: actorId,
              startedAt: null,
              finishedAt: null,
            }),
          );
          await this.insertRows(em, dataImport, sheet.rows);
          await this.emit(em, dataImport, 'data_import.created', { type: dataImport.type, fileName: dataImport.fileName, rowCount: dataImport.rowCount });
          return dataImport;
        },
        load: (id) => em.findOneBy(DataImport, { id }),
      }),
    );
  }

  /** Confirms which column fills which field: an import MAPPED (again, while not started). */
  async map(request: RequestContext, input: { id: string; mapping: ColumnMapping[] }): Promise<DataImport> {
    const valid = validateInput(mapInput, input, DataImportErrorCode.InvalidInput);
    return this.db.transaction(request, async (em) => {
      const dataImport = await this.access.loadForUpdate(em, request, 'write', valid.id);
      if (!MAPPABLE.includes(dataImport.status)) throw invalidTransition(dataImport.status);
      const importer = this.importers.get(dataImport.type);
      if (!importer) throw unknownImportType(dataImport.type);
      const problems = mappingProblems(importer, dataImport.headers, valid.mapping);
      if (problems.length) throw new UserInputError(problems);
      dataImport.mapping = valid.mapping.map(({ column, field }) => ({ column, field }));
      dataImport.status = DataImportStatus.MAPPED;
      const saved = await em.save(dataImport);
      await this.emit(em, saved, 'data_import.mapped', { mapping: saved.mapping });
      return saved;
    });
  }

  /** Starts the job that creates the rows, acting for the caller: an import RUNNING. */
  async start(request: RequestContext, input: { id: string }): Promise<DataImport> {
    const { id } = validateInput(idInput, input, DataImportErrorCode.InvalidInput);
    const startable = (dataImport: DataImport) => {
      if (dataImport.status === DataImportStatus.UPLOADED) throw notMapped();
      if (dataImport.status !== DataImportStatus.MAPPED) throw invalidTransition(dataImport.status);
    };
    // Checked first, then the delegation asked for (the job acts for the caller), then checked again holding the row.
    await this.db.transaction(request, async (em) => startable(await this.access.loadForUpdate(em, request, 'write', id)));
    const actingFor = await this.importGraph.delegateToJob(request);
    return this.db.transaction(request, async (em, hooks) => {
      const dataImport = await this.access.loadForUpdate(em, request, 'write', id);
      startable(dataImport);
      dataImport.status = DataImportStatus.RUNNING;
      dataImport.startedAt = new Date();
      const saved = await em.save(dataImport);
      await this.emit(em, saved, 'data_import.started', { rowCount: saved.rowCount });
      const job: RunImportJob = { orgId: saved.orgId, importId: saved.id, actingFor, locale: request.locale ?? null };
      hooks.afterCommit(() => this.jobs.enqueue(RUN_IMPORT_JOB, { ...job }, { jobId: `data-import-${saved.id}` }));
      return saved;
    });
  }

  /** Stops an import before or while it runs (rows created so far stay): CANCELED. */
  async cancel(request: RequestContext, input: { id: string }): Promise<DataImport> {
    const { id } = validateInput(idInput, input, DataImportErrorCode.InvalidInput);
    return this.db.transaction(request, async (em) => {
      const dataImport = await this.access.loadForUpdate(em, request, 'write', id);
      if (!CANCELABLE.includes(dataImport.status)) throw invalidTransition(dataImport.status);
      dataImport.status = DataImportStatus.CANCELED;
      dataImport.finishedAt = new Date();
      const saved = await em.save(dataImport);
      await this.emit(em, saved, 'data_import.canceled', this.counts(saved));
      return saved;
    });
  }

  /** Moves a data import to the trash (not while it runs: cancel it first). */
  async delete(request: RequestContext, input: { id: string }): Promise<string> {
    const { id } = validateInput(idInput, input, DataImportErrorCode.InvalidInput);
    await this.db.transaction(request, async (em) => {
      const dataImport = await this.access.loadForUpdate(em, request, 'write', id);
      if (dataImport.status === DataImportStatus.RUNNING) throw invalidTransition(dataImport.status);
      await em.softDelete(DataImport, { id });
      await this.emit(em, dataImport, 'data_import.deleted', { title: dataImport.fileName });
    });
    return input.id;
  }

  /** Brings a data import back from the trash. */
  async restore(request: RequestContext, input: { id: string }): Promise<DataImport> {
    const { id } = validateInput(idInput, input, DataImportErrorCode.InvalidInput);
    return this.db.transaction(request, async (em) => {
      await this.access.requireExisting(request, 'write', id, undefined, em);
      const result = await em.createQueryBuilder().restore().from(DataImport).where('id = :id', { id }).andWhere('deleted_at IS NOT NULL').execute();
      if (!result.affected) throw dataImportNotFound();
      const dataImport = await em.findOneByOrFail(DataImport, { id });
      await this.emit(em, dataImport, 'data_import.restored', {});
      return dataImport;
    });
  }

  /** The mapping in force: the confirmed one, else the suggestion. */
  mappingOf(dataImport: DataImport): ColumnMapping[] {
    if (dataImport.mapping.length) return dataImport.mapping;
    const importer = this.importers.get(dataImport.type);
    return importer ? suggestMapping(dataImport.headers, importer) : [];
  }

  /** The first rows converted by the mapping in force, with what is wrong with each. */
  async preview(
    request: RequestContext,
    dataImport: DataImport,
    first: number,
  ): Promise<{ rowNumber: number; input: Record<string, unknown>; errors: RowError[] }[]> {
    const importer = this.importers.get(dataImport.type);
    if (!importer) return [];
    const rows = await this.db.transaction(request, (em) =>
      em.find(DataImportRow, { where: { importId: dataImport.id }, order: { rowNumber: 'ASC' }, take: Math.min(Math.max(first, 0), 100) }),
    );
    const mapping = this.mappingOf(dataImport);
    return rows.map((row) => ({ rowNumber: row.rowNumber, ...convertRow(importer, mapping, dataImport.headers, row.cells) }));
  }

  /**
   * The job: the import's pending rows in batches, each row sent to the module's create mutation
   * (a few at once) with the idempotency key `<importId>:<rowNumber>` — a crashed or retried job sends
   * a row again and the module answers the object it already created. After each batch the rows'
   * outcomes and the counts are written with a `data_import.progressed` event (the subscription's
   * update). Then the report of skipped and failed rows is stored through files, and the import is
   * COMPLETED. A canceled import stops at the next batch; an expired delegation FAILS it.
   */
  async run(jobId: string | undefined, data: RunImportJob): Promise<void> {
    const request: RequestContext = { ...jobRequest(jobId, data.actingFor), ...(data.locale ? { locale: data.locale } : {}) };
    for (;;) {
      const work = await this.db.transaction(request, async (em) => {
        const dataImport = await em.findOneBy(DataImport, { id: data.importId });
        if (!dataImport || dataImport.status !== DataImportStatus.RUNNING) return null;
        const rows = await em.find(DataImportRow, {
          where: { importId: dataImport.id, outcome: RowOutcome.PENDING },
          order: { rowNumber: 'ASC' },
          take: this.limits.batchSize,
        });
        return { dataImport, rows };
      });
      if (!work) return;
      const { dataImport, rows } = work;
      const importer = this.importers.get(dataImport.type);
      if (!importer) return this.fail(request, dataImport.id, 'unknownType');
      if (!rows.length) return this.complete(request, dataImport);
      const outcomes = await inParallel(rows, this.limits.concurrency, (row) => this.importRow(request, importer, dataImport, row));
      if (outcomes.some((outcome) => outcome === 'expired')) {
        await this.record(request, dataImport.id, rows, outcomes);
        return this.fail(request, dataImport.id, 'sessionExpired');
      }
      await this.record(request, dataImport.id, rows, outcomes);
    }
  }

  private async importRow(request: RequestContext, importer: CellImporter, dataImport: DataImport, row: DataImportRow): Promise<RowResult> {
    const converted = convertRow(importer, dataImport.mapping, dataImport.headers, row.cells);
    if (converted.errors.length) return { outcome: RowOutcome.FAILED, errors: converted.errors, resultId: null };
    const answer: RowAnswer = await this.importGraph.createRow(request, importer, converted.input, `${dataImport.id}:${row.rowNumber}`);
    switch (answer.kind) {
      case 'expired':
        return 'expired';
      case 'created':
        return { outcome: RowOutcome.CREATED, errors: [], resultId: answer.id };
      case 'denied':
        return {
          outcome: RowOutcome.FAILED,
          errors: [{ code: answer.code === 'FORBIDDEN' ? DataImportErrorCode.RowDenied : answer.code, field: null, column: null, message: answer.message }],
          resultId: null,
        };
      case 'refused': {
        const duplicate = Boolean(importer.duplicateOf) && answer.errors.some((error) => error.code === importer.duplicateOf);
        return {
          outcome: duplicate ? RowOutcome.SKIPPED : RowOutcome.FAILED,
          errors: answer.errors.map((error) => rowErrorOf(error, dataImport.mapping)),
          resultId: null,
        };
      }
    }
  }

  /** Writes a batch's outcomes, the import's counts, and the progress event. */
  private async record(request: RequestContext, importId: string, rows: DataImportRow[], outcomes: (RowResult | 'expired')[]): Promise<void> {
    await this.db.transaction(request, async (em) => {
      const results = rows.flatMap((row, index) => {
        const result = outcomes[index];
        return result && result !== 'expired'
          ? [{ row_number: row.rowNumber, outcome: result.outcome, errors: result.errors, result_id: result.resultId }]
          : [];
      });
      // The batch in one statement.
      await em.query(
        `UPDATE imports.data_import_rows r SET outcome = o.outcome, errors = o.errors, result_id = o.result_id
         FROM jsonb_to_recordset($2::jsonb) AS o (row_number int, outcome text, errors jsonb, result_id text)
         WHERE r.import_id = $1 AND r.row_number = o.row_number`,
        [importId, JSON.stringify(results)],
      );
      const dataImport = await em.findOne(DataImport, { where: { id: importId }, lock: { mode: 'pessimistic_write' } });
      if (!dataImport) return;
      Object.assign(dataImport, await this.countRows(em, importId));
      const saved = await em.save(dataImport);
      await this.emit(em, saved, 'data_import.progressed', this.counts(saved));
    });
  }

  private async complete(request: RequestContext, dataImport: DataImport): Promise<void> {
    // A job run again after it stored the report keeps that report.
    const report = dataImport.reportFileId ? null : await this.reportOf(request, dataImport);
    const file = report ? await this.storeReport(request, dataImport, report) : null;
    await this.db.transaction(request, async (em) => {
      const locked = await em.findOne(DataImport, { where: { id: dataImport.id }, lock: { mode: 'pessimistic_write' } });
      if (!locked || locked.status !== DataImportStatus.RUNNING) return;
      Object.assign(locked, await this.countRows(em, locked.id), {
        status: DataImportStatus.COMPLETED,
        finishedAt: new Date(),
        reportFileId: file?.id ?? locked.reportFileId,
      });
      const saved = await em.save(locked);
      await this.emit(em, saved, 'data_import.completed', { ...this.counts(saved), reportFileId: saved.reportFileId });
    });
  }

  /**
   * Stores the report through files as the user. Refused by files (the user, or an API key, may not
   * write files; the quota is full), the import still completes, without a report; files or the
   * store not answering is thrown, so the job is retried.
   */
  private async storeReport(request: RequestContext, dataImport: DataImport, report: string): Promise<{ id: string } | null> {
    try {
      return await storeGeneratedFile(this.graph, request, {
        name: `${dataImport.fileName.replace(/\.[^.]+$/, '')} - skipped and failed rows.csv`,
        contentType: 'text/csv',
        bytes: Buffer.from(report, 'utf8'),
      });
    } catch (error) {
      const code = error instanceof CodedError ? error.code : null;
      if (!(error instanceof UserInputError) && code !== ErrorCode.Forbidden && code !== GENERATED_FILE_STORE_MISSING) throw error;
      this.logger.warn({ importId: dataImport.id, code: code ?? 'USER_ERROR' }, 'the import report was not stored');
      return null;
    }
  }

  private async fail(request: RequestContext, importId: string, reason: keyof typeof importErrorTexts): Promise<void> {
    this.logger.warn({ importId, reason }, 'data import stopped');
    await this.db.transaction(request, async (em) => {
      const locked = await em.findOne(DataImport, { where: { id: importId }, lock: { mode: 'pessimistic_write' } });
      if (!locked || locked.status !== DataImportStatus.RUNNING) return;
      Object.assign(locked, await this.countRows(em, importId), { status: DataImportStatus.FAILED, finishedAt: new Date(), failureReason: reason });
      const saved = await em.save(locked);
      await this.emit(em, saved, 'data_import.failed', { ...this.counts(saved), reason });
    });
  }

  /** The skipped and failed rows as CSV (the file's columns, then row, outcome and errors), in the starter's language; null when none. */
  private async reportOf(request: RequestContext, dataImport: DataImport): Promise<string | null> {
    const rows = await this.db.transaction(request, (em) =>
      em.find(DataImportRow, {
        where: [
          { importId: dataImport.id, outcome: RowOutcome.SKIPPED },
          { importId: dataImport.id, outcome: RowOutcome.FAILED },
        ],
        order: { rowNumber: 'ASC' },
      }),
    );
    if (!rows.length) return null;
    const reader = translator(request.locale);
    const t = (message: (typeof importReportTexts)[keyof typeof importReportTexts]) => reader.t(message);
    const lines = [[t(importReportTexts.row), t(importReportTexts.outcome), t(importReportTexts.errors), ...dataImport.headers]];
    for (const row of rows) {
      const outcome = row.outcome === RowOutcome.SKIPPED ? t(importReportTexts.skipped) : t(importReportTexts.failed);
      const errors = row.errors.map((error) => `${error.code}: ${typeof error.message === 'string' ? error.message : reader.text(error.message)}`).join('; ');
      lines.push([String(row.rowNumber), outcome, errors, ...row.cells]);
    }
    // A byte order mark: spreadsheet programs then read the file as UTF-8.
    return `\ufeff${lines.map((line) => line.map(csvCell).join(',')).join('\r\n')}\r\n`;
  }

  private async countRows(em: EntityManager, importId: string): Promise<Pick<DataImport, 'processedRows' | 'createdRows' | 'skippedRows' | 'failedRows'>> {
    const counts = (await em.query(`SELECT outcome, count(*)::int AS count FROM imports.data_import_rows WHERE import_id = $1 GROUP BY outcome`, [
      importId,
    ])) as {
      outcome: RowOutcome;
      count: number;
    }[];
    const of = (outcome: RowOutcome) => counts.find((each) => each.outcome === outcome)?.count ?? 0;
    const createdRows = of(RowOutcome.CREATED);
    const skippedRows = of(RowOutcome.SKIPPED);
    const failedRows = of(RowOutcome.FAILED);
    return { processedRows: createdRows + skippedRows + failedRows, createdRows, skippedRows, failedRows };
  }

  private counts(dataImport: DataImport) {
    return {
      status: dataImport.status,
      rowCount: dataImport.rowCount,
      processedRows: dataImport.processedRows,
      createdRows: dataImport.createdRows,
      skippedRows: dataImport.skippedRows,
      failedRows: dataImport.failedRows,
    };
  }

  private async read(bytes: Uint8Array, format: 'CSV' | 'XLSX'): Promise<Sheet> {
    try {
      return await readSheet(bytes, format, this.limits.maxRows);
    } catch (error) {
      if (!(error instanceof SheetError)) throw error;
      if (error.reason === 'EMPTY') throw emptyFile();
      if (error.reason === 'TOO_MANY_ROWS') throw tooManyRows(this.limits.maxRows);
      throw unreadableFile(format);
    }
  }

  private async insertRows(em: EntityManager, dataImport: DataImport, rows: string[][]): Promise<void> {
    for (let start = 0; start < rows.length; start += ROW_INSERT_CHUNK) {
      const chunk = rows.slice(start, start + ROW_INSERT_CHUNK);
      await em.query(
        `INSERT INTO imports.data_import_rows (import_id, row_number, org_id, cells)
         SELECT $1, start + ordinality, $2, cells FROM jsonb_array_elements($3::jsonb) WITH ORDINALITY AS rows (cells, ordinality), (SELECT $4::int AS start) s`,
        [dataImport.id, dataImport.orgId, JSON.stringify(chunk), start],
      );
    }
  }

  private emit(em: EntityManager, dataImport: DataImport, type: string, data: Record<string, unknown>): Promise<void> {
    return this.db.emit(em, { type, orgId: dataImport.orgId, subject: { type: 'DataImport', id: dataImport.id }, data });
  }

  private query(em: EntityManager, filter: DataImportFilter | null | undefined) {
    const query = em.createQueryBuilder(DataImport, 'dataImport');
    const condition = filterToSql(filter as Record<string, unknown> | null | undefined, filterSpec);
    if (condition) query.andWhere(condition.sql, condition.params);
    return query;
  }
}

type RowResult = { outcome: RowOutcome; errors: RowError[]; resultId: string | null } | 'expired';

/** A mapping checked against the file's headers and the importer's fields. */
export function mappingProblems(importer: CellImporter, headers: readonly string[], mapping: readonly ColumnMapping[]): UserErrorData[] {
  const problems: UserErrorData[] = [];
  const fields = new Map(importer.fields.map((field) => [field.name, field]));
  const seen = new Set<string>();
  for (const [index, { column, field }] of mapping.entries()) {
    if (!headers.includes(column))
      problems.push({
        code: DataImportErrorCode.UnknownColumn,
        field: ['input', 'mapping', index, 'column'],
        message: text(importErrorTexts.unknownColumn, { column }),
      });
    if (!fields.has(field))
      problems.push({
        code: DataImportErrorCode.UnknownField,
        field: ['input', 'mapping', index, 'field'],
        message: text(importErrorTexts.unknownField, { type: importer.type, field }),
      });
    else if (seen.has(field))
      problems.push({
        code: DataImportErrorCode.FieldMappedTwice,
        field: ['input', 'mapping', index, 'field'],
        message: text(importErrorTexts.fieldMappedTwice, { field }),
      });
    seen.add(field);
  }
  for (const field of importer.fields) {
    if (field.required && !seen.has(field.name))
      problems.push({
        code: DataImportErrorCode.RequiredFieldUnmapped,
        field: ['input', 'mapping'],
        message: text(importErrorTexts.requiredFieldUnmapped, { field: renderText(field.label) }),
      });
  }
  return problems;
}

/** A module's userError as a row error: its input field (`['input', 'email']`) with the column mapped to it. */
function rowErrorOf(error: UserErrorData, mapping: readonly ColumnMapping[]): RowError {
  const field = error.field && error.field[0] === 'input' && typeof error.field[1] === 'string' ? error.field[1] : null;
  return {
    code: error.code,
    field,
    column: mapping.find((each) => each.field === field)?.column ?? null,
    message: typeof error.message === 'string' ? error.message : renderText(error.message),
  };
}

/** RFC 4180, also quoting `;` (the delimiter of spreadsheets in many locales); formula-like texts made inert. */
function csvCell(value: string): string {
  const text = spreadsheetSafe(value);
  return /[",\r\n;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Runs `work` over `items`, at most `limit` at a time, answers in order. */
async function inParallel<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  });
  await Promise.all(lanes);
  return results;
}
