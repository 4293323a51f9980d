import { GraphQLDateTimeISO, NodeEntity } from '@cellgraph/kernel';
import { Directive, Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, DeleteDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { ColumnMapping, RowError } from '../mapping/field-values.js';

export enum DataImportStatus {
  /** The file is read: its headers and rows are known; map the columns next. */
  UPLOADED = 'UPLOADED',
  /** Columns mapped to fields: the preview shows the rows as they would be created. */
  MAPPED = 'MAPPED',
  /** The job creates the rows. */
  RUNNING = 'RUNNING',
  COMPLETED = 'COMPLETED',
  /** The job stopped before every row was done (see failureReason). */
  FAILED = 'FAILED',
  CANCELED = 'CANCELED',
}
registerEnumType(DataImportStatus, { name: 'DataImportStatus' });

export enum DataImportFormat {
  CSV = 'CSV',
  XLSX = 'XLSX',
}
registerEnumType(DataImportFormat, { name: 'DataImportFormat' });

@Entity({ name: 'data_imports' })
@ObjectType('DataImport', { description: 'An import of rows of a spreadsheet (CSV or XLSX) as objects of one type (contacts, deals, tasks, …).' })
@Directive('@key(fields: "id")')
export class DataImport extends NodeEntity('DataImport') {
  @Column('uuid')
  orgId!: string;

  @Field({ description: 'The type imported (Contact, Deal, Task, …): one of `dataImportTypes`.' })
  @Column('text')
  type!: string;

  @Field(() => DataImportStatus)
  @Column('text')
  status!: DataImportStatus;

  /** The uploaded File's global id. */
  @Column('text')
  fileId!: string;

  @Field({ description: 'The uploaded file’s name.' })
  @Column('text')
  fileName!: string;

  @Field(() => DataImportFormat)
  @Column('text')
  format!: DataImportFormat;

  @Field(() => [String], { description: 'The file’s column headers (its first row).' })
  @Column('jsonb')
  headers!: string[];

  @Field(() => Int, { description: 'Rows after the headers (empty rows left out).' })
  @Column('int')
  rowCount!: number;

  /** The confirmed mapping (empty until `dataImportMap`). */
  @Column('jsonb')
  mapping!: ColumnMapping[];

  @Field(() => Int, { description: 'Rows done so far (created, skipped or failed).' })
  @Column('int')
  processedRows!: number;

  @Field(() => Int)
  @Column('int')
  createdRows!: number;

  @Field(() => Int, { description: 'Rows that already exist (e.g. a contact with the same e-mail).' })
  @Column('int')
  skippedRows!: number;

  @Field(() => Int, { description: 'Rows refused (invalid values, the module’s rules, permissions).' })
  @Column('int')
  failedRows!: number;

  /** The report of skipped and failed rows (a File's global id). */
  @Column('text', { nullable: true })
  reportFileId!: string | null;

  /** Why the job stopped (FAILED): a message id of the imports catalog. */
  @Column('text', { nullable: true })
  failureReason!: string | null;

  @Column('uuid')
  createdBy!: string;

  @Field(() => GraphQLDateTimeISO)
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Field(() => GraphQLDateTimeISO)
  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @Field(() => GraphQLDateTimeISO, { nullable: true })
  @Column('timestamptz', { nullable: true })
  startedAt!: Date | null;

  @Field(() => GraphQLDateTimeISO, { nullable: true })
  @Column('timestamptz', { nullable: true })
  finishedAt!: Date | null;

  @DeleteDateColumn({ type: 'timestamptz' })
  deletedAt!: Date | null;
}

export enum RowOutcome {
  PENDING = 'PENDING',
  CREATED = 'CREATED',
  SKIPPED = 'SKIPPED',
  FAILED = 'FAILED',
}

/** One row of an import's file, kept until the import is purged: the job's work list and the report's source. */
@Entity({ name: 'data_import_rows' })
export class DataImportRow {
  @PrimaryColumn('uuid')
  importId!: string;

  /** 1 for the first row after the headers. */
  @PrimaryColumn('int')
  rowNumber!: number;

  @Column('uuid')
  orgId!: string;

  @Column('jsonb')
  cells!: string[];

  @Column('text')
  outcome!: RowOutcome;

  @Column('jsonb')
  errors!: RowError[];

  /** The created (or, skipped, existing) object's global id. */
  @Column('text', { nullable: true })
  resultId!: string | null;
}
