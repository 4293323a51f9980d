import { GraphQLDateTimeISO, GraphQLJSONObject, NodeEntity } from '@cellgraph/kernel';
import { Directive, Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, DeleteDateColumn, Entity, UpdateDateColumn } from 'typeorm';
import { TaskStatus } from '../task/task.entity.js';

export enum BoardViewType {
  KANBAN = 'kanban',
  LIST = 'list',
  CALENDAR = 'calendar',
  GANTT = 'gantt',
}
registerEnumType(BoardViewType, { name: 'BoardViewType', description: 'How the board is shown; the data is the same.' });

@Entity({ name: 'boards' })
@ObjectType('Board', { description: 'A board of tasks, in columns.' })
@Directive('@key(fields: "id")')
export class Board extends NodeEntity('Board') {
  @Column('uuid') orgId!: string;
  @Field() @Column('text') name!: string;
  @Field(() => BoardViewType) @Column('text') viewType!: BoardViewType;
  @Field(() => GraphQLJSONObject, { description: 'Free-form settings of the view.' }) @Column('jsonb', { default: {} }) config!: Record<string, unknown>;
  @Column('uuid') createdBy!: string;
  @Field(() => GraphQLDateTimeISO) @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
  @DeleteDateColumn({ type: 'timestamptz' }) deletedAt!: Date | null;
}

@Entity({ name: 'columns' })
@ObjectType('BoardColumn', { description: 'A column of a board; moving a task into it sets its status when the column has one.' })
export class BoardColumn extends NodeEntity('BoardColumn') {
  @Column('uuid') orgId!: string;
  @Column('uuid') boardId!: string;
  @Field() @Column('text') name!: string;
  @Field({ description: 'Order of the column on its board.' }) @Column('text') position!: string;
  @Field(() => String, { nullable: true, description: 'Colour as #rrggbb.' }) @Column('text', { nullable: true }) color!: string | null;
  @Field(() => Int, { nullable: true, description: 'Work-in-progress limit: moves beyond it are refused.' }) @Column('int', { nullable: true }) wipLimit!:
    number | null;
  @Field(() => TaskStatus, { nullable: true, description: 'Status a task takes when moved here.' })
  @Column('text', { nullable: true })
  status!: TaskStatus | null;
  @Field(() => GraphQLDateTimeISO) @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
