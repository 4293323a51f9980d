import { fromGlobalId, mutationPayload, renderText, requireOrgId, type CellImporter, type Connection, type SubgraphContext } from '@cellgraph/kernel';
import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { FileRef } from '../file/file.ref.js';
import { importErrorTexts } from '../messages.js';
import { suggestMapping, type RowError } from '../mapping/field-values.js';
import type { ImportsServices } from '../services.js';
import { UserRef } from '../user/user.ref.js';
import { DataImport } from './data-import.entity.js';
import {
  DataImportCancelInput,
  DataImportColumnMapping,
  DataImportConnection,
  DataImportCreateInput,
  DataImportDeleteInput,
  DataImportDeletePayload,
  DataImportField,
  DataImportFieldKind,
  DataImportMapInput,
  DataImportPayload,
  DataImportPreviewRow,
  DataImportRestoreInput,
  DataImportRowError,
  DataImportsArgs,
  DataImportStartInput,
  DataImportType,
} from './data-import.inputs.js';
import { loadDataImport } from './data-import.loaders.js';

type Context = SubgraphContext<ImportsServices>;

/** An importer as the schema shows it (labels in the reader's language). */
export function dataImportTypeOf(importer: CellImporter): DataImportType {
  return Object.assign(new DataImportType(), {
    type: importer.type,
    label: renderText(importer.label),
    module: importer.module,
    fields: importer.fields.map((field) =>
      Object.assign(new DataImportField(), {
        name: field.name,
        label: renderText(field.label),
        kind: field.kind as DataImportFieldKind,
        required: Boolean(field.required),
        values: [...(field.values ?? [])],
      }),
    ),
  });
}

const rowErrorOf = (error: RowError): DataImportRowError =>
  Object.assign(new DataImportRowError(), {
    code: error.code,
    field: error.field,
    column: error.column,
    message: typeof error.message === 'string' ? error.message : renderText(error.message),
  });

const mappingOf = (mapping: readonly { column: string; field: string }[]) =>
  mapping.map(({ column, field }) => Object.assign(new DataImportColumnMapping(), { column, field }));

@Resolver(() => DataImport)
export class DataImportResolver {
  constructor(private readonly services: ImportsServices) {}

  @Query(() => [DataImportType], { description: 'What this cell can import (declared by its modules), with the fields a column can be mapped to.' })
  dataImportTypes(@Ctx() context: Context): DataImportType[] {
    requireOrgId(context.request);
    return this.services.dataImports.types().map(dataImportTypeOf);
  }

  @Query(() => DataImport, { nullable: true, description: 'A data import of your organization, or null.' })
  dataImport(@Arg('id', () => ID) id: string, @Ctx() context: Context): Promise<DataImport | null> {
    requireOrgId(context.request);
    return loadDataImport(context, fromGlobalId('DataImport', id));
  }

  @Query(() => DataImportConnection, { nullable: true, description: 'Data imports of your organization.' })
  dataImports(@Args(() => DataImportsArgs) args: DataImportsArgs, @Ctx() context: Context): Promise<Connection<DataImport>> {
    return this.services.dataImports.list(context.request, args);
  }

  @Mutation(() => DataImportPayload, {
    nullable: true,
    description: 'Reads an uploaded CSV or XLSX file into an import of one type (UPLOADED): its headers, row count, a suggested mapping and a preview.',
  })
  dataImportCreate(@Arg('input', () => DataImportCreateInput) input: DataImportCreateInput, @Ctx() context: Context): Promise<DataImportPayload> {
    return mutationPayload(async () => ({ dataImport: await this.services.dataImports.create(context.request, input) }));
  }

  @Mutation(() => DataImportPayload, { nullable: true, description: 'Maps the file’s columns to fields (MAPPED); again as often as needed before the start.' })
  dataImportMap(@Arg('input', () => DataImportMapInput) input: DataImportMapInput, @Ctx() context: Context): Promise<DataImportPayload> {
    return mutationPayload(async () => ({ dataImport: await this.services.dataImports.map(context.request, input) }));
  }

