import { GraphQLDateTimeISO, GraphQLJSONObject, toGlobalId } from '@cellgraph/kernel';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { RichTextDoc } from './rich-text.js';

/** One saved version of a note's title and body (kept for every save, never changed). */
@Entity({ name: 'note_revisions' })
@ObjectType('NoteRevision', { description: 'A saved version of a note: its title and body at that save.' })
export class NoteRevision {
  @PrimaryColumn('uuid')
  id!: string;

  @Field(() => ID, { name: 'id', description: 'Opaque global id.' })
  get globalId(): string {
    return toGlobalId('NoteRevision', this.id);
  }

  @Column('uuid')
  orgId!: string;

  @Column('uuid')
  noteId!: string;

  @Field(() => Int)
  @Column('int')
  number!: number;

  @Field()
  @Column('text')
  title!: string;

  @Field(() => GraphQLJSONObject)
  @Column('jsonb')
  body!: RichTextDoc;

  @Field()
  @Column('text')
  text!: string;

  @Column('uuid')
  authorId!: string;

  @Field(() => GraphQLDateTimeISO)
  @Column('timestamptz', { default: () => 'clock_timestamp()' })
  createdAt!: Date;
}
