import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A signed-in device: refresh tokens rotate within it; signing out revokes it. */
@Entity({ name: 'sessions' })
export class SessionRecord {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') userId!: string;
  /** The organization the session acts in. */
  @Column('uuid', { nullable: true }) orgId!: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @Column('timestamptz') expiresAt!: Date;
  @Column('timestamptz', { nullable: true }) revokedAt!: Date | null;
}

/** One refresh token of a session; `usedAt` is set when it was exchanged (rotated). */
@Entity({ name: 'refresh_tokens' })
export class RefreshToken {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') sessionId!: string;
  @Column('uuid') userId!: string;
  @Column('text') tokenHash!: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @Column('timestamptz') expiresAt!: Date;
  @Column('timestamptz', { nullable: true }) usedAt!: Date | null;
}

@Entity({ name: 'password_resets' })
export class PasswordReset {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') userId!: string;
  @Column('text') tokenHash!: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @Column('timestamptz') expiresAt!: Date;
  @Column('timestamptz', { nullable: true }) usedAt!: Date | null;
}
