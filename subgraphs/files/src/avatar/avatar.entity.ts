import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A member's avatar in one organization: an image file of that organization (files.avatars). */
@Entity({ name: 'avatars' })
export class Avatar {
  @PrimaryColumn('uuid')
  orgId!: string;

  @PrimaryColumn('uuid')
  userId!: string;

  @Column('uuid')
  fileId!: string;

  /** Who set it: the user, or an administrator of the organization. */
  @Column('uuid')
  setBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  setAt!: Date;
}
