import { GraphQLDateTimeISO, GraphQLJSONObject, NodeEntity } from '@cellgraph/kernel';
import { Directive, Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, UpdateDateColumn } from 'typeorm';

export enum DataExportFormat {
  CSV = 'CSV',
  XLSX = 'XLSX',
  JSON = 'JSON',
}
registerEnumType(DataExportFormat, {
  name: 'DataExportFormat',
  description: 'CSV (UTF-8, a header row), XLSX (one worksheet, a header row) or JSON (an array of the nodes as the query selected them).',
});

export enum DataExportState {
  QUEUED = 'QUEUED',
  RUNNING = 'RUNNING',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
  CANCELED = 'CANCELED',
}
registerEnumType(DataExportState, { name: 'DataExportState' });

/** Whether an export in this state is still to finish (and can be canceled). */
export const isActive = (state: DataExportState) => state === DataExportState.QUEUED || state === DataExportState.RUNNING;

@Entity({ name: 'data_exports' })
@ObjectType('DataExport', {
  description: 'A list of the graph exported to a file (CSV, XLSX or JSON) by a job acting for its creator; only its creator sees it.',
})
@Directive('@key(fields: "id")')
export class DataExport extends NodeEntity('DataExport') {
  @Column('uuid')
  orgId!: string;

  @Field({ description: 'Also the file’s name (with the format’s extension).' })
  @Column('text')
  name!: string;

  @Field(() => DataExportFormat)
  @Column('text')
  format!: DataExportFormat;

  @Field(() => DataExportState)
  @Column('text')
  state!: DataExportState;

  @Field({ description: 'The query exported, as it was given.' })
  @Column('text')
  query!: string;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Its variables (filters, ordering), as they were given.' })
  @Column('jsonb', { nullable: true })
  variables!: Record<string, unknown> | null;

  @Field(() => [String], { description: 'The columns (CSV, XLSX): the leaf fields of the node selection, nested ones as `assignee.name`.' })
  @Column('text', { array: true })
  columns!: string[];

  @Field(() => Int, { description: 'Rows written so far (updated every few thousand rows while RUNNING), all of them once SUCCEEDED.' })
  @Column('integer', { default: 0 })
  rowsExported!: number;

  /** The File's global id once stored. */
  @Column('text', { nullable: true })
  fileId!: string | null;

  @Column('text', { nullable: true })
  errorCode!: string | null;

  @Column('text', { nullable: true })
  errorDetail!: string | null;

  @Column('uuid')
  createdBy!: string;

  @Field(() => GraphQLDateTimeISO, { nullable: true })
  @Column('timestamptz', { nullable: true })
  startedAt!: Date | null;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'When it SUCCEEDED, FAILED or was CANCELED.' })
  @Column('timestamptz', { nullable: true })
  finishedAt!: Date | null;

  @Field(() => GraphQLDateTimeISO)
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Field(() => GraphQLDateTimeISO)
  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
