import { fromGlobalId, mutationPayload, renderText, requireOrgId, text, type Connection, type SubgraphContext } from '@cellgraph/kernel';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { FileRef } from '../file/file.ref.js';
import { exportFailureTexts } from '../messages.js';
import type { ExportsServices } from '../services.js';
import { UserRef } from '../user/user.ref.js';
import { DataExport } from './data-export.entity.js';
import {
  DataExportCancelInput,
  DataExportConnection,
  DataExportCreateInput,
  DataExportError,
  DataExportPayload,
  DataExportsArgs,
} from './data-export.inputs.js';
import { loadDataExport } from './data-export.loaders.js';
import { ExportFailureCode } from './data-export.errors.js';

type Context = SubgraphContext<ExportsServices>;

@Resolver(() => DataExport)
export class DataExportResolver {
  constructor(private readonly services: ExportsServices) {}

  @Query(() => DataExport, { nullable: true, description: 'One of your data exports, or null.' })
  dataExport(@Arg('id', () => ID) id: string, @Ctx() context: Context): Promise<DataExport | null> {
    requireOrgId(context.request);
    return loadDataExport(context, fromGlobalId('DataExport', id));
  }

  @Query(() => DataExportConnection, { nullable: true, description: 'Your data exports (nobody sees another’s).' })
  dataExports(@Args(() => DataExportsArgs) args: DataExportsArgs, @Ctx() context: Context): Promise<Connection<DataExport>> {
    return this.services.dataExports.list(context.request, args);
  }

  @Mutation(() => DataExportPayload, {
    nullable: true,
    description:
      'Export a list of the graph — any query with one root connection, with its filters and ordering — to a CSV, XLSX or JSON File, by a job acting for you (your permissions, organization and API-key scopes). Follow it with `dataExportChanged(id)`.',
  })
  dataExportCreate(@Arg('input', () => DataExportCreateInput) input: DataExportCreateInput, @Ctx() context: Context): Promise<DataExportPayload> {
    return mutationPayload(async () => ({ dataExport: await this.services.dataExports.create(context.request, input) }));
  }

  @Mutation(() => DataExportPayload, { nullable: true, description: 'Stop a queued or running export (CANCELED).' })
  dataExportCancel(@Arg('input', () => DataExportCancelInput) input: { id: string }, @Ctx() context: Context): Promise<DataExportPayload> {
    return mutationPayload(async () => ({ dataExport: await this.services.dataExports.cancel(context.request, input) }));
  }

  @FieldResolver(() => FileRef, { nullable: true, description: 'The File holding the export, once it SUCCEEDED (the files module’s rules apply to it).' })
  file(@Root() dataExport: DataExport): FileRef | null {
    return dataExport.fileId ? FileRef.of(dataExport.fileId) : null;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'A presigned link that downloads the file for an hour from when it is read (a new one each time); null until it SUCCEEDED.',
  })
  downloadUrl(@Root() dataExport: DataExport, @Ctx() context: Context): Promise<string | null> {
    return this.services.dataExports.downloadUrl(context.request, dataExport);
  }

  @FieldResolver(() => DataExportError, { nullable: true, description: 'Why it FAILED; null otherwise.' })
  error(@Root() dataExport: DataExport): DataExportError | null {
    if (!dataExport.errorCode) return null;
    const message = exportFailureTexts[dataExport.errorCode as keyof typeof exportFailureTexts] ?? exportFailureTexts[ExportFailureCode.Failed];
    return Object.assign(new DataExportError(), { code: dataExport.errorCode, message: renderText(text(message, { detail: dataExport.errorDetail ?? '' })) });
  }

  @FieldResolver(() => UserRef, { nullable: true, description: 'Who created it (its job acts for them).' })
  createdBy(@Root() dataExport: DataExport): UserRef {
    return UserRef.of(dataExport.createdBy);
  }
}
