import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An upload begun and not yet completed: its bytes count towards the quota until then. */
@Entity({ name: 'uploads' })
export class Upload {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  orgId!: string;

  @Column('text')
  name!: string;

  @Column('text')
  contentType!: string;

  @Column('bigint', { transformer: { to: (value: number) => value, from: (value: string) => Number(value) } })
  size!: number;

  @Column('text')
  storageKey!: string;

  @Column('text', { nullable: true })
  aboutId!: string | null;

  /** The folder the file goes to (uuid); null: the top level. */
  @Column('uuid', { nullable: true })
  folderId!: string | null;

  @Column('uuid')
  uploadedBy!: string;

  @Column('timestamptz')
  abandonedAt!: Date;
}
