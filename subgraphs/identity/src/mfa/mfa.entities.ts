import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A user's TOTP factor: the seed encrypted; enabled once a first code was confirmed. */
@Entity({ name: 'mfa_factors' })
export class MfaFactor {
  @PrimaryColumn('uuid') userId!: string;
  @Column('text') secretSealed!: string;
  @Column('timestamptz', { nullable: true }) enabledAt!: Date | null;
  /** Time step of the last accepted code (a code works once). */
  @Column('bigint', { nullable: true, transformer: { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) } })
  lastUsedStep!: number | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}

@Entity({ name: 'mfa_backup_codes' })
export class MfaBackupCode {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') userId!: string;
  @Column('text') codeDigest!: string;
  @Column('timestamptz', { nullable: true }) usedAt!: Date | null;
}
