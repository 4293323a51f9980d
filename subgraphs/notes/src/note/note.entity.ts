import { GraphQLDateTimeISO, GraphQLJSONObject, NodeEntity } from '@cellgraph/kernel';
import { Directive, Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, DeleteDateColumn, Entity, UpdateDateColumn } from 'typeorm';
import type { RichTextDoc } from './rich-text.js';

/** Who may read a note besides its author (the author alone edits it). */
export enum NoteVisibility {
  PRIVATE = 'private',
  TEAM = 'team',
  ORGANIZATION = 'organization',
  USERS = 'users',
}
registerEnumType(NoteVisibility, {
  name: 'NoteVisibility',
  description: 'Who reads a note besides its author.',
  valuesConfig: {
    PRIVATE: { description: 'The author only (not even owners and admins).' },
    TEAM: { description: 'The members of its team.' },
    ORGANIZATION: { description: 'Every member of the organization (owners, admins, members; not guests).' },
    USERS: { description: 'The users it is shared with (sharedWith).' },
  },
});

@Entity({ name: 'notes' })
@ObjectType('Note', { description: 'A rich-text note a person writes, private by default, shareable and linkable to any object.' })
@Directive('@key(fields: "id")')
export class Note extends NodeEntity('Note') {
  @Column('uuid')
  orgId!: string;

  @Field()
  @Column('text')
  title!: string;

  @Field(() => GraphQLJSONObject, { description: 'The sanitized Tiptap/ProseMirror document: { type: "doc", content: [...] }.' })
  @Column('jsonb')
  body!: RichTextDoc;

  @Field({ description: 'The plain text of the body (search, previews).' })
  @Column('text')
  text!: string;

  @Column('uuid')
  authorId!: string;

  @Field(() => NoteVisibility)
  @Column('text')
  visibility!: NoteVisibility;

  @Column('uuid', { nullable: true })
  teamId!: string | null;

  @Column('uuid', { array: true, default: () => "'{}'" })
  sharedWithIds!: string[];

  @Column('text', { array: true, default: () => "'{}'" })
  aboutIds!: string[];

  @Field()
  @Column('boolean', { default: false })
  pinned!: boolean;

  @Field(() => GraphQLDateTimeISO, { nullable: true })
  @Column('timestamptz', { nullable: true })
  archivedAt!: Date | null;

  @Field(() => Int, { description: 'The current revision number (starts at 1).' })
  @Column('int', { default: 1 })
  revision!: number;

  @Field(() => GraphQLDateTimeISO)
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Field(() => GraphQLDateTimeISO)
  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'When it went to the trash (null while it is not there).' })
  @DeleteDateColumn({ type: 'timestamptz' })
  deletedAt!: Date | null;
}
