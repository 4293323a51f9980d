import { GraphQLDateTimeISO, NodeEntity } from '@cellgraph/kernel';
import { Directive, Field, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, DeleteDateColumn, Entity, UpdateDateColumn } from 'typeorm';

@Entity({ name: 'folders' })
@ObjectType('Folder', {
  description:
    'A folder of files (and folders). A tree of folders belongs to the creator of its top-level folder, who reads it with the organization’s owners and admins.',
})
@Directive('@key(fields: "id")')
export class Folder extends NodeEntity('Folder') {
  @Column('uuid')
  orgId!: string;

  @Field({ description: 'Its name (sanitized like a file name), unique among the folders of its parent, whatever the case.' })
  @Column('text')
  name!: string;

  /** The parent folder's uuid; null at the top level. */
  @Column('uuid', { nullable: true })
  parentId!: string | null;

  /** Who the tree belongs to: the creator of its top-level folder (with owners and admins, its readers). */
  @Column('uuid')
  ownerId!: string;

  @Column('uuid')
  createdBy!: string;

  @Field(() => GraphQLDateTimeISO)
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Field(() => GraphQLDateTimeISO)
  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @DeleteDateColumn({ type: 'timestamptz' })
  deletedAt!: Date | null;

  /** In the trash: the folder whose deletion took this one along (its own id for that folder). */
  @Column('uuid', { nullable: true })
  trashedWith!: string | null;
}
