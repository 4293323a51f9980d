import { fromGlobalId, gatewayDriven, GraphQLDateTimeISO, liveEventOf, type SubgraphContext } from '@cellgraph/kernel';
import { Arg, Ctx, Field, ID, Int, ObjectType, Resolver, Subscription } from 'type-graphql';
import type { ExportsServices } from '../services.js';
import { DataExport } from './data-export.entity.js';

@ObjectType({ description: 'A change to a data export: its state, or rows written so far.' })
export class DataExportChange {
  @Field({
    description:
      'What happened: data_export.created, data_export.started, data_export.progressed (every few thousand rows), data_export.succeeded, data_export.failed, data_export.canceled.',
  })
  event!: string;

  @Field(() => GraphQLDateTimeISO)
  occurredAt!: Date;

  @Field(() => ID)
  dataExportId!: string;

  @Field(() => Int, { description: 'Rows written when it happened.' })
  rowsExported!: number;

  @Field(() => DataExport, { description: 'The export as it is now.' })
  dataExport!: DataExport;
}

/** The progress of an export, pushed to its creator. */
@Resolver(() => DataExportChange)
export class DataExportLiveResolver {
  constructor(private readonly services: ExportsServices) {}

  @Subscription(() => DataExportChange, { ...gatewayDriven, description: 'The progress of one of your exports, until it SUCCEEDED, FAILED or was CANCELED.' })
  dataExportChanged(@Arg('id', () => ID) id: string, @Ctx() context: SubgraphContext<ExportsServices>): Promise<DataExportChange | null> {
    return this.services.dataExports.liveChange(context.request, liveEventOf(context), { id: fromGlobalId('DataExport', id, 'id') });
  }
}