  @Mutation(() => DataImportPayload, {
    nullable: true,
    description: 'Starts creating the rows (RUNNING), in the background and as you: follow it with `dataImportChanged`.',
  })
  dataImportStart(@Arg('input', () => DataImportStartInput) input: { id: string }, @Ctx() context: Context): Promise<DataImportPayload> {
    return mutationPayload(async () => ({ dataImport: await this.services.dataImports.start(context.request, input) }));
  }

  @Mutation(() => DataImportPayload, { nullable: true, description: 'Stops an import (rows created so far stay).' })
  dataImportCancel(@Arg('input', () => DataImportCancelInput) input: { id: string }, @Ctx() context: Context): Promise<DataImportPayload> {
    return mutationPayload(async () => ({ dataImport: await this.services.dataImports.cancel(context.request, input) }));
  }

  @Mutation(() => DataImportDeletePayload, { nullable: true, description: 'Move a data import to the trash (it can be restored).' })
  dataImportDelete(@Arg('input', () => DataImportDeleteInput) input: { id: string }, @Ctx() context: Context) {
    return mutationPayload(async () => ({ deletedDataImportId: await this.services.dataImports.delete(context.request, input) }));
  }

  @Mutation(() => DataImportPayload, { nullable: true, description: 'Bring a data import back from the trash.' })
  dataImportRestore(@Arg('input', () => DataImportRestoreInput) input: { id: string }, @Ctx() context: Context): Promise<DataImportPayload> {
    return mutationPayload(async () => ({ dataImport: await this.services.dataImports.restore(context.request, input) }));
  }

  @FieldResolver(() => DataImportType, { nullable: true, description: 'The type imported, with its fields (null: no longer importable in this cell).' })
  importType(@Root() dataImport: DataImport): DataImportType | null {
    const importer = this.services.dataImports.importerOf(dataImport.type);
    return importer ? dataImportTypeOf(importer) : null;
  }

  @FieldResolver(() => FileRef, { description: 'The uploaded file.' })
  file(@Root() dataImport: DataImport): FileRef {
    return FileRef.of(dataImport.fileId);
  }

  @FieldResolver(() => [DataImportColumnMapping], { description: 'The confirmed mapping (empty until `dataImportMap`).' })
  mapping(@Root() dataImport: DataImport): DataImportColumnMapping[] {
    return mappingOf(dataImport.mapping);
  }

  @FieldResolver(() => [DataImportColumnMapping], {
    description: 'Headers matched to fields by name, label or alias (ignoring case and accents): a starting point for the mapping.',
  })
  suggestedMapping(@Root() dataImport: DataImport): DataImportColumnMapping[] {
    const importer = this.services.dataImports.importerOf(dataImport.type);
    return importer ? mappingOf(suggestMapping(dataImport.headers, importer)) : [];
  }

  @FieldResolver(() => [DataImportPreviewRow], {
    description: 'The first rows converted by the mapping (the suggested one until mapped), each with what is wrong with it.',
  })
  async preview(
    @Root() dataImport: DataImport,
    @Arg('first', () => Int, { defaultValue: 20, description: 'At most 100.' }) first: number,
    @Ctx() context: Context,
  ) {
    const rows = await this.services.dataImports.preview(context.request, dataImport, first);
    return rows.map((row) =>
      Object.assign(new DataImportPreviewRow(), {
        rowNumber: row.rowNumber,
        values: Object.entries(row.input).map(([field, value]) => ({ field, value: String(value) })),
        errors: row.errors.map(rowErrorOf),
      }),
    );
  }

  @FieldResolver(() => FileRef, {
    nullable: true,
    description: 'The skipped and failed rows with their errors, as CSV (once COMPLETED; null when every row was created).',
  })
  reportFile(@Root() dataImport: DataImport): FileRef | null {
    return dataImport.reportFileId ? FileRef.of(dataImport.reportFileId) : null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Why the import stopped early (FAILED).' })
  failureReason(@Root() dataImport: DataImport): string | null {
    const message = dataImport.failureReason ? importErrorTexts[dataImport.failureReason as keyof typeof importErrorTexts] : undefined;
    return message ? renderText(message) : dataImport.failureReason;
  }

  @FieldResolver(() => UserRef, { nullable: true, description: 'Who created it.' })
  createdBy(@Root() dataImport: DataImport): UserRef {
    return UserRef.of(dataImport.createdBy);
  }
}
