import {
  ConnectionArgs,
  ConnectionType,
  DateTimeComparator,
  GraphQLJSONObject,
  IdempotencyKeyField,
  IdInput,
  IDComparator,
  OrderDirection,
  StringComparator,
  UserError,
} from '@cellgraph/kernel';
import { ArgsType, Field, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { DataExport, DataExportFormat } from './data-export.entity.js';

@InputType()
export class DataExportCreateInput {
  @Field({
    description:
      'A GraphQL query of the cell with exactly one root field, a connection selecting `nodes { … }` or `edges { node { … } }`, e.g. `query($filter: TaskFilter) { tasks(filter: $filter, orderBy: [{ field: DUE_AT }]) { nodes { title assignee { name } } } }`. Leave out first/after/last/before: the export pages through the whole list. The leaf fields of the nodes are the columns.',
  })
  query!: string;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'The query’s variables (its filter, ordering…).' })
  variables?: Record<string, unknown> | null;

  @Field(() => DataExportFormat)
  format!: DataExportFormat;

  @Field(() => String, { nullable: true, description: '1 to 200 characters, the file’s name without extension; default: the root field’s name.' })
  name?: string | null;

  @IdempotencyKeyField()
  idempotencyKey?: string | null;
}

export const DataExportCancelInput = IdInput('DataExportCancelInput');

@ObjectType()
export class DataExportPayload {
  @Field(() => DataExport, { nullable: true })
  dataExport?: DataExport;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

@ObjectType({ description: 'Why an export FAILED.' })
export class DataExportError {
  @Field({
    description:
      'EXPORT_QUERY_REJECTED (the graph refused the query: a field or scope the creator lacks, a field that does not exist), EXPORT_NOT_A_CONNECTION, EXPORT_FILE_REFUSED (the files module: size limit, quota, type), EXPORT_UNAVAILABLE, EXPORT_FAILED.',
  })
  code!: string;

  @Field()
  message!: string;
}

@InputType({ description: 'Conditions on data exports; fields combine with AND.' })
export class DataExportFilter {
  @Field(() => IDComparator, { nullable: true }) id?: IDComparator | null;
  @Field(() => StringComparator, { nullable: true }) name?: StringComparator | null;
  @Field(() => DateTimeComparator, { nullable: true }) createdAt?: DateTimeComparator | null;
  @Field(() => [DataExportFilter], { nullable: true }) and?: DataExportFilter[] | null;
  @Field(() => [DataExportFilter], { nullable: true }) or?: DataExportFilter[] | null;
  @Field(() => DataExportFilter, { nullable: true }) not?: DataExportFilter | null;
}

export enum DataExportOrderField {
  CREATED_AT = 'createdAt',
  NAME = 'name',
}
registerEnumType(DataExportOrderField, { name: 'DataExportOrderField' });

@InputType()
export class DataExportOrder {
  @Field(() => DataExportOrderField)
  field!: DataExportOrderField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC })
  direction!: OrderDirection;
}

@ArgsType()
export class DataExportsArgs extends ConnectionArgs {
  @Field(() => DataExportFilter, { nullable: true })
  filter?: DataExportFilter | null;

  @Field(() => [DataExportOrder], { nullable: true, description: 'Default: newest first.' })
  orderBy?: DataExportOrder[] | null;
}

export const DataExportConnection = ConnectionType(DataExport, 'DataExport');
