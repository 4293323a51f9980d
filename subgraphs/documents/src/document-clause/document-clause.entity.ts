import { GraphQLDateTimeISO, toGlobalId } from '@cellgraph/kernel';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A clause of the library inserted in a document (its section `data-field="clause:<clause id>"` in the content). */
@Entity({ name: 'document_clauses' })
@ObjectType('DocumentClause', { description: 'A clause inserted in a document: the version it uses, its place, and the document’s own text when overridden.' })
export class DocumentClause {
  @PrimaryColumn('uuid')
  id!: string;

  @Field(() => ID, { name: 'id', description: 'Opaque global id.' })
  get globalId(): string {
    return toGlobalId('DocumentClause', this.id);
  }

  @Column('uuid')
  orgId!: string;

  @Column('uuid')
  documentId!: string;

  @Column('uuid')
  clauseId!: string;

  @Field(() => Int, { description: 'The clause version whose text it holds (unless overridden).' })
  @Column('int')
  version!: number;

  @Field(() => Int, { description: 'Its index among the document’s clauses (0 first), in content order.' })
  @Column('int')
  position!: number;

  /** The document's own text (sanitized HTML), or null when it holds the version's. */
  @Column('text', { nullable: true })
  overrideBody!: string | null;

  @Field(() => GraphQLDateTimeISO)
  @Column('timestamptz', { default: () => 'now()' })
  createdAt!: Date;

  @Field(() => GraphQLDateTimeISO)
  @Column('timestamptz', { default: () => 'now()' })
  updatedAt!: Date;

  /** Loaded with the row: the used version's body and the clause's current version. */
  versionBody?: string;
  latestVersion?: number;

  @Field({ description: 'Whether the document holds its own text instead of the version’s.' })
  get overridden(): boolean {
    return this.overrideBody !== null;
  }

  @Field({ description: 'The text in the document: its own when overridden, else the version’s (sanitized HTML).' })
  get body(): string {
    return this.overrideBody ?? this.versionBody ?? '';
  }

  @Field(() => Int, { description: 'The clause’s current version: newer than `version` when a refresh would change the text.' })
  get currentVersion(): number {
    return this.latestVersion ?? this.version;
  }
}
