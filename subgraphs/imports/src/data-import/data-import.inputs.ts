import {
  ConnectionArgs,
  ConnectionType,
  DateTimeComparator,
  DeletePayload,
  IdempotencyKeyField,
  IdInput,
  IDComparator,
  OrderDirection,
  StringComparator,
  UserError,
} from '@cellgraph/kernel';
import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DataImport } from './data-import.entity.js';

@InputType({ description: 'Reads an uploaded file (CSV or XLSX, uploaded through fileUploadBegin/fileUploadComplete) for an import of one type.' })
export class DataImportCreateInput {
  @Field({ description: 'The type to import: one of `dataImportTypes` (Contact, Deal, Task, …).' })
  type!: string;

  @Field(() => ID, { description: 'The uploaded File (you must be able to read it).' })
  fileId!: string;

  @IdempotencyKeyField()
  idempotencyKey?: string | null;
}

@InputType()
export class DataImportColumnMappingInput {
  @Field({ description: 'A header of the file.' })
  column!: string;

  @Field({ description: 'A field of the type imported (`DataImportType.fields.name`).' })
  field!: string;
}

@InputType({ description: 'Which column fills which field: columns left out are not imported; every required field needs a column.' })
export class DataImportMapInput {
  @Field(() => ID)
  id!: string;

  @Field(() => [DataImportColumnMappingInput])
  mapping!: DataImportColumnMappingInput[];
}

export const DataImportStartInput = IdInput('DataImportStartInput');
export const DataImportCancelInput = IdInput('DataImportCancelInput');
export const DataImportDeleteInput = IdInput('DataImportDeleteInput');
export const DataImportRestoreInput = IdInput('DataImportRestoreInput');

@ObjectType()
export class DataImportPayload {
  @Field(() => DataImport, { nullable: true })
  dataImport?: DataImport;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

export const DataImportDeletePayload = DeletePayload('DataImportDeletePayload', 'deletedDataImportId', 'Id of the data import moved to the trash.');

@ObjectType({ description: 'A column of the file mapped to a field.' })
export class DataImportColumnMapping {
  @Field()
  column!: string;

  @Field()
  field!: string;
}

export enum DataImportFieldKind {
  STRING = 'string',
  EMAIL = 'email',
  NUMBER = 'number',
  INTEGER = 'integer',
  DECIMAL = 'decimal',
  DATE = 'date',
  DATETIME = 'datetime',
  ENUM = 'enum',
  BOOLEAN = 'boolean',
  ID = 'id',
}
registerEnumType(DataImportFieldKind, { name: 'DataImportFieldKind', description: 'How a cell’s text becomes the field’s value.' });

@ObjectType({ description: 'A field of an importable type a column can be mapped to.' })
export class DataImportField {
  @Field({ description: 'The name in the create mutation’s input.' })
  name!: string;

  @Field({ description: 'In your language.' })
  label!: string;

  @Field(() => DataImportFieldKind)
  kind!: DataImportFieldKind;

  @Field()
  required!: boolean;

  @Field(() => [String], { description: 'The allowed values of an ENUM field (else empty).' })
  values!: string[];
}

@ObjectType({ description: 'A type this cell can import, declared by the module owning it.' })
export class DataImportType {
  @Field({ description: 'Contact, Deal, Task, …' })
  type!: string;

  @Field({ description: 'In your language (plural).' })
  label!: string;

  @Field({ description: 'The module declaring it.' })
  module!: string;

  @Field(() => [DataImportField])
  fields!: DataImportField[];
}

@ObjectType({ description: 'What is wrong with one value of a row.' })
export class DataImportRowError {
  @Field({ description: 'DATA_IMPORT_VALUE_REQUIRED, DATA_IMPORT_INVALID_EMAIL, …; or the module’s userError code.' })
  code!: string;

  @Field(() => String, { nullable: true, description: 'The field (null: the row as a whole).' })
  field!: string | null;

  @Field(() => String, { nullable: true, description: 'The column it came from.' })
  column!: string | null;

  @Field()
  message!: string;
}

@ObjectType()
export class DataImportValue {
  @Field()
  field!: string;

  @Field({ description: 'As it will be sent (numbers and booleans as text).' })
  value!: string;
}

@ObjectType({ description: 'A row of the file as it would be created.' })
export class DataImportPreviewRow {
  @Field(() => Int, { description: '1 for the first row after the headers.' })
  rowNumber!: number;

  @Field(() => [DataImportValue])
  values!: DataImportValue[];

  @Field(() => [DataImportRowError], { description: 'Empty: the row is sent to the module (which may still refuse it).' })
  errors!: DataImportRowError[];
}

@InputType({ description: 'Conditions on data imports; fields combine with AND.' })
export class DataImportFilter {
  @Field(() => IDComparator, { nullable: true }) id?: IDComparator | null;
  @Field(() => StringComparator, { nullable: true }) type?: StringComparator | null;
  @Field(() => StringComparator, { nullable: true, description: 'UPLOADED, MAPPED, RUNNING, COMPLETED, FAILED, CANCELED.' }) status?: StringComparator | null;
  @Field(() => IDComparator, { nullable: true, description: 'The creator (User ids).' }) createdBy?: IDComparator | null;
  @Field(() => DateTimeComparator, { nullable: true }) createdAt?: DateTimeComparator | null;
  @Field(() => [DataImportFilter], { nullable: true }) and?: DataImportFilter[] | null;
  @Field(() => [DataImportFilter], { nullable: true }) or?: DataImportFilter[] | null;
  @Field(() => DataImportFilter, { nullable: true }) not?: DataImportFilter | null;
}

export enum DataImportOrderField {
  CREATED_AT = 'createdAt',
  UPDATED_AT = 'updatedAt',
}
registerEnumType(DataImportOrderField, { name: 'DataImportOrderField' });

@InputType()
export class DataImportOrder {
  @Field(() => DataImportOrderField)
  field!: DataImportOrderField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC })
  direction!: OrderDirection;
}

@ArgsType()
export class DataImportsArgs extends ConnectionArgs {
  @Field(() => DataImportFilter, { nullable: true })
  filter?: DataImportFilter | null;

  @Field(() => [DataImportOrder], { nullable: true, description: 'Default: newest first.' })
  orderBy?: DataImportOrder[] | null;
}

export const DataImportConnection = ConnectionType(DataImport, 'DataImport');
