import { GraphQLDateTimeISO, NodeEntity } from '@cellgraph/kernel';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, DeleteDateColumn, Entity, UpdateDateColumn } from 'typeorm';

/** bigint columns arrive as strings; sizes stay far below 2^53. */
const bigintAsNumber = { to: (value: number) => value, from: (value: string | null) => (value === null ? null : Number(value)) };

@Entity({ name: 'files' })
@ObjectType('File', { description: 'A stored file: visible once its upload completed and the store confirmed it.' })
@Directive('@key(fields: "id")')
export class File extends NodeEntity('File') {
  @Column('uuid')
  orgId!: string;

  @Field({ description: 'Its name as uploaded (sanitized); downloads carry it.' })
  @Column('text')
  name!: string;

  @Field({ description: 'Its media type, e.g. image/png.' })
  @Column('text')
  contentType!: string;

  @Field(() => Number, { description: 'Bytes.' })
  @Column('bigint', { transformer: bigintAsNumber })
  size!: number;

  @Field({ description: 'SHA-256 of the content (hex), computed by the server.' })
  @Column('text')
  checksum!: string;

  @Field(() => Int, { nullable: true, description: 'Pixels, for images (read by the server).' })
  @Column('integer', { nullable: true })
  width!: number | null;

  @Field(() => Int, { nullable: true })
  @Column('integer', { nullable: true })
  height!: number | null;

  /** `org/<orgId>/<uuid>`: never shown to clients. */
  @Column('text')
  storageKey!: string;

  /** Global id of the object it is attached to (that object's readers read the file). */
  @Field(() => ID, { nullable: true, description: 'The global id of the object it is attached to (`about` is that object).' })
  @Column('text', { nullable: true })
  aboutId!: string | null;

  /** The folder it is in (uuid); null at the top level. */
  @Column('uuid', { nullable: true })
  folderId!: string | null;

  /** In the trash with a folder: that folder (restoring the folder brings the file back). */
  @Column('uuid', { nullable: true })
  trashedWith!: string | null;

  @Column('uuid')
  uploadedBy!: string;

  @Field(() => GraphQLDateTimeISO)
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Field(() => GraphQLDateTimeISO)
  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @DeleteDateColumn({ type: 'timestamptz' })
  deletedAt!: Date | null;
}
