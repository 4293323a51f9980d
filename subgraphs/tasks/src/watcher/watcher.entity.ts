import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A user who follows a task: they receive its events as notifications. */
@Entity({ name: 'watchers' })
export class TaskWatcher {
  @PrimaryColumn('uuid') taskId!: string;
  @PrimaryColumn('uuid') userId!: string;
  @Column('uuid') orgId!: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
