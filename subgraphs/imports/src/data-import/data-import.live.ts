import { fromGlobalId, gatewayDriven, GraphQLDateTimeISO, liveEventOf, toGlobalId, type SubgraphContext } from '@cellgraph/kernel';
import { Arg, Ctx, Field, ID, ObjectType, Resolver, Subscription } from 'type-graphql';
import type { ImportsServices } from '../services.js';
import { DataImport } from './data-import.entity.js';
import { loadDataImport } from './data-import.loaders.js';

@ObjectType({ description: 'A change to a data import: its status, or its progress after a batch of rows.' })
export class DataImportChange {
  @Field({
    description:
      'What happened: data_import.mapped, data_import.started, data_import.progressed, data_import.completed, data_import.failed, data_import.canceled, …',
  })
  event!: string;

  @Field(() => GraphQLDateTimeISO)
  occurredAt!: Date;

  @Field(() => ID)
  dataImportId!: string;

  @Field(() => DataImport, { description: 'The import as it is now (its status and counts).' })
  dataImport!: DataImport;
}

/** Subscriptions to data imports: one event at a time, asked by the gateway as the subscriber. */
@Resolver(() => DataImportChange)
export class DataImportLiveResolver {
  @Subscription(() => DataImportChange, {
    ...gatewayDriven,
    description: 'Changes to one data import you can read: its progress (every batch of rows) and its outcome.',
  })
  async dataImportChanged(@Arg('id', () => ID) id: string, @Ctx() context: SubgraphContext<ImportsServices>): Promise<DataImportChange | null> {
    const event = liveEventOf(context);
    const uuid = fromGlobalId('DataImport', id, 'id');
    if (event.subject?.type !== 'DataImport' || event.subject.id !== uuid || !event.type.startsWith('data_import.')) return null;
    // As the subscriber: an import it may not read (another organization's, not shared) is never answered.
    const dataImport = await loadDataImport(context, uuid).catch(() => null);
    // (Once in the trash it is not found: its subscribers hear nothing more.)
    if (!dataImport) return null;
    return Object.assign(new DataImportChange(), {
      event: event.type,
      occurredAt: new Date(event.occurredAt),
      dataImportId: toGlobalId('DataImport', uuid),
      dataImport,
    });
  }
}
